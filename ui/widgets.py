"""Widgets shared by the pages: the sidebar filters, passages, the feature card, the share link.

Text that comes from sources, data or the URL is rendered through ``geo.highlight`` (escaped) and
``st.html``/``st.text``, never through Markdown, so nothing in it is interpreted.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from geo.describe import Card, country_name, feature_card, latest_events, overview
from geo.filter import View, events_of, filter_atlas, passages_mentioning
from geo.highlight import highlight_html, markdown_literal, safe_text, safe_url
from geo.load import Atlas
from geo.model import KINDS, STATUSES
from geo.urlstate import ViewState, share_url
from ui import state as S

CSS = """
<style>
mark.mention { background: #ffe08a; padding: 0 2px; border-radius: 3px; }
mark.hit { background: #b8e2ff; padding: 0 2px; border-radius: 3px; }
.ca-passage { border-left: 4px solid #d0d4da; padding: 0.3rem 0.7rem; margin: 0.2rem 0 0.6rem 0;
  overflow-wrap: anywhere;
  font-size: 0.95rem; line-height: 1.45; }
.ca-meta { color: #555; font-size: 0.82rem; margin-bottom: 0.1rem; }
.ca-meta a { color: #1a5fb4; }
.ca-legend { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 14px;
  font-size: 0.8rem; color: #333; }
.ca-legend h4 { margin: 0; padding: 0; font-size: 0.8rem; font-weight: 600; flex-basis: 100%; }
.ca-legend div { display: inline-flex; align-items: center; gap: 5px; }
</style>
"""


def inject_css() -> None:
    st.html(CSS)


def project_names(atlas: Atlas) -> dict[str, str]:
    projects = sorted(set(atlas.features["project"]) - {""})
    return {p: atlas.props[p].name if p in atlas.props else p for p in projects}


def sidebar_filters(atlas: Atlas) -> None:
    """The filters; their values live in st.session_state under the keys of ``ui.state``."""
    f = atlas.features
    countries = sorted(
        {c for cs in f["countries"] for c in cs} | {c for cs in f["crossed"] for c in cs},
        key=country_name,
    )
    names = project_names(atlas)
    sb = st.sidebar
    sb.text_input(
        "Search passages",
        key=S.K_QUERY,
        placeholder='e.g. tunnel, "dry port", 霍尔果斯',
        help="All words must occur; put a phrase in quotes. Chinese works too.",
    )
    sb.multiselect(
        "Country",
        countries,
        key=S.K_COUNTRY,
        format_func=country_name,
        help="A route matches when it crosses the country; a site when it lies in it.",
    )
    sb.multiselect("Project", list(names), key=S.K_PROJECT, format_func=names.get)
    sb.multiselect(
        "Kind",
        [k for k in KINDS if k in set(f["kind"])],
        key=S.K_KIND,
        format_func=lambda k: k.replace("_", " "),
    )
    sb.multiselect(
        "Status",
        [s for s in STATUSES if s in set(f["status"])],
        key=S.K_STATUS,
        format_func=lambda s: s.replace("_", " "),
    )
    sb.multiselect(
        "Source",
        list(atlas.sources),
        key=S.K_SOURCE,
        format_func=lambda s: f"{atlas.sources[s].publisher}, {atlas.sources[s].published}",
    )
    if len(atlas.events):
        lo = atlas.events["start"].min().date()
        hi = atlas.events["end"].max().date()
        c1, c2 = sb.columns(2)
        c1.date_input(
            "Events from",
            key=S.K_FROM,
            min_value=lo.replace(year=lo.year - 5),
            max_value=hi.replace(year=hi.year + 5),
            format="YYYY-MM-DD",
        )
        c2.date_input(
            "to",
            key=S.K_TO,
            min_value=lo.replace(year=lo.year - 5),
            max_value=hi.replace(year=hi.year + 5),
            format="YYYY-MM-DD",
        )
    sb.button("Clear all", on_click=S.clear_filters, width="stretch")


def show_notices() -> None:
    for n in S.notices():
        st.warning(markdown_literal(n), icon="⚠️")


def share_link(state: ViewState) -> None:
    base = st.context.url or ""
    base = base.split("?")[0]
    url = share_url(base, state) if base else "?" + share_url("", state).lstrip("?")
    st.html(
        f'<div class="ca-meta">Share this view: <a id="share-link" href="{html.escape(url)}" '
        f'target="_self">{safe_text(url)}</a></div>'
    )


def external_link(url: str, label: str) -> str:
    """An ``<a>`` to a checked http(s) ``url`` that opens in a new tab."""
    return (
        f'<a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">'
        f"{safe_text(label)}</a>"
    )


def source_line(atlas: Atlas, source_id: str) -> str:
    """Escaped HTML: title — publisher, date, with a link to the original."""
    m = atlas.sources[source_id]
    url = safe_url(m.url)
    title = safe_text(m.title)
    link = f" · {external_link(url, 'original')}" if url else ""
    return f"<b>{title}</b> — {safe_text(m.publisher)}, {safe_text(m.published)}{link}"


def passage_block(
    atlas: Atlas,
    source_id: str,
    index: int,
    text: str,
    spans: list[tuple[int, int]],
    css_class: str = "mention",
) -> str:
    return (
        f'<div class="ca-meta">{source_line(atlas, source_id)} · ¶{index + 1}</div>'
        f'<div class="ca-passage">{highlight_html(text, spans, css_class)}</div>'
    )


def card_details(c: Card) -> None:
    """The feature's facts, where its coordinates come from, and its description."""
    rows = [
        ("Kind", c.kind),
        ("Project", c.project_name),
        ("Status", f"{c.status} (as of {c.status_as_of})"),
        ("Countries", ", ".join(c.countries)),
    ]
    if c.length_km is not None:
        rows.append(("Length", f"{c.length_km:,.0f} km (geodesic, along the drawn geometry)"))
    if c.crossed_km:
        crossed = "; ".join(f"{n} {km:,.0f} km" for n, km in c.crossed_km)
        if c.water_km >= 1:
            crossed += f"; open water {c.water_km:,.0f} km"
        rows.append(("Crosses", crossed))
    rows.append(
        (
            "Geometry",
            c.geometry_quality
            + (
                " — drawn through waypoints, not surveyed"
                if c.geometry_quality == "schematic"
                else ""
            ),
        )
    )
    body = "".join(
        f"<tr><th style='text-align:left;padding-right:0.8rem'>{safe_text(k)}</th>"
        f"<td>{safe_text(v)}</td></tr>"
        for k, v in rows
    )
    st.html(f"<table class='ca-card'>{body}</table>")
    src_url = safe_url(c.geometry_source_url)
    st.html(
        f"<div class='ca-meta'>Coordinates: {safe_text(c.geometry_source)}"
        + (f" · {external_link(src_url, 'source')}" if src_url else "")
        + "</div>"
        + f"<div class='ca-meta'>Status evidence: {safe_text(c.status_evidence)}</div>"
        + f"<p>{safe_text(c.description)}</p>"
    )
    if c.aliases:
        with st.expander("Names in other languages and spellings"):
            st.html(
                "".join(
                    f"<div><b>{safe_text(lang)}</b>: {safe_text(', '.join(names))}</div>"
                    for lang, names in c.aliases.items()
                )
            )


def events_table(atlas: Atlas, events: pd.DataFrame, key: str) -> None:
    """A compact list of events; each row's button selects it."""
    for ev in events.itertuples(index=False):
        cols = st.columns([1, 4])
        cols[0].text(ev.date)
        target = ev.features[0] if len(ev.features) else None
        cols[1].button(
            markdown_literal(ev.title),
            key=f"{key}-{ev.id}",
            on_click=S.select,
            args=(target, ev.id),
            help="Show this event's evidence" + (" and its place on the map" if target else ""),
            type="tertiary",
        )


def event_evidence(atlas: Atlas, ev: pd.Series) -> None:
    """An event's date, title and its evidence passage with the date and quote highlighted."""
    p = atlas.passages.set_index("passage_id").loc[ev["passage_id"]]
    st.html(
        f"<div><b>{safe_text(ev['date'])}</b> ({safe_text(ev['precision'])}) — "
        f"{safe_text(ev['title'])}</div>"
        + passage_block(
            atlas,
            ev["source"],
            int(p["index"]),
            p["text"],
            [(int(ev["evidence_start"]), int(ev["evidence_end"]))],
        )
    )


def search_results(atlas: Atlas, query: str, limit: int = 30) -> None:
    """Passages matching the search, words highlighted, each with buttons for its features."""
    from ui.state import search_index

    hits = search_index(atlas).search(query)
    st.markdown(f"**{len(hits)} passage(s) match the search**")
    by_id = atlas.passages.set_index("passage_id")
    for hit in hits[:limit]:
        p = by_id.loc[hit.key]
        st.html(
            passage_block(
                atlas, p["source"], int(p["index"]), p["text"], list(hit.spans), css_class="hit"
            )
        )
        mentioned = atlas.mentions.loc[atlas.mentions["passage_id"] == hit.key, "feature"]
        for fid in dict.fromkeys(mentioned):
            st.button(
                f"Show {markdown_literal(atlas.props[fid].name)}",
                key=f"hit-{hit.key}-{fid}",
                on_click=S.select,
                args=(fid,),
                type="tertiary",
            )
    if len(hits) > limit:
        st.caption(f"Showing the first {limit} of {len(hits)}; add words to narrow the search.")
    st.divider()


def selection_panel(atlas: Atlas, feature_id: str, state: ViewState) -> None:
    """The selected feature: a one-line summary, then its passages, details and events."""
    c = feature_card(atlas, feature_id)
    st.subheader(markdown_literal(c.name), anchor=False)  # Markdown: the name shows as written
    facts = [c.kind, c.status]
    if c.length_km is not None:
        facts.append(f"{c.length_km:,.0f} km")
    facts.append(", ".join(c.countries))
    st.html(f"<div class='ca-meta'>{safe_text(' · '.join(facts))}</div>")
    st.button("Clear selection", on_click=S.select, args=(None,), key="clear-sel")
    if state.event in set(atlas.events["id"]):
        st.markdown("**Selected event**")
        event_evidence(atlas, atlas.events.set_index("id").loc[state.event])
    passages = passages_mentioning(atlas, feature_id, state.filters.sources)
    own = events_of(atlas, feature_id)
    tab_p, tab_d, tab_e = st.tabs(
        [f"Passages ({len(passages)})", "Details", f"Events ({len(own)})"]
    )
    with tab_p:
        if len(passages):
            st.markdown(f"**{len(passages)} passage(s) mention it**")
        else:
            st.caption("No passage of the sources mentions it yet.")
        for p in passages.itertuples(index=False):
            st.html(passage_block(atlas, p.source, p.index, p.text, p.spans))
    with tab_d:
        card_details(c)
    with tab_e:
        if len(own):
            events_table(atlas, own, key="own")
        else:
            st.caption("No dated event concerns it yet.")


def overview_panel(atlas: Atlas, view: View, state: ViewState) -> None:
    """With nothing selected: counts of what is in view and the latest events."""
    counts = list(overview(view).items())
    for row in (counts[:3], counts[3:]):  # two rows: five metrics side by side truncate "10,000"
        for col, (label, n) in zip(st.columns(3), row, strict=False):
            col.metric(label.capitalize(), f"{n:,}")
    if state.event in set(atlas.events["id"]):
        st.markdown("**Selected event**")
        event_evidence(atlas, atlas.events.set_index("id").loc[state.event])
    st.markdown("**Latest events**")
    events_table(atlas, latest_events(view), key="latest")
    st.caption(
        "Click a route or a site on the map, an event on the timeline, or a search result "
        "to see the passages behind it."
    )


def filtered_page(title: str) -> tuple[Atlas, ViewState, View]:
    """The start of a page with the sidebar filters: page settings, the atlas (or its error
    page), the view restored from the URL on a session's first run, mirrored back to the URL
    after the widgets, and the atlas filtered to it."""
    st.set_page_config(page_title=title, page_icon="🛤️", layout="wide")
    inject_css()
    atlas = S.atlas_or_stop()
    S.read_url_once(atlas)
    sidebar_filters(atlas)
    state = S.current_state(atlas)
    S.write_url(state)
    return atlas, state, filter_atlas(atlas, state.filters)

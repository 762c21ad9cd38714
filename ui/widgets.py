"""Widgets shared by the pages: the sidebar filters, passages, the feature card, events, the share
link.

Text that comes from sources, data or the URL is rendered through ``geo.highlight`` (escaped) and
``st.html``/``st.text``, never through Markdown, so nothing in it is interpreted.
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import streamlit as st

from geo.asof import draw_class
from geo.describe import Card, length_label
from geo.figures import MetricGroup
from geo.filter import event_target
from geo.highlight import highlight_html, markdown_literal, safe_href, safe_text, safe_url
from geo.load import Atlas
from geo.phases import PhaseBar
from geo.screen import Corridor, EventPart, InView, SearchPart, Selection
from geo.search import EXAMPLES
from geo.speakers import SpeakerCard, SpeakerLabel
from geo.urlstate import PARAMS, Param, ViewState, link_with, share_url
from ui import data
from ui import state as S

CSS = """
<style>
mark.mention { background: #ffe08a; padding: 0 2px; border-radius: 3px; }
mark.hit { background: #b8e2ff; padding: 0 2px; border-radius: 3px; }
mark.said { background: #d7f0cf; padding: 0 2px; border-radius: 3px; }
/* Marks are told from the text by an underline too, not by colour alone. */
mark.mention, mark.hit, mark.said { color: inherit; box-shadow: inset 0 -2px rgba(0, 0, 0, 0.55); }
a mark.mention { box-shadow: none; }  /* a link's own underline marks it */
/* Section headings that fit a phone: a source's long title is one, the timeline another. */
[data-testid="stHeading"] h2 { font-size: 1.75rem; }
@media (max-width: 640px) {
  [data-testid="stHeading"] h1 { font-size: 2.2rem; }
  [data-testid="stHeading"] h2 { font-size: 1.4rem; }
}
/* A slider's hidden range input follows its thumb past the right edge: clip it (a phone would
   scroll sideways), keeping room for the thumb itself. */
[data-testid="stSlider"] { overflow-x: clip; overflow-clip-margin: 12px; }
/* The timeline's tooltip fits on either side of the finger on a phone: it wraps instead of
   running off the screen (the tooltip is placed beside the pointer, not clamped). */
@media (max-width: 640px) {
  #vg-tooltip-element { max-width: 44vw !important; }
  #vg-tooltip-element td.value { white-space: normal !important; overflow-wrap: anywhere;
    max-width: none !important; }
}
/* Captions and inline code at 4.5:1 or more on white and on the sidebar (WCAG 1.4.3). */
[data-testid="stCaptionContainer"] { opacity: 1; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #5f6670; }
:not(pre) > code { color: #1b5e34; }
.ca-h2 { font-size: 1.15rem; font-weight: 600; margin: 0.5rem 0 0.1rem 0; padding: 0; }
.st-key-panel h2 { font-size: 1.45rem; padding-top: 0.2rem; }
.ca-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
/* What the keyboard or a choice brings into view is not left under Streamlit's top bar. */
#ca-panel, #ca-evidence { scroll-margin-top: 4.5rem; }
.ca-skip { position: absolute; left: -10000px; }
.ca-skip:focus { position: static; display: inline-block; padding: 0.3rem 0.6rem;
  background: #0072B2; color: #fff; border-radius: 4px; }
/* The lists of corridors and events: whole text, wrapped and left aligned, never cut off. */
.st-key-corridors button, [class*="st-key-events-"] button { width: 100%;
  justify-content: flex-start; text-align: left; min-height: 0; padding: 0.15rem 0; }
.st-key-corridors button p, [class*="st-key-events-"] button p { white-space: normal;
  text-align: left; }
.st-key-corridors button p { line-height: 1.35; }
/* The panel scrolls beside the map on a wide screen; on a phone it follows the map. */
@media (min-width: 640px) { .st-key-panel { max-height: 620px; overflow-y: auto; } }
/* On a phone the counts stay three to a row instead of one tall column. */
@media (max-width: 640px) {
  .st-key-counts [data-testid="stHorizontalBlock"] { flex-wrap: nowrap; }
  .st-key-counts [data-testid="stColumn"] { min-width: 0; width: 33%; flex: 1 1 0; }
}
.ca-passage { border-left: 4px solid #d0d4da; padding: 0.3rem 0.7rem; margin: 0.2rem 0 0.6rem 0;
  overflow-wrap: anywhere;
  font-size: 0.95rem; line-height: 1.45; }
.ca-meta { color: #555; font-size: 0.82rem; margin-bottom: 0.1rem; }
.ca-meta a { color: #1a5fb4; }
.ca-legend { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 14px;
  font-size: 0.8rem; color: #333; }
.ca-legend h3 { margin: 0; padding: 0; font-size: 0.8rem; font-weight: 600; flex-basis: 100%; }
.ca-legend div { display: inline-flex; align-items: center; gap: 5px; }
.ca-change { margin: 0.2rem 0 0.7rem 0; overflow-wrap: anywhere; }
.ca-kind { font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.04em;
  padding: 1px 6px; border-radius: 8px; background: #e8eaee; color: #333; }
.ca-kind-status { background: #fde2cf; }
.ca-kind-event { background: #d6e8f5; }
.ca-kind-figure { background: #dcefe4; }
.ca-phases { margin: 0.3rem 0 0.5rem 0; }
.ca-phasebar { position: relative; height: 14px; background: #eef0f3; border-radius: 3px;
  margin-top: 0.2rem; }
.ca-seg { position: absolute; top: 0; bottom: 0; min-width: 3px; border-radius: 2px; }
.ca-solid { background: #2B2F36; }
.ca-dashed { background: repeating-linear-gradient(90deg, #2B2F36 0 7px, transparent 7px 12px);
  box-shadow: inset 0 0 0 1px #2B2F36; }
.ca-faint { background: #2B2F36; opacity: 0.3; }
.ca-later { opacity: 0.35; }
.ca-asof { position: absolute; top: -3px; bottom: -3px; width: 2px; background: #D55E00; }
.ca-axis { display: flex; justify-content: space-between; font-size: 0.75rem; color: #555; }
.ca-phaselist { margin: 0.2rem 0 0 1.1rem; padding: 0; font-size: 0.85rem; }
.ca-phaselist li.ca-later { opacity: 0.55; }
.ca-swatch { display: inline-block; width: 18px; height: 8px; margin-right: 5px;
  position: relative; border-radius: 2px; }
.ca-figure { margin: 0.2rem 0 0.7rem 0; }
.ca-figure .ca-values { font-size: 1.02rem; }
.ca-figure .ca-flag { color: #9a4d00; font-weight: 600; }
.ca-figure ul { margin: 0.1rem 0 0.1rem 1rem; padding: 0; }
.ca-measured { color: #555; font-style: italic; font-size: 0.85rem; }
</style>
"""


def table(frame: pd.DataFrame, **options) -> None:
    """A read-only table: no index, the page's width, and empty cells blank, not "None"."""
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="", **options)


def inject_css() -> None:
    st.html(CSS)


# ------------------------------------------------------------------------------- sidebar


def _date_bounds(atlas: Atlas, state: ViewState) -> tuple[dt.date, dt.date]:
    """The range the date pickers offer: the events' years widened by five, and the view's own
    dates (a link may name any day)."""
    days = [d for d in (state.date_from, state.date_to) if d]
    if len(atlas.events):
        lo, hi = atlas.events["start"].min().date(), atlas.events["end"].max().date()
        days += [lo.replace(year=lo.year - 5, day=1), hi.replace(year=hi.year + 5, day=1)]
    return (min(days), max(days)) if days else (dt.date(1990, 1, 1), dt.date(2035, 12, 31))


SIDEBAR_WIDGETS = ("search", "multiselect", "date")  # the time slider is on the map page


def _widget(where, p: Param, atlas: Atlas, bounds: tuple[dt.date, dt.date]) -> None:
    """The widget of one view parameter, bound to it through ``ui.state`` (never a value of its
    own)."""
    common = {
        "key": S.widget_key(p),
        "on_change": S.widget_changed,
        "args": (p.key,),
        "help": p.help or None,
    }
    if p.widget == "search":
        where.text_input(p.label, placeholder="e.g. " + ", ".join(EXAMPLES), **common)
    elif p.widget == "multiselect":
        labels = data.vocabulary(atlas).allowed(p.vocab or "")
        where.multiselect(p.label, list(labels), format_func=labels.get, **common)
    elif p.widget == "date":
        where.date_input(
            p.label, min_value=bounds[0], max_value=bounds[1], format="YYYY-MM-DD", **common
        )


def sidebar_filters(atlas: Atlas, state: ViewState) -> None:
    """A widget per view parameter that has one, in the table's order, and "Clear all". Each
    takes the sidebar's width: two date fields side by side cut their dates off."""
    sb = st.sidebar
    bounds = _date_bounds(atlas, state)
    for p in PARAMS:
        if p.widget in SIDEBAR_WIDGETS and p.page is None:
            _widget(sb, p, atlas, bounds)
    sb.button("Clear all", on_click=S.clear_all, width="stretch")


def as_of_note(state: ViewState, shown: InView) -> None:
    """Under the time slider: what a view as of a day shows, and what it hides. Always one
    caption, so that the map below keeps its place in the page (and is not made again)."""
    if state.as_of is None:
        st.caption("Today's atlas. Move the slider or press Play to see it as it was.")
        return
    hidden = (
        f" {shown.later_sources} source(s) published later are hidden from the counts, the "
        "panel and the timeline."
        if shown.later_sources
        else ""
    )
    st.caption(
        f"The map as of {state.as_of:%-d %B %Y}: each feature drawn with the status it had then, "
        "as the sources now tell it (solid: operational; dashed: under construction; faint: "
        f"proposed, agreed or planned; not drawn: not yet proposed).{hidden}"
    )


def show_notices(atlas: Atlas) -> None:
    for n in S.notices():
        st.warning(markdown_literal(n), icon="⚠️")
    made_on = S.made_on()
    groups = data.since_version(atlas, made_on) if made_on else None
    if groups is not None:
        n = sum(len(g.changes) for g in groups)
        with st.expander(f"What changed since this link was made (data version {made_on}): {n}"):
            changes_list(atlas, S.current(), groups, key="since-link")


def page_widget(atlas: Atlas, state: ViewState, p: Param) -> None:
    """The widget of a page's own parameter, in the page (bound like the sidebar's)."""
    _widget(st, p, atlas, _date_bounds(atlas, state))


def changes_list(atlas: Atlas, state: ViewState, groups: list, key: str = "changes") -> None:
    """What changed, by corridor: each change's date, kind and title, its evidence quoted, its
    source, and a link to it on the map (the reader's filters kept)."""
    if not groups:
        st.caption("Nothing changed in what the filters show.")
    for g in groups:
        st.subheader(f"{markdown_literal(g.name)} ({len(g.changes)})", anchor=False)
        blocks = []
        for c in g.changes:
            event = c.ref if c.kind == "event" else None
            target = event_target(atlas, c.ref) if event else (c.feature or c.corridor or None)
            show = link_with("./", state, selected=target, event=event) if target else None
            on_map = f' · <a href="{html.escape(show)}" target="_self">on the map</a>' if show else ""
            url = safe_url(c.url)
            source = (
                f" — {external_link(url, c.source_title)}"
                if url
                else (f" — {safe_text(c.source_title)}" if c.source_title else "")
            )
            quote = (
                f'<div class="ca-passage">“{safe_text(c.evidence)}”{source}</div>'
                if c.kind != "source"
                else f'<div class="ca-meta">{safe_text(c.evidence)}{source}</div>'
            )
            blocks.append(
                f'<div class="ca-change"><span class="ca-kind ca-kind-{c.kind}">'
                f"{safe_text(c.kind)}</span> <b>{safe_text(c.date)}</b> {safe_text(c.title)}"
                f'<span class="ca-meta">{on_map}</span>{quote}</div>'
            )
        st.html("".join(blocks))


def share_link(state: ViewState, page: str | None = None) -> None:
    base = (st.context.url or "").split("?")[0]
    url = share_url(base, state, page) if base else "?" + share_url("", state, page).lstrip("?")
    st.html(
        f'<div class="ca-meta">Share this view: <a id="share-link" href="{html.escape(url)}" '
        f'target="_self">{safe_text(url)}</a></div>'
    )


# ------------------------------------------------------------------------------- passages


def external_link(url: str, label: str) -> str:
    """An ``<a>`` to a checked http(s) ``url`` that opens in a new tab."""
    return (
        f'<a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">'
        f"{safe_text(label)}</a>"
    )


def source_line(atlas: Atlas, source_id: str, title: bool = True) -> str:
    """Escaped HTML: title — publisher, date, with a link to the original (without the title
    where a heading above already gives it)."""
    m = atlas.sources[source_id]
    url = safe_url(m.url)
    link = f" · {external_link(url, 'original')}" if url else ""
    head = f"<b>{safe_text(m.title)}</b> — " if title else ""
    return f"{head}{safe_text(m.publisher)}, {safe_text(m.published)}{link}"


def said_by(speakers: tuple[SpeakerLabel, ...]) -> str:
    """Escaped HTML: who speaks in a passage and who they are, each name a link to their card."""
    if not speakers:
        return ""
    names = []
    for s in speakers:
        href = safe_href(S.link(who=s.id)) or "#"
        who = f'<a href="{safe_text(href)}" target="_self">{safe_text(s.name)}</a>'
        names.append(who + (f", {safe_text(s.description)}" if s.description else ""))
    return f'<div class="ca-meta ca-said-by">Said by {"; ".join(names)}</div>'


def passage_block(
    atlas: Atlas,
    passage: pd.Series,
    spans: list[tuple[int, int]],
    css_class: str = "mention",
    speakers: tuple[SpeakerLabel, ...] = (),
) -> str:
    """A passage with its source line, who speaks in it and its spans marked (escaped HTML)."""
    return (
        f'<div class="ca-meta">{source_line(atlas, passage["source"])} · '
        f"¶{int(passage['index']) + 1}</div>"
        + said_by(speakers)
        + f'<div class="ca-passage">{highlight_html(passage["text"], spans, css_class)}</div>'
    )


def event_evidence(atlas: Atlas, part: EventPart) -> None:
    """An event's date, title and its evidence passage with the quote highlighted."""
    ev = part.event
    st.markdown("**Selected event**")
    st.html(
        f"<div id='{EVIDENCE_ID}' tabindex='-1'><div><b>{safe_text(ev['date'])}</b> "
        f"({safe_text(ev['precision'])}) — {safe_text(ev['title'])}</div>"
        + passage_block(
            atlas,
            part.passage,
            [(int(ev["evidence_start"]), int(ev["evidence_end"]))],
            speakers=part.speakers,
        )
        + "</div>"
    )


def events_list(atlas: Atlas, events: pd.DataFrame, key: str) -> None:
    """A compact list of events, each a button named by its date and title that selects the
    event (and its feature) and brings its evidence into view."""
    with st.container(key=f"events-{key}", gap=None):
        for ev in events.itertuples(index=False):
            target = event_target(atlas, ev.id)
            st.button(
                f"{markdown_literal(ev.date)} — {markdown_literal(ev.title)}",
                key=f"{key}-{ev.id}",
                on_click=select_and_reveal,
                args=(target, ev.id, EVIDENCE_ID),
                help="Show this event's evidence" + (" and its place on the map" if target else ""),
                type="tertiary",
            )


def search_title(found: SearchPart) -> str:
    """What the search found, in a line (the label of the fold the results sit in)."""
    return f"Search “{markdown_literal(found.query)}”: {found.total} passage(s)"


def search_results(atlas: Atlas, found: SearchPart) -> None:
    """People the search names; passages matching it, words highlighted, each with buttons for
    its features; with no passage, what was searched and the nearest searches that find one."""
    if found.people:
        st.markdown(f"**{len(found.people)} person(s) or organisation(s) match the search**")
        for who in found.people:
            st.button(
                markdown_literal(who.text),
                key=f"person-{who.id}",
                on_click=S.show_speaker,
                args=(who.id,),
                help="What they said, about which corridor",
                type="tertiary",
            )
    if not found.total:
        st.html(
            f"<p>No passage matches <b>{safe_text(found.query)}</b>"
            + (" — the nearest searches that find passages:" if found.suggestions else ".")
            + "</p>"
        )
        for i, q in enumerate(found.suggestions):
            st.button(
                f"Search “{markdown_literal(q)}”",
                key=f"suggest-{i}",
                on_click=S.change,
                kwargs={"query": q},
                icon=":material/search:",
            )
        st.caption("Words are matched in any of their forms; a name finds its other spellings.")
        return
    st.markdown(f"**{found.total} passage(s) match the search**")
    for hit in found.hits:
        st.html(passage_block(atlas, hit.passage, list(hit.spans), "hit", hit.speakers))
        for fid, name in hit.features:
            st.button(
                f"Show {markdown_literal(name)}",
                key=f"hit-{hit.passage['passage_id']}-{fid}",
                on_click=S.select,
                args=(fid,),
                type="tertiary",
            )
    if found.total > len(found.hits):
        st.caption(
            f"Showing the first {len(found.hits)} of {found.total}; add words to narrow the search."
        )


# ------------------------------------------------------------------------------- the card


def _aliases(aliases: dict[str, list[str]]) -> None:
    if aliases:
        with st.expander("Names in other languages and spellings"):
            st.html(
                "".join(
                    f"<div><b>{safe_text(lang)}</b>: {safe_text(', '.join(names))}</div>"
                    for lang, names in aliases.items()
                )
            )


def _buttons(label: str, items, key: str, on_click=S.select) -> None:
    """A heading and a button per ``(id, name)`` that calls ``on_click(id)`` (selects a
    feature, or shows a person's card)."""
    if not items:
        return
    st.markdown(f"**{label}**")
    for item_id, name in items:
        st.button(
            markdown_literal(name),
            key=f"{key}-{item_id}",
            on_click=on_click,
            args=(item_id,),
            type="tertiary",
        )


def card_details(c: Card) -> None:
    """The feature's facts, where its coordinates come from, its description, its parts."""
    rows = [
        ("Kind", c.kind),
        ("Project", c.project_name),
        ("Status", f"{c.status} (as of {c.status_as_of})"),
        ("Countries", ", ".join(c.countries)),
    ]
    if c.crossed_km:
        crossed = "; ".join(f"{n} {km:,.0f} km" for n, km in c.crossed_km)
        if c.water_km >= 1:
            crossed += f"; open water {c.water_km:,.0f} km"
        rows.append(("Crosses", crossed + " (measured along the drawing)"))
    drawn = " — drawn through waypoints, not surveyed" if c.geometry_quality == "schematic" else ""
    rows.append(("Geometry", c.geometry_quality + drawn))
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
    _buttons("Drawn through", c.waypoints, "wp")
    _buttons("Part of this project", c.members, "member")
    _aliases(c.aliases)


def figures_html(groups: list[MetricGroup]) -> str:
    """Each metric with every sourced value side by side, the disagreement flagged, each value's
    source, date and quote, and what we measured (escaped HTML)."""
    out = []
    for g in groups:
        values = g.summary or "no source in the atlas states it"
        flag = f" — <span class='ca-flag'>{safe_text(g.flag)}</span>" if g.flag else ""
        items = "".join(
            f"<li>{safe_text(v.text)} — {safe_text(v.publisher)}, as of {safe_text(v.as_of)}: "
            f"“{safe_text(v.quote)}”</li>"
            for v in g.values
        )
        measured = f"<div class='ca-measured'>{safe_text(g.measured)}</div>" if g.measured else ""
        out.append(
            f"<div class='ca-figure'><div class='ca-values'><b>{safe_text(g.label)}</b>: "
            f"{safe_text(values)}{flag}</div>"
            + (f"<ul class='ca-meta'>{items}</ul>" if items else "")
            + measured
            + "</div>"
        )
    return "".join(out)


def phase_bar_html(bar: PhaseBar) -> str:
    """Escaped HTML: the phases as a bar (drawn like the map draws each status) with the view's
    day marked, then each phase with its date, its evidence and where it comes from."""
    cells, rows = [], []
    for s in bar.segments:
        look = draw_class(s.status)
        label = s.status.replace("_", " ")
        later = " ca-later" if s.after_view else ""
        cells.append(
            f'<div class="ca-seg ca-{look}{later}" style="left:{100 * s.left:.2f}%;'
            f'width:{100 * s.share:.2f}%" title="{safe_text(label)} from {s.start}"></div>'
        )
        quote = f"<div>“{safe_text(s.evidence)}”</div>" if s.evidence else ""
        where = " · ".join(x for x in (s.source, f"{s.origin}: {s.why}") if x)
        rows.append(
            f'<li class="{later.strip()}"><span class="ca-swatch ca-{look}"></span>'
            f"<b>{safe_text(s.date)}</b> {safe_text(label)}{quote}"
            f'<div class="ca-meta">{safe_text(where)}</div></li>'
        )
    if bar.marker is not None:
        cells.append(f'<div class="ca-asof" style="left:{100 * bar.marker:.2f}%"></div>')
    note = f'<div class="ca-meta">{safe_text(bar.note)}</div>' if bar.note else ""
    return (
        '<div class="ca-phases"><div class="ca-meta"><b>Status over time</b></div>'
        f'<div class="ca-phasebar">{"".join(cells)}</div>'
        f'<div class="ca-axis"><span>{bar.start.year}</span><span>{bar.end.year}</span></div>'
        f'<ol class="ca-phaselist">{"".join(rows)}</ol>{note}</div>'
    )


FIRST_PASSAGES = 8
"""How many of a selected feature's passages show before "more passages" is opened."""


def selection_panel(atlas: Atlas, sel: Selection, event: EventPart | None) -> None:
    """The selected feature: a one-line summary, then its passages, details and events."""
    c = sel.card
    st.header(markdown_literal(c.name), anchor=False)  # Markdown: the name shows as written
    facts = [c.kind, c.status]
    if c.length_km is not None:
        facts.append(length_label(c.length_km, c.branches, c.main_line_km))
    facts.append(", ".join(c.countries))
    st.html(f"<div class='ca-meta'>{safe_text(' · '.join(facts))}</div>")
    st.button("Clear selection", on_click=S.select, args=(None,), key="clear-sel")
    if sel.phases is not None:
        st.html(phase_bar_html(sel.phases))
    if event is not None:
        event_evidence(atlas, event)
    n_figures = sum(len(g.values) for g in c.figures)
    tab_p, tab_f, tab_d, tab_e = st.tabs(
        [
            f"Passages ({len(sel.passages)})",
            f"Figures ({n_figures})",
            "Details",
            f"Events ({len(sel.events)})",
        ]
    )
    with tab_p:
        if len(sel.passages):
            st.markdown(f"**{len(sel.passages)} passage(s) mention it**")
        else:
            st.caption(c.no_passage_reason or "No passage of the sources mentions it yet.")
        blocks = [
            passage_block(atlas, p._asdict(), p.spans, speakers=p.speakers)
            for p in sel.passages.itertuples(index=False)
        ]
        # One element each (a rerun that shows them again sends a reference, not the text), and
        # the first few only until asked: a phone scrolls to the timeline past them.
        if blocks:
            st.html("".join(blocks[:FIRST_PASSAGES]))
        if len(blocks) > FIRST_PASSAGES:
            with st.expander(f"{len(blocks) - FIRST_PASSAGES} more passage(s)"):
                st.html("".join(blocks[FIRST_PASSAGES:]))
    with tab_f:
        if c.figures:
            st.html(figures_html(c.figures))
        else:
            st.caption("No source in the atlas gives a figure for it yet.")
    with tab_d:
        card_details(c)
    with tab_e:
        if len(sel.events):
            events_list(atlas, sel.events, key="own")
        else:
            st.caption("No dated event concerns it yet.")


def speaker_panel(atlas: Atlas, card: SpeakerCard) -> None:
    """A person or organisation: who they are, then what they said about each corridor, their
    own words marked in each passage."""
    st.header(markdown_literal(card.name), anchor=False)
    org = card.organisation[1] if card.organisation else None
    facts = [x for x in (card.kind, card.role, org, card.country) if x]
    st.html(f"<div class='ca-meta'>{safe_text(' · '.join(facts))}</div>")
    st.button("Close", on_click=S.show_speaker, args=(None,), key="close-who")
    url = safe_url(card.evidence_url)
    st.html(
        f"<div class='ca-meta'>Known from: {safe_text(card.evidence)}"
        + (f" · {external_link(url, 'source')}" if url else "")
        + "</div>"
    )
    if card.organisation:
        _buttons("Organisation", (card.organisation,), "who-org", S.show_speaker)
    _buttons("Its people", card.members, "who-member", S.show_speaker)
    _aliases(card.aliases)
    if not card.statements:
        st.caption("No passage of the sources is attributed to them yet.")
    for corridor in card.about:
        st.markdown(
            f"**About {markdown_literal(corridor.name)}** — {len(corridor.passages)} passage(s)"
        )
        st.button(
            f"Show {markdown_literal(corridor.name)}",
            key=f"who-sel-{corridor.id}",
            on_click=S.select,
            args=(corridor.id,),
            type="tertiary",
        )
        for p in corridor.passages.itertuples(index=False):
            st.html(passage_block(atlas, p._asdict(), p.spans, css_class="said"))
    if len(card.other):
        st.markdown(f"**About no corridor of the atlas** — {len(card.other)} passage(s)")
        for p in card.other.itertuples(index=False):
            st.html(passage_block(atlas, p._asdict(), p.spans, css_class="said"))


def corridor_list(corridors: tuple[Corridor, ...]) -> None:
    """The corridors in view, each a button that selects it — a way to every corridor that needs
    neither the map nor a pointer — with its status, length and counts beside its name."""
    st.html(f"<h2 class='ca-h2'>Corridors ({len(corridors)})</h2>")
    with st.container(key="corridors", gap=None):
        for c in corridors:
            facts = [c.status, c.length, f"{c.passages} passage(s)", f"{c.events} event(s)"]
            st.button(
                f"**{markdown_literal(c.name)}**  \n"
                + markdown_literal(" · ".join(f for f in facts if f)),
                key=f"corridor-{c.id}",
                on_click=select_and_reveal,
                args=(c.id, None, PANEL_ID),
                type="tertiary",
            )


def overview_panel(atlas: Atlas, shown: InView, event: EventPart | None) -> None:
    """With nothing selected: counts of what is in view, the corridors and the latest events."""
    counts = list(shown.counts.items())
    with st.container(key="counts"):
        for row in (counts[:3], counts[3:]):  # two rows: five metrics side by side truncate
            for col, (label, n) in zip(st.columns(3), row, strict=False):
                col.metric(label.capitalize(), f"{n:,}")
    if event is not None:
        event_evidence(atlas, event)
    corridor_list(shown.corridors)
    st.markdown("**Latest events**")
    events_list(atlas, shown.latest, key="latest")
    st.caption(
        "Choose a corridor above, a route or a site on the map, an event on the timeline, or a "
        "search result to see the passages behind it."
    )


# ------------------------------------------------------------------------------- focus


PANEL_ID = "ca-panel"  # the top of the panel: the skip link's target
EVIDENCE_ID = "ca-evidence"  # the selected event's evidence
_REVEAL = "_reveal"  # the element to bring into view after the run a choice caused


def skip_link() -> None:
    """A link, shown when it has the keyboard focus, that jumps past the map to the panel."""
    st.html(
        f"<a class='ca-skip' href='#{PANEL_ID}'>Skip the map: go to the corridors and passages</a>"
    )


def panel_anchor() -> None:
    st.html(f"<div id='{PANEL_ID}' tabindex='-1' class='ca-sr'>Panel</div>")


def select_and_reveal(feature_id: str | None, event_id: str | None, target: str) -> None:
    """Callback: select, and bring ``target`` (an element id) into view with the focus on it
    after the run, so that what the choice shows is on screen and next for the keyboard."""
    S.select(feature_id, event_id)
    reveal(target)


def reveal(target: str) -> None:
    st.session_state[_REVEAL] = (target, st.session_state.get(_REVEAL, ("", 0))[1] + 1)


def reveal_pending() -> None:
    """Bring the element a callback asked for into view (scrolled to when it is off screen) and
    give it the focus; once, after the run that drew it."""
    target, n = st.session_state.get(_REVEAL, ("", 0))
    if not target:
        return
    st.session_state[_REVEAL] = ("", n)
    st.html(
        # n makes each request a new element, so that the same target can be revealed again.
        f"""<span hidden data-n="{n}"></span><script>
        (() => {{
          let tries = 0;
          const go = () => {{
            const el = document.getElementById("{target}");
            if (!el) {{ if (tries++ < 200) setTimeout(go, 50); return; }}
            const r = el.getBoundingClientRect();
            if (r.top < 0 || r.bottom > window.innerHeight) el.scrollIntoView({{block: "start"}});
            el.focus({{preventScroll: true}});
          }};
          go();
        }})();
        </script>""",
        unsafe_allow_javascript=True,
    )

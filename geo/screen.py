"""What each screen draws, as plain values: the screen is a function of the atlas and the view.

:func:`main_screen` takes the atlas and a :class:`~geo.urlstate.ViewState` and returns everything
the map page draws — the features in view and the selection, the map's state and legend, the
panel (a speaker's card, a feature's card, passages with who speaks in them, events, search
results and the people a search names, or the overview), the timeline's frame, window and
highlight, and the colours and project names. The map itself is drawn from parts made once per
data version (:func:`map_parts_of`); what a view changes on it is its state
(:attr:`MapPart.state`). ``dashboard.py`` lays the result out; the benchmarks call the same
function. :func:`article_screen` does the same for a text that
is tried but not stored (the "Try an article" page), with the same map and timeline parts.

What depends only on the filters (:class:`InView`, the slow part: filtering, counts, the timeline
spec, which features the map shows) is computed by :func:`in_view`, which a caller may cache by
:func:`geo.urlstate.filter_key`; what depends on the selection is cheap and computed every time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo.asof import HIDDEN, draw_classes, later_sources, statuses_on
from geo.describe import (
    Card,
    feature_card,
    latest_events,
    length_label,
    network_of,
    overview,
)
from geo.draw import (
    MapParts,
    classes_of,
    frame_around,
    frame_at,
    frame_of,
    legend_html,
    map_parts,
    map_state,
    outlines_geojson,
    project_colors,
    shown_bits,
    within_countries,
)
from geo.export import (
    ExportFile,
    Table,
    event_table,
    exported_files,
    feature_table,
    formats,
    passage_table,
)
from geo.filter import (
    View,
    allowed_sources,
    events_of,
    filter_atlas,
    passages_mentioning,
    with_selected,
)
from geo.ingest import Candidates, candidates, review_json, source_id
from geo.ingest.control import control_warnings
from geo.load import Atlas
from geo.mapcap import drawn_on_map, map_notice
from geo.phases import PhaseBar, phase_bar
from geo.preview import (
    TRY_MAX_CHARS,
    TRY_MAX_ROWS,
    MarkedPassage,
    events_frame,
    limited,
    limited_rows,
    marked_passages,
    mention_rows,
)
from geo.speakers import SpeakerCard, SpeakerLabel, people_matching, speaker_card, speakers_of
from geo.timeline import (
    default_window,
    in_view_bits,
    timeline_chart,
    timeline_frame,
    timeline_rows,
    with_highlight,
)
from geo.urlstate import ViewState, replace

SEARCH_LIMIT = 30
LATEST_EVENTS = 5


@dataclass(frozen=True)
class Palette:
    """Project ids → display names and → map colours (every project of the atlas, so that a
    project keeps its colour whatever the filters)."""

    names: dict[str, str]
    colors: dict[str, str]

    @property
    def by_label(self) -> dict[str, str]:
        """Project name → colour, for the timeline (which shows names)."""
        return {self.names[p]: c for p, c in self.colors.items() if p in self.names}


def palette(atlas: Atlas) -> Palette:
    """The atlas's projects with their names and colours.

    >>> palette(atlas).names["cku_railway"]  # doctest: +SKIP
    'China–Kyrgyzstan–Uzbekistan railway'
    """
    projects = sorted(set(atlas.features["project"]) - {""})
    names = {p: atlas.props[p].name if p in atlas.props else p for p in projects}
    return Palette(names=names, colors=project_colors(names))


@dataclass(frozen=True)
class Timeline:
    """The timeline of some events: the frame it draws, the period shown (None: all), how many
    events lie before that period, and the Vega-Lite spec (highlight not applied)."""

    frame: pd.DataFrame
    window: tuple[pd.Timestamp, pd.Timestamp] | None
    earlier: int
    spec: dict


def timeline_of(
    events: pd.DataFrame,
    source_titles: dict[str, str],
    pal: Palette,
    *,
    windowed: bool = True,
    height: int = 220,
    source: str | None = None,
    shown: str = "",
) -> Timeline | None:
    """The timeline part of a screen for ``events`` (rows shaped like ``Atlas.events``), or None
    when there is no event. ``windowed``: show only the last years when the events span many
    (see :func:`geo.timeline.default_window`); off when the reader chose a date range.
    ``source`` and ``shown``: the chart reads every event's row from ``source`` (the published
    :func:`timeline_rows_of`) and draws those ``shown`` names, the ``events`` given."""
    frame = timeline_frame(events, source_titles, pal.names)
    if not len(frame):
        return None
    window, earlier = None, 0
    if windowed:
        start, end, earlier = default_window(frame)
        frame, window = frame[frame["end"] >= start], (start, end)
    chart = timeline_chart(
        frame, pal.by_label, window=window, height=height, source=source, shown=shown
    )
    return Timeline(frame=frame, window=window, earlier=earlier, spec=chart.to_dict())


def timeline_rows_of(atlas: Atlas) -> str:
    """The rows of every event of the atlas for its timeline (:func:`geo.timeline.timeline_rows`),
    the same for every view of a data version: published once, read by the chart of every view."""
    titles = {k: v.title for k, v in atlas.sources.items()}
    return timeline_rows(timeline_frame(atlas.events, titles, palette(atlas).names))


def routes_and_sites(features: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """``features`` (rows shaped like ``Atlas.features``) split as the map draws them."""
    return features[features["is_route"]], features[~features["is_route"]]


def map_parts_of(atlas: Atlas) -> MapParts:
    """The parts of the atlas's map (every feature, and the outlines around them; see
    :func:`geo.draw.map_parts`): the same for every view of a data version."""
    pal = palette(atlas)
    routes, sites = routes_and_sites(drawn_on_map(atlas.features))
    outlines = outlines_geojson(atlas.boundaries, around=tuple(atlas.features.total_bounds))
    return map_parts(
        routes, sites, atlas.boundaries, colors=pal.colors, labels=pal.names, outlines=outlines
    )


def map_order(atlas: Atlas) -> list[str]:
    """The ids of the features the atlas's map draws (:func:`geo.mapcap.drawn_on_map`), in the
    order of its parts (routes, then sites)."""
    routes, sites = routes_and_sites(drawn_on_map(atlas.features))
    return [*routes["id"], *sites["id"]]


@dataclass(frozen=True)
class InViewMap:
    """The map of a view's features: which of the atlas's features it shows
    (:func:`geo.draw.shown_bits`, None: all), the frame that shows them, and its legend (HTML,
    swatches as images for ``st.html``)."""

    shown: str | None
    frame: dict
    legend: str
    notice: str | None = None  # past geo.mapcap.MAP_MAX_FEATURES: how many of the view it draws


@dataclass(frozen=True)
class Corridor:
    """One entry of the corridor list: a project in view, with what selecting it shows — its
    status, its length as drawn (None for a project of sites), and how many passages mention it
    (in the sources the view allows) and how many events concern it."""

    id: str
    name: str
    status: str
    length: str | None
    passages: int
    events: int


def events_known(
    events: pd.DataFrame, as_of: dt.date | None, sources: set[str] | None
) -> pd.DataFrame:
    """Of ``events``, those a view as of ``as_of`` knows: begun by then and reported by one of
    ``sources`` (None: any)."""
    keep = pd.Series(True, index=events.index)
    if as_of is not None:
        keep &= events["start"] <= pd.Timestamp(as_of)
    if sources is not None:
        keep &= events["source"].isin(sources)
    return events[keep]


def corridors(
    atlas: Atlas,
    view: View,
    sources: set[str] | None = None,
    statuses: dict[str, str | None] | None = None,
    as_of: dt.date | None = None,
) -> tuple[Corridor, ...]:
    """The projects of the features in ``view``, by name: the entry list of the overview panel,
    each with its status (on ``as_of``: ``statuses``, from :func:`geo.asof.statuses_on`) and the
    passages and events of ``sources`` that selecting it shows.

    >>> [c.name for c in corridors(atlas, filter_atlas(atlas, ViewState()))]  # doctest: +SKIP
    ['China–Kyrgyzstan–Uzbekistan railway', 'Horgos (Khorgos) border port', …]
    """
    ids = [p for p in dict.fromkeys(view.features["project"]) if p and p in atlas.props]
    out = []
    for pid in ids:
        p = atlas.props[pid]
        km = atlas.features.at[pid, "length_km"] if pid in atlas.features.index else None
        network = network_of(atlas.features.at[pid, "geometry"]) if km is not None else {}
        out.append(
            Corridor(
                id=pid,
                name=p.name,
                status=((statuses or {}).get(pid) or p.status).replace("_", " "),
                length=length_label(km, **network),
                passages=len(passages_mentioning(atlas, pid, sources)),
                events=len(events_known(events_of(atlas, pid), as_of, sources)),
            )
        )
    return tuple(sorted(out, key=lambda c: c.name))


def page_legend(routes: gpd.GeoDataFrame, sites: gpd.GeoDataFrame, pal: Palette) -> str:
    """The legend a page shows under the map: swatches as images (``st.html`` drops inline
    SVG), headings ``h3`` (the page names the map and its legend with ``h2``)."""
    return legend_html(routes, sites, pal.colors, pal.names, svg_as_img=True, heading="h3")


@dataclass(frozen=True)
class InView:
    """What the filters alone decide: the filtered atlas, its counts, its corridors, its latest
    events, its timeline and its map (cacheable by :func:`geo.urlstate.filter_key`), and the
    atlas's palette, which they were drawn with."""

    view: View
    counts: dict[str, int]
    corridors: tuple[Corridor, ...]
    latest: pd.DataFrame
    timeline: Timeline | None
    map: InViewMap
    palette: Palette
    # As of a day (geo.asof): how many sources it hides as published later, each feature's
    # status then (None: not there yet) and how the map draws those it shows.
    later_sources: int = 0
    statuses: dict[str, str | None] = field(default_factory=dict)
    classes: dict[str, str] = field(default_factory=dict)


def in_view(
    atlas: Atlas,
    state: ViewState,
    pal: Palette | None = None,
    timeline_source: str | None = None,
) -> InView:
    """The part of the main screen that depends only on the filters of ``state``.
    ``timeline_source``: the address of the published :func:`timeline_rows_of`, which the
    timeline then reads instead of carrying its rows."""
    pal = pal or palette(atlas)
    view = filter_atlas(atlas, state)
    titles = {k: v.title for k, v in atlas.sources.items()}
    windowed = not (state.date_from or state.date_to)
    # As of a day the map keeps the frame of today's features, so that it does not jump as
    # features appear year by year.
    framed = view if state.as_of is None else filter_atlas(atlas, replace(state, as_of=None))
    routes, sites = routes_and_sites(framed.features)
    statuses = statuses_on(atlas, state.as_of)
    shown = in_view_bits(atlas.events["id"], view.events["id"]) if timeline_source else ""
    order = map_order(atlas)
    in_view_ids = view.features["id"]
    return InView(
        view=view,
        counts=overview(view, atlas.speakers_by_passage),
        corridors=corridors(atlas, view, allowed_sources(atlas, state), statuses, state.as_of),
        latest=latest_events(view, LATEST_EVENTS),
        timeline=timeline_of(
            view.events, titles, pal, windowed=windowed, source=timeline_source, shown=shown
        ),
        map=InViewMap(
            shown=shown_bits(order, in_view_ids),
            frame=frame_of(
                within_countries(routes, atlas.boundaries, state.countries),
                sites,
                None,
                atlas.boundaries,
            ),
            legend=page_legend(*routes_and_sites(view.features), pal),
            notice=map_notice(len(in_view_ids), int(in_view_ids.isin(order).sum())),
        ),
        palette=pal,
        later_sources=later_sources(atlas, state.as_of),
        statuses=statuses,
        classes={}
        if state.as_of is None
        else {f: c for f, c in draw_classes(statuses).items() if c != HIDDEN},
    )


@dataclass(frozen=True)
class MapPart:
    """The map: the features drawn (those in view plus a selection the filters hid), the
    selected id, the legend, and the state to send to the map (:func:`geo.draw.map_state`: what
    it shows, the selection, the frame)."""

    features: gpd.GeoDataFrame
    selected: str | None
    legend: str
    state: dict
    # As of a day: feature id → how it is drawn (geo.asof.DRAW_CLASS; empty without a day); the
    # state carries them packed (geo.draw.classes_of).
    classes: dict[str, str] = field(default_factory=dict)

    @property
    def routes(self) -> gpd.GeoDataFrame:
        return routes_and_sites(self.features)[0]

    @property
    def sites(self) -> gpd.GeoDataFrame:
        return routes_and_sites(self.features)[1]


def map_of(features: gpd.GeoDataFrame, selected: str | None, pal: Palette) -> MapPart:
    """The map part for ``features`` with ``selected`` drawn over them and framed, for a map
    made of these features only (:func:`geo.draw.build_map`)."""
    routes, sites = routes_and_sites(features)
    legend = page_legend(routes, sites, pal)
    state = map_state("", selected=selected, frame=frame_of(routes, sites, selected))
    return MapPart(features, selected, legend, state)


def main_map(
    atlas: Atlas,
    shown: InView,
    selected: str | None,
    position: tuple[float, float, int] | None = None,
) -> MapPart:
    """The map part of the main screen: the atlas's map (:func:`map_parts_of`) showing the
    features in view, with ``selected`` drawn over them (even when the filters hide it).

    One framing rule: the ``position`` the reader moved the map to (a link's ``map``) is shown
    as it is; else the selection is fitted whole; else the features in view (cut to the
    countries of a country filter, :func:`geo.draw.within_countries`)."""
    features = with_selected(shown.view.features, atlas.features, selected)
    legend, frame = shown.map.legend, shown.map.frame
    if len(features) != len(shown.view.features):  # the selection lies outside the filters
        pal = shown.palette
        legend = page_legend(*routes_and_sites(features), pal)
    if position is not None:
        frame = frame_at(position)
    elif selected:
        frame = frame_around([atlas.features.loc[[selected]]])
    classes = classes_of(map_order(atlas), shown.classes) if shown.classes else None
    state = map_state(
        atlas.version, shown=shown.map.shown, classes=classes, selected=selected, frame=frame
    )
    return MapPart(features, selected, legend, state, dict(shown.classes))


@dataclass(frozen=True)
class Selection:
    """The selected feature: its card, the passages that mention it (in the sources the view
    allows; ``speakers`` holds the :class:`~geo.speakers.SpeakerLabel` of who speaks in each),
    its events, and whether the filters would have hidden it."""

    card: Card
    passages: pd.DataFrame
    events: pd.DataFrame
    outside_filters: bool
    phases: PhaseBar | None = None  # its status history as a bar (None: no dated phase)


@dataclass(frozen=True)
class EventPart:
    """The selected event, the passage that reports it and who speaks in that passage."""

    event: pd.Series
    passage: pd.Series
    speakers: tuple[SpeakerLabel, ...] = ()


@dataclass(frozen=True)
class SearchHit:
    passage: pd.Series
    spans: tuple[tuple[int, int], ...]
    features: tuple[tuple[str, str], ...]  # (id, name) of the features the passage mentions
    speakers: tuple[SpeakerLabel, ...] = ()  # who speaks in the passage


@dataclass(frozen=True)
class SearchPart:
    query: str
    total: int
    hits: tuple[SearchHit, ...]  # the first SEARCH_LIMIT
    people: tuple[SpeakerLabel, ...] = ()  # people whose names or roles the query names
    suggestions: tuple[str, ...] = ()  # the nearest queries that find something, when none did


@dataclass(frozen=True)
class MainScreen:
    state: ViewState
    palette: Palette
    in_view: InView
    map: MapPart
    selection: Selection | None
    event: EventPart | None
    search: SearchPart | None
    speaker: SpeakerCard | None  # the person or organisation whose card is shown (``who``)
    highlight: frozenset[str]  # event ids the timeline emphasises
    timeline_spec: dict | None  # the in-view timeline with the highlight and the event marked


def event_part(atlas: Atlas, event_id: str | None) -> EventPart | None:
    if not event_id or event_id not in atlas.events_by_id.index:
        return None
    ev = atlas.events_by_id.loc[event_id]
    passage = atlas.passages_by_id.loc[ev["passage_id"]]
    return EventPart(ev, passage, speakers_of(atlas, ev["passage_id"]))


def search_part(
    atlas: Atlas, query: str, limit: int = SEARCH_LIMIT, sources: set[str] | None = None
) -> SearchPart | None:
    """The passages matching ``query`` (only from ``sources`` unless it is None)."""
    if not query:
        return None
    hits = atlas.search_index.search(query)
    if sources is not None:
        source_of = atlas.passages_by_id["source"]
        hits = [h for h in hits if source_of[h.key] in sources]
    out = []
    for hit in hits[:limit]:
        mentioned = atlas.mentions.loc[atlas.mentions["passage_id"] == hit.key, "feature"]
        out.append(
            SearchHit(
                passage=atlas.passages_by_id.loc[hit.key],
                spans=hit.spans,
                features=tuple((f, atlas.props[f].name) for f in dict.fromkeys(mentioned)),
                speakers=speakers_of(atlas, hit.key),
            )
        )
    people = people_matching(atlas, query)
    suggestions = () if hits or people else tuple(atlas.search_index.suggest(query))
    return SearchPart(
        query=query, total=len(hits), hits=tuple(out), people=people, suggestions=suggestions
    )


def known_by(event: EventPart, allowed: set[str] | None, state: ViewState) -> bool:
    """Whether a view as of its day knows ``event``: begun by then, reported by a source it
    allows."""
    ev = event.event
    begun = state.as_of is None or ev["start"] <= pd.Timestamp(state.as_of)
    return begun and (allowed is None or ev["source"] in allowed)


def main_screen(
    atlas: Atlas, state: ViewState, shown: InView | None = None, today: dt.date | None = None
) -> MainScreen:
    """Everything the map page draws for ``state``. ``shown``: :func:`in_view` of the same
    filters, when the caller has it cached; ``today``: where a status history ends (the
    machine's date by default).

    Examples
    --------
    >>> screen = main_screen(atlas, ViewState(countries=("KG",), selected="cku_railway"))
    ... # doctest: +SKIP
    >>> screen.selection.card.name, screen.map.state["selected"]  # doctest: +SKIP
    ('China–Kyrgyzstan–Uzbekistan railway', 'cku_railway')
    """
    shown = shown or in_view(atlas, state)
    pal = shown.palette
    view = shown.view
    selected = state.selected if state.selected in atlas.props else None
    selection = None
    highlight: set[str] = set()
    if selected:
        own = events_known(events_of(atlas, selected), state.as_of, allowed_sources(atlas, state))
        highlight |= set(own["id"])
        card = feature_card(atlas, selected)
        passages = passages_mentioning(atlas, selected, allowed_sources(atlas, state))
        passages["speakers"] = [speakers_of(atlas, pid) for pid in passages["passage_id"]]
        selection = Selection(
            card=card,
            passages=passages,
            events=own,
            outside_filters=selected not in view.features.index,
            phases=phase_bar(
                atlas.histories[selected],
                atlas.events_by_id,
                {k: v.title for k, v in atlas.sources.items()},
                today or dt.date.today(),
                state.as_of,
                card.status_evidence,
            )
            if selected in atlas.histories
            else None,
        )
    allowed = allowed_sources(atlas, state)
    event = event_part(atlas, state.event)
    if event is not None and state.as_of is not None and not known_by(event, allowed, state):
        event = None  # reported later than the view's day
    if event is not None:
        highlight.add(state.event)
    speaker = speaker_card(atlas, state.who, allowed) if state.who in atlas.people else None
    if speaker is not None:
        highlight |= speaker.events
    timeline = shown.timeline
    return MainScreen(
        state=state,
        palette=pal,
        in_view=shown,
        map=main_map(atlas, shown, selected, state.map_view),
        selection=selection,
        event=event,
        search=search_part(atlas, state.query, sources=allowed),
        speaker=speaker,
        highlight=frozenset(highlight),
        timeline_spec=(
            with_highlight(timeline.spec, highlight, state.event if event else None)
            if timeline
            else None
        ),
    )


@dataclass(frozen=True)
class ArticleScreen:
    """What a tried text would bring to the atlas: its candidates, passages with every mention and
    date marked, the mentions as rows, its events on a timeline and its features on a map."""

    source_id: str
    published: str | None
    palette: Palette
    candidates: Candidates
    features: tuple[str, ...]  # ids of the features it mentions, in order of first mention
    passages: list[MarkedPassage]
    mentions: pd.DataFrame
    events: pd.DataFrame
    timeline: Timeline | None
    map: MapPart | None
    review_json: str
    # What the page tells the reader about its limits (the text cut, lists shortened) and the
    # control characters in the text, with where they are (``the text:line:column: …``).
    notices: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def article_screen(
    atlas: Atlas,
    text: str,
    published: str | None,
    *,
    max_chars: int = TRY_MAX_CHARS,
    max_rows: int = TRY_MAX_ROWS,
) -> ArticleScreen:
    """The "Try an article" screen for ``text`` published on ``published`` (None: unknown, so
    dates without a year are skipped). Raises ``ValueError`` for a malformed ``published``.

    The page is public, so its work is bounded: it reads the first ``max_chars`` characters
    (:func:`geo.preview.limited`) and lists at most ``max_rows`` passages, mentions and events
    (the timeline draws those events); ``notices`` says so when it cut anything."""
    text, cut = limited(text, max_chars)
    sid = source_id(text)
    found = candidates(text, sid, atlas.linker, published, people=atlas.people_index)
    features = tuple(dict.fromkeys(m.feature for m in found.mentions))
    pal = palette(atlas)
    passages, fewer_passages = limited_rows(
        marked_passages(text, found, atlas.props), "paragraphs", max_rows
    )
    mentions, fewer_mentions = limited_rows(mention_rows(found, atlas.props), "mentions", max_rows)
    events, fewer_events = limited_rows(events_frame(found, atlas.props), "events", max_rows)
    return ArticleScreen(
        source_id=sid,
        published=published,
        palette=pal,
        candidates=found,
        features=features,
        passages=passages,
        mentions=mentions,
        events=events,
        timeline=timeline_of(events, {sid: "this article"}, pal, windowed=False, height=180),
        map=map_of(atlas.features.loc[list(features)], None, pal) if features else None,
        review_json=review_json(found),
        notices=tuple(n for n in (cut, fewer_passages, fewer_mentions, fewer_events) if n),
        warnings=tuple(control_warnings("the text", text)),
    )


@dataclass(frozen=True)
class DataTab:
    """One table of the Data page, as shown, and the files of it to download (the same rows in
    the same order, named for the filters and the data version)."""

    table: Table
    files: tuple[ExportFile, ...]


@dataclass(frozen=True)
class DataScreen:
    total_features: int
    version: str
    tabs: tuple[DataTab, ...]  # features, events, passages


def data_tables(atlas: Atlas, view: View) -> tuple[Table, Table, Table]:
    """The features, events and passages in ``view`` as the Data page's tables."""
    names = {k: f"{m.publisher}, {m.published}" for k, m in atlas.sources.items()}
    return (
        feature_table(view.features, atlas.crossings),
        event_table(view.events, names),
        passage_table(view.passages, view.mentions, names),
    )


def data_screen(atlas: Atlas, state: ViewState, shown: InView | None = None) -> DataScreen:
    """The Data page for the filters of ``state``. ``shown``: :func:`in_view` of the same
    filters, when the caller has it cached."""
    view = (shown or in_view(atlas, state)).view
    tabs = tuple(
        DataTab(
            table,
            tuple(
                f
                for fmt in formats(table.what)
                for f in exported_files(table, fmt, state, atlas.version)
            ),
        )
        for table in data_tables(atlas, view)
    )
    return DataScreen(len(atlas.features), atlas.version, tabs)

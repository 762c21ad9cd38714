"""Load a checked data folder into one in-memory :class:`Atlas`.

Loading is pure and deterministic: the same files give the same atlas (and the same
``version``). The UI wraps :func:`load_atlas` in its cache once; nothing here knows about it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape

from geo.attribute import PeopleIndex
from geo.link import GazetteerEntry, Linker
from geo.measure import route_lengths_km
from geo.model import ROUTE_KINDS, FeatureProperties, Person, SourceMeta, Span, VersionEntry
from geo.passages import passage_id
from geo.phases import History
from geo.search import Name, SearchIndex
from geo.validate import VERSIONS, CheckedData, Problem, check_data

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_ENV = "CORRIDOR_ATLAS_DATA"


def default_data_dir() -> Path:
    """The data folder when none is given: ``$CORRIDOR_ATLAS_DATA`` if set, else the repository's
    ``data/`` — the same for the app and the command line."""
    return Path(os.environ.get(DATA_ENV) or DEFAULT_DATA_DIR)


class AtlasInvalid(Exception):
    """The data folder has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) in the data:\n" + "\n".join(str(p) for p in problems)
        )


@dataclass
class Atlas:
    """Everything the atlas shows, as frames keyed by stable ids.

    features : GeoDataFrame, one row per feature (``id`` index and column), with ``is_route``,
        ``length_km`` and ``crossed`` (ISO alpha-2 codes of the countries a route crosses, by
        km) computed from the geometry and the boundaries.
    sources : source metadata by id; ``texts`` the verbatim texts.
    passages : one row per passage (``passage_id``, ``source``, ``index``, ``offset``, ``text``).
    mentions : one row per link between a passage and a feature (``origin`` is ``detected`` or
        ``curated``); ``start``/``end`` are offsets inside the passage text.
    events : one row per dated event, with ``start``/``end`` dates for drawing and the evidence.
    figures : one row per sourced figure (``figures.json``), its span flattened into ``source``,
        ``passage``, ``passage_id``, ``start``, ``end`` and ``quote``.
    people : the people and organisations of ``people.json`` by id.
    attributions : one row per attribution (``attributions.json``): ``speaker``, the speaker's
        ``organisation`` (its id, or ``""``), the said span (``source``, ``passage``,
        ``passage_id``, ``start``, ``end``, ``quote``), the cue span (the same names after
        ``cue_``) and ``rule``.
    crossings : km of each route inside each country.
    histories : each feature's status history (:mod:`geo.phases`), by feature id.
    versions : the recorded data versions, oldest first (:mod:`geo.versions`).
    """

    version: str
    features: gpd.GeoDataFrame
    props: dict[str, FeatureProperties]
    sources: dict[str, SourceMeta]
    texts: dict[str, str]
    passages: pd.DataFrame
    mentions: pd.DataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    people: dict[str, Person]
    attributions: pd.DataFrame
    boundaries: gpd.GeoDataFrame
    crossings: pd.DataFrame
    linker: Linker
    histories: dict[str, History] = field(default_factory=dict)
    versions: tuple[VersionEntry, ...] = ()

    # Lookups computed once per loaded atlas (the atlas is shared and never mutated), so that a
    # rerun never re-indexes a frame.
    @cached_property
    def events_by_id(self) -> pd.DataFrame:
        """``events`` indexed by event id."""
        return self.events.set_index("id", drop=False)

    @cached_property
    def passages_by_id(self) -> pd.DataFrame:
        """``passages`` indexed by passage id."""
        return self.passages.set_index("passage_id", drop=False)

    @cached_property
    def event_rows(self) -> dict[str, list[int]]:
        """Feature id → positions in ``events`` of the events that concern it — for a project,
        also those of its member features."""
        project = dict(zip(self.features["id"], self.features["project"], strict=True))
        rows: dict[str, list[int]] = {}
        for i, features in enumerate(self.events["features"]):
            owners = dict.fromkeys([*features, *(project.get(f) or f for f in features)])
            for owner in owners:
                rows.setdefault(owner, []).append(i)
        return rows

    @cached_property
    def speakers_by_passage(self) -> dict[str, tuple[str, ...]]:
        """Passage id → the ids of the people who speak in it, in the order they do."""
        out: dict[str, tuple[str, ...]] = {}
        rows = zip(self.attributions["passage_id"], self.attributions["speaker"], strict=True)
        for pid, speaker in rows:
            if speaker not in out.get(pid, ()):
                out[pid] = (*out.get(pid, ()), speaker)
        return out

    @cached_property
    def people_index(self) -> PeopleIndex:
        """The people, ready to be found in a new text (:mod:`geo.attribute`)."""
        return PeopleIndex(self.people)

    @cached_property
    def search_index(self) -> SearchIndex:
        """The passages' inverted index (see :mod:`geo.search`), with every feature's names and
        the passages the linker found it in."""
        m = self.mentions
        spans: dict[str, dict[str, list[tuple[int, int]]]] = {}
        rows = zip(m["feature"], m["passage_id"], m["start"], m["end"], strict=True)
        for fid, pid, start, end in rows:
            spans.setdefault(fid, {}).setdefault(pid, []).append((int(start), int(end)))
        names = [
            Name(
                label=p.name,
                aliases=tuple(text for _lang, text, _ctx in p.alias_entries()),
                standalone=tuple(text for _lang, text, ctx in p.alias_entries() if not ctx),
                mentions={pid: tuple(s) for pid, s in spans.get(fid, {}).items()},
            )
            for fid, p in self.props.items()
        ]
        return SearchIndex(
            dict(zip(self.passages["passage_id"], self.passages["text"], strict=True)), names
        )

    @cached_property
    def countries(self) -> list[str]:
        """Every country a feature lies in or a route crosses (ISO alpha-2), sorted by code."""
        f = self.features
        return sorted(
            {c for cs in f["countries"] for c in cs} | {c for cs in f["crossed"] for c in cs}
        )


def data_version(data_dir: Path) -> str:
    """A short, stable fingerprint of every file in the data folder (names and bytes), except
    ``inbox/``, which holds ingested texts awaiting review and is not part of the atlas,
    ``versions.json``, the history of the versions (:mod:`geo.versions`), and hidden files (an
    interrupted atomic write's temporary file)."""
    h = hashlib.sha256()
    files = (
        p
        for p in data_dir.rglob("*")
        if p.relative_to(data_dir).parts[0] not in ("inbox", VERSIONS)
        and not p.name.startswith(".")
    )
    for path in sorted(p for p in files if p.is_file()):  # is_file: no pipe or device is read
        h.update(str(path.relative_to(data_dir)).encode())
        h.update(b"\0")
        with path.open("rb") as f:  # in chunks: a large stray file costs time, not memory
            while chunk := f.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()[:10]


def loading_note(data_dir: str | Path) -> str:
    """What a page says while it loads ``data_dir``: how much there is to read (the features
    file's size and the number of source texts), from the folder's listing alone.

    >>> loading_note("data")  # doctest: +ELLIPSIS
    'Loading the atlas: ... MB of features and ... source texts to check…'
    """
    folder = Path(data_dir)
    try:
        mb = (folder / "corridors.geojson").stat().st_size / 1e6
        texts = sum(1 for _ in (folder / "sources").glob("*.txt"))
    except OSError:  # the checks that follow name what is missing
        return "Loading the atlas…"
    return f"Loading the atlas: {mb:,.1f} MB of features and {texts:,} source texts to check…"


def build_linker(checked: CheckedData) -> Linker:
    entries = [
        GazetteerEntry(fid, p.project, a.text, lang, tuple(a.context), a.scope)
        for fid, p in checked.props.items()
        for lang, a in p.alias_items()
    ]
    false_friends = [(f.text, f.lang) for f in checked.gazetteer.false_friends]
    return Linker(entries, false_friends=false_friends)


def _features_frame(checked: CheckedData) -> gpd.GeoDataFrame:
    rows = []
    for feat in checked.features:
        p = checked.props[feat["properties"]["id"]]
        rows.append(
            {
                "id": p.id,
                "name": p.name,
                "kind": p.kind,
                "project": p.project or "",
                "status": p.status,
                "status_as_of": p.status_as_of,
                "countries": list(p.countries),
                "geometry_quality": p.geometry_quality,
                "geometry_source": p.geometry_source,
                "geometry_source_url": p.geometry_source_url,
                "description": p.description,
                "is_route": p.kind in ROUTE_KINDS,
                "geometry": shape(feat["geometry"]),
            }
        )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    return gdf.set_index("id", drop=False).rename_axis(None)


def _mentions_frame(checked: CheckedData, linker: Linker) -> pd.DataFrame:
    rows = []
    suppressed = {
        (s.feature, s.span.source, s.span.passage, s.span.start, s.span.end)
        for s in checked.links.suppress
    }
    for sid, src in checked.sources.items():
        for m in linker.link(src.text):
            p = src.passages[m.passage]
            # A name broken across lines is cut at the end of its passage (a line).
            start, end = m.start - p.offset, min(m.end - p.offset, len(p.text))
            if (m.feature, sid, m.passage, start, end) in suppressed:
                continue
            rows.append(
                {
                    "feature": m.feature,
                    "project": m.project or "",
                    "source": sid,
                    "passage": m.passage,
                    "passage_id": passage_id(sid, m.passage),
                    "start": start,
                    "end": end,
                    "text": m.text,
                    "alias": m.alias,
                    "rule": m.rule,
                    "origin": "detected",
                }
            )
    for a in checked.links.add:
        rows.append(
            {
                "feature": a.feature,
                "project": checked.props[a.feature].project or "",
                "source": a.span.source,
                "passage": a.span.passage,
                "passage_id": passage_id(a.span.source, a.span.passage),
                "start": a.span.start,
                "end": a.span.end,
                "text": a.span.quote,
                "alias": "",
                "rule": f"curated: {a.reason}",
                "origin": "curated",
            }
        )
    cols = [
        "feature",
        "project",
        "source",
        "passage",
        "passage_id",
        "start",
        "end",
        "text",
        "alias",
        "rule",
        "origin",
    ]
    return (
        pd.DataFrame(rows, columns=cols)
        .drop_duplicates(["feature", "source", "passage", "start", "end"])
        .sort_values(["source", "passage", "start", "feature"])
        .reset_index(drop=True)
    )


def date_bounds(date: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day a date of any precision covers (``2025-06`` → June 1..30).

    >>> [str(d.date()) for d in date_bounds("2025-04-03/2025-04-04")]
    ['2025-04-03', '2025-04-04']
    """
    start, _, end = date.partition("/")
    end = end or start

    def first(d: str) -> pd.Timestamp:
        parts = d.split("-")
        return pd.Timestamp(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )

    def last(d: str) -> pd.Timestamp:
        parts = d.split("-")
        if len(parts) == 3:
            return first(d)
        if len(parts) == 2:
            return first(d) + pd.offsets.MonthEnd(0)
        return pd.Timestamp(int(parts[0]), 12, 31)

    return first(start), last(end)


def _events_frame(checked: CheckedData) -> pd.DataFrame:
    rows = []
    for ev in checked.events:
        start, end = date_bounds(ev.date)
        # In the order of the event's features: the first one's project is the event's main one.
        projects = list(dict.fromkeys(p for f in ev.features if (p := checked.props[f].project)))
        rows.append(
            {
                "id": ev.id,
                "date": ev.date,
                "precision": ev.precision,
                "start": start,
                "end": end,
                "title": ev.title,
                "features": list(ev.features),
                "projects": projects,
                "project": projects[0] if projects else "",
                "source": ev.evidence.source,
                "passage": ev.evidence.passage,
                "passage_id": passage_id(ev.evidence.source, ev.evidence.passage),
                "evidence": ev.evidence.quote,
                "evidence_start": ev.evidence.start,
                "evidence_end": ev.evidence.end,
                "date_text": ev.date_span.quote,
                "date_start": ev.date_span.start,
                "date_end": ev.date_span.end,
            }
        )
    cols = [
        "id",
        "date",
        "precision",
        "start",
        "end",
        "title",
        "features",
        "projects",
        "project",
        "source",
        "passage",
        "passage_id",
        "evidence",
        "evidence_start",
        "evidence_end",
        "date_text",
        "date_start",
        "date_end",
    ]
    return pd.DataFrame(rows, columns=cols).sort_values(["start", "id"]).reset_index(drop=True)


SPAN_COLUMNS = ["source", "passage", "passage_id", "start", "end", "quote"]


def _span_fields(span: Span, prefix: str = "") -> dict[str, object]:
    """A span as frame columns (:data:`SPAN_COLUMNS`, each name after ``prefix``)."""
    values = (
        span.source,
        span.passage,
        passage_id(span.source, span.passage),
        span.start,
        span.end,
        span.quote,
    )
    return {prefix + c: v for c, v in zip(SPAN_COLUMNS, values, strict=True)}


FIGURE_COLUMNS = [
    *("id", "feature", "metric", "value", "unit", "country", "scope", "as_of"),
    *SPAN_COLUMNS,
]


def _figures_frame(checked: CheckedData) -> pd.DataFrame:
    rows = [{**f.model_dump(exclude={"span"}), **_span_fields(f.span)} for f in checked.figures]
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


ATTRIBUTION_COLUMNS = [
    "speaker",
    "organisation",
    *SPAN_COLUMNS,
    *(f"cue_{c}" for c in SPAN_COLUMNS),
    "rule",
]


def _attributions_frame(checked: CheckedData) -> pd.DataFrame:
    rows = [
        {
            "speaker": a.speaker,
            "organisation": checked.people[a.speaker].organisation or "",
            **_span_fields(a.said),
            **_span_fields(a.cue, "cue_"),
            "rule": a.rule,
        }
        for a in checked.attributions
    ]
    return (
        pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
        .sort_values(["source", "passage", "start"])
        .reset_index(drop=True)
    )


def load_atlas(data_dir: str | Path = DEFAULT_DATA_DIR) -> Atlas:
    """Check and load a data folder.

    Raises
    ------
    AtlasInvalid
        When the folder has any problem; the exception lists them all.

    Examples
    --------
    >>> atlas = load_atlas("data")
    >>> "cku_railway" in atlas.features.index
    True
    """
    data_dir = Path(data_dir)
    checked = check_data(data_dir)
    if checked.problems:
        raise AtlasInvalid(checked.problems)
    # Checked data has its boundaries and the routes' km per country; nothing is checked again.
    assert checked.boundaries is not None and checked.crossings is not None
    crossings = checked.crossings

    features = _features_frame(checked)
    lengths = route_lengths_km(features)
    features["length_km"] = features["id"].map(lengths)
    crossed = (
        crossings[crossings["iso_a2"].fillna("") != ""]
        .groupby("feature_id", sort=False)["iso_a2"]
        .agg(list)
    )
    features["crossed"] = [crossed.get(fid, []) for fid in features["id"]]

    passages = pd.DataFrame(
        [
            {
                "passage_id": p.id,
                "source": sid,
                "index": p.index,
                "offset": p.offset,
                "text": p.text,
            }
            for sid, src in checked.sources.items()
            for p in src.passages
        ],
        columns=["passage_id", "source", "index", "offset", "text"],
    )
    linker = build_linker(checked)
    return Atlas(
        version=data_version(data_dir),
        features=features,
        props=dict(checked.props),
        sources={sid: s.meta for sid, s in checked.sources.items()},
        texts={sid: s.text for sid, s in checked.sources.items()},
        passages=passages,
        mentions=_mentions_frame(checked, linker),
        events=_events_frame(checked),
        figures=_figures_frame(checked),
        people=dict(checked.people),
        attributions=_attributions_frame(checked),
        boundaries=checked.boundaries,
        crossings=crossings,
        linker=linker,
        histories=checked.histories,
        versions=tuple(checked.versions),
    )

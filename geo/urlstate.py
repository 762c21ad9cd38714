"""The URL codec: the view is the query string, and this module's :data:`PARAMS` table names every
view parameter once — its URL key, the :class:`ViewState` field it fills, its type, and what it is
checked against in the atlas.

Everything else derives from the table: :class:`ViewState` (its fields), :func:`decode` and
:func:`encode`, the sidebar widgets and "Clear all" (``ui/``), the CLI's ``export`` filters
(``geo.cli``) and the README's list of link parameters (``tests/unit/test_docs.py`` fails when the
README and the table disagree). Adding a filter is one row here, its rule in
:func:`geo.filter.filter_atlas`, and (when it needs one) its widget's option labels.

Decoding never trusts its input: unknown keys, unknown ids, malformed dates and oversized values
are dropped, each with a notice the page shows as text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode

MAX_VALUE_LENGTH = 500  # longer values are dropped: no real view needs them
MAX_ITEMS = 50
MAX_QUERY_LENGTH = 200
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Kind = Literal["list", "date", "id", "text", "version", "position"]
MAX_MAP_ZOOM = 18


@dataclass(frozen=True)
class Param:
    """One view parameter.

    key : the URL key. field : the :class:`ViewState` attribute. kind : ``list`` (values from the
    atlas's ``vocab``), ``date`` (YYYY-MM-DD), ``id`` (one value from ``vocab``), ``text`` (free
    text, searched) or ``version`` (a data version). filter : whether it narrows what is in view
    (the filter key of a view, the CLI's ``export`` options and "Clear all" use it). widget : the
    widget that edits it (``multiselect``, ``date``, ``search`` in the sidebar; ``slider``, the
    map page's time slider) or None. page : the page it belongs to, None for every page (a
    page's own parameter is dropped on other pages, and its widget is on that page).
    """

    key: str
    field: str
    kind: Kind
    doc: str
    example: str
    vocab: str | None = None
    filter: bool = False
    widget: str | None = None
    label: str = ""
    help: str = ""
    upper: bool = False  # values are compared upper-cased (country codes)
    page: str | None = None
    missing: str = "not in the atlas"  # the notice's reason when an id names nothing


PARAMS: tuple[Param, ...] = (
    Param(
        "q",
        "query",
        "text",
        "the search words",
        "q=tunnel",
        widget="search",
        label="Search passages",
        help="All words must occur; put a phrase in quotes. Chinese works too.",
    ),
    Param(
        "country",
        "countries",
        "list",
        "ISO 3166-1 alpha-2 codes",
        "country=KG,UZ",
        vocab="countries",
        filter=True,
        widget="multiselect",
        label="Country",
        upper=True,
        help="A route matches when it crosses the country; a site when it lies in it.",
    ),
    Param(
        "project",
        "projects",
        "list",
        "project ids",
        "project=cku_railway",
        vocab="projects",
        filter=True,
        widget="multiselect",
        label="Project",
    ),
    Param(
        "kind",
        "kinds",
        "list",
        "feature kinds",
        "kind=tunnel",
        vocab="kinds",
        filter=True,
        widget="multiselect",
        label="Kind",
    ),
    Param(
        "status",
        "statuses",
        "list",
        "feature statuses",
        "status=operational",
        vocab="statuses",
        filter=True,
        widget="multiselect",
        label="Status",
    ),
    Param(
        "source",
        "sources",
        "list",
        "source ids",
        "source=f2840b807d95501f",
        vocab="sources",
        filter=True,
        widget="multiselect",
        label="Source",
        help="Only features these sources mention, and only their passages and events.",
    ),
    Param(
        "speaker",
        "speakers",
        "list",
        "ids of people (or organisations) who speak",
        "speaker=zhu_yongbiao",
        vocab="speakers",
        filter=True,
        widget="multiselect",
        label="Speaker",
        help="Only what these people said: the passages where they speak, the features those "
        "passages mention and the events they report.",
    ),
    Param(
        "org",
        "organisations",
        "list",
        "ids of organisations whose people (or who themselves) speak",
        "org=lanzhou_university",
        vocab="organisations",
        filter=True,
        widget="multiselect",
        label="Organisation",
        help="Only what the people of these organisations, or the organisations themselves, said.",
    ),
    Param(
        "from",
        "date_from",
        "date",
        "events from this day (YYYY-MM-DD)",
        "from=2024-01-01",
        filter=True,
        widget="date",
        label="Events from",
    ),
    Param(
        "to",
        "date_to",
        "date",
        "events up to this day (YYYY-MM-DD)",
        "to=2025-12-31",
        filter=True,
        widget="date",
        label="Events up to",
    ),
    Param(
        "asof",
        "as_of",
        "date",
        "the atlas as of this day: each feature's status then, only sources published by then "
        "(YYYY-MM-DD; today when absent)",
        "asof=2024-01-01",
        filter=True,
        widget="slider",
        label="As of",
        help="Features are drawn with the status they had then; the panel and the timeline show "
        "only what sources published by then reported.",
    ),
    Param(
        "sel",
        "selected",
        "id",
        "the selected feature id",
        "sel=horgos",
        vocab="features",
        label="selection",
        missing="no such feature",
    ),
    Param(
        "event",
        "event",
        "id",
        "the selected event id",
        "event=cku_groundbreaking",
        vocab="events",
        label="event",
        missing="no such event",
    ),
    Param(
        "who",
        "who",
        "id",
        "the person or organisation whose card is shown",
        "who=zhu_yongbiao",
        vocab="people",
        label="speaker",
        missing="no such person or organisation",
    ),
    Param(
        "src",
        "source_page",
        "id",
        "the source shown",
        "src=f2840b807d95501f",
        vocab="sources",
        label="source",
        page="sources",
    ),
    Param(
        "since",
        "since",
        "date",
        "list what changed after this day (YYYY-MM-DD)",
        "since=2025-01-01",
        widget="date",
        label="Changed since",
        page="changes",
    ),
    Param(
        "map",
        "map_view",
        "position",
        "the map's centre (latitude, longitude) and zoom, when the reader has moved the map; "
        "a new selection or filter frames what it shows instead",
        "map=41.3,74.5,6",
        label="map position",
    ),
    Param("v", "version", "version", "the data version the link was made on", "v=3f2a9c01d2"),
)
BY_KEY: dict[str, Param] = {p.key: p for p in PARAMS}
FILTERS: tuple[Param, ...] = tuple(p for p in PARAMS if p.filter)

_EMPTY: dict[str, Any] = {
    "list": (),
    "date": None,
    "id": None,
    "text": "",
    "version": None,
    "position": None,
}
_TYPES: dict[str, Any] = {
    "list": tuple[str, ...],
    "date": dt.date | None,
    "id": str | None,
    "text": str,
    "version": str | None,
    "position": tuple[float, float, int] | None,
}

ViewState = dataclasses.make_dataclass(
    "ViewState",
    [(p.field, _TYPES[p.kind], dataclasses.field(default=_EMPTY[p.kind])) for p in PARAMS],
    frozen=True,
)
ViewState.__module__ = __name__
ViewState.__doc__ = (
    "One view of the atlas: a field per row of :data:`PARAMS`, each empty by default "
    "(``()``, ``None`` or ``''``). Build it with keywords: ``ViewState(countries=('KG',))``."
)


def replace(state: ViewState, **changes: Any) -> ViewState:
    """``state`` with some fields changed (``dataclasses.replace``)."""
    return dataclasses.replace(state, **changes)


def filter_key(state: ViewState) -> tuple:
    """The values of the filter parameters: two states with the same key show the same
    features, passages and events (a cache key for everything that depends only on them).

    >>> filter_key(ViewState(countries=("KG",), selected="horgos"))[:2]
    (('KG',), ())
    """
    return tuple(getattr(state, p.field) for p in FILTERS)


def cleared(state: ViewState) -> ViewState:
    """The view with every filter, the search, the selection and the event cleared ("Clear
    all"); the data version and page parameters stay."""
    keep = {p.field for p in PARAMS if p.kind == "version" or p.page}
    return ViewState(**{f: getattr(state, f) for f in keep})


@dataclass(frozen=True)
class Vocabulary:
    """The values a link may name, by vocabulary (``countries``, ``features``, …), each with the
    label a widget shows for it, in display order; and the atlas's data ``version``, which every
    decoded view carries."""

    values: Mapping[str, Mapping[str, str]] = dataclasses.field(default_factory=dict)
    version: str | None = None

    def allowed(self, vocab: str) -> Mapping[str, str]:
        return self.values.get(vocab, {})


def split_values(raw: str | Iterable[str]) -> list[str]:
    """The values of one parameter, from its comma-separated string (or strings).

    >>> split_values("KG, UZ,,")
    ['KG', 'UZ']
    """
    items = [raw] if isinstance(raw, str) else list(raw)
    out: list[str] = []
    for item in items:
        out.extend(v.strip() for v in str(item).split(","))
    return [v for v in out if v]


def _short(value: str, limit: int = 40) -> str:
    """A value as shown in a notice: trimmed, so a hostile parameter cannot flood the page."""
    return value if len(value) <= limit else value[:limit] + "…"


def _decode_one(p: Param, values: list[str], vocab: Vocabulary, notices: list[str]) -> Any:
    """The value of one parameter from its raw values (already split and length-checked)."""
    if p.kind == "list":
        allowed = vocab.allowed(p.vocab or "")
        kept: list[str] = []
        for v in values[: MAX_ITEMS * 4]:
            norm = v.upper() if p.upper else v
            if norm not in allowed:
                notices.append(f"Ignored {p.key} {_short(v)!r}: not in the atlas.")
            elif norm not in kept:
                kept.append(norm)
        if len(kept) > MAX_ITEMS:
            kept = kept[:MAX_ITEMS]
            notices.append(f"Kept the first {MAX_ITEMS} values of {p.key!r}.")
        return tuple(sorted(kept))
    if p.kind == "text":
        text = ",".join(values)
        if len(text) > MAX_QUERY_LENGTH:
            notices.append(f"Shortened the search to {MAX_QUERY_LENGTH} characters.")
            text = text[:MAX_QUERY_LENGTH]
        return text
    if p.kind == "position":  # one value with commas in it
        position = map_position(",".join(values))
        if position is None:
            notices.append(
                f"Ignored {p.key} {_short(','.join(values))!r}: not a latitude, longitude "
                "and zoom."
            )
        return position
    if len(set(values)) > 1:
        notices.append(f"{p.key!r} was given more than once; used the last value.")
    value = values[-1]
    if p.kind == "date":
        try:
            if not _DAY.match(value):
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            notices.append(f"Ignored {p.key} {_short(value)!r}: not a YYYY-MM-DD date.")
            return None
    if p.kind == "id":
        if value not in vocab.allowed(p.vocab or ""):
            notices.append(f"Ignored {p.label or p.key} {_short(value)!r}: {p.missing}.")
            return None
        return value
    if not (value.isalnum() and value.isascii() and len(value) <= 40):  # version
        notices.append("Ignored a malformed data version.")
        return None
    return value


def decode(
    params: Mapping[str, str | list[str]], vocab: Vocabulary, page: str | None = None
) -> tuple[ViewState, list[str]]:
    """Read a :class:`ViewState` from query parameters; return it with notices for what was
    dropped. Parameters of another ``page`` are dropped without a notice (they are valid links,
    just not for this page). When the vocabulary knows the atlas's data version, the view is of
    that version, with a notice when the link was made on another one.

    Examples
    --------
    >>> vocab = Vocabulary({"countries": {"KG": "Kyrgyzstan"}, "features": {"horgos": "Horgos"}})
    >>> state, notices = decode({"country": "KG,XX", "sel": "horgos"}, vocab)
    >>> state.countries, state.selected, notices
    (('KG',), 'horgos', ["Ignored country 'XX': not in the atlas."])
    """
    notices: list[str] = []
    fields: dict[str, Any] = {}
    for key, raw in params.items():
        p = BY_KEY.get(key)
        if p is None:
            notices.append(f"Ignored unknown link parameter {_short(key)!r}.")
            continue
        if p.page is not None and p.page != page:
            continue
        values = split_values(raw)
        if any(len(v) > MAX_VALUE_LENGTH for v in values):
            notices.append(f"Ignored an oversized value for {key!r}.")
            values = [v for v in values if len(v) <= MAX_VALUE_LENGTH]
        if values:
            fields[p.field] = _decode_one(p, values, vocab, notices)
    start, end = fields.get("date_from"), fields.get("date_to")
    if start and end and start > end:
        notices.append("Ignored the date range: 'from' is after 'to'.")
        fields["date_from"] = fields["date_to"] = None
    made_on = fields.get("version")
    if vocab.version is not None:
        if made_on and made_on != vocab.version:
            notices.append(
                f"This link was made on data version {made_on}; the atlas now shows version "
                f"{vocab.version}, so some details may differ."
            )
        fields["version"] = vocab.version
    return ViewState(**fields), notices


def map_position(text: str) -> tuple[float, float, int] | None:
    """A map position from its URL form ``lat,lon,zoom`` (None when it is not one): latitude
    within ±85° (Leaflet's map ends there), longitude within ±540° (a map panned past the
    antimeridian), a whole zoom from 0 to :data:`MAX_MAP_ZOOM`; rounded as :func:`encode`
    writes it.

    >>> map_position("41.30004,74.5,6"), map_position("91,0,3"), map_position("nan,0,3")
    ((41.3, 74.5, 6), None, None)
    """
    parts = text.split(",")
    if len(parts) != 3:
        return None
    try:
        lat, lon, zoom = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        return None
    if not (abs(lat) <= 85 and abs(lon) <= 540 and 0 <= zoom <= MAX_MAP_ZOOM):
        return None  # also refuses nan and inf
    return round(lat, 4), round(lon, 4), zoom


def encode_value(p: Param, value: Any) -> str | None:
    """One parameter's value as it stands in the URL, or None when it is empty."""
    if value in (None, "", ()):
        return None
    if p.kind == "list":
        return ",".join(value)
    if p.kind == "position":
        return ",".join([*(f"{v:.4f}".rstrip("0").rstrip(".") for v in value[:2]), str(value[2])])
    if p.kind == "date":
        return value.isoformat()
    return str(value)


def encode(state: ViewState, page: str | None = None) -> dict[str, str]:
    """Query parameters for ``state`` in table order; empty values are left out so links stay
    short, and so are other pages' own parameters.

    >>> encode(ViewState(countries=("KG", "UZ"), selected="cku_railway", version="ab12"))
    {'country': 'KG,UZ', 'sel': 'cku_railway', 'v': 'ab12'}
    """
    out: dict[str, str] = {}
    for p in PARAMS:
        if p.page is not None and p.page != page:
            continue
        text = encode_value(p, getattr(state, p.field))
        if text is not None:
            out[p.key] = text
    return out


def share_url(base: str, state: ViewState, page: str | None = None) -> str:
    """The full link to ``state`` under ``base`` (e.g. ``https://atlas.streamlit.app/``).

    >>> share_url("https://a.example/", ViewState(countries=("KG",), version="v1"))
    'https://a.example/?country=KG&v=v1'
    """
    query = urlencode(encode(state, page), safe=",")
    return f"{base.rstrip('?')}?{query}" if query else base


def link_with(base: str, state: ViewState, page: str | None = None, **changes: Any) -> str:
    """A link to the current view with some fields changed — every in-app link is made here,
    so following it keeps the reader's filters (e.g. a mention's link selects its feature). It
    is followed at once, on the same data, so unlike a shared link it carries no version.

    A link that selects or filters drops the map's position: the map frames what it shows.

    >>> link_with("./", ViewState(countries=("KG",), version="ab12"), selected="horgos")
    './?country=KG&sel=horgos'
    """
    if "selected" in changes or any(p.field in changes for p in FILTERS):
        changes.setdefault("map_view", None)
    return share_url(base, replace(state, version=None, **changes), page)


def readme_table() -> str:
    """The Markdown table of link parameters that the README carries (checked by a test)."""
    rows = ["| key | meaning | example |", "| --- | --- | --- |"]
    for p in PARAMS:
        where = f" (on the {p.page.capitalize()} page)" if p.page else ""
        rows.append(f"| `{p.key}` | {p.doc}{where} | `{p.example}` |")
    return "\n".join(rows)

"""Encode a view (filters, selection, search) to URL query parameters and decode it back.

Everything a person can reach is in the URL, so a copied link opens the same view. Decoding never
trusts its input: unknown keys, unknown ids, malformed dates and oversized values are dropped, each
with a notice the page shows as text.

Parameters (lists are comma-separated; a repeated key is merged):

=========  =====================================  ======================
key        meaning                                example
=========  =====================================  ======================
country    ISO 3166-1 alpha-2 codes               ``country=KG,UZ``
project    project ids                            ``project=cku_railway``
kind       feature kinds                          ``kind=tunnel``
status     feature statuses                       ``status=operational``
source     source ids                             ``source=f2840b807d95501f``
from, to   date range (YYYY-MM-DD)                ``from=2024-01-01``
sel        the selected feature id                ``sel=horgos``
event      the selected event id                  ``event=cku_groundbreaking``
q          the search words                       ``q=tunnel``
v          the data version the link was made on  ``v=3f2a9c01d2``
=========  =====================================  ======================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from geo.filter import Filters
from geo.load import Atlas

MAX_VALUE_LENGTH = 500  # longer values are dropped: no real view needs them
MAX_ITEMS = 50
MAX_QUERY_LENGTH = 200
LIST_KEYS = {
    "country": "countries",
    "project": "projects",
    "kind": "kinds",
    "status": "statuses",
    "source": "sources",
}
KNOWN_KEYS = set(LIST_KEYS) | {"from", "to", "sel", "event", "q", "v"}


@dataclass(frozen=True)
class Vocabulary:
    """The values a link may name, taken from the loaded atlas."""

    countries: frozenset[str] = frozenset()
    projects: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    features: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ViewState:
    filters: Filters = field(default_factory=Filters)
    selected: str | None = None
    event: str | None = None
    query: str = ""
    version: str | None = None

    def with_filters(self, **changes) -> ViewState:
        return replace(self, filters=replace(self.filters, **changes))


def _values(raw: str | Iterable[str]) -> list[str]:
    items = [raw] if isinstance(raw, str) else list(raw)
    out: list[str] = []
    for item in items:
        out.extend(v.strip() for v in str(item).split(","))
    return [v for v in out if v]


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _short(value: str, limit: int = 40) -> str:
    """A value as shown in a notice: trimmed, so a hostile parameter cannot flood the page."""
    return value if len(value) <= limit else value[:limit] + "…"


def decode(params: Mapping[str, str | list[str]], vocab: Vocabulary) -> tuple[ViewState, list[str]]:
    """Read a :class:`ViewState` from query parameters; return it with notices for what was dropped.

    Examples
    --------
    >>> vocab = Vocabulary(countries=frozenset({"KG"}), features=frozenset({"horgos"}))
    >>> state, notices = decode({"country": "KG,XX", "sel": "horgos"}, vocab)
    >>> state.filters.countries, state.selected, notices
    (('KG',), 'horgos', ["Ignored country 'XX': not in the atlas."])
    """
    notices: list[str] = []
    lists: dict[str, tuple[str, ...]] = {}
    scalars: dict[str, str] = {}
    for key, raw in params.items():
        if key not in KNOWN_KEYS:
            notices.append(f"Ignored unknown link parameter {_short(key)!r}.")
            continue
        values = _values(raw)
        too_long = [v for v in values if len(v) > MAX_VALUE_LENGTH]
        if too_long:
            notices.append(f"Ignored an oversized value for {key!r}.")
            values = [v for v in values if len(v) <= MAX_VALUE_LENGTH]
        if key in LIST_KEYS:
            allowed = getattr(vocab, LIST_KEYS[key])
            kept: list[str] = []
            for v in values[: MAX_ITEMS * 4]:
                norm = v.upper() if key == "country" else v
                if norm in allowed:
                    if norm not in kept:
                        kept.append(norm)
                else:
                    notices.append(f"Ignored {key} {_short(v)!r}: not in the atlas.")
            if len(kept) > MAX_ITEMS:
                kept = kept[:MAX_ITEMS]
                notices.append(f"Kept the first {MAX_ITEMS} values of {key!r}.")
            lists[LIST_KEYS[key]] = tuple(sorted(kept))
        elif values:
            if len(set(values)) > 1 and key != "q":
                notices.append(f"{key!r} was given more than once; used the last value.")
            scalars[key] = values[-1] if key != "q" else ",".join(values)

    dates: dict[str, dt.date | None] = {}
    for key in ("from", "to"):
        if key in scalars:
            d = _date(scalars[key])
            if d is None:
                notices.append(f"Ignored {key} {_short(scalars[key])!r}: not a YYYY-MM-DD date.")
            dates[key] = d
    date_from, date_to = dates.get("from"), dates.get("to")
    if date_from and date_to and date_from > date_to:
        notices.append("Ignored the date range: 'from' is after 'to'.")
        date_from = date_to = None

    selected = scalars.get("sel")
    if selected is not None and selected not in vocab.features:
        notices.append(f"Ignored selection {_short(selected)!r}: no such feature.")
        selected = None
    event = scalars.get("event")
    if event is not None and event not in vocab.events:
        notices.append(f"Ignored event {_short(event)!r}: no such event.")
        event = None
    query = scalars.get("q", "")
    if len(query) > MAX_QUERY_LENGTH:
        notices.append(f"Shortened the search to {MAX_QUERY_LENGTH} characters.")
        query = query[:MAX_QUERY_LENGTH]
    version = scalars.get("v")
    if version is not None and not (version.isalnum() and len(version) <= 40):
        notices.append("Ignored a malformed data version.")
        version = None

    filters = Filters(date_from=date_from, date_to=date_to, **lists)
    return ViewState(filters, selected, event, query, version), notices


def encode(state: ViewState) -> dict[str, str]:
    """Query parameters for ``state``; empty filters are left out so links stay short.

    >>> encode(ViewState(Filters(countries=("KG", "UZ")), selected="cku_railway", version="ab12"))
    {'country': 'KG,UZ', 'sel': 'cku_railway', 'v': 'ab12'}
    """
    f = state.filters
    out: dict[str, str] = {}
    for key, attr in LIST_KEYS.items():
        values = getattr(f, attr)
        if values:
            out[key] = ",".join(values)
    if f.date_from:
        out["from"] = f.date_from.isoformat()
    if f.date_to:
        out["to"] = f.date_to.isoformat()
    if state.selected:
        out["sel"] = state.selected
    if state.event:
        out["event"] = state.event
    if state.query:
        out["q"] = state.query
    if state.version:
        out["v"] = state.version
    return out


def share_url(base: str, state: ViewState) -> str:
    """The full link to ``state`` under ``base`` (e.g. ``https://atlas.streamlit.app/``)."""
    query = urlencode(encode(state), safe=",")
    return f"{base.rstrip('?')}?{query}" if query else base


def vocabulary(atlas: Atlas) -> Vocabulary:
    """The values links may name in ``atlas``."""
    f = atlas.features
    countries = {c for cs in f["countries"] for c in cs} | {c for cs in f["crossed"] for c in cs}
    return Vocabulary(
        countries=frozenset(countries),
        projects=frozenset(f["project"]),
        kinds=frozenset(f["kind"]),
        statuses=frozenset(f["status"]),
        sources=frozenset(atlas.sources),
        features=frozenset(f["id"]),
        events=frozenset(atlas.events["id"]),
    )

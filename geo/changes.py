"""What changed: every new event, status change, source and figure after a day — or since a data
version — grouped by corridor, each with its evidence; as plain values, Markdown or JSON.

After a day (:func:`changes_since`), a change counts when the last day its date can mean is after
it: an event's date, a status transition's date (:mod:`geo.phases`), a source's publication date,
a figure's ``as_of`` or its source's publication. Since a data version (:func:`changes_in`), a
change is a record the versions recorded after it added or changed (:mod:`geo.versions`), and the
status changes their events bring. A change belongs to the corridor (project) of its feature; an
event to its first feature's project; a source to the corridor it mentions most (among what the
view shows); what has none to "Other places and context".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass

import pandas as pd

from geo.filter import View
from geo.load import Atlas
from geo.phases import PRESENT, day_bounds

KINDS = ("status", "event", "figure", "source")  # the order a day's changes are listed in
OTHER = ""  # the corridor of what belongs to none
OTHER_NAME = "Other places and context"


@dataclass(frozen=True)
class Change:
    """One change: its ``kind`` (``status``, ``event``, ``figure`` or ``source``), the corridor
    (project id, ``""`` for none), its date as written and the last day it can mean, a title, the
    feature it concerns, the quote that is its evidence, the source (id, title, address) and the
    id of the record (event, source or figure id; ``feature:event`` for a status change)."""

    kind: str
    corridor: str
    date: str
    day: dt.date
    title: str
    feature: str | None
    evidence: str
    source: str | None
    source_title: str
    url: str | None
    ref: str


@dataclass(frozen=True)
class CorridorChanges:
    corridor: str
    name: str
    changes: tuple[Change, ...]


def _last_day(date: str) -> dt.date:
    return day_bounds(date)[1]


def _source_bits(atlas: Atlas, sid: str | None) -> tuple[str, str | None]:
    meta = atlas.sources.get(sid or "")
    return (meta.title, meta.url) if meta else ("", None)


def _event_change(atlas: Atlas, ev: pd.Series) -> Change:
    title, url = _source_bits(atlas, ev["source"])
    return Change(
        "event",
        ev["project"] or OTHER,
        ev["date"],
        _last_day(ev["date"]),
        ev["title"],
        ev["features"][0] if len(ev["features"]) else None,
        ev["evidence"],
        ev["source"],
        title,
        url,
        ev["id"],
    )


def _status_changes(atlas: Atlas, feature_ids: Iterable[str]) -> list[Change]:
    """Every transition of these features' histories that changed a status (the first dated one
    included; a present status only where it changes what the events say)."""
    out = []
    events = atlas.events_by_id
    for fid in feature_ids:
        history = atlas.histories.get(fid)
        if history is None or not history.dated:
            continue
        props = atlas.props[fid]
        for i, phase in enumerate(history.phases):
            t = phase.transition
            if t.origin == PRESENT and i == 0:
                continue
            ev = events.loc[t.event] if t.event in events.index else None
            sid = ev["source"] if ev is not None else None
            title, url = _source_bits(atlas, sid)
            evidence = ev["evidence"] if ev is not None else "status in corridors.geojson"
            out.append(
                Change(
                    "status",
                    props.project or OTHER,
                    t.date,
                    _last_day(t.date),
                    f"{props.name}: {phase.status.replace('_', ' ')}",
                    fid,
                    evidence,
                    sid,
                    title,
                    url,
                    f"{fid}:{t.event or 'present'}",
                )
            )
    return out


def _source_changes(atlas: Atlas, source_ids: Iterable[str], mentions: pd.DataFrame) -> list[Change]:
    """A change per source, in the corridor it mentions most (Other when it mentions none)."""
    out = []
    for sid in source_ids:
        meta = atlas.sources[sid]
        mentioned = mentions.loc[(mentions["source"] == sid) & (mentions["project"] != ""), "project"]
        counts = mentioned.value_counts()
        corridor = str(sorted(counts.index, key=lambda p: (-counts[p], p))[0]) if len(counts) else OTHER
        out.append(
            Change(
                "source",
                corridor,
                meta.published,
                _last_day(meta.published),
                meta.title,
                None,
                f"{meta.publisher}, published {meta.published} ({meta.language})",
                sid,
                meta.title,
                meta.url,
                sid,
            )
        )
    return out


def _figures(atlas: Atlas) -> pd.DataFrame:
    return getattr(atlas, "figures", pd.DataFrame(columns=["id", "feature"]))


def _figure_changes(atlas: Atlas, figures: pd.DataFrame) -> list[Change]:
    out = []
    for f in figures.itertuples(index=False):
        props = atlas.props[f.feature]
        title, url = _source_bits(atlas, f.source)
        value = f"{f.value:,.10g}"
        out.append(
            Change(
                "figure",
                props.project or OTHER,
                f.as_of,
                _last_day(f.as_of),
                f"{props.name}: {f.metric.replace('_', ' ')} {value} {f.unit}",
                f.feature,
                f.quote,
                f.source,
                title,
                url,
                f.id,
            )
        )
    return out


def changes_since(atlas: Atlas, since: dt.date, view: View | None = None) -> list[Change]:
    """Everything that changed after ``since`` among what ``view`` shows (the whole atlas when
    None), newest first."""
    features = atlas.features if view is None else view.features
    events = atlas.events if view is None else view.events
    mentions = atlas.mentions if view is None else view.mentions
    ts = pd.Timestamp(since)
    out = [_event_change(atlas, ev) for _, ev in events[events["end"] > ts].iterrows()]
    out += [c for c in _status_changes(atlas, features["id"]) if c.day > since]
    shown_sources = set(mentions["source"]) if view is not None else set(atlas.sources)
    later = [s for s in shown_sources if _last_day(atlas.sources[s].published) > since]
    out += _source_changes(atlas, sorted(later), mentions)
    figures = _figures(atlas)
    if len(figures):
        figures = figures[figures["feature"].isin(set(features["id"]))]
        new = [
            _last_day(a) > since or _last_day(atlas.sources[s].published) > since
            for a, s in zip(figures["as_of"], figures["source"], strict=True)
        ]
        out += _figure_changes(atlas, figures[new])
    return _ordered(out)


def changes_in(atlas: Atlas, ids: Mapping[str, Collection[str]]) -> list[Change]:
    """The changes that records with these ids bring (kind → ids, from
    :func:`geo.versions.changed_since`): new or changed events, sources and figures, and the
    status changes the events begin, newest first."""
    events = atlas.events[atlas.events["id"].isin(set(ids.get("events", ())))]
    out = [_event_change(atlas, ev) for _, ev in events.iterrows()]
    new_events = set(events["id"])
    out += [
        c
        for c in _status_changes(atlas, atlas.histories)
        if c.ref.split(":", 1)[1] in new_events or c.feature in ids.get("features", ())
    ]
    sources = [s for s in ids.get("sources", ()) if s in atlas.sources]
    out += _source_changes(atlas, sorted(sources), atlas.mentions)
    figures = _figures(atlas)
    if len(figures):
        out += _figure_changes(atlas, figures[figures["id"].isin(set(ids.get("figures", ())))])
    return _ordered(out)


def _ordered(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (-c.day.toordinal(), KINDS.index(c.kind), c.ref))


def by_corridor(changes: Iterable[Change], names: Mapping[str, str]) -> list[CorridorChanges]:
    """The changes grouped by corridor, corridors by name and "Other places and context" last;
    ``names``: project id → name."""
    groups: dict[str, list[Change]] = {}
    for c in changes:
        groups.setdefault(c.corridor, []).append(c)
    order = sorted(groups, key=lambda p: (p == OTHER, names.get(p, p)))
    return [
        CorridorChanges(p, names.get(p, p) if p else OTHER_NAME, tuple(groups[p])) for p in order
    ]


def changes_json(groups: list[CorridorChanges], **context: str | None) -> str:
    """The grouped changes as a JSON document: ``context`` (e.g. ``since``) and ``corridors``."""
    doc = {
        **context,
        "count": sum(len(g.changes) for g in groups),
        "corridors": [
            {
                "corridor": g.corridor or None,
                "name": g.name,
                "changes": [
                    {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in asdict(c).items()}
                    for c in g.changes
                ],
            }
            for g in groups
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _md(text: str) -> str:
    """Text safe inside Markdown: its punctuation escaped, on one line."""
    out = " ".join(text.split())
    for ch in "\\`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def changes_markdown(groups: list[CorridorChanges], heading: str) -> str:
    """The grouped changes as Markdown (for a newsletter): a heading, a section per corridor,
    an item per change with its evidence quoted and its source."""
    lines = [f"# {_md(heading)}", ""]
    if not groups:
        lines.append("Nothing changed.")
    for g in groups:
        lines += [f"## {_md(g.name)}", ""]
        for c in g.changes:
            lines.append(f"- **{c.date}** · {c.kind} · {_md(c.title)}")
            source = f" — {_md(c.source_title)}" if c.source_title else ""
            url = f" <{c.url}>" if c.url else ""
            if c.kind == "source":
                lines.append(f"  {_md(c.evidence)}{url}")
            else:
                lines.append(f"  > “{_md(c.evidence)}”{source}{url}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"

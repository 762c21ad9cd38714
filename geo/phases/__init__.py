"""Status as phases: each feature's status history, derived from the events where their evidence
says so, curated where it does not, and checked.

- :mod:`geo.phases.words` — the words that state a status change, per language (en, zh, ru);
- :mod:`geo.phases.derive` — which status one event's evidence states (:func:`status_stated`);
- :mod:`geo.phases.history` — transitions in order, phases as intervals, :func:`status_at`,
  :func:`check_history`;
- :mod:`geo.phases.bar` — a history as the card's bar (:func:`phase_bar`);
- this module — every feature's :class:`History` from the checked data (:func:`histories`).

A feature whose status is ``existing`` (a city) has no phases: it is simply there. Every other
feature's history is made of the transitions the rules find in the events that name it, with the
curation of ``phases.json`` applied (a curated transition replaces what the rules found for the
same feature and event; a suppressed one is dropped), and its present status from
``corridors.geojson`` (which wins from its ``status_as_of`` when it differs).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from geo.model import Event, FeatureProperties, PhaseCuration
from geo.phases.bar import PhaseBar, Segment, phase_bar
from geo.phases.derive import Found, status_stated
from geo.phases.history import (
    CURATED,
    PRESENT,
    RULE,
    History,
    Phase,
    Transition,
    build_history,
    check_history,
    day_bounds,
    status_at,
)

__all__ = [
    "CURATED",
    "PRESENT",
    "RULE",
    "Found",
    "History",
    "Phase",
    "PhaseBar",
    "Segment",
    "Transition",
    "build_history",
    "check_history",
    "day_bounds",
    "derived_transitions",
    "histories",
    "phase_bar",
    "status_at",
    "status_stated",
]


def has_phases(props: FeatureProperties) -> bool:
    """Whether a feature has a status history (a city that simply exists has none)."""
    return props.status != "existing"


def derived_transitions(
    events: Iterable[Event],
    published: Mapping[str, str],
    props: Mapping[str, FeatureProperties],
) -> dict[tuple[str, str], Transition]:
    """(feature, event id) → the transition the rules find in the event's evidence, for every
    feature the event names that has phases. ``published``: source id → publication date."""
    out: dict[tuple[str, str], Transition] = {}
    for ev in events:
        targets = [f for f in ev.features if f in props and has_phases(props[f])]
        if not targets:
            continue
        start, end = day_bounds(ev.date)
        pub = published.get(ev.evidence.source)
        offset = ev.evidence.start
        found = status_stated(
            ev.evidence.quote,
            ev.date_span.start - offset,
            ev.date_span.end - offset,
            future=pub is not None and start > day_bounds(pub)[1],
        )
        if found is None:
            continue
        for f in targets:
            out[(f, ev.id)] = Transition(
                f, found.status, ev.date, start, end, RULE, ev.id, found.rule, found.words
            )
    return out


def present_transition(props: FeatureProperties) -> Transition:
    """The status ``corridors.geojson`` gives the feature, as of its ``status_as_of``."""
    return Transition(
        props.id,
        props.status,
        props.status_as_of,
        *day_bounds(props.status_as_of),
        PRESENT,
        None,
        "the present status in corridors.geojson",
    )


def histories(
    events: Iterable[Event],
    published: Mapping[str, str],
    props: Mapping[str, FeatureProperties],
    curation: PhaseCuration | None = None,
) -> dict[str, History]:
    """Every feature's history from checked records (``curation`` assumed checked: its features
    and events exist)."""
    events = list(events)
    found = derived_transitions(events, published, props)
    by_id = {e.id: e for e in events}
    if curation is not None:
        for s in curation.suppress:
            found.pop((s.feature, s.event), None)
        for a in curation.add:
            ev = by_id.get(a.event)
            if ev is None or a.feature not in props:
                continue
            found[(a.feature, a.event)] = Transition(
                a.feature,
                a.status,
                ev.date,
                *day_bounds(ev.date),
                CURATED,
                a.event,
                a.reason,
                out_of_order=a.out_of_order,
            )
    per_feature: dict[str, list[Transition]] = {fid: [] for fid in props}
    for (fid, _), t in found.items():
        per_feature[fid].append(t)
    return {
        fid: build_history(fid, [*per_feature[fid], present_transition(p)])
        for fid, p in props.items()
    }

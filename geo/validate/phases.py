"""Check ``phases.json`` (the curated status transitions) and every feature's status history:
each curated transition names a feature with phases and an event that concerns it, each
suppression a feature and an event that exist (one the rules no longer find has no effect: rules
improve while the data grows), and every history is sound (no overlap, no gap, no move
back in the declared order without a reason, no transition without an event; see
:func:`geo.phases.check_history`). The file is optional: without it, no curation."""

from __future__ import annotations

from geo.model import PhaseCuration
from geo.phases import check_history, has_phases, histories
from geo.validate.checked import PHASES, CheckedData, check_model, read_json


def _read(checked: CheckedData) -> PhaseCuration | None:
    path = checked.data_dir / PHASES
    if not path.exists():
        return PhaseCuration()
    doc = read_json(checked, path)
    if doc is None:
        return None
    return check_model(checked, PhaseCuration, doc, checked.name(PHASES), "-")


def check_phases(checked: CheckedData) -> None:
    name = checked.name(PHASES)
    curation = _read(checked)
    if curation is None:
        return
    events = {e.id: e for e in checked.events}
    published = {sid: s.meta.published for sid, s in checked.sources.items()}
    usable = []

    def known(feature: str, event: str, where: str) -> bool:
        ok = True
        if feature not in checked.props:
            ok = False
            if not checked.feature_exists(feature):
                checked.problem(name, where, f"feature {feature!r} does not exist")
        elif not has_phases(checked.props[feature]):
            ok = False
            checked.problem(
                name,
                where,
                f"{feature!r} is a place that simply exists (status 'existing'): it has no phases",
            )
        if event not in events:
            ok = False
            if event not in checked.rejected_events and not checked.events_unread:
                checked.problem(name, where, f"event {event!r} does not exist")
        return ok

    seen: set[tuple[str, str]] = set()
    for i, a in enumerate(curation.add):
        where = f"add[{i}] {a.feature}"
        if not known(a.feature, a.event, where):
            continue
        if (a.feature, a.event) in seen:
            checked.problem(name, where, f"event {a.event!r} is curated twice for this feature")
            continue
        seen.add((a.feature, a.event))
        ev = events[a.event]
        project = checked.props[a.feature].project
        if a.feature not in ev.features and project not in ev.features:
            checked.problem(
                name,
                where,
                f"event {a.event!r} does not concern {a.feature!r} (nor its project); "
                "add the feature to the event's features in events.json",
            )
            continue
        usable.append(a)
    suppressed = []
    for i, s in enumerate(curation.suppress):
        where = f"suppress[{i}] {s.feature}"
        if not known(s.feature, s.event, where):
            continue
        suppressed.append(s)
    kept = PhaseCuration(add=tuple(usable), suppress=tuple(suppressed))
    checked.histories = histories(checked.events, published, checked.props, kept)
    for fid, history in checked.histories.items():
        for message in check_history(history.phases):
            checked.problem(name, fid, message)

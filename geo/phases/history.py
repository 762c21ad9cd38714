"""A feature's status history: transitions in time order, and the phases (intervals) they make.

A :class:`Transition` says that a feature entered a status with an event (found by the rules of
:mod:`geo.phases.derive`, or curated in ``phases.json``), or — the one kind without an event —
that ``corridors.geojson`` states the feature's present status as of a date. :func:`build_history`
puts them in order and turns them into :class:`Phase` intervals; :func:`check_history` says what is
wrong with a list of phases (overlaps, gaps, a move back in the declared order that does not say
why, a transition without an event).

Ordering. A date may be a day, a month, a year or a range; a transition takes effect on the first
day its date can mean. Two transitions whose dates overlap ("2024" and "2024-06-06") are ordered
by :data:`geo.model.PHASE_ORDER` (an agreement before a groundbreaking), and two to the same
status by precision (the first train on 2025-05-20 begins the phase, not "launched in 2025");
when the later one's first day is not after the earlier one's, it takes effect on its last day
instead (the day it certainly holds), so phases never overlap.

Moves. A feature moves forward through :data:`~geo.model.PHASE_ORDER`, skipping phases freely;
``suspended`` and ``cancelled`` may interrupt any phase, and a suspended feature may resume at
its phase or a later one. A transition the rules found that would move back (an agreement to
extend a railway that is already operational) is not applied, and is kept with the reason in
``History.skipped``; a curated one is applied, and must say why (``out_of_order``).

Before its first phase a feature with dated phases was not there yet (:func:`status_at` gives
None); a feature with none is drawn with its present status at every date, flagged undated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geo.model import INTERRUPTIONS, PHASE_ORDER

RULE, CURATED, PRESENT = "rule", "curated", "present"  # where a transition comes from
_RANK = {s: i for i, s in enumerate(PHASE_ORDER)}


def _rank(status: str) -> int:
    return _RANK.get(status, len(PHASE_ORDER))


@dataclass(frozen=True)
class Transition:
    """``feature`` entered ``status`` on ``date`` (as written: ``YYYY``, ``YYYY-MM``,
    ``YYYY-MM-DD`` or a range; ``start``/``end`` are its first and last day).

    origin : ``rule`` (found in ``event``'s evidence by ``rule``, matching ``words``),
        ``curated`` (``phases.json``; ``rule`` holds the curator's reason) or ``present`` (the
        status in ``corridors.geojson``; no event).
    """

    feature: str
    status: str
    date: str
    start: dt.date
    end: dt.date
    origin: str
    event: str | None
    rule: str
    words: str = ""
    out_of_order: str | None = None


@dataclass(frozen=True)
class Phase:
    """``status`` held from ``start`` until ``end`` (exclusive; None: it still holds)."""

    status: str
    start: dt.date
    end: dt.date | None
    transition: Transition


@dataclass(frozen=True)
class History:
    """A feature's phases in order; ``skipped``: transitions the rules found that were not
    applied, each with the reason; ``dated``: whether any phase comes from an event."""

    feature: str
    phases: tuple[Phase, ...]
    skipped: tuple[tuple[Transition, str], ...] = ()

    @property
    def dated(self) -> bool:
        return any(p.transition.origin != PRESENT for p in self.phases)

    @property
    def disagreement(self) -> str | None:
        """When ``corridors.geojson``'s present status changes what the events say, how."""
        for before, phase in zip(self.phases, self.phases[1:], strict=False):
            if phase.transition.origin == PRESENT and before.transition.origin != PRESENT:
                return (
                    f"corridors.geojson says {phase.status} as of {phase.transition.date}; "
                    f"the events say {before.status} (from {before.transition.date})"
                )
        return None


def day_bounds(date: str) -> tuple[dt.date, dt.date]:
    """The first and last day a date of any precision covers.

    >>> day_bounds("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    >>> day_bounds("2024/2025-06")
    (datetime.date(2024, 1, 1), datetime.date(2025, 6, 30))
    """
    start, _, end = date.partition("/")
    first = [int(x) for x in start.split("-")]
    last = [int(x) for x in (end or start).split("-")]
    lo = dt.date(first[0], *(first[1:] + [1, 1])[:2])
    if len(last) == 3:
        return lo, dt.date(*last)
    year, month = last[0], last[1] if len(last) > 1 else 12
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return lo, next_month - dt.timedelta(days=1)


def move_problem(current: str | None, last_ordered: str | None, status: str) -> str | None:
    """Why moving into ``status`` breaks the declared order, or None. ``current``: the status
    held now; ``last_ordered``: the last status of :data:`~geo.model.PHASE_ORDER` held (the one a
    suspension interrupted).

    >>> move_problem("operational", "operational", "agreed")
    'goes back from operational to agreed'
    >>> move_problem("suspended", "operational", "operational") is None
    True
    """
    if current is None or status in INTERRUPTIONS or status == current:
        return None
    if status not in _RANK:
        return f"{status!r} is not a phase"
    if current == "cancelled":
        return f"goes from cancelled to {status}: only a curated transition revives a project"
    if last_ordered is not None and _rank(status) < _rank(last_ordered):
        return f"goes back from {last_ordered} to {status}"
    return None


def _overlap(a: Transition, b: Transition) -> bool:
    return a.start <= b.end and b.start <= a.end


def chronological(transitions: Iterable[Transition]) -> list[tuple[Transition, dt.date]]:
    """The transitions in time order, each with the day it takes effect (see the module)."""
    out = sorted(transitions, key=lambda t: (t.start, t.end, _rank(t.status)))

    def key(t: Transition) -> tuple[int, int]:  # among overlapping dates: order, then precision
        return _rank(t.status), (t.end - t.start).days

    swapped = True
    while swapped:  # each swap removes an inversion of ``key``, so this ends
        swapped = False
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if _overlap(a, b) and key(b) < key(a):
                out[i], out[i + 1] = b, a
                swapped = True
    timed: list[tuple[Transition, dt.date]] = []
    for t in out:
        prev = timed[-1][1] if timed else None
        if prev is None or t.start > prev:
            day = t.start
        else:
            day = max(t.end, prev)
        timed.append((t, day))
    return timed


def build_history(feature: str, transitions: Iterable[Transition]) -> History:
    """The phases of ``feature`` from its transitions (any order; see the module for the rules).

    >>> t = lambda s, d, o=RULE: Transition("f", s, d, *day_bounds(d), o, "e_" + d, "r")
    >>> h = build_history("f", [t("under_construction", "2024-12-27"), t("agreed", "2024-06-06"),
    ...                         t("agreed", "2025-03-01")])
    >>> [(p.status, str(p.start), p.end and str(p.end)) for p in h.phases]
    [('agreed', '2024-06-06', '2024-12-27'), ('under_construction', '2024-12-27', None)]
    >>> [why for _, why in h.skipped]
    ['goes back from under_construction to agreed']
    """
    phases: list[Phase] = []
    skipped: list[tuple[Transition, str]] = []
    current: str | None = None
    last_ordered: str | None = None
    for t, day in chronological(transitions):
        if t.status == current:
            if t.origin == RULE:
                skipped.append((t, f"already {current}"))
            continue
        problem = move_problem(current, last_ordered, t.status)
        if problem and t.origin == RULE:
            skipped.append((t, problem))
            continue
        if phases:
            last = phases[-1]
            phases[-1] = Phase(last.status, last.start, day, last.transition)
        phases.append(Phase(t.status, day, None, t))
        current = t.status
        if t.status in _RANK:
            last_ordered = t.status
    return History(feature, tuple(phases), tuple(skipped))


def status_at(history: History, day: dt.date) -> str | None:
    """The status ``history``'s feature had on ``day``: None before its first dated phase; the
    present status at every date when no phase is dated.

    >>> t = Transition("f", "operational", "2012", *day_bounds("2012"), RULE, "e", "r")
    >>> h = build_history("f", [t])
    >>> status_at(h, dt.date(2011, 6, 1)), status_at(h, dt.date(2013, 1, 1))
    (None, 'operational')
    >>> now = Transition("f", "existing", "2025", *day_bounds("2025"), PRESENT, None, "r")
    >>> status_at(build_history("f", [now]), dt.date(1990, 1, 1))
    'existing'
    """
    if not history.dated:
        return history.phases[-1].status if history.phases else None
    status = None
    for phase in history.phases:
        if phase.start > day:
            break
        status = phase.status
    return status


def check_history(phases: Sequence[Phase]) -> list[str]:
    """What is wrong with a feature's phases: an interval that ends before it starts, two that
    overlap or leave a gap, a move back in the declared order without ``out_of_order``, a
    transition without an event, a status that is not a phase. Empty when they are sound.

    >>> ok = build_history("f", [Transition("f", "proposed", "1997", *day_bounds("1997"),
    ...                                     CURATED, None, "r")])
    >>> check_history(ok.phases)
    ['proposed from 1997-01-01: the transition cites no event']
    """
    out: list[str] = []
    current: str | None = None
    last_ordered: str | None = None
    for i, p in enumerate(phases):
        t = p.transition
        label = f"{p.status} from {p.start}"
        if p.status not in _RANK and p.status not in INTERRUPTIONS and t.origin != PRESENT:
            out.append(f"{label}: {p.status!r} is not a phase")
        if not t.event and t.origin != PRESENT:
            out.append(f"{label}: the transition cites no event")
        if p.end is not None and p.end < p.start:
            out.append(f"{label}: ends on {p.end}, before it starts")
        if i + 1 < len(phases):
            nxt = phases[i + 1]
            if p.end is None or nxt.start < p.end:
                out.append(f"{label} overlaps {nxt.status} from {nxt.start}")
            elif nxt.start > p.end:
                out.append(f"{label} ends on {p.end} but {nxt.status} begins on {nxt.start}: a gap")
        problem = move_problem(current, last_ordered, p.status)
        if problem and not t.out_of_order and t.origin != PRESENT:
            out.append(f"{label} {problem} without saying why (out_of_order)")
        current = p.status
        if p.status in _RANK:
            last_ordered = p.status
    return out

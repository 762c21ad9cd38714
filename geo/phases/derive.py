"""Which status an event moves its features into, read from the event's evidence.

The rules (each tested in ``tests/unit/test_phases_rules.py``):

1. Every language's words (:mod:`geo.phases.words`) are looked for in the evidence sentence; a
   match inside a longer match of another status is dropped ("construction was launched" is
   under construction, not the "launched" of an opening).
2. A match right after a negation is dropped ("has not yet opened").
3. A match in a sentence that speaks of the future ("will open", 将开通, "откроется" — the tense
   cues of :mod:`geo.dates.tense`) is dropped, and so is every match of an event dated after its
   source was published (a schedule, not a change) — except for ``proposed`` and ``planned``,
   which a plan is.
4. Of what is left, the match nearest the event's date expression wins — first the one with the
   fewest clause breaks (commas, semicolons) between them, then the nearest: the date says when
   *that* happened ("the crossing, which opened in 2012, signed an agreement in 2024": 2012 is
   an opening, 2024 an agreement).

The result is a :class:`Found` per event (or None); :mod:`geo.phases.history` decides whether it
changes a feature's status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.dates.tense import tense
from geo.phases.words import LANGUAGES

_PLANS = ("proposed", "planned")
_COMPILED = [(w.code, w.compiled(), re.compile(w.negation, w.flags)) for w in LANGUAGES]
_CLAUSE_BREAK = re.compile(r"[,;:，；：、]")
_NEGATION_REACH = 40  # characters before a match where a negation cancels it


@dataclass(frozen=True)
class Found:
    """A status the evidence states: the rule (``<language>:<status>``) and the words it matched,
    as offsets into the evidence quote."""

    status: str
    rule: str
    start: int
    end: int
    words: str


def _matches(text: str) -> list[Found]:
    out: list[Found] = []
    for code, patterns, negation in _COMPILED:
        for status, pattern in patterns.items():
            for m in pattern.finditer(text):
                before = text[max(0, m.start() - _NEGATION_REACH) : m.start()]
                if negation.search(before):
                    continue
                out.append(Found(status, f"{code}:{status}", m.start(), m.end(), m.group()))
    # A match inside a longer one of another status is part of it.
    return [
        f
        for f in out
        if not any(
            g is not f
            and g.start <= f.start
            and f.end <= g.end
            and (g.end - g.start) > (f.end - f.start)
            for g in out
        )
    ]


def status_stated(
    evidence: str,
    date_start: int,
    date_end: int,
    *,
    future: bool = False,
) -> Found | None:
    """The status change that ``evidence`` states for the date at ``date_start:date_end`` (offsets
    into ``evidence``; they may lie outside it when the date is elsewhere in the passage), or None.
    ``future``: the event is dated after its source was published.

    Examples
    --------
    >>> s = "On December 27, the groundbreaking ceremony for the railway was conducted."
    >>> status_stated(s, 3, 14).status
    'under_construction'
    >>> status_stated("The line will open to traffic in 2030.", 33, 37) is None
    True
    >>> status_stated("铁路于2012年12月开通。", 3, 11).rule
    'zh:operational'
    """
    best: tuple[tuple[int, int, int], Found] | None = None
    for f in _matches(evidence):
        if f.status not in _PLANS:
            if future:
                continue
            when, strong = tense(evidence, f.start, f.end)
            if when == "future" and strong:
                continue
        lo, hi = (f.end, date_start) if f.end <= date_start else (date_end, f.start)
        breaks = len(_CLAUSE_BREAK.findall(evidence, lo, max(lo, hi)))
        key = (breaks, max(0, hi - lo), -(f.end - f.start))
        if best is None or key < best[0]:
            best = (key, f)
    return best[1] if best else None

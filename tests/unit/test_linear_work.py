"""One long paragraph costs work in proportion to its length (issue 11): doubling the text
doubles the review file, the Python lines run and the characters the sentence and tense patterns
read — counted, not timed (speed is measured in ``bench/long_paragraph.py``)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import pytest

import geo.dates.tense as tense_module
from geo.dates import find_dates
from geo.ingest import candidates, review_json
from geo.link import GazetteerEntry, Linker

# Mentions, dates without a year (tense and anchor), years alone (which do not move the anchor),
# a day alone, a relative date, a weekday (dated by its sentence's tense), a quotation and a
# clause break, all in one paragraph with no line break.
UNIT = (
    "On March 3 the Middle Corridor carried more than in 2019 and 2020; Khorgos grew on 12 May. "
    "18日 trains left Khorgos. The Middle Corridor will open on June 6 last year, officials said. "
    'A train departed on Monday; "Khorgos is full," the manager said. '
)
LINKER = Linker(
    [
        GazetteerEntry("middle_corridor", "middle_corridor", "Middle Corridor", "en"),
        GazetteerEntry("horgos", None, "Khorgos", "en"),
    ]
)


class _CountingPattern:
    """A compiled pattern that adds up the characters each search is given to read."""

    def __init__(self, pattern: re.Pattern[str], counter: list[int]):
        self._pattern, self._counter = pattern, counter

    def _count(self, text: str, pos: int = 0, endpos: int | None = None) -> None:
        self._counter[0] += (len(text) if endpos is None else min(endpos, len(text))) - pos

    def finditer(self, text: str, *bounds: int):
        self._count(text, *bounds)
        return self._pattern.finditer(text, *bounds)

    def search(self, text: str, *bounds: int):
        self._count(text, *bounds)
        return self._pattern.search(text, *bounds)


def work(monkeypatch, fn: Callable[..., Any], *args) -> tuple[Any, int, int]:
    """``fn(*args)``, the lines of ``geo`` it ran, and the characters the sentence and tense
    patterns read."""
    scanned = [0]
    patterns = {id(getattr(tense_module, n)) for n in ("SENTENCE_END", "_CUES", "_WEAK_PAST")}
    for module in [m for name, m in sys.modules.items() if name.startswith("geo.")]:
        for name, value in list(vars(module).items()):
            if id(value) in patterns:  # every module's reference to them
                monkeypatch.setattr(module, name, _CountingPattern(value, scanned))
    lines = 0

    def local(frame, event, arg):
        nonlocal lines
        lines += event == "line"
        return local

    def calls(frame, event, arg):
        return local if "/geo/" in frame.f_code.co_filename.replace("\\", "/") else None

    sys.settrace(calls)
    try:
        result = fn(*args)
    finally:
        sys.settrace(None)
        monkeypatch.undo()
    return result, lines, scanned[0]


def _ratio(small: float, large: float) -> float:
    return large / small


@pytest.mark.parametrize("published", ["2025-06-18", None])
def test_doubling_one_paragraph_doubles_the_work_and_the_review_file(monkeypatch, published):
    runs = []
    for copies in (40, 80):
        text = UNIT * copies
        found, lines, scanned = work(monkeypatch, candidates, text, "s" * 16, LINKER, published)
        runs.append((len(review_json(found)), len(found.events), lines, scanned))
    (size1, events1, lines1, scanned1), (size2, events2, lines2, scanned2) = runs
    assert events1 > 0 and events2 == 2 * events1
    assert 1.9 <= _ratio(size1, size2) <= 2.1, (size1, size2)
    assert _ratio(lines1, lines2) <= 2.1, (lines1, lines2)
    assert _ratio(scanned1, scanned2) <= 2.1, (scanned1, scanned2)


def test_each_event_names_only_its_own_clause_so_support_stays_small():
    found = candidates(UNIT * 50, "s" * 16, LINKER, "2025-06-18")
    assert max(len(ids) for e in found.events for ids in e.support.values()) <= 2


def test_doubling_dense_dates_doubles_the_work(monkeypatch):
    runs = []
    for copies in (300, 600):
        # A dated date first: the years alone after it leave the paragraph's anchor behind.
        text = "On June 6, 2024, " + "in 2019 and " * copies + "March 3 " * copies
        text += "12 May, " * copies
        mentions, lines, scanned = work(monkeypatch, find_dates, text, "2025-06-18")
        runs.append((len(mentions), lines, scanned))
    (n1, lines1, scanned1), (n2, lines2, scanned2) = runs
    assert n2 - 1 == 2 * (n1 - 1)
    assert _ratio(lines1, lines2) <= 2.1, (lines1, lines2)
    assert _ratio(scanned1, scanned2) <= 2.1, (scanned1, scanned2)

"""Run every rule over a text and keep the candidates that do not overlap, longest first.

Where candidates overlap, the longest wins ("June 6, 2024" over "June 2024" over "2024"); none
may lie inside a URL ("http://example.com/2024/06/06/story.html" holds no date).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from geo.dates import numeric
from geo.dates.languages import LANGUAGES
from geo.dates.parts import Published
from geo.dates.rules import Found, Rule, zones
from geo.dates.years import years_in_context

RULES: tuple[Rule, ...] = tuple(r for lang in LANGUAGES for r in lang.rules) + numeric.RULES
_URL = re.compile(r"(?:https?://|www\.)\S+")


def candidates(text: str, pub: Published | None) -> Iterator[Found]:
    """Every candidate of every rule, overlapping, then the bare years in context."""
    zones_of: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    for rule in RULES:
        if rule.trigger not in zones_of:
            zones_of[rule.trigger] = zones(text, rule.trigger)
        for lo, hi in zones_of[rule.trigger]:
            position = lo
            while m := rule.pattern.search(text, position, hi):
                found = rule.read(m, pub)
                if found is None:  # a rejected match must not hide a shorter one inside it
                    position = m.start() + 1
                    continue
                # An impossible date ("Feb 30, 2024") is kept: it wins its span over the parts
                # inside it ("2024") and is dropped when mentions are made.
                yield found
                position = m.end()
    yield from years_in_context(text)


def longest_first(text: str, found: Iterable[Found]) -> list[Found]:
    """Keep non-overlapping candidates, longest first, none inside a URL; sorted by start."""
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Found] = []
    for m in _URL.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    for f in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        i = bisect_left(starts, f.start)
        if (i > 0 and ends[i - 1] > f.start) or (i < len(starts) and starts[i] < f.end):
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)

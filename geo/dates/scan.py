"""Run every rule over a text and keep the candidates that do not overlap, longest first.

Where candidates overlap, the longest wins ("June 6, 2024" over "June 2024" over "2024"); none
may lie inside a URL ("http://example.com/2024/06/06/story.html" holds no date). The characters
already taken are marked in one byte array, so keeping a candidate costs its own length, whatever
the number kept before it.
"""

from __future__ import annotations

import re
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
    taken = bytearray(len(text))  # 1 where a URL or a kept candidate lies
    for m in _URL.finditer(text):
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    chosen: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if taken.find(1, f.start, f.end) >= 0:
            continue
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
        chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)

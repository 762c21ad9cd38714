"""Run every rule over a text and keep the candidates that do not overlap, longest first.

Where candidates overlap, the longest wins ("June 6, 2024" over "June 2024" over "2024"); none
may lie inside a URL ("http://example.com/2024/06/06/story.html" holds no date). The characters
already taken are marked in one byte array, so keeping a candidate costs its own length, whatever
the number kept before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick

from geo.dates import numeric
from geo.dates.languages import LANGUAGES
from geo.dates.parts import Published
from geo.dates.rules import Found, Rule, zones, zones_around
from geo.dates.years import years_in_context

RULES: tuple[Rule, ...] = tuple(r for lang in LANGUAGES for r in lang.rules) + numeric.RULES
_URL = re.compile(r"(?:https?://|www\.)\S+")
_SPECIAL = frozenset("\\.^$*+?{}[]()|")


def _literal_alternatives(trigger: object) -> list[str] | None:
    """The words of a trigger that is a plain alternation of literals ("Jan|Feb|..."), else None."""
    if not isinstance(trigger, re.Pattern) or trigger.flags != re.UNICODE:
        return None
    words = trigger.pattern.split("|")
    return None if any(not w or _SPECIAL & set(w) for w in words) else words


class _LiteralTriggers:
    """The hits of every literal trigger in one Aho-Corasick pass over the text, as the trigger's
    own ``finditer`` finds them (leftmost, then the first alternative, none overlapping): one
    pass instead of one regular-expression scan per trigger, each of which tries its words at
    every letter they may start with."""

    def __init__(self, triggers: Iterable[object]) -> None:
        self.triggers: dict[re.Pattern[str], int] = {}
        keyed: dict[str, list[tuple[int, int]]] = {}
        for trigger in triggers:
            words = _literal_alternatives(trigger)
            if words is None or trigger in self.triggers:
                continue
            index = self.triggers[trigger] = len(self.triggers)
            for order, word in enumerate(words):
                keyed.setdefault(word, []).append((index, order))
        self._automaton = ahocorasick.Automaton()
        for word, uses in keyed.items():
            self._automaton.add_word(word, (len(word), tuple(uses)))
        if keyed:
            self._automaton.make_automaton()

    def zones(self, text: str) -> dict[re.Pattern[str], list[tuple[int, int]]]:
        found: list[list[tuple[int, int, int]]] = [[] for _ in self.triggers]
        if self.triggers:
            for last, (length, uses) in self._automaton.iter(text):
                for index, order in uses:
                    found[index].append((last + 1 - length, order, last + 1))
        out = {}
        for trigger, index in self.triggers.items():
            hits, taken = [], 0
            for start, _, end in sorted(found[index]):
                if start >= taken:  # the first alternative that matches here, as re does
                    hits.append((start, end))
                    taken = end
            out[trigger] = zones_around(hits, len(text))
        return out


_LITERAL = _LiteralTriggers(rule.trigger for rule in RULES)


def candidates(text: str, pub: Published | None) -> Iterator[Found]:
    """Every candidate of every rule, overlapping, then the bare years in context."""
    zones_of: dict[object, list[tuple[int, int]]] = _LITERAL.zones(text)
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

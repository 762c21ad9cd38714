"""The shape of a date rule and of a language, and the helpers rules of every language share.

A rule is a compiled pattern, a reader that turns a match into a candidate (:class:`Found`, or
None to reject the match), and a trigger: a cheap pattern (a branch of literals, which the regex
engine scans for quickly) that every match of the rule contains. The rule's own pattern only runs
in the zones around its trigger's hits (:func:`zones`), which keeps the scan of a long text fast.
Every rule's reader names the rule in each candidate it makes, so a wrong date can be traced to
the rule that made it.

A language (:class:`Language`) is its rules plus the words the shared steps need from it: what
opens and ends a sentence, its tense cues, and the context that makes a bare number a year. Its
module (``en.py``, ``ru.py``, ``zh.py``) builds one ``LANGUAGE``; :mod:`geo.dates.languages`
lists them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from geo.dates.parts import Parts, Published, shift_month


@dataclass(frozen=True)
class Found:
    """A candidate before overlap resolution; ``first[0] is None`` means the year is inferred."""

    start: int
    end: int
    rule: str
    first: Parts
    last: Parts | None = None


Reader = Callable[[re.Match[str], Published | None], Found | None]


@dataclass(frozen=True)
class Rule:
    trigger: re.Pattern[str]
    pattern: re.Pattern[str]
    read: Reader


def rule(trigger: re.Pattern[str], pattern: str, flags: int = 0) -> Callable[[Reader], Rule]:
    """Decorate a reader to make it a :class:`Rule` that runs ``pattern`` near ``trigger``."""
    compiled = re.compile(pattern, flags)
    return lambda reader: Rule(trigger, compiled, reader)


@dataclass(frozen=True)
class Language:
    """What one language contributes to finding and resolving dates.

    Apart from ``code`` and ``rules``, every field is a regular-expression fragment ("" when the
    language has none) that the shared steps join with the other languages' fragments, so that a
    new language never edits them. The tense cues are matched ignoring case; the other fragments
    are case-sensitive unless they say ``(?i:…)`` themselves.
    """

    code: str
    rules: tuple[Rule, ...]
    # Sentences (geo.dates.tense): characters for a [...] class.
    sentence_starts: str = ""  # may open a sentence after ". " (capitals, ideographs)
    sentence_ends: str = ""  # end a sentence by themselves ("。")
    # Tense (geo.dates.tense): each cue carries its own word boundaries (\b where it has words).
    future_cues: str = ""
    past_cues: str = ""
    weak_past: str = ""  # a past-tense verb form, weaker than any cue ("-ed")
    # Bare years (geo.dates.years).
    year_words_after: str = ""  # "year", "年", "года" right after the number
    year_context_before: str = ""  # ends where the year starts: "in ", "since ", "в "
    year_modifier_before: str = ""  # kept in the span: "early ", "mid-"
    year_list_words: str = ""  # "and|or", any case: "in 2019 and 2020" makes 2020 a year
    event_nouns_after: str = ""  # "the 2024 summit"
    not_year_before: str = ""  # labels of numbers: "No. ", "page "
    not_year_after: str = ""  # units of counts: " km", " тонн", "吨"


# --------------------------------------------------------------------------------------------
# Building patterns

# Years the numeric and month rules accept: 1800-2099, not followed by more digits.
YEAR = r"(?:1[89]\d\d|20\d\d)(?!\w|[.,]\d)"
YEAR_TRIGGER = re.compile(r"(?:1[89]|20)\d\d")
ZONE_BEFORE = 50  # characters a match may start before its trigger
ZONE_AFTER = 80  # characters a match may end after its trigger


def g(name: str, pattern: str) -> str:
    """A named group."""
    return f"(?P<{name}>{pattern})"


def alternation(words: list[str]) -> str:
    """``words`` as alternatives, longest first, so a word never loses to its own prefix."""
    return "|".join(sorted(words, key=len, reverse=True))


def literals(words: list[str]) -> re.Pattern[str]:
    """A trigger matching each word as written or with its first letter upper-cased."""
    variants = {v for w in words for v in (w, w[0].upper() + w[1:])}
    return re.compile("|".join(sorted(variants, key=len, reverse=True)))


def zones(text: str, trigger: re.Pattern[str]) -> list[tuple[int, int]]:
    """Merged windows of text around the hits of ``trigger``."""
    return zones_around(((m.start(), m.end()) for m in trigger.finditer(text)), len(text))


def zones_around(hits: Iterable[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """Merged windows of a text of ``size`` characters around ``hits`` (spans, in order)."""
    merged: list[tuple[int, int]] = []
    for start, end in hits:
        lo, hi = max(0, start - ZONE_BEFORE), min(size, end + ZONE_AFTER)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def context_before(m: re.Match[str], pattern: re.Pattern[str]) -> re.Match[str] | None:
    """Match ``pattern`` (anchored with ``$``) against the 40 characters before ``m``."""
    return pattern.search(m.string, max(0, m.start() - 40), m.start())


# --------------------------------------------------------------------------------------------
# Readers' helpers


def complete_range(first: Parts, last: Parts) -> tuple[Parts, Parts]:
    """Give the side of a range that has no year the year of the other side.

    A side that would otherwise come before its partner crosses a new year, e.g. "December 30 -
    January 2, 2025" starts in 2024.

    >>> complete_range((None, 12, 30), (2025, 1, 2))
    ((2024, 12, 30), (2025, 1, 2))
    """
    (y1, m1, d1), (y2, m2, d2) = first, last
    order1, order2 = (m1 or 0, d1 or 0), (m2 or 0, d2 or 0)
    if y1 is None and y2 is not None:
        y1 = y2 if order1 <= order2 else y2 - 1
    elif y2 is None and y1 is not None:
        y2 = y1 if order2 >= order1 else y1 + 1
    return (y1, m1, d1), (y2, m2, d2)


def ordered(found: Found) -> bool:
    """False for a range whose end is not after its start ("13 and 13", "2021-2019")."""
    first, last = found.first, found.last
    if last is None:
        return True
    if first[0] is None:  # the year is not known yet: only a same-month range can be checked
        return first[1] != last[1] or (last[2] or 0) > (first[2] or 0)
    return tuple(p or 0 for p in first) < tuple(p or 0 for p in last)


def relative_year(offset: int, pub: Published | None) -> int | None:
    """The year ``offset`` years from publication ("last year": -1); None without a date."""
    return None if pub is None else pub.year + offset


def relative_day(m: re.Match[str], pub: Published | None, offset: int, name: str) -> Found | None:
    """The day ``offset`` days from publication ("yesterday": -1); needs a publication day."""
    if pub is None or pub.day is None:
        return None
    day = dt.date(pub.year, pub.month, pub.day) + dt.timedelta(days=offset)
    return Found(m.start(), m.end(), name, (day.year, day.month, day.day))


def relative_weekday(
    m: re.Match[str], pub: Published | None, weekday: int, name: str
) -> Found | None:
    """The day a weekday names (Monday = 0), next to a publication day: in a sentence about the
    future the first such day after publication, otherwise the latest on or before it (news
    write "departed on Monday" of the week just past)."""
    if pub is None or pub.day is None:
        return None
    from geo.dates.tense import tense  # tense needs every language, which need this module

    published = dt.date(pub.year, pub.month, pub.day)
    if tense(m.string, m.start(), m.end())[0] == "future":
        day = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    else:
        day = published - dt.timedelta(days=(published.weekday() - weekday) % 7)
    return Found(m.start(), m.end(), name, (day.year, day.month, day.day))


def decade(m: re.Match[str], first_year: int, name: str) -> Found:
    """A decade ("the 1990s", "1990-х годов") as the range of its ten years."""
    return Found(m.start(), m.end(), name, (first_year, None, None), (first_year + 9, None, None))


def relative_unit(
    m: re.Match[str], pub: Published | None, offset: int, unit: str, prefix: str
) -> Found | None:
    """The year or month (``unit``) ``offset`` away from publication ("last month": -1)."""
    if pub is None:
        return None
    if unit == "year":
        return Found(m.start(), m.end(), prefix + "year", (pub.year + offset, None, None))
    if pub.month is None:
        return None
    year, month = shift_month(pub.year, pub.month, offset)
    return Found(m.start(), m.end(), prefix + "month", (year, month, None))


def read_day_date(
    m: re.Match[str],
    pub: Published | None,
    prefix: str,
    month_of: Callable[[str], int],
    shape: str,
    relative: Mapping[str, int],
) -> Found | None:
    """Shared reader for day-and-month dates with an optional day range and year.

    Groups: ``d1``, ``m1`` (optional), ``y1`` (optional), ``d2`` (optional), ``m2`` (optional),
    ``y2`` (optional), ``rel`` (optional relative-year word, a key of ``relative`` once
    lower-cased). The rule name is ``prefix``, ``shape`` and the kind, joined by "_"
    ("ru_day_month_year").
    """
    month2 = month_of(m["m2"]) if m["m2"] else None
    month1 = month_of(m["m1"]) if m["m1"] else month2
    if month1 is None or (m["m1"] and m["m2"] and not m["d2"]):
        return None
    month2 = month2 or month1
    end = m.end()
    y1 = int(m["y1"]) if m["y1"] else None
    y2 = int(m["y2"]) if m["y2"] else None
    word = m["rel"]
    if word:
        y2 = relative_year(relative[word.lower()], pub)
        if y2 is None:
            return None
    if not m["d2"]:  # a single date; a year after it may have been read as y1 or y2
        if y1 is not None and (y2 is not None or word):
            end, y2 = m.end("y1"), None
        year = y1 if y1 is not None else y2
        kind = "relative_year" if word and y1 is None else ("year" if year else "")
        name = "_".join(filter(None, (prefix, shape, kind)))
        return Found(m.start(), end, name, (year, month1, _day(m["d1"])))
    first, last = complete_range((y1, month1, _day(m["d1"])), (y2, month2, _day(m["d2"])))
    found = Found(m.start(), end, "_".join(filter(None, (prefix, shape, "range"))), first, last)
    if ordered(found):
        return found
    if not m["m1"]:
        return None
    # "Oct. 13 and 13 October": not a range, but its first date stands on its own
    end = m.end("y1") if m["y1"] else m.end("m1") if shape == "day_month" else m.end("d1")
    name = "_".join(filter(None, (prefix, shape, "year" if y1 else "")))
    return Found(m.start(), end, name, (y1, month1, _day(m["d1"])))


def _day(written: str) -> int:
    """The day number of "6", "06" or "6th"."""
    return int(written.rstrip("stndrh"))

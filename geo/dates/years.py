"""Bare years: when a four-digit number in running text is a year.

A bare four-digit number is a year only in 1900-2099 and only with year-ish context: a
preposition before it (in, since, by, until, from, of, during, ...; в, с, до, ...), a season or
"early/mid/late", the word "year"/"年"/"года" after it, an event noun after it ("the 2024
summit"), or a list continuing a year ("in 2019 and 2020"). Counts ("2000 containers",
"1990 km"), money, "No. 2019" and numbers inside longer digit runs or URLs are never years.
An adjective year before other nouns ("the 2008 financial crisis") or in parentheses is missed.
"in late 2009" is the year 2009 (precision "year"); decades ("the 1990s") are
:mod:`geo.dates.en` and :mod:`geo.dates.ru` rules, not bare years.

The digits and symbols are the same in every language; the words come from each language's
``year_*`` and ``not_year_*`` fields (:class:`geo.dates.rules.Language`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from geo.dates.languages import LANGUAGES, union
from geo.dates.rules import Found

_NOT_YEAR_BEFORE = re.compile(
    "(?:" + union([*(lang.not_year_before for lang in LANGUAGES), r"[#№]\s*"]) + ")$"
)
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:" + union(["%|‰", *(lang.not_year_after for lang in LANGUAGES)]) + ")"
)
_YEAR_WORD_AFTER = re.compile(r"\s*(?:" + union(lang.year_words_after for lang in LANGUAGES) + ")")
_EVENT_AFTER = re.compile(r"\s+(?:" + union(lang.event_nouns_after for lang in LANGUAGES) + ")")
_YEARISH_BEFORE = re.compile("(?:" + union(lang.year_context_before for lang in LANGUAGES) + ")$")
_YEAR_MODIFIER_BEFORE = re.compile(
    "(?:" + union(lang.year_modifier_before for lang in LANGUAGES) + ")$"
)
_YEAR_LIST_SEPARATOR = re.compile(
    r"(?:\s*,\s*|,?\s+(?i:" + union(lang.year_list_words for lang in LANGUAGES) + r")\s+)"
)
# The lookbehinds come after the leading literal so that the engine can scan for "19"/"20" fast.
_YEAR_TOKEN = re.compile(
    r"(?:19|20)(?<![0-9A-Za-z$€£¥.,/:#№+_]..)(?<!\d-..)\d\d(?![0-9A-Za-z%_]|[.,:/-]\d)"
)


def not_a_year(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is labelled ("No. 2019") or counts something."""
    return bool(
        _NOT_YEAR_BEFORE.search(text, max(0, start - 12), start)
        or _NOT_YEAR_AFTER.match(text, end, end + 20)
    )


def years_in_context(text: str) -> Iterator[Found]:
    """Bare years (1900-2099) that have year-ish context; see the module docstring.

    >>> [(f.rule, text[f.start:f.end]) for text in ["In late 2009 and 2010, 2000 wagons left."]
    ...  for f in years_in_context(text)]
    [('year_after_preposition', 'late 2009'), ('year_in_list', '2010')]
    """
    last_end = -1
    for m in _YEAR_TOKEN.finditer(text):
        start, end = m.span()
        if not_a_year(text, start, end):
            continue
        before = text[max(0, start - 30) : start]
        if _YEAR_WORD_AFTER.match(text, end, end + 12):
            rule = "year_before_year_word"
        elif _YEARISH_BEFORE.search(before):
            rule = "year_after_preposition"
        elif last_end >= 0 and _YEAR_LIST_SEPARATOR.fullmatch(text, last_end, start):
            rule = "year_in_list"
        elif _EVENT_AFTER.match(text, end, end + 25):
            rule = "year_before_event_noun"
        else:
            continue
        modifier = _YEAR_MODIFIER_BEFORE.search(before)
        if modifier:
            start -= len(before) - modifier.start()
        last_end = end
        yield Found(start, end, rule, (int(m[0]), None, None))

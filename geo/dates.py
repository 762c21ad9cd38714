"""Find the dates an article mentions and resolve them to ISO dates, ranges and precisions.

Dates are found by hand-written rules, one compiled pattern per family (English month-first and
day-first dates, month names, years in context, year and month ranges, ISO and numeric dates,
relative words, Chinese ``年月日`` dates and Russian dates). Every rule has a short name that is
reported with each mention, so a wrong date can be traced to the rule that made it.

Decisions worth knowing (each is tested in ``tests/unit/test_dates.py``):

* Spans cover the date expression itself, not a leading preposition: in "On June 6 last year"
  the span is "June 6 last year", in "In April" it is "April". Modifiers that are part of the
  expression are kept ("late 2009", "this June", "early May").
* Where candidates overlap, the longest wins ("June 6, 2024" over "June 2024" over "2024").
* A bare four-digit number is a year only in 1900-2099 and only with year-ish context: a
  preposition before it (in, since, by, until, from, of, during, ...; в, с, до, ...), a season or
  "early/mid/late", the word "year"/"年"/"года" after it, an event noun after it ("the 2024
  summit"), or a list continuing a year ("in 2019 and 2020"). Counts ("2000 containers",
  "1990 km"), money, "No. 2019" and numbers inside longer digit runs or URLs are never years.
  An adjective year before other nouns ("the 2008 financial crisis") or in parentheses is missed.
* "in late 2009" is the year 2009 (precision "year"); "early 2010s" and "the 1990s" are skipped.
* Numeric dates: ISO ``2024-06-06`` (also ``2024/6/6`` and ``2024.06.06``) and dotted
  ``06.06.2024`` (day first) are read; slashed ``06/06/2024`` only when a field above 12 makes
  the order unambiguous.
* "last week", weekdays ("on Monday") and decades are skipped: they are too vague for a timeline.
* "last June" is the most recent June before the publication month, "next June" the next one
  after it; both need a publication month. "yesterday/today/tomorrow" need a publication day;
  "today's" and a sentence opening "Today," are read as "nowadays" and skipped.
* A date without a year takes the year of the previous date in the same line (paragraph) whose
  year was written or given relatively ("On June 6 last year ... On September 28 ..."). When
  the month goes backward in a later sentence, the year rolls forward, unless the rolled date
  would fall after publication. A strong tense cue that contradicts the anchored year (a "will"
  sentence resolving before publication) falls back to the tense rule below.
* Otherwise the tense of the sentence decides: the nearest strong cue ("was", "held", "signed";
  "will", "is set to", "upcoming"; 了/已, 将/计划; был/состоялся, будет/состоится) wins, else an
  "-ed" verb (or a Russian past-tense ending) means past. Past: the most recent such date not
  after publication; future: the next not before it; no cue: the occurrence nearest to the
  publication date. Comparisons use the precision both sides share, so with ``published="2025-11"``
  "Nov 6" is 2025-11-06.
* Chinese day-only dates ("18日") take the month of the previous date in the line, else the
  publication month (the previous month when the day is after the publication day in a
  non-future sentence).

Examples
--------
>>> [(m.text, m.date) for m in find_dates("The forum was held on Nov 6.", "2025-11")]
[('Nov 6', '2025-11-06')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text.

    Attributes
    ----------
    start, end : int
        Code-point offsets of the expression, ``text[start:end] == self.text``.
    text : str
        The expression as written.
    date : str
        ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or ``START/END`` (each side any of those) for a
        range.
    precision : str
        ``"day"``, ``"month"``, ``"year"`` or ``"range"``.
    rule : str
        Short name of the rule that matched, e.g. ``"month_day_relative_year"``.
    """

    start: int
    end: int
    text: str
    date: str
    precision: str
    rule: str


# --------------------------------------------------------------------------------------------
# Internal shapes

Parts = tuple[int | None, int | None, int | None]  # year, month, day; None = unknown / absent


@dataclass(frozen=True)
class _Published:
    year: int
    month: int | None
    day: int | None

    def parts(self) -> Parts:
        return (self.year, self.month, self.day)


@dataclass(frozen=True)
class _Found:
    """A candidate before overlap resolution; ``first[0] is None`` means the year is inferred."""

    start: int
    end: int
    rule: str
    first: Parts
    last: Parts | None = None


@dataclass
class _Anchor:
    year: int
    month: int
    end: int


_PUBLISHED_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


def _parse_published(published: str | dt.date | None) -> _Published | None:
    if published is None or published == "":
        return None
    if isinstance(published, dt.date):  # also datetime.datetime
        return _Published(published.year, published.month, published.day)
    if not isinstance(published, str):
        raise TypeError(
            f"published must be a str, datetime.date or None, not {type(published).__name__}"
        )
    m = _PUBLISHED_RE.match(published.strip())
    parts = (int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])) if m else None
    if parts is None or _iso(parts) is None:
        raise ValueError(
            f"published {published!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
        )
    return _Published(parts[0], parts[1] or None, parts[2] or None)


# --------------------------------------------------------------------------------------------
# Vocabulary

_MONTHS_EN = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_RU_STEMS = (
    "январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
    "ноябр", "декабр",
)  # fmt: skip
_MONTHS_RU = {}
for _number, _stem in enumerate(_RU_STEMS, start=1):
    if _stem == "ма":
        _forms = ("май", "мая", "мае")
    elif _stem.endswith("т"):
        _forms = (_stem, _stem + "а", _stem + "е")
    else:
        _forms = (_stem + "ь", _stem + "я", _stem + "е")
    for _form in _forms:
        _MONTHS_RU[_form] = _number

_RELATIVE_OFFSETS = {
    "last": -1, "this": 0, "next": 1,
    "去年": -1, "今年": 0, "明年": 1, "前年": -2, "后年": 2, "本年": 0,
    "прошлом": -1, "прошлого": -1, "позапрошлом": -2, "позапрошлого": -2, "этом": 0,
    "этого": 0, "текущем": 0, "текущего": 0, "нынешнем": 0, "нынешнего": 0, "сего": 0,
    "следующем": 1, "следующего": 1, "будущем": 1, "будущего": 1,
    "上个月": -1, "上月": -1, "本月": 0, "这个月": 0, "下个月": 1, "下月": 1,
    "yesterday": -1, "today": 0, "tomorrow": 1, "昨天": -1, "昨日": -1, "今天": 0, "明天": 1,
    "明日": 1, "вчера": -1, "сегодня": 0, "завтра": 1,
}  # fmt: skip


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_MONTH_FULL = [w for w in _MONTHS_EN if len(w) > 4 or w in ("may", "june", "july")]
_MONTH_SHORT = [w for w in _MONTHS_EN if w not in _MONTH_FULL]
# A full name never takes a dot (so "this June." ends before the full stop); an abbreviation may.
_MONTH = (
    "(?:(?:"
    + _alternation([w.title() for w in _MONTH_FULL] + [w.upper() for w in _MONTH_FULL])
    + r")(?!\w)|(?:"
    + _alternation([w.title() for w in _MONTH_SHORT] + [w.upper() for w in _MONTH_SHORT])
    + r")(?!\w)\.?)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w|,\d{3}(?!\d))"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\w|[.,]\d)"
_REL_YEAR = r"(?i:last|this|next)\s+(?i:year)\b(?!s)"
_SEP = r"(?:\s*[-–—‒−~]\s*|\s+(?i:to|through|thru|until|till|and)\s+)"
_RU_MONTH = "(?:" + _alternation(list(_MONTHS_RU)) + r")(?!\w)"
_RU_REL_WORDS = "прошлого|позапрошлого|этого|текущего|нынешнего|сего|следующего|будущего"
_RU_REL_GEN = f"(?:{_RU_REL_WORDS})"
_RU_YEAR_WORD = r"(?:\s*(?:года|году|год|г\.|г(?!\w)))?"
_ZH_SEP = r"\s*(?:至|到|-|–|—|~|～|－)\s*"


def _g(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


# --------------------------------------------------------------------------------------------
# Small helpers used by the readers


def _day(written: str) -> int:
    """The day number of "6", "06" or "6th"."""
    return int(written.rstrip("stndrh"))


def _month_en(word: str) -> int:
    return _MONTHS_EN[word.rstrip(".").lower()]


def _relative_year(word: str, pub: _Published | None) -> int | None:
    return None if pub is None else pub.year + _RELATIVE_OFFSETS[word.lower()]


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def _complete_range(first: Parts, last: Parts) -> tuple[Parts, Parts]:
    """Give the side of a range that has no year the year of the other side.

    A side that would otherwise come before its partner crosses a new year, e.g. "December 30 -
    January 2, 2025" starts in 2024.
    """
    (y1, m1, d1), (y2, m2, d2) = first, last
    order1, order2 = (m1 or 0, d1 or 0), (m2 or 0, d2 or 0)
    if y1 is None and y2 is not None:
        y1 = y2 if order1 <= order2 else y2 - 1
    elif y2 is None and y1 is not None:
        y2 = y1 if order2 >= order1 else y1 + 1
    return (y1, m1, d1), (y2, m2, d2)


# --------------------------------------------------------------------------------------------
# Rules: each is a compiled pattern and a reader turning a match into a candidate.

# Each rule is also given a trigger: a cheap pattern (a branch of literals, which the regex engine
# scans for quickly) that every match of the rule contains. The rule's own pattern only runs in
# the zones around its trigger's hits, which keeps the whole scan fast on long texts.


def _literals(words: list[str]) -> re.Pattern[str]:
    variants = {v for w in words for v in (w, w[0].upper() + w[1:])}
    return re.compile("|".join(sorted(variants, key=len, reverse=True)))


_MONTH_TRIGGER = re.compile(
    "|".join(sorted({w[:3].title() for w in _MONTHS_EN} | {w[:3].upper() for w in _MONTHS_EN}))
)
_YEAR_TRIGGER = re.compile(r"(?:1[89]|20)\d\d")
_RELATIVE_EN_TRIGGER = _literals(
    [f"{which} {unit}" for which in ("last", "this", "next") for unit in ("year", "month")]
    + ["yesterday", "today", "tomorrow"]
)
_ZH_TRIGGER = re.compile("[年月日天]")
_RU_MONTH_TRIGGER = _literals([*_RU_STEMS[:4], "май", "мая", "мае", *_RU_STEMS[5:]])
_RU_RELATIVE_TRIGGER = _literals(
    ["прошл", "этом", "этого", "текущ", "нынешн", "сего", "следующ", "будущ", "вчера", "завтра"]
)
_ZONE_BEFORE = 50  # characters a match may start before its trigger
_ZONE_AFTER = 80  # characters a match may end after its trigger

Reader = Callable[[re.Match[str], _Published | None], _Found | None]


@dataclass(frozen=True)
class _Rule:
    trigger: re.Pattern[str]
    pattern: re.Pattern[str]
    read: Reader


_RULES: list[_Rule] = []


def _rule(trigger: re.Pattern[str], pattern: str, flags: int = 0) -> Callable[[Reader], Reader]:
    compiled = re.compile(pattern, flags)

    def register(reader: Reader) -> Reader:
        _RULES.append(_Rule(trigger, compiled, reader))
        return reader

    return register


def _zones(text: str, trigger: re.Pattern[str]) -> list[tuple[int, int]]:
    """Merged windows of text around the hits of ``trigger``."""
    zones: list[tuple[int, int]] = []
    for m in trigger.finditer(text):
        lo, hi = max(0, m.start() - _ZONE_BEFORE), min(len(text), m.end() + _ZONE_AFTER)
        if zones and lo <= zones[-1][1]:
            zones[-1] = (zones[-1][0], hi)
        else:
            zones.append((lo, hi))
    return zones


def _read_day_date(
    m: re.Match[str],
    pub: _Published | None,
    prefix: str,
    month_of: Callable[[str], int],
    shape: str,
) -> _Found | None:
    """Shared reader for day-and-month dates with an optional day range and year.

    Groups: ``d1``, ``m1`` (optional), ``y1`` (optional), ``d2`` (optional), ``m2`` (optional),
    ``y2`` (optional), ``rel`` (optional relative-year word).
    """
    month2 = month_of(m["m2"]) if m["m2"] else None
    month1 = month_of(m["m1"]) if m["m1"] else month2
    if month1 is None or (m["m1"] and m["m2"] and not m["d2"]):
        return None
    month2 = month2 or month1
    end = m.end()
    y1 = int(m["y1"]) if m["y1"] else None
    y2 = int(m["y2"]) if m["y2"] else None
    relative = m["rel"]
    if relative:
        y2 = _relative_year(relative, pub)
        if y2 is None:
            return None
    if not m["d2"]:  # a single date; a year after it may have been read as y1 or y2
        if y1 is not None and (y2 is not None or relative):
            end, y2 = m.end("y1"), None
        year = y1 if y1 is not None else y2
        kind = "relative_year" if relative and y1 is None else ("year" if year else "")
        rule = "_".join(filter(None, (prefix, shape, kind)))
        return _Found(m.start(), end, rule, (year, month1, _day(m["d1"])))
    first, last = _complete_range((y1, month1, _day(m["d1"])), (y2, month2, _day(m["d2"])))
    rule = "_".join(filter(None, (prefix, shape, "range")))
    found = _Found(m.start(), end, rule, first, last)
    if _ordered(found):
        return found
    if not m["m1"]:
        return None
    # "Oct. 13 and 13 October": not a range, but its first date stands on its own
    end = m.end("y1") if m["y1"] else m.end("m1") if shape == "day_month" else m.end("d1")
    rule = "_".join(filter(None, (prefix, shape, "year" if y1 else "")))
    return _Found(m.start(), end, rule, (y1, month1, _day(m["d1"])))


# English: "Oct 13", "October 13, 2024", "April 3-4, 2025", "April 30-May 2", "June 6 last year".
@_rule(
    _MONTH_TRIGGER,
    r"\b" + _g("m1", _MONTH) + r"\s+" + _g("d1", _DAY)
    + r"(?:,?\s+" + _g("y1", _YEAR) + ")?"
    + "(?:" + _SEP + "(?:" + _g("m2", _MONTH) + r"\s+)?" + _g("d2", _DAY) + ")?"
    + r"(?:,?\s+(?:of\s+)?" + _g("y2", _YEAR) + r"|\s+(?:of\s+)?"
    + _g("rel", r"(?i:last|this|next)") + r"\s+(?i:year)\b(?!s))?"
)  # fmt: skip
def _month_first(m: re.Match[str], pub: _Published | None) -> _Found | None:
    return _read_day_date(m, pub, "", _month_en, "month_day")


# English: "13 October", "6 June 2024", "the 6th of June", "3–4 April 2025", "30 April - 2 May".
@_rule(
    _MONTH_TRIGGER,
    r"(?<![\d.,$#€£¥])\b(?:the\s+)?" + _g("d1", _DAY) + r"(?:\s+of)?"
    + r"(?:\s+" + _g("m1", _MONTH) + r"(?:,?\s+" + _g("y1", _YEAR) + ")?)?"
    + "(?:" + _SEP + r"(?:the\s+)?" + _g("d2", _DAY) + r"(?:\s+of)?)?"
    + r"\s+" + _g("m2", _MONTH)
    + r"(?:,?\s+" + _g("y2", _YEAR) + r"|\s+(?:of\s+)?" + _g("rel", r"(?i:last|this|next)")
    + r"\s+(?i:year)\b(?!s))?"
)  # fmt: skip
def _day_first(m: re.Match[str], pub: _Published | None) -> _Found | None:
    return _read_day_date(m, pub, "", _month_en, "day_month")


_MONTH_CONTEXT_BEFORE = re.compile(
    r"(?:\b" + _g("prep", r"(?i:in|since|by|until|till|from|during|before|after|through"
    r"|throughout|of|for|as\s+of)") + r"\s+)?"
    + r"(?:\b" + _g("mod", r"(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)")
    + r"(?:\s+|-))?"
    + r"(?:\b" + _g("rel1", r"(?i:last|this|next)") + r"\s+)?$"
)  # fmt: skip
_RANGE_START_BEFORE = re.compile(r"\b" + _g("pre", r"(?i:from|between)") + r"\s+$")


def _context_before(m: re.Match[str], pattern: re.Pattern[str]) -> re.Match[str] | None:
    """Match ``pattern`` (anchored with ``$``) against the 40 characters before ``m``."""
    return pattern.search(m.string, max(0, m.start() - 40), m.start())


# English month names without a day: "June 2024", "this June", "June last year", "in April".
# The words before the month (preposition, "early", "last") are read by _MONTH_CONTEXT_BEFORE.
@_rule(
    _MONTH_TRIGGER,
    r"\b" + _g("m", _MONTH)
    + r"(?:,?\s+(?:of\s+)?" + _g("y", _YEAR)
    + r"|\s+(?:of\s+)?" + _g("rel2", r"(?i:last|this|next)") + r"\s+(?i:year)\b(?!s))?"
)  # fmt: skip
def _month_name(m: re.Match[str], pub: _Published | None) -> _Found | None:
    before = _context_before(m, _MONTH_CONTEXT_BEFORE)
    prep = before and before["prep"]
    mod = before and before["mod"]
    rel1 = before and before["rel1"]
    start = before.start("mod") if mod else before.start("rel1") if rel1 else m.start()
    month = _month_en(m["m"])
    if m["y"]:
        return _Found(start, m.end(), "month_year", (int(m["y"]), month, None))
    if m["rel2"]:
        year = _relative_year(m["rel2"], pub)
        found = _Found(start, m.end(), "month_relative_year", (year, month, None))
        return found if year is not None else None
    if rel1:
        word = rel1.lower()
        if pub is None or (word != "this" and pub.month is None):
            return None
        if word == "this":
            year = pub.year
        elif word == "last":
            year = pub.year if month < pub.month else pub.year - 1
        else:
            year = pub.year if month > pub.month else pub.year + 1
        return _Found(start, m.end(), "relative_month_name", (year, month, None))
    if prep or mod:
        return _Found(start, m.end(), "month_after_preposition", (None, month, None))
    return None


# English month ranges: "From January to November, 2012", "June 2023 - March 2024".
@_rule(
    _MONTH_TRIGGER,
    r"\b" + _g("m1", _MONTH)
    + r"(?:,?\s+" + _g("y1", _YEAR) + ")?" + _g("sep", _SEP) + r"\b" + _g("m2", _MONTH)
    + r"(?:,?\s+(?:of\s+)?" + _g("y2", _YEAR)
    + r"|\s+(?:of\s+)?" + _g("rel", r"(?i:last|this|next)") + r"\s+(?i:year)\b(?!s))?"
)  # fmt: skip
def _month_range(m: re.Match[str], pub: _Published | None) -> _Found | None:
    word = m["sep"].strip().lower()
    before = _context_before(m, _RANGE_START_BEFORE)
    pre = before["pre"].lower() if before else ""
    if word == "and" and pre != "between":
        return None
    if not (pre or m["y1"] or m["y2"] or m["rel"]):
        return None
    y2 = int(m["y2"]) if m["y2"] else None
    if m["rel"]:
        y2 = _relative_year(m["rel"], pub)
        if y2 is None:
            return None
    y1 = int(m["y1"]) if m["y1"] else None
    first, last = _complete_range((y1, _month_en(m["m1"]), None), (y2, _month_en(m["m2"]), None))
    return _Found(m.start(), m.end(), "month_range", first, last)


_NOT_YEAR_BEFORE = re.compile(
    r"(?i:(?:\bno|\bnos|\bnumber|\bnum|\bp|\bpp|\bpage|\bpages|\bid|\bcode|\bflight|\bmodel"
    r"|\broom|\bbox|\bext)\.?\s*|[#№]\s*)$"
)
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|‰|(?i:per\s*cent|percent|km|kilomet|mi\b|miles|tons?\b|tonnes?\b|t\b|teus?\b"
    r"|containers|people|persons|passengers|units|vehicles|trucks|lorries|wagons|carriages|cars\b"
    r"|trains|trips|flights|metres|meters|m\b|kg\b|kw|mw|gw|hectares|ha\b|yuan|dollars|usd"
    r"|rmb|euros?\b|rubles|roubles|tenge|soms?\b|times\b|years|months|weeks|days|hours|minutes"
    r"|pieces|sets\b|jobs|workers|employees|students|items|households|companies|enterprises"
    r"|projects|documents|agreements|sq\b|square|cubic|billion|million|thousand|km²)"
    r"|(?:км|тонн|человек|лет\b|единиц|контейнер|вагон|рубл|тенге|долл|млн|млрд|тыс|%|个|多|万|公里|吨|人))"
)
_YEAR_WORD_AFTER = re.compile(
    r"\s*(?:(?i:fiscal\s+)?(?i:year)\b(?!s)|年(?!代)|(?:года|году|год|г\.|гг\.|г)(?!\w))"
)
_EVENT_AFTER = re.compile(
    r"\s+(?i:summit|forum|games|olympics|expo|exhibition|census|elections?|session|edition"
    r"|meeting|conference|world\s+cup|budget|plan|report|roadmap|strategy|target|season"
    r"|action\s+plan|agenda|deadline|goal|vision|programme|program|timeline)\b(?!s)"
)
_YEARISH_BEFORE = re.compile(
    r"(?:\b(?i:in|since|by|until|till|from|of|before|after|during|through|throughout|for"
    r"|year|fiscal|spring|summer|autumn|fall|winter|early|mid|late|circa|c\.)[\s-]*"
    r"|\b(?i:в|во|с|со|до|к|по|после|около|между|весной|летом|осенью|зимой|конце|начале|середине"
    r"|концу|началу)\s+|\b(?:Q[1-4]|H[12]|Vision|Agenda)\s+|" + _MONTH + r",?\s+)$"
)
_YEAR_MODIFIER_BEFORE = re.compile(r"\b(?i:early|mid|late)[\s-]*$")
_YEAR_LIST_SEPARATOR = re.compile(r"(?:\s*,\s*|,?\s+(?i:and|or|и|или)\s+)")
# The lookbehinds come after the leading literal so that the engine can scan for "19"/"20" fast.
_YEAR_TOKEN = re.compile(
    r"(?:19|20)(?<![0-9A-Za-z$€£¥.,/:#№+_]..)(?<!\d-..)\d\d(?![0-9A-Za-z%_]|[.,:/-]\d)"
)


def _not_a_year(text: str, start: int, end: int) -> bool:
    return bool(
        _NOT_YEAR_BEFORE.search(text, max(0, start - 12), start)
        or _NOT_YEAR_AFTER.match(text, end, end + 20)
    )


def _years_in_context(text: str) -> Iterator[_Found]:
    """Bare years (1900-2099) that have year-ish context; see the module docstring."""
    last_end = -1
    for m in _YEAR_TOKEN.finditer(text):
        start, end = m.span()
        if _not_a_year(text, start, end):
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
        yield _Found(start, end, rule, (int(m[0]), None, None))


# Year ranges: "2019-2021", "2024–25", "from 2019 to 2021", "between 2020 and 2023".
@_rule(
    _YEAR_TRIGGER,
    r"(?<![0-9A-Za-z$€£¥.,/:#№+_-])" + _g("y1", r"(?:19|20)\d\d") + _g("sep", _SEP)
    + _g("y2", r"(?:19|20)\d\d|\d\d")
    + r"(?![0-9A-Za-z%_]|[.,:/-]\d)"
)  # fmt: skip
def _year_range(m: re.Match[str], pub: _Published | None) -> _Found | None:
    word = m["sep"].strip().lower()
    before = _context_before(m, _RANGE_START_BEFORE)
    pre = before["pre"].lower() if before else ""
    dash = word in ("", "-", "–", "—", "‒", "−", "~")
    if (
        (word == "and" and pre != "between")
        or (not dash and not pre)
        or (len(m["y2"]) == 2 and not dash)
    ):
        return None
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if not y1 < y2 <= y1 + 100 or _not_a_year(m.string, m.start(), m.end()):
        return None
    return _Found(m.start(), m.end(), "year_range", (y1, None, None), (y2, None, None))


# ISO and year-first numeric dates: "2024-06-06", "2024/6/6", "2024.06.06".
@_rule(
    _YEAR_TRIGGER,
    r"(?<![\d./-])" + _g("y", r"(?:19|20)\d\d") + r"([-/.])" + _g("m", r"0?[1-9]|1[0-2]")
    + r"\2" + _g("d", r"0?[1-9]|[12]\d|3[01]") + r"(?!\d|[./-]\d)"
)  # fmt: skip
def _iso_date(m: re.Match[str], pub: _Published | None) -> _Found | None:
    return _Found(m.start(), m.end(), "iso_date", (int(m["y"]), int(m["m"]), int(m["d"])))


# Day-first numeric dates: "06.06.2024"; slashed only when unambiguous ("13/06/2024").
@_rule(
    _YEAR_TRIGGER,
    r"(?<![\d./-])" + _g("a", r"\d{1,2}") + _g("sep", r"[./]") + _g("b", r"\d{1,2}")
    + r"(?P=sep)" + _g("y", r"(?:19|20)\d\d") + r"(?!\d|[./-]\d)"
)  # fmt: skip
def _numeric_date(m: re.Match[str], pub: _Published | None) -> _Found | None:
    a, b = int(m["a"]), int(m["b"])
    if m["sep"] == "/":
        if a > 12 >= b:
            pass
        elif b > 12 >= a:
            a, b = b, a
        else:
            return None
    return _Found(m.start(), m.end(), "numeric_date", (int(m["y"]), b, a))


# English relative words: "last year", "this month", "yesterday".
@_rule(
    _RELATIVE_EN_TRIGGER,
    r"(?<![Tt]he\s)\b(?:" + _g("which", r"(?i:last|this|next)") + r"\s+"
    + _g("unit", r"(?i:year|month)")
    + r"\b(?!s)|" + _g("day", r"(?i:yesterday|tomorrow)|today(?!['’]s)|Today(?!['’]s|,)")
    + r"\b)"
)  # fmt: skip
def _relative_en(m: re.Match[str], pub: _Published | None) -> _Found | None:
    if m["day"]:
        return _relative_day(m, pub, m["day"].lower(), "relative_day")
    return _relative_unit(m, pub, m["which"].lower(), m["unit"].lower(), "relative_")


def _relative_day(m: re.Match[str], pub: _Published | None, word: str, rule: str) -> _Found | None:
    if pub is None or pub.day is None:
        return None
    day = dt.date(pub.year, pub.month, pub.day) + dt.timedelta(days=_RELATIVE_OFFSETS[word])
    return _Found(m.start(), m.end(), rule, (day.year, day.month, day.day))


def _relative_unit(
    m: re.Match[str], pub: _Published | None, word: str, unit: str, prefix: str
) -> _Found | None:
    if pub is None:
        return None
    offset = _RELATIVE_OFFSETS[word]
    if unit == "year":
        return _Found(m.start(), m.end(), prefix + "year", (pub.year + offset, None, None))
    if pub.month is None:
        return None
    year, month = _shift_month(pub.year, pub.month, offset)
    return _Found(m.start(), m.end(), prefix + "month", (year, month, None))


# Chinese: "2024年6月6日", "6月6日", "今年4月29日", "去年6月", "2024年6月", "4月3日至4日".
@_rule(
    _ZH_TRIGGER,
    r"(?<!\d)(?:" + _g("y", r"\d{4}") + r"\s*年\s*|" + _g("rel", "去年|今年|明年|前年|后年|本年")
    + r"\s*)?" + _g("m", r"\d{1,2}") + r"\s*月"
    + r"(?:\s*" + _g("d", r"\d{1,2}") + r"\s*(?:[日号]|(?=" + _ZH_SEP + r"\d{1,2}\s*[日号])))?"
    + r"(?:" + _ZH_SEP + r"(?:" + _g("m2", r"\d{1,2}") + r"\s*月\s*)?" + _g("d2", r"\d{1,2}")
    + r"\s*[日号])?"
)  # fmt: skip
def _chinese_date(m: re.Match[str], pub: _Published | None) -> _Found | None:
    year = int(m["y"]) if m["y"] else None
    if m["rel"]:
        year = _relative_year(m["rel"], pub)
        if year is None:
            return None
    if year is not None and not 1800 <= year <= 2099:
        return None
    month = int(m["m"])
    kind = "year_" if m["y"] else "relative_year_" if m["rel"] else ""
    if m["d"] is None:
        if m["d2"]:
            return None
        return _Found(m.start(), m.end(), f"zh_{kind}month", (year, month, None))
    first: Parts = (year, month, int(m["d"]))
    if m["d2"] is None:
        return _Found(m.start(), m.end(), f"zh_{kind}month_day", first)
    last: Parts = (year, int(m["m2"]) if m["m2"] else month, int(m["d2"]))
    if year is not None:
        first, last = _complete_range(first, (None, last[1], last[2]))
    return _Found(m.start(), m.end(), "zh_day_range", first, last)


# Chinese month ranges: "1月至11月", "2012年1月至11月", "2023年6月至2024年3月".
@_rule(
    _ZH_TRIGGER,
    r"(?<!\d)(?:" + _g("y1", r"\d{4}") + r"\s*年\s*)?" + _g("m1", r"\d{1,2}") + r"\s*月"
    + _ZH_SEP + r"(?:" + _g("y2", r"\d{4}") + r"\s*年\s*)?" + _g("m2", r"\d{1,2}")
    + r"\s*月(?!\s*\d)"
)  # fmt: skip
def _chinese_month_range(m: re.Match[str], pub: _Published | None) -> _Found | None:
    y1 = int(m["y1"]) if m["y1"] else None
    y2 = int(m["y2"]) if m["y2"] else None
    first, last = _complete_range((y1, int(m["m1"]), None), (y2, int(m["m2"]), None))
    return _Found(m.start(), m.end(), "zh_month_range", first, last)


# Chinese years and relative words: "2025年", "去年", "上个月", "昨天".
@_rule(
    _ZH_TRIGGER,
    r"(?<!\d)" + _g("y", r"\d{4}") + r"\s*年(?!代)|" + _g("rely", "去年|今年|明年|前年|后年")
    + "|" + _g("relm", "上个月|上月|本月|这个月|下个月|下月")
    + "|" + _g("reld", "昨天|昨日|今天|明天|明日")
)  # fmt: skip
def _chinese_year(m: re.Match[str], pub: _Published | None) -> _Found | None:
    if m["y"]:
        year = int(m["y"])
        found = _Found(m.start(), m.end(), "zh_year", (year, None, None))
        return found if 1800 <= year <= 2099 else None
    if m["reld"]:
        return _relative_day(m, pub, m["reld"], "zh_relative_day")
    word, unit = (m["rely"], "year") if m["rely"] else (m["relm"], "month")
    return _relative_unit(m, pub, word, unit, "zh_relative_")


# Chinese day of the month alone: "18日" (Xinhua style, month from context).
@_rule(
    _ZH_TRIGGER, r"(?<![\d月至到~～\-–—－])" + _g("d", r"[12]\d|3[01]|0?[1-9]") + r"日(?![报本元])"
)
def _chinese_day_only(m: re.Match[str], pub: _Published | None) -> _Found | None:
    return _Found(m.start(), m.end(), "zh_day", (None, None, int(m["d"])))


# Russian: "6 июня 2024 г.", "6 июня", "3-4 апреля 2025 года", "с 3 по 4 апреля",
# "6 июня прошлого года".
@_rule(
    _RU_MONTH_TRIGGER,
    r"(?<![\d.,])\b" + _g("d1", r"3[01]|[12]\d|0?[1-9]") + r"(?:-?го)?"
    + r"(?:\s+" + _g("m1", _RU_MONTH) + r"(?:\s+" + _g("y1", _YEAR) + _RU_YEAR_WORD + ")?)?"
    + r"(?:(?:\s*[-–—]\s*|\s+(?:по|до|и)\s+)" + _g("d2", r"3[01]|[12]\d|0?[1-9]") + r"(?!\d))?"
    + r"\s+" + _g("m2", _RU_MONTH)
    + r"(?:\s+" + _g("y2", _YEAR) + _RU_YEAR_WORD + r"|\s+" + _g("rel", _RU_REL_GEN) + r"\s+года)?",
    re.IGNORECASE,
)  # fmt: skip
def _russian_day(m: re.Match[str], pub: _Published | None) -> _Found | None:
    return _read_day_date(m, pub, "ru", lambda w: _MONTHS_RU[w.lower()], "day_month")


# Russian months: "в апреле", "в апреле 2024 года", "с мая", "в июне прошлого года".
@_rule(
    _RU_MONTH_TRIGGER,
    r"(?:\b" + _g("prep", r"в|во|с|со|до|к|по|после|начиная\s+с|начале|конце|середине|концу"
    r"|началу") + r"\s+)?\b" + _g("m", _RU_MONTH)
    + r"(?:\s+" + _g("y", _YEAR) + _RU_YEAR_WORD + r"|\s+" + _g("rel", _RU_REL_GEN) + r"\s+года)?",
    re.IGNORECASE,
)  # fmt: skip
def _russian_month(m: re.Match[str], pub: _Published | None) -> _Found | None:
    month = _MONTHS_RU[m["m"].lower()]
    if m["y"]:
        return _Found(m.start("m"), m.end(), "ru_month_year", (int(m["y"]), month, None))
    if m["rel"]:
        year = _relative_year(m["rel"], pub)
        found = _Found(m.start("m"), m.end(), "ru_month_relative_year", (year, month, None))
        return found if year is not None else None
    if m["prep"]:
        return _Found(m.start("m"), m.end(), "ru_month", (None, month, None))
    return None


# Russian relative words: "в прошлом году", "прошлого года", "в этом месяце", "вчера".
@_rule(
    _RU_RELATIVE_TRIGGER,
    r"\b(?:" + _g("which", r"прошлом|позапрошлом|этом|текущем|нынешнем|следующем|будущем|"
    + _RU_REL_WORDS) + r"\s+" + _g("unit", r"году|года|месяце|месяца") + r"|"
    + _g("day", r"вчера|сегодня|завтра") + r")\b",
    re.IGNORECASE,
)  # fmt: skip
def _relative_ru(m: re.Match[str], pub: _Published | None) -> _Found | None:
    if m["day"]:
        return _relative_day(m, pub, m["day"].lower(), "ru_relative_day")
    unit = "year" if m["unit"].lower().startswith("год") else "month"
    return _relative_unit(m, pub, m["which"].lower(), unit, "ru_relative_")


# --------------------------------------------------------------------------------------------
# Tense and sentences

_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]*[A-ZА-ЯЁ0-9\u4e00-\u9fff])|[。！？；]")
_CUES = re.compile(
    r"(?P<future>\b(?:will|shall|won't|(?:is|are)\s+(?:set|due|scheduled|expected|planned"
    r"|going|slated)\s+to|(?:is|are)\s+to\s+be|to\s+be\s+held|plans?\s+to|planning\s+to"
    r"|intends?\s+to|aims?\s+to|scheduled|upcoming|forthcoming|next|expected\s+to"
    r"|будет|будут|состоится|состоятся|пройд[её]т|пройдут|планиру\w+|намерен\w*|предстоит"
    r"|запланирован\w*|ожидается|станет|начн[её]тся|откроется)\b|将|即将|计划|拟|预计|有望|届时)"
    r"|(?P<past>\b(?:was|were|had|has\s+been|have\s+been|did|held|signed|took\s+place|ago|last"
    r"|earlier|previously|began|started|launched|opened|completed|announced|met|reached"
    r"|came|went|became|saw|made|gave|won|rose|fell|grew|built|sent|left|arrived|departed"
    r"|был|была|было|были|состоялся|состоялась|состоялось|состоялись|прош[её]л|прошла|прошли"
    r"|подписан\w*|подписали)\b|(?<!为)了(?!解)|已经|已|曾|此前|日前|刚刚)",
    re.IGNORECASE,
)
_WEAK_PAST = re.compile(
    r"\b(?!(?:need|speed|feed|seed|proceed|exceed|succeed|indeed|hundred|embed|breed|bleed)\b)"
    r"[a-z]{2,}ed\b|\b[а-яё]{2,}(?:ал|ял|ил|ел|ул|ыл|ла|ли|лся|лась|лось|лись)\b"
)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    window_start = max(0, start - 400)
    lo = text.rfind("\n", window_start, start) + 1 or window_start
    # endpos one past ``start``: the end-of-sentence lookahead must see the span's first character.
    for m in _SENTENCE_END.finditer(text, lo, min(len(text), start + 1)):
        if m.end() <= start:
            lo = m.end()
    window_end = min(len(text), end + 400)
    hi = text.find("\n", end, window_end)
    hi = window_end if hi < 0 else hi
    m = _SENTENCE_END.search(text, end, hi)
    return lo, (m.end() if m else hi)


def _tense(text: str, start: int, end: int) -> tuple[str | None, bool]:
    """Return ("past" | "future" | None, whether the cue was strong) for the sentence at a span."""
    lo, hi = sentence_bounds(text, start, end)
    best: tuple[int, str] | None = None
    for m in _CUES.finditer(text, lo, hi):
        if m.start() < end and m.end() > start:
            continue
        distance = start - m.end() if m.end() <= start else m.start() - end
        if best is None or distance < best[0]:
            best = (distance, m.lastgroup or "")
    if best:
        return best[1], True
    if _WEAK_PAST.search(text, lo, start) or _WEAK_PAST.search(text, end, hi):
        return "past", False
    return None, False


# --------------------------------------------------------------------------------------------
# Year inference


def _valid(year: int, month: int, day: int | None) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= calendar.monthrange(year, month)[1])


def _compare(parts: Parts, pub: _Published) -> int:
    """-1, 0 or 1: ``parts`` before, at or after ``pub`` at the precision both have."""
    a: list[int] = []
    b: list[int] = []
    for mine, theirs in zip(parts, pub.parts(), strict=True):
        if mine is None or theirs is None:
            break
        a.append(mine)
        b.append(theirs)
    return (a > b) - (a < b)


def _year_by_tense(month: int, day: int | None, pub: _Published, tense: str | None) -> int | None:
    years = [y for y in (pub.year - 1, pub.year, pub.year + 1) if _valid(y, month, day)]
    if tense == "past":
        years = [y for y in years if _compare((y, month, day), pub) <= 0][-1:]
    elif tense == "future":
        years = [y for y in years if _compare((y, month, day), pub) >= 0][:1]
    if not years:
        return None
    reference = dt.date(pub.year, pub.month or 7, pub.day or (15 if pub.month else 1))

    def distance(year: int) -> tuple[int, int]:
        return abs((dt.date(year, month, day or 15) - reference).days), year

    return min(years, key=distance)


def _infer_day_only(
    text: str, found: _Found, pub: _Published | None, anchor: _Anchor | None
) -> Parts | None:
    day = found.first[2]
    if anchor is not None:
        return (anchor.year, anchor.month, day)
    if pub is None or pub.month is None:
        return None
    year, month = pub.year, pub.month
    if pub.day is not None and day != pub.day:
        tense, _ = _tense(text, found.start, found.end)
        if day > pub.day and tense != "future":
            year, month = _shift_month(year, month, -1)
        elif day < pub.day and tense == "future":
            year, month = _shift_month(year, month, 1)
    return (year, month, day)


def _infer_year(
    text: str, found: _Found, pub: _Published | None, anchor: _Anchor | None
) -> tuple[int | None, bool]:
    """Return (year, whether the paragraph's anchor gave it) for a date written without a year."""
    _, month, day = found.first
    assert month is not None
    tense, strong = _tense(text, found.start, found.end) if pub else (None, False)
    if anchor is not None:
        year = anchor.year
        rolled = (year + 1, month, day)
        if (
            month < anchor.month
            and _SENTENCE_END.search(text, anchor.end, found.start)
            and _valid(*rolled)
            and (pub is None or _compare(rolled, pub) <= 0)
        ):
            year += 1
        order = 0 if pub is None else _compare((year, month, day), pub)
        contradicted = (strong and tense == "future" and order < 0) or (
            tense != "future" and order > 0
        )
        if _valid(year, month, day) and not contradicted:
            return year, True
    if pub is None:
        return None, False
    return _year_by_tense(month, day, pub, tense), False


# --------------------------------------------------------------------------------------------
# Putting it together


def _iso(parts: Parts) -> str | None:
    year, month, day = parts
    if year is None or not 1 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}"
    if not _valid(year, month, day):
        return None
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def _mention(text: str, found: _Found, first: Parts, last: Parts | None) -> DateMention | None:
    date = _iso(first)
    if date is None:
        return None
    precision = "day" if first[2] else "month" if first[1] else "year"
    if last is not None:
        end_date = _iso(last)
        order = [tuple(p or 0 for p in side) for side in (first, last)]
        if end_date is None or not order[0] < order[1]:
            return None
        date, precision = f"{date}/{end_date}", "range"
    return DateMention(
        found.start, found.end, text[found.start : found.end], date, precision, found.rule
    )


_URL = re.compile(r"(?:https?://|www\.)\S+")


def _ordered(found: _Found) -> bool:
    """False for a range whose end is not after its start ("13 and 13", "2021-2019")."""
    first, last = found.first, found.last
    if last is None:
        return True
    if first[0] is None:  # the year is not known yet: only a same-month range can be checked
        return first[1] != last[1] or (last[2] or 0) > (first[2] or 0)
    return tuple(p or 0 for p in first) < tuple(p or 0 for p in last)


def _candidates(text: str, pub: _Published | None) -> Iterator[_Found]:
    zones: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    for rule in _RULES:
        if rule.trigger not in zones:
            zones[rule.trigger] = _zones(text, rule.trigger)
        for lo, hi in zones[rule.trigger]:
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
    for found in _years_in_context(text):
        yield found


def _longest_first(text: str, candidates: Iterator[_Found]) -> list[_Found]:
    """Keep non-overlapping candidates, longest first, none inside a URL; sorted by start."""
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[_Found] = []
    for m in _URL.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    ordered = sorted(candidates, key=lambda f: (f.start - f.end, f.start))
    for found in ordered:
        i = bisect_left(starts, found.start)
        if (i > 0 and ends[i - 1] > found.start) or (i < len(starts) and starts[i] < found.end):
            continue
        starts.insert(i, found.start)
        ends.insert(i, found.end)
        chosen.append(found)
    return sorted(chosen, key=lambda f: f.start)


def find_dates(text: str, published: str | dt.date | None = None) -> list[DateMention]:
    """Find the dates mentioned in ``text`` and resolve them against the publication date.

    Parameters
    ----------
    text : str
        The article text. Lines are treated as paragraphs for carrying a year forward.
    published : str, datetime.date or None
        Publication date, possibly partial: ``"2025-06-18"``, ``"2025-11"`` or ``"2025"``.
        Relative expressions ("last year", "June 6", "yesterday") are resolved against it and
        skipped when it is None or not precise enough; absolute dates are always found.

    Returns
    -------
    list of DateMention
        Sorted by start, non-overlapping (the longest candidate wins).

    Raises
    ------
    TypeError
        If ``text`` is not a str or ``published`` has the wrong type.
    ValueError
        If ``published`` is a string that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Examples
    --------
    >>> [(m.text, m.date, m.precision) for m in find_dates(
    ...     "On June 6 last year, the agreement was signed. On September 28, it was ratified.",
    ...     "2025-06-18")]
    [('June 6 last year', '2024-06-06', 'day'), ('September 28', '2024-09-28', 'day')]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    pub = _parse_published(published)
    mentions: list[DateMention] = []
    anchor: _Anchor | None = None
    for found in _longest_first(text, _candidates(text, pub)):
        if anchor is not None and text.find("\n", anchor.end, found.start) >= 0:
            anchor = None
        first, last = found.first, found.last
        anchor_used = False
        if first[0] is None and first[1] is None:
            parts = _infer_day_only(text, found, pub, anchor)
            if parts is None:
                continue
            first = parts
        elif first[0] is None:
            year, anchor_used = _infer_year(text, found, pub, anchor)
            if year is None:
                continue
            first = (year, first[1], first[2])
            if last is not None:
                first, last = _complete_range(first, (None, last[1], last[2]))
        if first[1] is not None and (found.first[0] is not None or anchor_used):
            final = last if last is not None and last[1] is not None else first
            anchor = _Anchor(final[0], final[1], found.end)
        mention = _mention(text, found, first, last)
        if mention is not None:
            mentions.append(mention)
    return mentions

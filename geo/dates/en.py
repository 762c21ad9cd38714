"""English dates: "Oct 13", "6 June 2024", "April 3-4, 2025", "this June", "last year".

Decisions (tested in ``tests/unit/test_dates_en.py``):

* Spans cover the date expression itself, not a leading preposition: in "On June 6 last year"
  the span is "June 6 last year", in "In April" it is "April". Modifiers that are part of the
  expression are kept ("this June", "early May", "the end of June").
* A month name alone is a date only with a preposition, a modifier or a relative word before it
  ("in April", "mid-June", "last June"), so "June said" is a name. A full month name never takes
  a dot (so "this June." ends before the full stop); an abbreviation may ("Oct. 13").
* Month ranges need a year or "from"/"between": "January-November 2012", "from January to
  November". "Oct. 13 and 13 October" is two dates, not a range.
* "last June" is the most recent June before the publication month, "next June" the next one
  after it; both need a publication month. "yesterday/today/tomorrow" need a publication day;
  "today's" and a sentence opening "Today," are read as "nowadays" and skipped.
* A weekday ("departed on Monday", "said Friday") is a day of the week of publication: the
  latest such day on or before the publication day, or the next one after it in a sentence
  about the future; it needs a publication day. A weekday next to a written date ("Monday,
  June 5") or in a name ("Good Friday", "Monday's") is skipped.
* A decade is the range of its ten years ("the 1990s" → 1990/1999); a modifier ("early 1990s")
  is kept in the span but does not narrow the range, since the text does not say how far.
* "last week" is skipped: too vague for a timeline.

The module also gives the English words the shared steps use: tense cues, and the context that
makes a bare number a year (:mod:`geo.dates.years`).
"""

from __future__ import annotations

import re

from geo.dates.parts import Published
from geo.dates.rules import (
    YEAR,
    Found,
    Language,
    alternation,
    complete_range,
    context_before,
    decade,
    g,
    literals,
    read_day_date,
    relative_day,
    relative_unit,
    relative_weekday,
    relative_year,
    rule,
)

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
RELATIVE = {"last": -1, "this": 0, "next": 1, "yesterday": -1, "today": 0, "tomorrow": 1}

_FULL = [w for w in MONTHS if len(w) > 4 or w in ("may", "june", "july")]
_SHORT = [w for w in MONTHS if w not in _FULL]
MONTH = (
    "(?:(?:"
    + alternation([w.title() for w in _FULL] + [w.upper() for w in _FULL])
    + r")(?!\w)|(?:"
    + alternation([w.title() for w in _SHORT] + [w.upper() for w in _SHORT])
    + r")(?!\w)\.?)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w|,\d{3}(?!\d))"
# Between the two sides of a range; also used by the year ranges of geo.dates.numeric.
SEP = r"(?:\s*[-–—‒−~]\s*|\s+(?i:to|through|thru|until|till|and)\s+)"
RANGE_START_BEFORE = re.compile(r"\b" + g("pre", r"(?i:from|between)") + r"\s+$")
_REL_YEAR_AFTER = r"\s+(?:of\s+)?" + g("rel", r"(?i:last|this|next)") + r"\s+(?i:year)\b(?!s)"

_MONTH_TRIGGER = re.compile(
    "|".join(sorted({w[:3].title() for w in MONTHS} | {w[:3].upper() for w in MONTHS}))
)
_RELATIVE_TRIGGER = literals(
    [f"{which} {unit}" for which in ("last", "this", "next") for unit in ("year", "month")]
    + ["yesterday", "today", "tomorrow"]
)


def _month(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


# "Oct 13", "October 13, 2024", "April 3-4, 2025", "April 30-May 2", "June 6 last year".
@rule(
    _MONTH_TRIGGER,
    r"\b" + g("m1", MONTH) + r"\s+" + g("d1", _DAY)
    + r"(?:,?\s+" + g("y1", YEAR) + ")?"
    + "(?:" + SEP + "(?:" + g("m2", MONTH) + r"\s+)?" + g("d2", _DAY) + ")?"
    + r"(?:,?\s+(?:of\s+)?" + g("y2", YEAR) + "|" + _REL_YEAR_AFTER + ")?"
)  # fmt: skip
def _month_first(m: re.Match[str], pub: Published | None) -> Found | None:
    return read_day_date(m, pub, "", _month, "month_day", RELATIVE)


# "13 October", "6 June 2024", "the 6th of June", "3–4 April 2025", "30 April - 2 May".
@rule(
    _MONTH_TRIGGER,
    r"(?<![\d.,$#€£¥])\b(?:the\s+)?" + g("d1", _DAY) + r"(?:\s+of)?"
    + r"(?:\s+" + g("m1", MONTH) + r"(?:,?\s+" + g("y1", YEAR) + ")?)?"
    + "(?:" + SEP + r"(?:the\s+)?" + g("d2", _DAY) + r"(?:\s+of)?)?"
    + r"\s+" + g("m2", MONTH)
    + r"(?:,?\s+" + g("y2", YEAR) + "|" + _REL_YEAR_AFTER + ")?"
)  # fmt: skip
def _day_first(m: re.Match[str], pub: Published | None) -> Found | None:
    return read_day_date(m, pub, "", _month, "day_month", RELATIVE)


_MONTH_CONTEXT_BEFORE = re.compile(
    r"(?:\b" + g("prep", r"(?i:in|since|by|until|till|from|during|before|after|through"
    r"|throughout|of|for|as\s+of)") + r"\s+)?"
    + r"(?:\b" + g("mod", r"(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)")
    + r"(?:\s+|-))?"
    + r"(?:\b" + g("rel1", r"(?i:last|this|next)") + r"\s+)?$"
)  # fmt: skip


# Month names without a day: "June 2024", "this June", "June last year", "in April".
# The words before the month (preposition, "early", "last") are read by _MONTH_CONTEXT_BEFORE.
@rule(
    _MONTH_TRIGGER,
    r"\b" + g("m", MONTH)
    + r"(?:,?\s+(?:of\s+)?" + g("y", YEAR)
    + r"|\s+(?:of\s+)?" + g("rel2", r"(?i:last|this|next)") + r"\s+(?i:year)\b(?!s))?"
)  # fmt: skip
def _month_name(m: re.Match[str], pub: Published | None) -> Found | None:
    before = context_before(m, _MONTH_CONTEXT_BEFORE)
    prep = before and before["prep"]
    mod = before and before["mod"]
    rel1 = before and before["rel1"]
    start = before.start("mod") if mod else before.start("rel1") if rel1 else m.start()
    month = _month(m["m"])
    if m["y"]:
        return Found(start, m.end(), "month_year", (int(m["y"]), month, None))
    if m["rel2"]:
        year = relative_year(RELATIVE[m["rel2"].lower()], pub)
        found = Found(start, m.end(), "month_relative_year", (year, month, None))
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
        return Found(start, m.end(), "relative_month_name", (year, month, None))
    if prep or mod:
        return Found(start, m.end(), "month_after_preposition", (None, month, None))
    return None


# Month ranges: "From January to November, 2012", "June 2023 - March 2024".
@rule(
    _MONTH_TRIGGER,
    r"\b" + g("m1", MONTH)
    + r"(?:,?\s+" + g("y1", YEAR) + ")?" + g("sep", SEP) + r"\b" + g("m2", MONTH)
    + r"(?:,?\s+(?:of\s+)?" + g("y2", YEAR) + "|" + _REL_YEAR_AFTER + ")?"
)  # fmt: skip
def _month_range(m: re.Match[str], pub: Published | None) -> Found | None:
    word = m["sep"].strip().lower()
    before = context_before(m, RANGE_START_BEFORE)
    pre = before["pre"].lower() if before else ""
    if word == "and" and pre != "between":
        return None
    if not (pre or m["y1"] or m["y2"] or m["rel"]):
        return None
    y2 = int(m["y2"]) if m["y2"] else None
    if m["rel"]:
        y2 = relative_year(RELATIVE[m["rel"].lower()], pub)
        if y2 is None:
            return None
    y1 = int(m["y1"]) if m["y1"] else None
    first, last = complete_range((y1, _month(m["m1"]), None), (y2, _month(m["m2"]), None))
    return Found(m.start(), m.end(), "month_range", first, last)


# Relative words: "last year", "this month", "yesterday".
@rule(
    _RELATIVE_TRIGGER,
    r"(?<![Tt]he\s)\b(?:" + g("which", r"(?i:last|this|next)") + r"\s+"
    + g("unit", r"(?i:year|month)")
    + r"\b(?!s)|" + g("day", r"(?i:yesterday|tomorrow)|today(?!['’]s)|Today(?!['’]s|,)")
    + r"\b)"
)  # fmt: skip
def _relative(m: re.Match[str], pub: Published | None) -> Found | None:
    if m["day"]:
        return relative_day(m, pub, RELATIVE[m["day"].lower()], "relative_day")
    offset = RELATIVE[m["which"].lower()]
    return relative_unit(m, pub, offset, m["unit"].lower(), "relative_")


WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip


# Weekdays: "departed on Monday", "said Friday", "around 4 pm Tuesday".
@rule(
    literals(list(WEEKDAYS)),
    r"(?<!Good\s)(?<!Black\s)(?<!Cyber\s)(?<!Holy\s)(?<!Easter\s)(?<!Ash\s)\b"
    + g("wd", alternation([w.title() for w in WEEKDAYS]))
    + r"\b(?!['’]s|,?\s+(?:the\s+)?\d|,?\s+" + MONTH + ")"
)  # fmt: skip
def _weekday(m: re.Match[str], pub: Published | None) -> Found | None:
    return relative_weekday(m, pub, WEEKDAYS[m["wd"].lower()], "weekday")


# Decades: "the 1990s", "early 2000s", "mid-1990s".
@rule(
    re.compile(r"(?:1[89]|20)\d0s"),
    r"(?:\b(?i:early|mid|late)[\s-]+)?(?<![\d'’])\b" + g("y", r"(?:1[89]|20)\d0") + r"s\b",
)
def _decade(m: re.Match[str], pub: Published | None) -> Found | None:
    return decade(m, int(m["y"]), "decade")


LANGUAGE = Language(
    code="en",
    rules=(_month_first, _day_first, _month_name, _month_range, _relative, _weekday, _decade),
    sentence_starts="A-Z",
    future_cues=(
        r"\b(?:will|shall|won't|(?:is|are)\s+(?:set|due|scheduled|expected|planned|going"
        r"|slated)\s+to|(?:is|are)\s+to\s+be|to\s+be\s+held|plans?\s+to|planning\s+to"
        r"|intends?\s+to|aims?\s+to|scheduled|upcoming|forthcoming|next|expected\s+to)\b"
    ),
    past_cues=(
        r"\b(?:was|were|had|has\s+been|have\s+been|did|held|signed|took\s+place|ago|last"
        r"|earlier|previously|began|started|launched|opened|completed|announced|met|reached"
        r"|came|went|became|saw|made|gave|won|rose|fell|grew|built|sent|left|arrived|departed)\b"
    ),
    weak_past=(
        r"\b(?!(?:need|speed|feed|seed|proceed|exceed|succeed|indeed|hundred|embed|breed|bleed)"
        r"\b)[a-z]{2,}ed\b"
    ),
    year_words_after=r"(?i:fiscal\s+)?(?i:year)\b(?!s)",
    year_context_before=(
        r"\b(?i:in|since|by|until|till|from|of|before|after|during|through|throughout|for"
        r"|year|fiscal|spring|summer|autumn|fall|winter|early|mid|late|circa|c\.)[\s-]*"
        r"|\b(?:Q[1-4]|H[12]|Vision|Agenda)\s+|" + MONTH + r",?\s+"
    ),
    year_modifier_before=r"\b(?i:early|mid|late)[\s-]*",
    year_list_words="and|or",
    event_nouns_after=(
        r"(?i:summit|forum|games|olympics|expo|exhibition|census|elections?|session|edition"
        r"|meeting|conference|world\s+cup|budget|plan|report|roadmap|strategy|target|season"
        r"|action\s+plan|agenda|deadline|goal|vision|programme|program|timeline)\b(?!s)"
    ),
    not_year_before=(
        r"(?i:(?:\bno|\bnos|\bnumber|\bnum|\bp|\bpp|\bpage|\bpages|\bid|\bcode|\bflight|\bmodel"
        r"|\broom|\bbox|\bext)\.?\s*)"
    ),
    not_year_after=(
        r"(?i:per\s*cent|percent|km|kilomet|mi\b|miles|tons?\b|tonnes?\b|t\b|teus?\b"
        r"|containers|people|persons|passengers|units|vehicles|trucks|lorries|wagons|carriages"
        r"|cars\b|trains|trips|flights|metres|meters|m\b|kg\b|kw|mw|gw|hectares|ha\b|yuan"
        r"|dollars|usd|rmb|euros?\b|rubles|roubles|tenge|soms?\b|times\b|years|months|weeks|days"
        r"|hours|minutes|pieces|sets\b|jobs|workers|employees|students|items|households"
        r"|companies|enterprises|projects|documents|agreements|sq\b|square|cubic|billion|million"
        r"|thousand|km²)"
    ),
)

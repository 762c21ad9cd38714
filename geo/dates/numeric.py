"""Dates written with digits alone, the same in every language: ISO and numeric dates, year ranges.

* ISO ``2024-06-06`` (also ``2024/6/6`` and ``2024.06.06``) and dotted ``06.06.2024`` (day
  first) are read; slashed ``06/06/2024`` only when a field above 12 makes the order unambiguous.
* Year ranges: "2019-2021", "2024–25"; with words only after "from"/"between" ("from 2019 to
  2021", "between 2020 and 2023"), in English for now. A range going backwards ("between 2023
  and 2020") is two numbers, and a range of counts ("2019-2021 tonnes") is not dates.
"""

from __future__ import annotations

import re

from geo.dates.en import RANGE_START_BEFORE, SEP
from geo.dates.parts import Published
from geo.dates.rules import YEAR_TRIGGER, Found, context_before, g, rule
from geo.dates.years import not_a_year


# "2019-2021", "2024–25", "from 2019 to 2021", "between 2020 and 2023".
@rule(
    YEAR_TRIGGER,
    r"(?<![0-9A-Za-z$€£¥.,/:#№+_-])" + g("y1", r"(?:19|20)\d\d") + g("sep", SEP)
    + g("y2", r"(?:19|20)\d\d|\d\d")
    + r"(?![0-9A-Za-z%_]|[.,:/-]\d)"
)  # fmt: skip
def _year_range(m: re.Match[str], pub: Published | None) -> Found | None:
    word = m["sep"].strip().lower()
    before = context_before(m, RANGE_START_BEFORE)
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
    if not y1 < y2 <= y1 + 100 or not_a_year(m.string, m.start(), m.end()):
        return None
    return Found(m.start(), m.end(), "year_range", (y1, None, None), (y2, None, None))


# "2024-06-06", "2024/6/6", "2024.06.06".
@rule(
    YEAR_TRIGGER,
    r"(?<![\d./-])" + g("y", r"(?:19|20)\d\d") + r"([-/.])" + g("m", r"0?[1-9]|1[0-2]")
    + r"\2" + g("d", r"0?[1-9]|[12]\d|3[01]") + r"(?!\d|[./-]\d)"
)  # fmt: skip
def _iso_date(m: re.Match[str], pub: Published | None) -> Found | None:
    return Found(m.start(), m.end(), "iso_date", (int(m["y"]), int(m["m"]), int(m["d"])))


# Day first: "06.06.2024"; slashed only when unambiguous ("13/06/2024", "06/13/2024").
@rule(
    YEAR_TRIGGER,
    r"(?<![\d./-])" + g("a", r"\d{1,2}") + g("sep", r"[./]") + g("b", r"\d{1,2}")
    + r"(?P=sep)" + g("y", r"(?:19|20)\d\d") + r"(?!\d|[./-]\d)"
)  # fmt: skip
def _numeric_date(m: re.Match[str], pub: Published | None) -> Found | None:
    a, b = int(m["a"]), int(m["b"])
    if m["sep"] == "/":
        if a > 12 >= b:
            pass
        elif b > 12 >= a:
            a, b = b, a
        else:
            return None
    return Found(m.start(), m.end(), "numeric_date", (int(m["y"]), b, a))


RULES = (_year_range, _iso_date, _numeric_date)

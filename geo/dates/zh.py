"""Chinese dates: "2024年6月6日", "6月6日", "今年4月29日", "1月至11月", "去年", "上个月", "18日".

Decisions (tested in ``tests/unit/test_dates_zh.py``):

* Years are read in 1800-2099; "1990年代" (a decade) is not a year and "6个月" (a duration) is
  not a month.
* A day alone ("18日", Xinhua style: "新华社北京6月18日电 18日，…") has neither month nor year:
  it takes the month of the previous date in the line, else the publication month (the previous
  month when the day is after the publication day in a sentence that is not about the future);
  :func:`geo.dates.resolve.find_dates` does that. "日报", "日本" and "日元" are not days.
* A range's second side may have its own year: "自2016年6月7日至今年11月23日" runs from
  2016-06-07 to 23 November of the publication year.
* A relative day that the text dates in brackets ("今天(9月18日)") is the written date.
* Relative words need the publication date to be precise enough: "去年" a year, "上个月" a
  month, "昨天" a day.
"""

from __future__ import annotations

import re

from geo.dates.parts import Parts, Published
from geo.dates.rules import (
    Found,
    Language,
    complete_range,
    g,
    relative_day,
    relative_unit,
    relative_year,
    rule,
)

RELATIVE = {
    "去年": -1, "今年": 0, "明年": 1, "前年": -2, "后年": 2, "本年": 0,
    "上个月": -1, "上月": -1, "本月": 0, "这个月": 0, "下个月": 1, "下月": 1,
    "昨天": -1, "昨日": -1, "今天": 0, "明天": 1, "明日": 1,
}  # fmt: skip

_TRIGGER = re.compile("[年月日天]")
_SEP = r"\s*(?:至|到|-|–|—|~|～|－)\s*"


# "2024年6月6日", "6月6日", "今年4月29日", "去年6月", "2024年6月", "4月3日至4日".
@rule(
    _TRIGGER,
    r"(?<!\d)(?:" + g("y", r"\d{4}") + r"\s*年\s*|" + g("rel", "去年|今年|明年|前年|后年|本年")
    + r"\s*)?" + g("m", r"\d{1,2}") + r"\s*月"
    + r"(?:\s*" + g("d", r"\d{1,2}") + r"\s*(?:[日号]|(?=" + _SEP + r"\d{1,2}\s*[日号])))?"
    + r"(?:" + _SEP + r"(?:(?:" + g("y2", r"\d{4}") + r"\s*年\s*|" + g("rel2", "去年|今年|明年")
    + r"\s*)?" + g("m2", r"\d{1,2}") + r"\s*月\s*)?" + g("d2", r"\d{1,2}") + r"\s*[日号])?"
)  # fmt: skip
def _date(m: re.Match[str], pub: Published | None) -> Found | None:
    year = int(m["y"]) if m["y"] else None
    if m["rel"]:
        year = relative_year(RELATIVE[m["rel"]], pub)
        if year is None:
            return None
    if year is not None and not 1800 <= year <= 2099:
        return None
    month = int(m["m"])
    kind = "year_" if m["y"] else "relative_year_" if m["rel"] else ""
    if m["d"] is None:
        if m["d2"]:
            return None
        return Found(m.start(), m.end(), f"zh_{kind}month", (year, month, None))
    first: Parts = (year, month, int(m["d"]))
    if m["d2"] is None:
        return Found(m.start(), m.end(), f"zh_{kind}month_day", first)
    last: Parts = (year, int(m["m2"]) if m["m2"] else month, int(m["d2"]))
    year2 = int(m["y2"]) if m["y2"] else relative_year(RELATIVE[m["rel2"]], pub) if m["rel2"] else None
    if m["rel2"] and year2 is None:
        return None
    if year2 is not None:  # "2016年6月7日至今年11月23日": each side has its own year
        if year is None:
            return None
        last = (year2, last[1], last[2])
    elif year is not None:
        first, last = complete_range(first, (None, last[1], last[2]))
    return Found(m.start(), m.end(), "zh_day_range", first, last)


# Month ranges: "1月至11月", "2012年1月至11月", "2023年6月至2024年3月".
@rule(
    _TRIGGER,
    r"(?<!\d)(?:" + g("y1", r"\d{4}") + r"\s*年\s*)?" + g("m1", r"\d{1,2}") + r"\s*月"
    + _SEP + r"(?:" + g("y2", r"\d{4}") + r"\s*年\s*)?" + g("m2", r"\d{1,2}")
    + r"\s*月(?!\s*\d)"
)  # fmt: skip
def _month_range(m: re.Match[str], pub: Published | None) -> Found | None:
    y1 = int(m["y1"]) if m["y1"] else None
    y2 = int(m["y2"]) if m["y2"] else None
    first, last = complete_range((y1, int(m["m1"]), None), (y2, int(m["m2"]), None))
    return Found(m.start(), m.end(), "zh_month_range", first, last)


# Years and relative words: "2025年", "去年", "上个月", "昨天".
@rule(
    _TRIGGER,
    r"(?<!\d)" + g("y", r"\d{4}") + r"\s*年(?!代)|" + g("rely", "去年|今年|明年|前年|后年")
    + "|" + g("relm", "上个月|上月|本月|这个月|下个月|下月")
    + "|" + g("reld", "昨天|昨日|今天|明天|明日")
)  # fmt: skip
def _year(m: re.Match[str], pub: Published | None) -> Found | None:
    if m["y"]:
        year = int(m["y"])
        found = Found(m.start(), m.end(), "zh_year", (year, None, None))
        return found if 1800 <= year <= 2099 else None
    if m["reld"]:
        return relative_day(m, pub, RELATIVE[m["reld"]], "zh_relative_day")
    word, unit = (m["rely"], "year") if m["rely"] else (m["relm"], "month")
    return relative_unit(m, pub, RELATIVE[word], unit, "zh_relative_")


# "今天(9月18日)": a relative word that the text dates itself; the written date is the date.
@rule(
    _TRIGGER,
    r"(?:今天|今日|昨天|昨日)\s*[（(]\s*" + g("m", r"\d{1,2}") + r"\s*月\s*" + g("d", r"\d{1,2}")
    + r"\s*日\s*[)）]",
)  # fmt: skip
def _dated_relative_day(m: re.Match[str], pub: Published | None) -> Found | None:
    return Found(m.start(), m.end(), "zh_dated_relative_day", (None, int(m["m"]), int(m["d"])))


# The day of the month alone: "18日" (month from context).
@rule(_TRIGGER, r"(?<![\d月至到~～\-–—－])" + g("d", r"[12]\d|3[01]|0?[1-9]") + r"日(?![报本元])")
def _day_only(m: re.Match[str], pub: Published | None) -> Found | None:
    return Found(m.start(), m.end(), "zh_day", (None, None, int(m["d"])))


LANGUAGE = Language(
    code="zh",
    rules=(_date, _month_range, _year, _dated_relative_day, _day_only),
    sentence_starts=r"\u4e00-\u9fff",
    sentence_ends="。！？；",
    future_cues="将|即将|计划|拟|预计|有望|届时",
    # A departure verb reports what happened: "8月28日10时,一列班列从天津新港北站鸣笛启程,将经由…"
    # is a past departure, whatever the route "将" (will) take next.
    past_cues="(?<!为)了(?!解)|已经|已|曾|此前|日前|刚刚|启程|驶出|驶离|开出|发车|始发",
    year_words_after="年(?!代)",
    not_year_after="个|多|万|公里|吨|人",
)

"""geo.dates.zh: Chinese dates, month ranges, years, relative words and days alone."""

from __future__ import annotations

import pytest

from geo.dates import find_dates
from tests.unit.dates_found import found


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("2024年6月6日，三国签署协定。", None, [("2024年6月6日", "2024-06-06", "day")]),
        ("6月6日，三国签署了协定。", "2025-06-18", [("6月6日", "2025-06-06", "day")]),
        ("协定将于7月1日生效。", "2025-06-18", [("7月1日", "2025-07-01", "day")]),
        ("去年6月，三国签署协定。", "2025-06-18", [("去年6月", "2024-06", "month")]),
        ("今年4月29日，隧道开工。", "2025-06-18", [("今年4月29日", "2025-04-29", "day")]),
        ("2025年是关键之年。", None, [("2025年", "2025", "year")]),
        ("2024年6月，三国签署协定。", None, [("2024年6月", "2024-06", "month")]),
        ("上个月，货运量增长。", "2025-06-18", [("上个月", "2025-05", "month")]),
        (
            "峰会于2025年4月3日至4日举行。",
            None,
            [("2025年4月3日至4日", "2025-04-03/2025-04-04", "range")],
        ),
        ("2012年1月至11月，贸易增长。", None, [("2012年1月至11月", "2012-01/2012-11", "range")]),
        (
            "新华社北京6月18日电 18日，首列班列开行。",
            "2025-06-18",
            [("6月18日", "2025-06-18", "day"), ("18日", "2025-06-18", "day")],
        ),
        ("15日，首列班列开行。", "2025-06-18", [("15日", "2025-06-15", "day")]),
        ("20日，首列班列开行了。", "2025-06-18", [("20日", "2025-05-20", "day")]),
    ],
)
def test_chinese(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    "text", ["6个月内完成。", "1990年代", "今日头条报道", "日本企业投资", "共有2000多人"]
)
def test_chinese_not_dates(text):
    assert find_dates(text, "2025-06-18") == []


def test_a_range_whose_end_has_its_own_year():
    # http://tsffgg.com/hang/3742.html (published 2020-11-27): one range, not two dates
    text = "自2016年6月7日至今年11月23日,霍尔果斯国境站累计开行进出境中欧班列10699列。"
    assert found(text, "2020-11-27") == [
        ("2016年6月7日至今年11月23日", "2016-06-07/2020-11-23", "range")
    ]
    assert found("2023年6月1日至2024年3月5日", None) == [
        ("2023年6月1日至2024年3月5日", "2023-06-01/2024-03-05", "range")
    ]

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


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # http://zix.xmtw.org.cn/show-36304.html (2025-09-05): the train left on 28 August; "将"
        # is where it goes next, so the date is not next year's 28 August
        (
            "8月28日10时,一列满载医药、电器、食品的中欧(中亚)班列从天津新港北站鸣笛启程,"
            "将经由二连浩特铁路口岸出境,预计8天抵达蒙古国首都乌兰巴托。",
            "2025-09-05",
            [("8月28日", "2025-08-28", "day")],
        ),
        ("班列将于10月13日从天津集装箱中心站发车。", "2025-09-05", [("10月13日", "2025-10-13", "day")]),
        # http://m.ginggxs.com/a/xinwentoutiao/2023/0919/101852.html (2023-09-19): "today" is the
        # 18th, as the text says, not the day the page was published
        (
            "今天(9月18日)上午,随着一声汽笛长鸣,一列中欧(中亚)班列从新港站开出",
            "2023-09-19",
            [("今天(9月18日)", "2023-09-18", "day")],
        ),
    ],
)
def test_real_chinese_phrases(text, published, expected):
    assert found(text, published) == expected

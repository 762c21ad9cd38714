"""geo.dates.en: English day dates, month names, month ranges and relative words."""

from __future__ import annotations

import pytest

from geo.dates import DateMention, find_dates
from tests.unit.dates_found import found


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The train left on Oct 13.", "2025-11", [("Oct 13", "2025-10-13", "day")]),
        ("The train left on Oct. 13.", "2025-11", [("Oct. 13", "2025-10-13", "day")]),
        ("The forum was held on Nov 6.", "2025-11", [("Nov 6", "2025-11-06", "day")]),
        ("It opened on October 13.", "2025-11", [("October 13", "2025-10-13", "day")]),
        ("It opened on 13 October.", "2025-11", [("13 October", "2025-10-13", "day")]),
        (
            "It opened on the 13th of October.",
            "2025-11",
            [("the 13th of October", "2025-10-13", "day")],
        ),
        ("It opened on October 13th.", "2025-11", [("October 13th", "2025-10-13", "day")]),
        ("It was founded on September 28.", "2025-11", [("September 28", "2025-09-28", "day")]),
        ("June 6, 2024 was a Thursday.", None, [("June 6, 2024", "2024-06-06", "day")]),
        ("Signed on 6 June 2024 in Bishkek.", None, [("6 June 2024", "2024-06-06", "day")]),
        ("Signed on Jan. 5, 2024.", None, [("Jan. 5, 2024", "2024-01-05", "day")]),
        ("SIGNED ON JANUARY 5, 2024", None, [("JANUARY 5, 2024", "2024-01-05", "day")]),
        (
            "On June 6 last year the deal was signed.",
            "2025-06-18",
            [("June 6 last year", "2024-06-06", "day")],
        ),
        (
            "Work began on April 29 this year.",
            "2025-06-18",
            [("April 29 this year", "2025-04-29", "day")],
        ),
        (
            "It will open on June 6 next year.",
            "2025-06-18",
            [("June 6 next year", "2026-06-06", "day")],
        ),
        (
            "It opened on 13 October last year.",
            "2025-06-18",
            [("13 October last year", "2024-10-13", "day")],
        ),
    ],
)
def test_english_day_dates(text, published, expected):
    assert found(text, published) == expected


def test_each_mention_reports_its_rule_and_exact_span():
    text = "On June 6 last year, the intergovernmental agreement was signed."
    [mention] = find_dates(text, "2025-06-18")
    assert mention == DateMention(3, 19, "June 6 last year", "2024-06-06", "day", mention.rule)
    assert mention.rule == "month_day_relative_year"
    assert text[mention.start : mention.end] == mention.text


# --- Ranges -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The EU summit is on April 3-4, 2025.", ("April 3-4, 2025", "2025-04-03/2025-04-04")),
        ("The EU summit is on April 3–4, 2025.", ("April 3–4, 2025", "2025-04-03/2025-04-04")),
        ("The EU summit is on April 3 — 4, 2025.", ("April 3 — 4, 2025", "2025-04-03/2025-04-04")),
        ("The EU summit is on 3–4 April 2025.", ("3–4 April 2025", "2025-04-03/2025-04-04")),
        ("Talks ran April 30-May 2, 2025.", ("April 30-May 2, 2025", "2025-04-30/2025-05-02")),
        ("Talks ran 30 April – 2 May 2025.", ("30 April – 2 May 2025", "2025-04-30/2025-05-02")),
        (
            "Closed Dec 30, 2024 - Jan 2, 2025.",
            ("Dec 30, 2024 - Jan 2, 2025", "2024-12-30/2025-01-02"),
        ),
        (
            "Closed December 30 - January 2, 2025.",
            ("December 30 - January 2, 2025", "2024-12-30/2025-01-02"),
        ),
        (
            "From January to November, 2012, trade grew.",
            ("January to November, 2012", "2012-01/2012-11"),
        ),
        ("Trade grew in January-November 2012.", ("January-November 2012", "2012-01/2012-11")),
        ("It ran from June 2023 to March 2024.", ("June 2023 to March 2024", "2023-06/2024-03")),
    ],
)
def test_ranges(text, expected):
    assert found(text, "2025-06-18") == [(*expected, "range")]


def test_range_without_a_year_takes_the_inferred_year():
    assert found("The talks were held April 3 to 4.", "2025-06-18") == [
        ("April 3 to 4", "2025-04-03/2025-04-04", "range")
    ]


def test_two_dates_joined_by_and_are_not_a_range():
    assert [
        m.text for m in find_dates("Talks on Oct. 13 and 13 October were held.", "2025-11")
    ] == [
        "Oct. 13",
        "13 October",
    ]


# --- Month names and relative words -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The summit in Astana this June.", "2025-11", [("this June", "2025-06", "month")]),
        ("He spoke this September.", "2025-11", [("this September", "2025-09", "month")]),
        ("Prices fell last June.", "2025-11", [("last June", "2025-06", "month")]),
        ("Prices fell last June.", "2025-03", [("last June", "2024-06", "month")]),
        ("It will open next June.", "2025-11", [("next June", "2026-06", "month")]),
        (
            "In April, the EU established a mechanism.",
            "2025-06-18",
            [("April", "2025-04", "month")],
        ),
        (
            "In April, the EU established a mechanism.",
            "2025-03-01",
            [("April", "2024-04", "month")],
        ),
        ("The line will open in April.", "2025-06-18", [("April", "2026-04", "month")]),
        (
            "By the end of June the line was ready.",
            "2025-11",
            [("the end of June", "2025-06", "month")],
        ),
        ("It opened in mid-June.", "2025-11", [("mid-June", "2025-06", "month")]),
        ("It opened in June 2024.", None, [("June 2024", "2024-06", "month")]),
        ("It opened in June of 2024.", None, [("June of 2024", "2024-06", "month")]),
        ("In December 2013, the pipeline opened.", None, [("December 2013", "2013-12", "month")]),
        ("It opened in June last year.", "2025-03", [("June last year", "2024-06", "month")]),
        ("Growth slowed last year.", "2025-06-18", [("last year", "2024", "year")]),
        ("Growth is strong this year.", "2025", [("this year", "2025", "year")]),
        ("It opens next year.", "2025-06", [("next year", "2026", "year")]),
        ("Volumes fell last month.", "2025-01-05", [("last month", "2024-12", "month")]),
        ("Volumes rose this month.", "2025-01", [("this month", "2025-01", "month")]),
        ("The deal was signed yesterday.", "2025-01-01", [("yesterday", "2024-12-31", "day")]),
        ("The deal is signed today.", "2025-01-01", [("today", "2025-01-01", "day")]),
        ("The deal will be signed tomorrow.", "2024-02-28", [("tomorrow", "2024-02-29", "day")]),
    ],
)
def test_month_names_and_relative_words(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The deal was signed yesterday.",  # a day needs a publication day
        "Volumes fell last month.",  # a month needs a publication month
        "Prices fell last June.",
    ],
)
def test_relative_words_need_a_precise_enough_publication_date(text):
    assert found(text, "2025") == []
    assert found(text, None) == []


@pytest.mark.parametrize(
    "text",
    [
        "Two years have passed since the summit; over thirty years have passed.",
        "Over the last year and the next year, things change.",  # durations, not dates
        "Today, cooperation has entered a new stage.",  # generic "today"
        "June said the corridor matters.",  # a name, not a month
        "Prices may rise.",
    ],
)
def test_not_dates(text):
    assert find_dates(text, "2025-06-18") == []


# --- Real phrases from the corpus (each with the page it was read on) -------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # https://wiki.tsokiyzan.org/content/wikipedia_en_all_nopic_2025-07/China%E2%80%93Kyrgyzstan%E2%80%93Uzbekistan_railway
        (
            "Plans for the railway date back to the early 1990s, shortly after the independence"
            " of Central Asian states from the Soviet Union.",
            "2025-07",
            [("early 1990s", "1990/1999", "range")],
        ),
        # https://en.trend.az/business/economy/3153833.html
        (
            "The project was announced back in the early 2000s, but since then it has not been"
            " launched.",
            "2019-11-25",
            [("early 2000s", "2000/2009", "range")],
        ),
        ("The 1990s were hard; growth returned in the early 2010s.", "2025-06-18",
         [("1990s", "1990/1999", "range"), ("early 2010s", "2010/2019", "range")]),
    ],
)  # fmt: skip
def test_decades_are_ranges_of_ten_years(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # http://en.people.cn/n3/2026/0120/c90000-20416258.html (Tuesday 20 January 2026)
        (
            "The first cross-Caspian Sea China-Central Asia freight train from north China's"
            " Tianjin Municipality to Baku, Azerbaijan, departed on Monday, carrying goods.",
            "2026-01-20",
            [("Monday", "2026-01-19", "day")],
        ),
        # https://www.chinadaily.com.cn/a/202505/21/WS682dbedaa310a04af22c0c66.html (Wednesday)
        (
            "The Central Asia freight train bound for Tashkent, Uzbekistan, departed from North"
            " China's port city Tianjin around 4 pm Tuesday, marking the first Tianjin-Central"
            " Asia freight train service in 2025.",
            "2025-05-21",
            [("Tuesday", "2025-05-20", "day"), ("2025", "2025", "year")],
        ),
        # http://en.people.cn/n3/2024/1227/c90000-20259516.html: said on the day of publication
        ("Chinese President Xi Jinping said Friday the construction of the railway.",
         "2024-12-27", [("Friday", "2024-12-27", "day")]),
        ("The new line will open on Monday.", "2026-01-20", [("Monday", "2026-01-26", "day")]),
    ],
)  # fmt: skip
def test_weekdays_are_days_of_the_week_of_publication(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Shops open on Good Friday and Black Friday.",
        "Monday's meeting was cancelled.",
        "It left on Monday, June 5.",  # the written date is the date
    ],
)
def test_weekdays_in_names_or_next_to_a_date_are_not_weekday_dates(text):
    assert [d for d in found(text, "2026-01-20") if d[0] in ("Monday", "Friday")] == []


def test_a_weekday_needs_a_publication_day():
    assert found("The train departed on Monday.", "2026-01") == []

"""Tests for geo.dates: each rule family on invented sentences, positive and negative."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.dates import DateMention, find_dates


def found(text: str, published: str | dt.date | None = None) -> list[tuple[str, str, str]]:
    return [(m.text, m.date, m.precision) for m in find_dates(text, published)]


# --- English day dates ------------------------------------------------------------------------


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
        ("Prices rose between 2020 and 2023.", ("2020 and 2023", "2020/2023")),
        ("The 2019-2021 plan was met.", ("2019-2021", "2019/2021")),
        ("The 2021–25 plan was met.", ("2021–25", "2021/2025")),
        ("Output doubled from 2019 to 2021.", ("2019 to 2021", "2019/2021")),
    ],
)
def test_ranges(text, expected):
    assert found(text, "2025-06-18") == [(*expected, "range")]


def test_range_without_a_year_takes_the_inferred_year():
    assert found("The talks were held April 3 to 4.", "2025-06-18") == [
        ("April 3 to 4", "2025-04-03/2025-04-04", "range")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # not a range: the two dates stand on their own
        ("Talks on Oct. 13 and 13 October were held.", ["Oct. 13", "13 October"]),
        # a year "range" going backwards is two numbers, not a range
        ("between 2023 and 2020", []),
        # ranges of years need a dash, or "from"/"between" before them
        ("In 2019 to 2021 levels", ["2019"]),
    ],
)
def test_things_that_are_not_ranges(text, expected):
    assert [m.text for m in find_dates(text, "2025-11")] == expected


# --- Months and years -------------------------------------------------------------------------


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
        ("Rail freight grew in 2017.", None, [("2017", "2017", "year")]),
        ("The bank was set up in late 2009.", None, [("late 2009", "2009", "year")]),
        ("Completion is due by mid-2026.", None, [("mid-2026", "2026", "year")]),
        ("Since 1991, Kazakhstan has grown.", None, [("1991", "1991", "year")]),
        ("The line has run since 1991.", None, [("1991", "1991", "year")]),
        (
            "Trade rose in 2019 and 2020.",
            None,
            [("2019", "2019", "year"), ("2020", "2020", "year")],
        ),
        ("The 2024 summit was held in Astana.", None, [("2024", "2024", "year")]),
        ("The 2024 fiscal year ended.", None, [("2024", "2024", "year")]),
        ("Trade rose in Q1 2024.", None, [("2024", "2024", "year")]),
        ("It is ahead of the 2028 deadline.", None, [("2028", "2028", "year")]),
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
def test_months_years_and_relative_words(text, published, expected):
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
    ("text", "expected"),
    [
        ("It was signed on 2024-06-06.", ("2024-06-06", "2024-06-06")),
        ("It was signed on 2024/6/6.", ("2024/6/6", "2024-06-06")),
        ("It was signed on 06.06.2024.", ("06.06.2024", "2024-06-06")),
        ("It was signed on 13/06/2024.", ("13/06/2024", "2024-06-13")),
        ("It was signed on 06/13/2024.", ("06/13/2024", "2024-06-13")),
    ],
)
def test_numeric_dates(text, expected):
    assert found(text) == [(*expected, "day")]


# --- Things that are not dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The summit produced 55 cooperation documents, 31 cooperation measures and initiatives.",
        "They signed 60 agreements totaling nearly $25 billion.",
        "The tunnels of the Fergana Mountains, Naryn No.1, and Koshtobe began construction.",
        "The 12th China-Central Asia Cooperation Forum",
        "The line is 1,000 km long and carries 2,000 wagons.",
        "See page 2019 of the report.",
        "In 2000 containers were shipped.",  # a count after "in", not a year
        "Two years have passed since the summit; over thirty years have passed.",
        "Original link: https://www.toutiao.com/article/7517168372082065956/",
        "Archived at http://example.com/2024/06/06/story.html",
        "The line carried 2024 wagons.",  # no year-ish context
        "The 1990s were hard; growth returned in the early 2010s.",  # decades are skipped
        "The dates were 06/06/2024.",  # ambiguous order
        "Over the last year and the next year, things change.",  # durations, not dates
        "Today, cooperation has entered a new stage.",  # generic "today"
        "June said the corridor matters.",  # a name, not a month
        "Prices may rise.",
        "Sales rose 2017%.",
    ],
)
def test_not_dates(text):
    assert find_dates(text, "2025-06-18") == []


@pytest.mark.parametrize(
    "text",
    [
        "Feb 30, 2024",
        "30 February 2024",
        "2024-13-01",
        "2024-02-30",
        "2023年2月29日",
        "30 февраля 2024 года",
        "31.04.2024",
    ],
)
def test_impossible_dates_are_never_produced_not_even_in_part(text):
    assert find_dates(f"It happened on {text}.", "2025-06-18") == []


def test_february_29_of_an_inferred_year_must_exist():
    # 2024 is a leap year, 2025 is not: the most recent Feb 29 before publication is 2024
    assert found("It was signed on Feb 29.", "2025-06-18") == [("Feb 29", "2024-02-29", "day")]


# --- Year inference ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        # past tense: the most recent such date not after publication
        ("The summit was held on Dec 27.", "2025-01-05", "2024-12-27"),
        ("The agreement was signed on Jan 3.", "2025-01-05", "2025-01-03"),
        ("The freight train departed on Oct 13.", "2025-11", "2025-10-13"),
        ("The freight train loaded with cars left Tianjin on Oct 13.", "2025-11", "2025-10-13"),
        ("The forum held on June 16 ended.", "2025-06-18", "2025-06-16"),
        # future: the next such date not before publication
        ("The train will depart on Jan 10.", "2024-12-28", "2025-01-10"),
        ("The forum is scheduled for March 3.", "2025-06-18", "2026-03-03"),
        ("The upcoming summit opens June 20.", "2025-06-18", "2025-06-20"),
        # no cue: the nearest occurrence
        ("Trains depart on Dec 30.", "2025-01-05", "2024-12-30"),
        ("Trains depart on Jan 10.", "2024-12-28", "2025-01-10"),
        # month-precision publication: compare at month precision
        ("The forum was held on Nov 6.", "2025-11", "2025-11-06"),
        ("The forum will be held on Nov 26.", "2025-11", "2025-11-26"),
        # year-precision publication: the publication year
        ("The forum was held on Nov 6.", "2025", "2025-11-06"),
    ],
)
def test_year_from_tense(text, published, date):
    [mention] = find_dates(text, published)
    assert mention.date == date


def test_year_carries_through_a_paragraph():
    text = (
        "On June 6 last year, the intergovernmental agreement was signed. On September 28, the "
        "founding ceremony was held. On December 27, the groundbreaking ceremony was conducted. "
        "On April 29 this year, the tunnels began construction.\n"
        "In April, the EU established a leader-level meeting mechanism."
    )
    assert [(m.text, m.date) for m in find_dates(text, "2025-06-18")] == [
        ("June 6 last year", "2024-06-06"),
        ("September 28", "2024-09-28"),
        ("December 27", "2024-12-27"),
        ("April 29 this year", "2025-04-29"),
        ("April", "2025-04"),  # a new paragraph: the year comes from the tense again
    ]


@pytest.mark.parametrize(
    ("text", "published", "dates"),
    [
        # the month goes backward in a later sentence: a new year
        (
            "On November 3, 2024 the line opened. On February 3, the first train departed.",
            "2025-06-18",
            ["2024-11-03", "2025-02-03"],
        ),
        # ... but not into the future
        (
            "On November 3, 2024 the line opened. On February 3, the first train departed.",
            "2025-01-10",
            ["2024-11-03", "2024-02-03"],
        ),
        # an explicit year far in the past carries on
        (
            "On June 6, 2019, talks began. On September 28, a deal was signed.",
            "2025-06-18",
            ["2019-06-06", "2019-09-28"],
        ),
        # a "will" sentence cannot take a year that is already past
        (
            "On June 6, 2024, the deal was signed. Construction will begin on March 3.",
            "2025-06-18",
            ["2024-06-06", "2026-03-03"],
        ),
        # the year of an explicit date carries even without a publication date
        (
            "On June 6, 2019, talks began. On September 28, a deal was signed.",
            None,
            ["2019-06-06", "2019-09-28"],
        ),
        # a year alone does not set the year of later days and months
        (
            "In 2018, the railway opened. On March 5, a new train was launched.",
            "2025-05-01",
            ["2018", "2025-03-05"],
        ),
    ],
)
def test_year_anchoring_rules(text, published, dates):
    assert [m.date for m in find_dates(text, published)] == dates


def test_dates_without_a_year_are_skipped_without_a_publication_date():
    assert found("The forum was held on Nov 6 and in April 2024.") == [
        ("April 2024", "2024-04", "month")
    ]


# --- Chinese ----------------------------------------------------------------------------------


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


# --- Russian ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Соглашение подписано 6 июня 2024 г. в Бишкеке.",
            None,
            [("6 июня 2024 г.", "2024-06-06", "day")],
        ),
        (
            "Соглашение подписано 6 июня 2024 года.",
            None,
            [("6 июня 2024 года", "2024-06-06", "day")],
        ),
        ("Соглашение было подписано 6 июня.", "2025-06-18", [("6 июня", "2025-06-06", "day")]),
        ("В апреле начались работы.", "2025-06-18", [("апреле", "2025-04", "month")]),
        ("Дорогу открыли в 2017 году.", None, [("2017", "2017", "year")]),
        ("В апреле 2024 года начались работы.", None, [("апреле 2024 года", "2024-04", "month")]),
        ("В прошлом году грузооборот вырос.", "2025-06-18", [("прошлом году", "2024", "year")]),
        (
            "В июне прошлого года начались работы.",
            "2025-06-18",
            [("июне прошлого года", "2024-06", "month")],
        ),
        (
            "Саммит пройдет с 3 по 4 апреля.",
            "2025-01-10",
            [("3 по 4 апреля", "2025-04-03/2025-04-04", "range")],
        ),
        (
            "Саммит прошел 3-4 апреля 2025 года.",
            None,
            [("3-4 апреля 2025 года", "2025-04-03/2025-04-04", "range")],
        ),
        ("С 1991 года страна независима.", None, [("1991", "1991", "year")]),
        ("Работы начнутся 10 января.", "2024-12-28", [("10 января", "2025-01-10", "day")]),
    ],
)
def test_russian(text, published, expected):
    assert found(text, published) == expected


# --- The shape of the result ------------------------------------------------------------------

MIXED = (
    "On June 6 last year, the agreement was signed; on 6 June 2024 the parties met (2024-06-06).\n"
    "The 2019-2021 plan, 55 documents, $25 billion, 2024年6月6日 and 6 июня 2024 года.\n"
    "It opened in late 2009, in June 2024 and between 2020 and 2023; next year it grows."
)


def test_mentions_are_sorted_disjoint_and_quote_the_text():
    mentions = find_dates(MIXED, "2025-06-18")
    assert len(mentions) == 10
    assert all(MIXED[m.start : m.end] == m.text for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))
    assert {m.precision for m in mentions} == {"day", "month", "year", "range"}


def test_the_longest_candidate_wins():
    assert found("It opened on June 6, 2024.") == [("June 6, 2024", "2024-06-06", "day")]


@pytest.mark.parametrize(
    ("published", "date"),
    [
        ("2025-06-18", "2024-06-06"),
        (dt.date(2025, 6, 18), "2024-06-06"),
        (dt.datetime(2025, 6, 18, 10, 30), "2024-06-06"),
        ("2025-06-18T10:30:00", "2024-06-06"),
        ("2025-06", "2024-06-06"),
        ("2025", "2024-06-06"),
    ],
)
def test_publication_date_forms(published, date):
    assert find_dates("On June 6 last year it opened.", published)[0].date == date


@pytest.mark.parametrize("published", ["2025-13", "2025-02-30", "June 2025", "25-06-18"])
def test_malformed_publication_date_is_an_error_that_names_it(published):
    with pytest.raises(ValueError, match=repr(published)):
        find_dates("On June 6 it opened.", published)


def test_wrong_types_are_errors():
    with pytest.raises(TypeError, match="text must be a str"):
        find_dates(b"June 6, 2024", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="published must be"):
        find_dates("June 6, 2024", 2025)  # type: ignore[arg-type]

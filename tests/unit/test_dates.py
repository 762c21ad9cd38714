"""geo.dates: what every language shares — numeric dates, year ranges, bare years, how dates
are resolved against the publication date, and the shape of the result. Each language's own rules
are tested in ``test_dates_<code>.py``."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest

import geo.dates
from geo.dates import find_dates, sentence_bounds
from geo.dates.languages import LANGUAGES
from tests.unit.dates_found import found

# --- Numeric dates, year ranges and bare years ------------------------------------------------


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose between 2020 and 2023.", ("2020 and 2023", "2020/2023")),
        ("The 2019-2021 plan was met.", ("2019-2021", "2019/2021")),
        ("The 2021–25 plan was met.", ("2021–25", "2021/2025")),
        ("Output doubled from 2019 to 2021.", ("2019 to 2021", "2019/2021")),
    ],
)
def test_year_ranges(text, expected):
    assert found(text, "2025-06-18") == [(*expected, "range")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year "range" going backwards is two numbers, not a range
        ("between 2023 and 2020", []),
        # ranges of years need a dash, or "from"/"between" before them
        ("In 2019 to 2021 levels", ["2019"]),
    ],
)
def test_things_that_are_not_year_ranges(text, expected):
    assert [m.text for m in find_dates(text, "2025-11")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rail freight grew in 2017.", [("2017", "2017", "year")]),
        ("The bank was set up in late 2009.", [("late 2009", "2009", "year")]),
        ("Completion is due by mid-2026.", [("mid-2026", "2026", "year")]),
        ("Since 1991, Kazakhstan has grown.", [("1991", "1991", "year")]),
        ("The line has run since 1991.", [("1991", "1991", "year")]),
        ("Trade rose in 2019 and 2020.", [("2019", "2019", "year"), ("2020", "2020", "year")]),
        ("The 2024 summit was held in Astana.", [("2024", "2024", "year")]),
        ("The 2024 fiscal year ended.", [("2024", "2024", "year")]),
        ("Trade rose in Q1 2024.", [("2024", "2024", "year")]),
        ("It is ahead of the 2028 deadline.", [("2028", "2028", "year")]),
    ],
)
def test_bare_years_in_context(text, expected):
    assert found(text) == expected


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
        "Original link: https://www.toutiao.com/article/7517168372082065956/",
        "Archived at http://example.com/2024/06/06/story.html",
        "The line carried 2024 wagons.",  # no year-ish context
        "The dates were 06/06/2024.",  # ambiguous order
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


# --- The languages ----------------------------------------------------------------------------


def test_every_language_module_is_registered_once():
    modules = [
        importlib.import_module(f"geo.dates.{m.name}")
        for m in pkgutil.iter_modules(geo.dates.__path__)
    ]
    defined = [m.LANGUAGE for m in modules if hasattr(m, "LANGUAGE")]
    assert {lang.code for lang in defined} == {lang.code for lang in LANGUAGES}
    assert len({lang.code for lang in LANGUAGES}) == len(LANGUAGES)
    assert all(lang.rules for lang in LANGUAGES)


# --- The sentence around a date (the evidence an ingested event cites) ------------------------


def _sentence(text: str, date: str) -> str:
    start = text.index(date)
    lo, hi = sentence_bounds(text, start, start + len(date))
    return text[lo:hi].strip()


def test_a_dateline_belongs_to_the_sentence_it_opens():
    # https://en.trend.az/casia/kyrgyzstan/4037531.html
    text = (
        "BISHKEK, Kyrgyzstan, April 29. Construction has officially begun on major infrastructure"
        " for the China–Kyrgyzstan–Uzbekistan railway project, Trend reports. It is key."
    )
    assert _sentence(text, "April 29") == text[: text.index(" It is key.")]
    # https://en.trend.az/azerbaijan/business/3829805.html: a later date keeps its own sentence
    text = "ASTANA, Kazakhstan, November 27. The World Bank is committed. It met on May 5."
    assert _sentence(text, "May 5") == "It met on May 5."


def test_reference_marks_end_a_sentence():
    # https://wiki.tsokiyzan.org/content/wikipedia_en_all_nopic_2025-07/China%E2%80%93Kyrgyzstan%E2%80%93Uzbekistan_railway
    text = (
        "In September 2022, the three countries signed a memorandum of understanding to proceed"
        " with a feasibility study.[4] The final agreement to begin construction was signed in"
        " June 2024 during a trilateral summit in Beijing.[1][2]"
    )
    assert _sentence(text, "September 2022").endswith("feasibility study.[4]")
    assert _sentence(text, "June 2024").startswith("The final agreement")

"""The rules that read a status change from an event's evidence, in English, Chinese and Russian."""

import pytest

from geo.phases import status_stated


def stated(text: str, date: str | None = None, future: bool = False):
    """The status ``text`` states for the date written as ``date`` (its first occurrence; the
    whole text when None)."""
    start = text.index(date) if date else 0
    end = start + len(date) if date else len(text)
    found = status_stated(text, start, end, future=future)
    return found and found.status


@pytest.mark.parametrize(
    "text, date, status",
    [
        # English
        ("The idea of the railway was first proposed in 1997.", "1997", "proposed"),
        (
            "On June 6 last year, the intergovernmental agreement among China, Kyrgyzstan, and "
            "Uzbekistan was signed.",
            "June 6",
            "agreed",
        ),
        ("In 2022 the three countries signed a memorandum on the line.", "2022", "agreed"),
        ("A feasibility study was completed in 2023.", "2023", "planned"),
        (
            "On December 27, the groundbreaking ceremony for the railway project was conducted.",
            "December 27",
            "under_construction",
        ),
        ("Construction of the Kashgar section began in March 2025.", "March 2025", "under_construction"),
        ("In 2011 the builders broke ground near the border.", "2011", "under_construction"),
        ("The Khorgos railway crossing opened in December 2012.", "December 2012", "operational"),
        ("The first container train ran on the route in 2015.", "2015", "operational"),
        ("The dry port was put into operation in August 2015.", "August 2015", "operational"),
        ("The service was launched in 2016.", "2016", "operational"),
        ("Traffic was suspended in February 2020.", "February 2020", "suspended"),
        ("The project was cancelled in 2001.", "2001", "cancelled"),
        # Chinese
        ("中吉乌铁路项目于2024年12月27日正式开工。", "2024年12月27日", "under_construction"),
        ("霍尔果斯铁路口岸于2012年12月开通。", "2012年12月", "operational"),
        ("2024年6月6日，三国签署政府间协定。", "2024年6月6日", "agreed"),
        ("首列中欧班列于2016年从天津开出。", "2016年", "operational"),
        ("该项目于1997年提出。", "1997年", "proposed"),
        # Russian
        ("Строительство дороги началось в декабре 2024 года.", "декабре 2024", "under_construction"),
        ("Соглашение о строительстве было подписано 6 июня 2024 года.", "6 июня 2024", "agreed"),
        ("Пункт пропуска открыт в 2012 году.", "2012", "operational"),
        ("Первый контейнерный поезд прибыл в 2015 году.", "2015", "operational"),
        ("Движение приостановлено в 2020 году.", "2020", "suspended"),
        (
            "В ноябре 1983 г. были официально возобновлены пассажирские и грузовые перевозки.",
            "ноябре 1983",
            "operational",
        ),
    ],
)
def test_the_evidence_states_a_status(text, date, status):
    assert stated(text, date) == status


@pytest.mark.parametrize(
    "text, date",
    [
        ("A freight train departs from Tianjin on Oct 13.", "Oct 13"),
        ("The 12th Cooperation Forum was held in Urumqi on Nov 6.", "Nov 6"),
        ("The line has not yet opened in 2025.", "2025"),  # negated
        ("The line will open to traffic in 2030.", "2030"),  # future
        ("The railway is expected to be put into operation in 2030.", "2030"),
        ("铁路尚未开通。", None),  # negated
        ("预计2030年建成通车。", "2030年"),  # future
        ("Дорога не открыта до сих пор.", None),  # negated
        ("Дорога откроется в 2030 году.", "2030"),  # future, and no past form
    ],
)
def test_no_status_without_a_change_that_happened(text, date):
    assert stated(text, date) is None


def test_a_match_inside_a_longer_one_belongs_to_it():
    text = "Construction was launched on the second track in 2019."
    assert stated(text, "2019") == "under_construction"
    assert stated("They launched a feasibility study in 2019.", "2019") == "planned"
    text = "On December 27, 2024, the leaders launched the China-Kyrgyzstan-Uzbekistan railway project."
    assert stated(text, "December 27, 2024") is None


def test_the_match_nearest_the_date_wins():
    text = (
        "The Khorgos crossing, which opened to traffic in 2012, signed an agreement on a second "
        "track in 2024."
    )
    assert stated(text, "2012") == "operational"
    assert stated(text, "2024") == "agreed"


def test_an_event_dated_after_its_source_is_a_plan_not_a_change():
    text = "The railway opened in 2030."
    assert stated(text, "2030") == "operational"
    assert stated(text, "2030", future=True) is None
    assert stated("The railway is planned for 2030.", "2030", future=True) == "planned"


def test_the_rule_and_the_words_are_named():
    found = status_stated("铁路于2012年12月开通。", 3, 11)
    assert (found.rule, found.words) == ("zh:operational", "开通")
    assert found.words == "铁路于2012年12月开通。"[found.start : found.end]

"""Scoring against a hand annotation (geo.evaluate) and reading a gold file (geo.validate.gold),
on tiny inline documents."""

import json

import pytest

from geo.evaluate import Counts, evaluate, scores_tables
from geo.link import GazetteerEntry, Linker
from geo.model import GoldDocument
from geo.validate import CheckedData, read_gold

LINKER = Linker(
    [
        GazetteerEntry("horgos", "horgos", "Khorgos", "en"),
        GazetteerEntry("horgos", "horgos", "Хоргос", "ru"),
        GazetteerEntry("middle_corridor", "middle_corridor", "Middle Corridor", "en"),
    ]
)


def doc(text, mentions=(), dates=(), language="en", published="2025-06-18", id_="d"):
    """A gold document; items are (text, feature or (date, precision)), found in ``text``."""

    def span(quote):
        start = text.index(quote)
        return {"start": start, "end": start + len(quote), "text": quote}

    return GoldDocument(
        id=id_,
        url="https://example.org/a",
        language=language,
        published=published,
        text=text,
        mentions=[{"feature": f, **span(q)} for q, f in mentions],
        dates=[{"date": d, "precision": p, **span(q)} for q, (d, p) in dates],
    )


def test_counts_give_precision_recall_and_f1():
    c = Counts(gold=4, predicted=2, matched=2)
    assert (c.precision, c.recall, round(c.f1, 3)) == (1.0, 0.5, 0.667)
    assert Counts().precision is None and Counts(gold=1).recall == 0.0


def test_a_mention_is_exact_only_with_the_same_span_and_feature():
    text = "Trucks at the Khorgos port; the Middle Corridor grows."
    gold = doc(text, [("Khorgos port", "horgos"), ("Middle Corridor", "tianjin_freight")])
    s = evaluate([gold], LINKER)["all"].mentions
    # "Khorgos" overlaps the gold "Khorgos port" (lenient hit, exact miss); the Middle Corridor
    # is found under another feature than the gold one: no hit either way.
    assert (s.exact.gold, s.exact.predicted, s.exact.matched) == (2, 2, 0)
    assert (s.overlap.matched, s.overlap.precision, s.overlap.recall) == (1, 0.5, 0.5)


def test_overlap_pairs_are_one_to_one():
    text = "Khorgos Khorgos"
    gold = doc(text, [("Khorgos Khorgos", "horgos")])
    s = evaluate([gold], LINKER)["all"].mentions
    assert (s.overlap.predicted, s.overlap.matched) == (2, 1)


def test_dates_score_span_value_and_precision_separately():
    text = "It opened on June 6 last year, in 2024, and again on 3 July."
    gold = doc(
        text,
        dates=[
            ("June 6 last year", ("2024-06-06", "day")),  # exact span, right date
            ("in 2024", ("2024", "year")),  # found as "2024": overlap only
            ("3 July", ("2025-07-03", "day")),  # found with the year of "2024": wrong date
        ],
    )
    d = evaluate([gold], LINKER)["all"].dates
    assert (d.exact.gold, d.exact.predicted, d.exact.matched) == (3, 3, 2)
    assert d.overlap.matched == 3
    assert (d.date_correct, d.precision_correct) == (2, 3)
    assert d.correct_recall == pytest.approx(2 / 3)


def test_scores_are_summed_per_language_and_overall():
    docs = [
        doc("Khorgos.", [("Khorgos", "horgos")], id_="a"),
        doc("Хоргос и Хоргоса.", [("Хоргос", "horgos")], language="ru", id_="b"),
    ]
    scores = evaluate(docs, LINKER)
    assert list(scores) == ["all", "en", "ru"]
    assert scores["ru"].mentions.exact.predicted == 2
    assert scores["all"].mentions.exact.gold == 2 and scores["all"].documents == 2
    table = scores_tables(scores)
    assert "| ru | 1 | 1 | 2 | 0.50 | 1.00 | 0.67 |" in table
    assert json.dumps({k: s.to_json() for k, s in scores.items()})


def _gold_file(tmp_path, docs):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    return path


def _checked(tmp_path):
    checked = CheckedData(data_dir=tmp_path)
    checked.corridors_unread = True  # every feature "exists": only the gold file is checked
    return checked


def test_a_valid_gold_file_is_read(tmp_path):
    gold = doc(
        "On June 6 at Khorgos.", [("Khorgos", "horgos")], [("June 6", ("2025-06-06", "day"))]
    )
    checked = _checked(tmp_path)
    docs = read_gold(checked, _gold_file(tmp_path, [gold.model_dump()]))
    assert checked.problems == [] and docs == [gold]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"mentions": [{"feature": "horgos", "start": 0, "end": 2, "text": "Kh"}]},
            "d: mentions[0]: text[0:2] is 'On', not 'Kh'",
        ),
        (
            {
                "dates": [
                    {"date": "2025-06", "precision": "day", "start": 3, "end": 9, "text": "June 6"}
                ]
            },
            "d: dates.0: date '2025-06' does not have day precision",
        ),
        (
            {
                "dates": [
                    {
                        "date": "2025-02-30",
                        "precision": "day",
                        "start": 3,
                        "end": 9,
                        "text": "June 6",
                    }
                ]
            },
            "d: dates[0]: date '2025-02-30' is impossible",
        ),
        ({"published": "June 2025"}, "d: published 'June 2025' is not YYYY"),
        ({"text": None}, "d: text"),
    ],
)
def test_a_gold_problem_names_the_document_and_the_item(tmp_path, change, message):
    item = doc("On June 6 at Khorgos.").model_dump() | change
    checked = _checked(tmp_path)
    assert read_gold(checked, _gold_file(tmp_path, [item])) == []
    assert any(message in str(p) for p in checked.problems), [str(p) for p in checked.problems]


def test_a_gold_file_must_be_a_list_with_unique_ids(tmp_path):
    checked = _checked(tmp_path)
    read_gold(checked, _gold_file(tmp_path, {"documents": []}))
    item = doc("Khorgos.").model_dump()
    read_gold(checked, _gold_file(tmp_path, [item, item]))
    assert [p.message for p in checked.problems] == [
        "must be a JSON list of documents",
        "duplicate id: another document already uses it",
    ]

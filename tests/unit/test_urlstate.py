import datetime as dt

import pytest

from geo.filter import Filters
from geo.urlstate import ViewState, Vocabulary, decode, encode, share_url

VOCAB = Vocabulary(
    countries=frozenset({"KG", "KZ", "UZ", "CN"}),
    projects=frozenset({"cku_railway", "horgos"}),
    kinds=frozenset({"railway", "tunnel"}),
    statuses=frozenset({"operational", "under_construction"}),
    sources=frozenset({"9decb243e74ad7b3"}),
    features=frozenset({"cku_railway", "horgos"}),
    events=frozenset({"cku_groundbreaking"}),
)


@pytest.mark.parametrize(
    "state",
    [
        ViewState(),
        ViewState(Filters(countries=("KG",)), version="abc123"),
        ViewState(
            Filters(
                countries=("KG", "UZ"),
                projects=("cku_railway",),
                kinds=("tunnel",),
                statuses=("under_construction",),
                sources=("9decb243e74ad7b3",),
                date_from=dt.date(2024, 1, 1),
                date_to=dt.date(2025, 12, 31),
            ),
            selected="horgos",
            event="cku_groundbreaking",
            query='tunnel "dry port"',
        ),
    ],
)
def test_round_trip(state):
    decoded, notices = decode(encode(state), VOCAB)
    assert notices == []
    assert decoded == state


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"country": "XX"}, "Ignored country 'XX'"),
        ({"sel": "nowhere"}, "no such feature"),
        ({"event": "<script>"}, "no such event"),
        ({"from": "2024-13-01"}, "not a YYYY-MM-DD date"),
        ({"from": "2025-01-01", "to": "2024-01-01"}, "'from' is after 'to'"),
        ({"bogus": "1"}, "unknown link parameter"),
        ({"project": "x" * 5000}, "oversized"),
        ({"v": "../../etc"}, "malformed data version"),
        ({"sel": ["horgos", "cku_railway"]}, "more than once"),
    ],
)
def test_bad_values_are_dropped_with_a_notice(params, notice):
    state, notices = decode(params, VOCAB)
    assert any(notice in n for n in notices), notices
    assert state.selected in (None, "cku_railway")
    assert state.filters.countries == ()


def test_repeated_and_comma_lists_merge_and_dedupe():
    state, notices = decode({"country": ["kg,UZ", "KG"]}, VOCAB)
    assert state.filters.countries == ("KG", "UZ")
    assert notices == []


def test_notice_does_not_echo_a_huge_value():
    _, notices = decode({"sel": "a" * 400}, VOCAB)
    assert all(len(n) < 120 for n in notices)


def test_encode_leaves_out_empty_filters_and_share_url():
    state = ViewState(Filters(countries=("KG",)), selected="cku_railway", version="v1")
    assert encode(state) == {"country": "KG", "sel": "cku_railway", "v": "v1"}
    assert share_url("https://a.example/", state) == (
        "https://a.example/?country=KG&sel=cku_railway&v=v1"
    )
    assert share_url("https://a.example/", ViewState()) == "https://a.example/"

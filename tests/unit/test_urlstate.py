"""The URL codec: one table of view parameters, decoded without trust and encoded back."""

import dataclasses
import datetime as dt

import pytest

from geo.urlstate import (
    FILTERS,
    PARAMS,
    ViewState,
    Vocabulary,
    cleared,
    decode,
    encode,
    filter_key,
    link_with,
    share_url,
)

VOCAB = Vocabulary(
    {
        "countries": {c: c for c in ("KG", "KZ", "UZ", "CN")},
        "projects": {"cku_railway": "CKU", "horgos": "Horgos"},
        "kinds": {"railway": "railway", "tunnel": "tunnel"},
        "statuses": {"operational": "operational", "under_construction": "u.c."},
        "sources": {"9decb243e74ad7b3": "GT"},
        "features": {"cku_railway": "CKU", "horgos": "Horgos"},
        "events": {"cku_groundbreaking": "Groundbreaking"},
        "speakers": {"zhu_yongbiao": "Zhu Yongbiao"},
        "organisations": {"lanzhou_university": "Lanzhou University"},
        "people": {"zhu_yongbiao": "Zhu Yongbiao", "lanzhou_university": "Lanzhou University"},
    }
)
FULL = ViewState(
    countries=("KG", "UZ"),
    projects=("cku_railway",),
    kinds=("tunnel",),
    statuses=("under_construction",),
    sources=("9decb243e74ad7b3",),
    speakers=("zhu_yongbiao",),
    organisations=("lanzhou_university",),
    date_from=dt.date(2024, 1, 1),
    date_to=dt.date(2025, 12, 31),
    as_of=dt.date(2025, 1, 1),
    selected="horgos",
    event="cku_groundbreaking",
    who="zhu_yongbiao",
    query='tunnel "dry port"',
    map_view=(41.3, -73.0125, 6),
)


def test_the_table_names_each_key_and_field_once_and_builds_the_state():
    keys = [p.key for p in PARAMS]
    fields = [p.field for p in PARAMS]
    assert len(set(keys)) == len(keys) and len(set(fields)) == len(fields)
    assert [f.name for f in dataclasses.fields(ViewState)] == fields
    assert all(p.vocab for p in PARAMS if p.kind in ("list", "id"))


@pytest.mark.parametrize("state", [ViewState(), ViewState(countries=("KG",)), FULL])
def test_round_trip(state):
    decoded, notices = decode(encode(state), VOCAB)
    assert notices == []
    assert decoded == state


def test_page_parameters_stay_on_their_page():
    state = ViewState(countries=("KG",), source_page="9decb243e74ad7b3")
    assert "src" not in encode(state)
    assert encode(state, "sources")["src"] == "9decb243e74ad7b3"
    assert decode({"src": "9decb243e74ad7b3"}, VOCAB) == (ViewState(), [])
    assert decode({"src": "9decb243e74ad7b3"}, VOCAB, "sources")[0].source_page == (
        "9decb243e74ad7b3"
    )


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"country": "XX"}, "Ignored country 'XX': not in the atlas."),
        ({"sel": "nowhere"}, "Ignored selection 'nowhere': no such feature."),
        ({"event": "<script>"}, "Ignored event '<script>': no such event."),
        ({"from": "2024-13-01"}, "Ignored from '2024-13-01': not a YYYY-MM-DD date."),
        ({"from": "2024-W01-1"}, "Ignored from '2024-W01-1': not a YYYY-MM-DD date."),
        ({"to": "20240101"}, "Ignored to '20240101': not a YYYY-MM-DD date."),
        (
            {"from": "2025-01-01", "to": "2024-01-01"},
            "Ignored the date range: 'from' is after 'to'.",
        ),
        ({"bogus": "1"}, "Ignored unknown link parameter 'bogus'."),
        ({"project": "x" * 5000}, "Ignored an oversized value for 'project'."),
        ({"v": "../../etc"}, "Ignored a malformed data version."),
        (
            {"sel": ["horgos", "cku_railway"]},
            "'sel' was given more than once; used the last value.",
        ),
        ({"q": "x" * 300}, "Shortened the search to 200 characters."),
        ({"map": "41.3,74.5"}, "Ignored map '41.3,74.5': not a latitude, longitude and zoom."),
        ({"map": "95,74.5,6"}, "Ignored map '95,74.5,6': not a latitude, longitude and zoom."),
        ({"map": "41,74,6.5"}, "Ignored map '41,74,6.5': not a latitude, longitude and zoom."),
        ({"map": "nan,74,6"}, "Ignored map 'nan,74,6': not a latitude, longitude and zoom."),
        ({"map": "41,74,19"}, "Ignored map '41,74,19': not a latitude, longitude and zoom."),
    ],
)
def test_bad_values_are_dropped_with_a_notice(params, notice):
    state, notices = decode(params, VOCAB)
    assert notices == [notice]
    repeated = params.get("sel") if isinstance(params.get("sel"), list) else None
    assert state.selected == (repeated[-1] if repeated else None)
    assert state.countries == () and state.date_from is None and state.version is None


def test_repeated_and_comma_lists_merge_and_dedupe():
    state, notices = decode({"country": ["kg,UZ", "KG"]}, VOCAB)
    assert state.countries == ("KG", "UZ")
    assert notices == []


def test_notice_does_not_echo_a_huge_value():
    _, notices = decode({"sel": "a" * 400}, VOCAB)
    assert notices and all(len(n) < 120 for n in notices)


def test_the_view_is_of_the_atlas_version_and_says_when_the_link_is_older():
    vocab = dataclasses.replace(VOCAB, version="new1")
    assert decode({}, vocab) == (ViewState(version="new1"), [])
    state, notices = decode({"v": "old1"}, vocab)
    assert state.version == "new1"
    assert notices == [
        "This link was made on data version old1; the atlas now shows version new1, so some "
        "details may differ."
    ]


def test_encode_leaves_out_empty_values_and_share_url():
    state = ViewState(countries=("KG",), selected="cku_railway", version="v1")
    assert encode(state) == {"country": "KG", "sel": "cku_railway", "v": "v1"}
    assert share_url("https://a.example/", state) == (
        "https://a.example/?country=KG&sel=cku_railway&v=v1"
    )
    assert share_url("https://a.example/", ViewState()) == "https://a.example/"


def test_link_with_keeps_the_view_and_changes_one_field():
    assert link_with("./", FULL, selected="cku_railway", event=None) == (
        "./?q=tunnel+%22dry+port%22&country=KG,UZ&project=cku_railway&kind=tunnel"
        "&status=under_construction&source=9decb243e74ad7b3&speaker=zhu_yongbiao"
        "&org=lanzhou_university&from=2024-01-01&to=2025-12-31&asof=2025-01-01&sel=cku_railway"
        "&who=zhu_yongbiao"
    )


def test_clear_all_keeps_only_the_version_and_page_parameters():
    state = dataclasses.replace(FULL, version="v1", source_page="9decb243e74ad7b3")
    assert cleared(state) == ViewState(version="v1", source_page="9decb243e74ad7b3")


def test_filter_key_changes_with_every_filter_and_not_with_the_selection():
    base = filter_key(ViewState())
    assert filter_key(ViewState(selected="horgos", event="x", query="q")) == base
    for p in FILTERS:
        value = getattr(FULL, p.field)
        assert filter_key(ViewState(**{p.field: value})) != base, p.key


def test_the_map_position_is_one_value_with_commas_rounded_to_about_ten_metres():
    state, notices = decode({"map": "41.300004,74.5,6"}, VOCAB)
    assert (state.map_view, notices) == ((41.3, 74.5, 6), [])
    assert encode(state) == {"map": "41.3,74.5,6"}
    assert share_url("https://a.example/", state) == "https://a.example/?map=41.3,74.5,6"

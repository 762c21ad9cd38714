import pytest

from geo.search import SearchIndex, parse_query

PASSAGES = {
    "a:0": "The Khorgos Gateway dry port lies on the border.",
    "a:1": "Construction of the tunnel began; the dry\nport grew.",
    "b:0": "中吉乌铁路项目的隧道开工。霍尔果斯口岸很忙。",
    "c:0": "Сухой порт «Хоргос — Восточные ворота» работает.",
}


@pytest.fixture(scope="module")
def index():
    return SearchIndex(PASSAGES)


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("khorgos", ["a:0"]),
        ("KHORGOS gateway", ["a:0"]),
        ("dry port", ["a:0", "a:1"]),
        ('"dry port"', ["a:0", "a:1"]),  # a line break inside the phrase still matches
        ('"port lies"', ["a:0"]),
        ("tunnel", ["a:1"]),
        ("隧道", ["b:0"]),
        ("霍尔果斯", ["b:0"]),
        ("霍", ["b:0"]),
        ("хоргос", ["c:0"]),
        ("nothing", []),
        ("", []),
        ("khorgos tunnel", []),
    ],
)
def test_search_finds_passages_with_every_term(index, query, keys):
    assert [h.key for h in index.search(query)] == keys


def test_hit_spans_point_at_the_words_in_the_original_text(index):
    (hit,) = index.search('khorgos "dry port"')
    found = [PASSAGES["a:0"][s:e] for s, e in hit.spans]
    assert found == ["Khorgos", "dry port"]


def test_parse_query_separates_phrases():
    q = parse_query('Middle  "Trans-Caspian route" corridor')
    assert q.words == ("middle", "corridor")
    assert q.phrases == ("trans-caspian route",)

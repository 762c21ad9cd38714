import pytest

from geo.search import Name, SearchIndex, parse_query, stem

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


# ------------------------------------------------------------------- forms of a word, names

NAMED = {
    "en:0": "Two tunnels were bored; the Horgos port is busy.",
    "en:1": "A tunnel opened near the border.",
    "en:2": "Countries along the route agreed.",
    "zh:0": "中吉乌铁路项目进展顺利。",
    "ru:0": "Строительство тоннеля и железной дороги.",
    "ru:1": "Грузы идут через Хоргос.",
    "en:3": "The CKU will start at Kashgar.",
}
HORGOS = Name(
    "Horgos",
    aliases=("Horgos", "Khorgos", "霍尔果斯", "Хоргос"),
    standalone=("Horgos", "Khorgos", "霍尔果斯", "Хоргос"),
)
CKU = Name(
    "China–Kyrgyzstan–Uzbekistan railway",
    aliases=("China–Kyrgyzstan–Uzbekistan railway", "CKU", "中吉乌铁路"),
    standalone=("China–Kyrgyzstan–Uzbekistan railway", "中吉乌铁路"),
    # "CKU" needs context words, so only the linker's mention finds it in en:3
    mentions={"en:3": ((4, 7),)},
)


@pytest.fixture(scope="module")
def named():
    return SearchIndex(NAMED, [HORGOS, CKU])


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("tunnel", ["en:0", "en:1"]),  # "tunnels" is a form of "tunnel"
        ("tunnels", ["en:0", "en:1"]),
        ("country", ["en:2"]),
        ("тоннель", ["ru:0"]),  # a Russian case ending
        ('"iron road"', []),
        ("Khorgos", ["en:0", "ru:1"]),  # another name of the feature: "Horgos", "Хоргос"
        ("霍尔果斯", ["en:0", "ru:1"]),
        ("khorgos port", ["en:0"]),  # a name is one term among others
        ("CKU", ["zh:0", "en:3"]),  # the Chinese name in the text; the linker's mention
        ("中吉乌铁路", ["zh:0", "en:3"]),
        ("China Kyrgyzstan Uzbekistan railway", ["zh:0", "en:3"]),  # the whole query is a name
    ],
)
def test_search_finds_forms_of_words_and_every_name_of_a_feature(named, query, keys):
    assert [h.key for h in named.search(query)] == keys


def test_a_name_found_under_another_spelling_is_highlighted_as_written(named):
    hits = {h.key: [NAMED[h.key][s:e] for s, e in h.spans] for h in named.search("Khorgos")}
    assert hits == {"en:0": ["Horgos"], "ru:1": ["Хоргос"]}
    (mention,) = [h for h in named.search("CKU") if h.key == "en:3"]
    assert [NAMED["en:3"][s:e] for s, e in mention.spans] == ["CKU"]


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("tunnel", ["tunnels", "Tunnel"]),
        ("railway", ["railways"]),
        ("country", ["countries"]),
        ("branch", ["branches"]),
        ("operate", ["operated", "operates", "operating"]),
        ("коридор", ["коридора", "коридоре", "коридором"]),
        ("тоннель", ["тоннеля", "тоннелей"]),
    ],
)
def test_the_forms_of_a_word_share_its_stem(word, forms):
    from geo.search import _name_key

    assert {_name_key(f) for f in forms} == {_name_key(word)}


@pytest.mark.parametrize(("a", "b"), [("port", "pass"), ("horgos", "horgo"), ("gas", "ga")])
def test_different_words_keep_different_stems(a, b):
    assert stem(a) != stem(b)


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("tunel", ["tunnel"]),  # a typo: the nearest word (one form of it)
        ("Khorgso", ["khorgos"]),  # names are offered too
        ("khorgos country", ["khorgos", "country"]),  # found apart, never together
        ('"Horgos tunnels"', ["horgos tunnels", "horgos", "tunnels"]),  # not written as a phrase
        ("zzzzzz", []),
        ("", []),
    ],
)
def test_a_search_that_finds_nothing_suggests_the_nearest_queries(named, query, suggested):
    assert not named.search(query)
    assert named.suggest(query) == suggested
    assert all(named.search(s) for s in suggested)

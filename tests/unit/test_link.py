import pytest

import geo.link
from geo.link import GazetteerEntry, Linker


def entries(feature, project, *aliases, context=()):
    return [GazetteerEntry(feature, project, text, lang, context) for lang, text in aliases]


GAZETTEER = [
    *entries(
        "cku_railway",
        "cku",
        ("en", "China-Kyrgyzstan-Uzbekistan Railway"),
        ("en", "CKU railway"),
        ("zh", "中吉乌铁路"),
        ("ru", "железная дорога Китай — Кыргызстан — Узбекистан"),
    ),
    *entries(
        "horgos", None, ("en", "Horgos"), ("en", "Khorgos"), ("ru", "Хоргос"), ("zh", "霍尔果斯")
    ),
    *entries("khorgos_gateway", None, ("en", "Khorgos Gateway")),
    *entries(
        "middle_corridor",
        "titr",
        ("en", "Middle Corridor"),
        ("en", "Trans-Caspian International Transport Route"),
        ("en", "TITR"),
        ("ru", "Средний коридор"),
        ("ru", "ТМТМ"),
    ),
    *entries(
        "koshtobe_tunnel",
        "cku",
        ("en", "Koshtobe"),
        ("ru", "Коштобе"),
        context=("tunnel", "тоннель"),
    ),
    *entries("xian", None, ("en", "Xi'an"), ("zh", "西安")),
    *entries("uzbek_railway", None, ("en", "Uzbekistan Railway")),
    *entries("freight_train", None, ("en", "China-Central Asia freight train")),
    *entries("tianjin", None, ("en", "Tianjin")),
]
FALSE_FRIENDS = ["Xi'an Summit", "Uzbekistan Railways"]


@pytest.fixture(scope="module")
def linker():
    return Linker(GAZETTEER, FALSE_FRIENDS)


def found(linker, text):
    mentions = linker.link(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return [(m.feature, m.text) for m in mentions]


@pytest.mark.parametrize(
    "text",
    [
        "the China-Kyrgyzstan-Uzbekistan Railway",
        "the China–Kyrgyzstan–Uzbekistan railway",  # en dashes
        "the China—Kyrgyzstan—Uzbekistan Railway",  # em dashes
        "the China – Kyrgyzstan — Uzbekistan Railway",  # spaced dashes
        "the China \u2212 Kyrgyzstan\u2011Uzbekistan Railway",  # minus, non-breaking hyphen
        "THE CHINA-KYRGYZSTAN-UZBEKISTAN RAILWAY",
        "the China-Kyrgyzstan-\nUzbekistan Railway",  # broken after a hyphen
        "the China-Kyrgyzstan-Uzbekistan\nRailway",  # broken at a space
        "the China-Kyr\u00adgyzstan-Uzbekistan\u00a0Railway",  # soft hyphen, no-break space
    ],
)
def test_dashes_case_and_line_breaks_do_not_hide_a_name(linker, text):
    [(feature, mention)] = found(linker, text)
    assert feature == "cku_railway"
    assert mention == text[4:]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Horgos's dry port", "Horgos"),
        ("Horgos\u2019s dry port", "Horgos"),
        ("the Horgos' yard", "Horgos"),
        ("near Horgos.", "Horgos"),
        ("(Horgos)", "Horgos"),
        ("Horgos-based traders", "Horgos"),
        ("KHORGOS", "KHORGOS"),
        ("via 霍尔果斯口岸", "霍尔果斯"),
        ("在Horgos口岸", "Horgos"),
    ],
)
def test_possessives_punctuation_and_scripts_end_a_name(linker, text, mention):
    assert found(linker, text) == [("horgos", mention)]


@pytest.mark.parametrize(
    "text",
    [
        "Horgosville",
        "the Horgosian plain",
        "Cornwall and Cornish trains",
        "TITRATION of the sample",
        "a titre",
        "CKUX railway",
        "nothing to see here",
        "Xian",  # no apostrophe: not the alias
        "Tianjinese",
        "Хоргосский район",  # an adjective: more than three letters after the stem
    ],
)
def test_no_spurious_match_inside_words(linker, text):
    assert found(linker, text) == []


def test_apostrophe_inside_a_word_is_not_a_boundary():
    linker = Linker(entries("xi", None, ("en", "Xi")))
    assert found(linker, "Xi'an and Xi's visit") == [("xi", "Xi")]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Хоргос", "Хоргос"),
        ("из Хоргоса", "Хоргоса"),
        ("в Хоргосе", "Хоргосе"),
        ("над Хоргосом", "Хоргосом"),
        ("ХОРГОСОМ", "ХОРГОСОМ"),
        ("Хоргостан шықты", "Хоргостан"),  # Kazakh ablative
        ("Хоргоска", "Хоргоска"),  # Kyrgyz dative
    ],
)
def test_cyrillic_case_endings(linker, text, mention):
    assert found(linker, text) == [("horgos", mention)]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Средний коридор", "Средний коридор"),
        ("развитие Среднего коридора", "Среднего коридора"),
        ("в Среднем коридоре", "Среднем коридоре"),
        ("по Среднему коридору", "Среднему коридору"),
        ("Средним\nкоридором", "Средним\nкоридором"),
        ("маршрут ТМТМ", "ТМТМ"),
    ],
)
def test_cyrillic_multiword_inflection(linker, text, mention):
    assert found(linker, text) == [("middle_corridor", mention)]


def test_cyrillic_rules_and_inflected_long_alias(linker):
    text = "строительство железной дороги Китай – Кыргызстан – Узбекистан и Хоргос"
    mentions = linker.link(text)
    assert [(m.feature, m.text, m.rule) for m in mentions] == [
        ("cku_railway", "железной дороги Китай – Кыргызстан – Узбекистан", "cyrillic_inflection"),
        ("horgos", "Хоргос", "alias"),
    ]


def test_cyrillic_acronym_is_not_inflected(linker):
    assert found(linker, "ТМТМА") == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Қорғасқа дейін", "Қорғасқа"),  # Kazakh dative
        ("Қорғастың", "Қорғастың"),  # Kazakh genitive
        ("Алматыда", "Алматыда"),  # final vowel dropped from the stem
        ("Алматинский", None),
    ],
)
def test_kazakh_suffixes(text, mention):
    linker = Linker(
        entries("horgos", None, ("kk", "Қорғас")) + entries("almaty", None, ("kk", "Алматы"))
    )
    assert [m.text for m in linker.link(text)] == ([mention] if mention else [])


def test_ye_and_yo_are_one_letter():
    linker = Linker(entries("semey", None, ("ru", "Семей")))
    assert found(linker, "в Сёмее") == [("semey", "Сёмее")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CKU railway", [("CKU railway", "alias")]),
        ("two CKU railways", [("CKU railways", "plural")]),
        ("CKU RAILWAYS'", [("CKU RAILWAYS", "plural")]),
        ("China-Central Asia freight trains", [("China-Central Asia freight trains", "plural")]),
        ("Middle Corridors", [("Middle Corridors", "plural")]),
        ("Tianjins", []),  # a place name is not pluralised
        ("TITRs", []),
    ],
)
def test_plural_of_common_nouns_only(linker, text, expected):
    assert [(m.text, m.rule) for m in linker.link(text)] == expected


def test_chinese_without_spaces(linker):
    assert found(linker, "中吉乌铁路项目在西安签署。霍尔果斯") == [
        ("cku_railway", "中吉乌铁路"),
        ("xian", "西安"),
        ("horgos", "霍尔果斯"),
    ]


def test_mixed_language_text(linker):
    text = "The CKU railway (中吉乌铁路) crosses Хоргосе? No: TITR, the Middle Corridor."
    assert found(linker, text) == [
        ("cku_railway", "CKU railway"),
        ("cku_railway", "中吉乌铁路"),
        ("horgos", "Хоргосе"),
        ("middle_corridor", "TITR"),
        ("middle_corridor", "Middle Corridor"),
    ]


def test_longest_match_wins(linker):
    assert found(linker, "Khorgos Gateway and Khorgos") == [
        ("khorgos_gateway", "Khorgos Gateway"),
        ("horgos", "Khorgos"),
    ]


def test_overlaps_resolve_leftmost_longest():
    linker = Linker(
        entries("ab", None, ("en", "Alpha Beta"))
        + entries("bg", None, ("en", "Beta Gamma Delta"))
        + entries("g", None, ("en", "Gamma"))
    )
    assert found(linker, "Alpha Beta Gamma Delta; Beta Gamma Delta") == [
        ("ab", "Alpha Beta"),
        ("g", "Gamma"),
        ("bg", "Beta Gamma Delta"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Xi'an Summit", []),
        ("the Xi\u2019an summit", []),
        ("trains from Xi'an", [("xian", "Xi'an")]),
        ("Uzbekistan Railways said", []),
        ("the Uzbekistan Railway", [("uzbek_railway", "Uzbekistan Railway")]),
    ],
)
def test_false_friends_block_the_aliases_they_cover(linker, text, expected):
    assert found(linker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Work on the Koshtobe tunnel began.", [("koshtobe_tunnel", "Koshtobe", "alias+context")]),
        ("The TUNNELS near Koshtobe.", [("koshtobe_tunnel", "Koshtobe", "alias+context")]),
        ("Koshtobe village held a feast.", []),
        ("Koshtobe village.\nThe tunnel is elsewhere.", []),  # context in another passage
        ("Tunnelling at Koshtobe.", []),  # context needs word boundaries too
        ("В тоннеле у Коштобе", [("koshtobe_tunnel", "Коштобе", "alias+context")]),
    ],
)
def test_context_words_must_share_the_passage(linker, text, expected):
    assert [(m.feature, m.text, m.rule) for m in linker.link(text)] == expected


def test_passages_are_non_empty_lines(linker):
    text = "\nHorgos first.\n\n   \nThen Khorgos Gateway.\n\nMiddle\nCorridor ends. TITR"
    mentions = linker.link(text)
    passages = [line for line in text.split("\n") if line.strip()]
    assert [(m.text, m.passage) for m in mentions] == [
        ("Horgos", 0),
        ("Khorgos Gateway", 1),
        ("Middle\nCorridor", 2),  # across one line break: the passage where it starts
        ("TITR", 3),
    ]
    for m in mentions:
        assert m.text.split("\n")[0] in passages[m.passage]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Middle\n\nCorridor", []),
        ("Middle\n \u00a0\nCorridor", []),  # a whitespace-only line is blank too
        ("Trans-Caspian\nInternational\r\nTransport Route", [(0, 0)]),  # hard-wrapped
        ("x\r\n  Middle Corridor\r\n", [(1, 5)]),  # passage 1, after the indent
    ],
)
def test_names_run_across_line_breaks_but_not_blank_lines(linker, text, expected):
    assert [(m.passage, m.start) for m in linker.link(text)] == expected


def test_shared_alias_links_every_feature():
    linker = Linker(
        entries("horgos_city", None, ("en", "Horgos"))
        + entries("horgos_crossing", None, ("en", "Horgos"), ("en", "HORGOS"))
    )
    assert found(linker, "At Horgos.") == [("horgos_city", "Horgos"), ("horgos_crossing", "Horgos")]


def test_mention_fields(linker):
    text = "Line one.\nExports via Хоргосе’s yard and the CKU railways."
    first, second = linker.link(text)
    assert first == geo.link.Mention(
        "horgos", None, 22, 29, "Хоргосе", 1, "Хоргос", "cyrillic_inflection"
    )
    assert (second.feature, second.project, second.alias, second.rule) == (
        "cku_railway",
        "cku",
        "CKU railway",
        "plural",
    )


def test_offsets_survive_expanding_characters(linker):
    text = "Straße ﬁ İ — Horgos\u00ad; STRAẞE Khorgos"
    assert found(linker, text) == [("horgos", "Horgos"), ("horgos", "Khorgos")]


def test_every_mention_slices_the_original_text(linker):
    text = "\n".join(
        [
            "A China–Central Asia freight train left Tianjin for Horgos on Oct 13.",
            "“Xi’an Summit” — then the China – Kyrgyzstan — Uzbekistan Railway, 中吉乌铁路.",
            "В Хоргосе, на Среднем\u00a0коридоре; ТМТМ. Straße\u200b TITR’s Koshtobe tunnel.",
        ]
    )
    assert [mention for _, mention in found(linker, text)] == [
        "China–Central Asia freight train",
        "Tianjin",
        "Horgos",
        "China – Kyrgyzstan — Uzbekistan Railway",
        "中吉乌铁路",
        "Хоргосе",
        "Среднем\u00a0коридоре",
        "ТМТМ",
        "TITR",
        "Koshtobe",
    ]


def test_a_megabyte_is_linked_whole(linker):
    # How fast (and that a long text costs no more per megabyte): bench/throughput.py.
    line = "Freight from Xi’an via Horgos and the Средний коридор; tunnel work at Koshtobe. "
    text = "\n".join([line * 10] * 1300)  # about 1 MB
    mentions = linker.link(text)
    assert len(mentions) == 4 * 10 * 1300
    assert mentions[-1].passage == 1299
    assert all(text[m.start : m.end] == m.text for m in mentions[::97])


def test_empty_gazetteer_and_empty_text():
    assert Linker([]).link("Horgos") == []
    assert Linker(GAZETTEER).link("") == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"entries": entries("x", None, ("en", " \u00ad "))}, "feature 'x'.*empty"),
        ({"entries": entries("x", None, ("en", "X"), context=("",))}, "empty context word"),
        ({"entries": [], "false_friends": [""]}, "false friend.*empty"),
        (
            {
                "entries": entries("x", None, ("en", "Xi'an Summit")),
                "false_friends": ["XI’AN summit"],
            },
            "also an alias of feature 'x'",
        ),
        ({"entries": [("x", None, "X", "en")]}, "GazetteerEntry"),
        ({"entries": entries("x", None, ("en", "X"), context="tunnel")}, r"\('tunnel',\)"),
    ],
)
def test_bad_gazetteers_are_refused(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        Linker(**kwargs)

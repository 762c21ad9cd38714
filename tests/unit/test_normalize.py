import pytest

from geo.normalize import normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Horgos", "horgos"),
        ("HORGOS", "horgos"),
        ("China-Kyrgyzstan-Uzbekistan", "china-kyrgyzstan-uzbekistan"),
        ("China–Kyrgyzstan—Uzbekistan", "china-kyrgyzstan-uzbekistan"),  # en, em dash
        ("China – Kyrgyzstan — Uzbekistan", "china-kyrgyzstan-uzbekistan"),  # spaced
        ("China \u2212 Kyrgyzstan\u2011Uzbekistan", "china-kyrgyzstan-uzbekistan"),  # minus, nb
        ("China\u2012Kyrgyzstan\u2010Uzbekistan", "china-kyrgyzstan-uzbekistan"),  # figure, hyph
        ("China -- Kyrgyzstan", "china-kyrgyzstan"),
        ("China-Kyrgyzstan-\nUzbekistan", "china-kyrgyzstan-uzbekistan"),
        ("Middle\nCorridor", "middle corridor"),
        ("Middle \r\n\t Corridor", "middle corridor"),
        ("Middle\u00a0Corridor", "middle corridor"),  # no-break space
        ("Middle\u202f\u3000Corridor", "middle corridor"),
        ("Xi\u2019an", "xi'an"),
        ("O\u02bbzbekiston", "o'zbekiston"),
        ("\u201cMiddle Corridor\u201d", '"middle corridor"'),
        ("«Средний коридор»", '"средний коридор"'),
        ("Ёлка и ёж", "елка и еж"),
        ("Hor\u00adgos", "horgos"),  # soft hyphen
        ("Hor\u200bgos\u200d\ufeff", "horgos"),  # zero-width characters
        ("Straße", "strasse"),
        ("İSTANBUL", "istanbul"),
        ("中吉乌铁路项目", "中吉乌铁路项目"),
        ("", ""),
    ],
)
def test_normalize_text(text, expected):
    assert normalize(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Horgos",
        "Straße  Horgos\u2019s",
        "China – Kyrgyzstan —\n Uzbekistan\u00ad railway",
        "ﬁ—ß ß\u200b  İz",
        "  leading and trailing \n\n",
        "Хоргос, ЁЛКА; 霍尔果斯 – Khorgos",
    ],
)
def test_offsets_point_at_the_character_each_normalised_character_came_from(text):
    norm, offsets = normalize(text)
    assert len(offsets) == len(norm)
    assert list(offsets) == sorted(offsets)
    for i, c in enumerate(norm):
        source = text[offsets[i]]
        if c == " ":
            assert source.isspace()
        elif c == "-":
            assert normalize(source)[0] == "-"
        else:
            assert c in normalize(source)[0]


@pytest.mark.parametrize(
    ("text", "word", "original"),
    [
        ("Straße Horgos", "horgos", "Horgos"),
        ("ßßß  Horgos\u00ad, then", "horgos", "Horgos"),
        (
            "İİ China – Kyrgyzstan — Uzbekistan!",
            "china-kyrgyzstan-uzbekistan",
            "China – Kyrgyzstan — Uzbekistan",
        ),
        ("a\n\n\nMiddle\nCorridor\u200b.", "middle corridor", "Middle\nCorridor"),
    ],
)
def test_span_slices_the_original_exactly(text, word, original):
    norm, offsets = normalize(text)
    start = norm.index(word)
    first, stop = offsets.span(start, start + len(word))
    assert text[first:stop] == original


def test_offsets_is_a_sequence():
    norm, offsets = normalize("Straße ab")
    assert offsets[-1] == 8
    assert offsets[4:6] == [4, 4]
    with pytest.raises(IndexError, match="outside"):
        offsets[len(norm)]


@pytest.mark.parametrize(
    ("text", "original", "expected"),
    [
        ("ab  cd", 0, 0),
        ("ab  cd", 3, 3),  # inside a collapsed run: the next normalised character
        ("ab  cd", 4, 3),
        ("a\n\u200b\nb", 2, 2),  # a line holding only a dropped character
        ("ßx", 1, 2),
        ("ab", 2, 2),  # past the end
    ],
)
def test_locate_inverts_the_map(text, original, expected):
    norm, offsets = normalize(text)
    assert offsets.locate(original) == expected
    if expected < len(norm):
        assert offsets[expected] >= original


def test_plain_text_maps_one_to_one():
    text = "The Middle Corridor links China and Europe.\nSecond line."
    norm, offsets = normalize(text)
    assert norm == text.lower().replace("\n", " ")
    assert list(offsets) == list(range(len(text)))


def test_rejects_non_text():
    with pytest.raises(TypeError, match="bytes"):
        normalize(b"Horgos")


def test_traditional_chinese_reads_as_simplified_one_for_one():
    # "中國—吉爾吉斯斯坦—烏茲別克斯坦鐵路", the railway's name in traditional characters.
    text = "中國—吉爾吉斯斯坦—烏茲別克斯坦鐵路經霍爾果斯"
    norm, offsets = normalize(text)
    assert norm == "中国-吉尔吉斯斯坦-乌兹别克斯坦铁路经霍尔果斯"
    assert list(offsets) == list(range(len(text)))
    assert normalize("中吉烏鐵路")[0] == normalize("中吉乌铁路")[0]

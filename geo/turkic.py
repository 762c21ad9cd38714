"""Turkic suffix chains: the endings Kazakh, Kyrgyz and Uzbek attach to the last word of a name.

These languages are agglutinative: a name takes its case, possessive and plural endings at the end
of its last word, one after the other ("темір жол" → "темір жол-ы-ның", "the railway's";
"temir yo‘l" → "temir yo‘l-i-da", "on the railway"; "Қорғас" → "Қорғас-та-ғы", "the one at
Khorgos"). Rather than listing inflected forms, a name is followed by a *chain* of at most
:data:`MAX_SUFFIXES` suffixes, each one of the morphemes below, written with the vowel-harmony and
consonant-assimilation variants of all three languages (a Kazakh text is not told from a Kyrgyz
one, and the chains are the same shape). The chain must end at a word boundary, which the callers
check.

The morphemes (lower case, as :func:`geo.normalize.normalize` leaves text):

====================  ===========================  ====================================
ending                Cyrillic (kk, ky, uz)         Latin (uz; kk Latin spellings)
====================  ===========================  ====================================
plural                лар лер лор дар тер төр …     lar ler dar ter
possessive (3rd)      ы і и у ү, сы сі си су сү     i ı y u ü, si sı sy
possessive (1st/2nd)  ым ің м ң …                   im ing ıñ m …
genitive              ның нің дың тың нын нун нинг  ning nıñ nyń dyñ tıŋ …
dative                ға ге қа ке га ко на а е …    ga ka qa ğa ǵa ge na a e
accusative            ны ні ды ти ну н              ni nı dy ti n
locative              да де та те до нда нде …      da de ta te nda nde
ablative              дан ден тан нан нөн …         dan den tan nan
instrumental          мен бен пен менен             men ben pen
adjective, place      ғы гі қы кі гу ки             gi ki qi ğy gı qy kı
terminative (uz)      гача қача                     gacha qacha kacha
equative              ча ша ше                      cha sha şa še
====================  ===========================  ====================================

Derivational endings ("-лық", "-lik": "Алматылық", "from Almaty") are not in the list: a word
made with them names something else.

>>> import re
>>> chain = re.compile("жол" + suffix_chain("жол") + r"$")
>>> [bool(chain.match(w)) for w in ("жол", "жолы", "жолының", "жолунун", "жолындағы", "жолшы")]
[True, True, True, True, True, False]
>>> bool(re.match("yo'l" + suffix_chain("yo'l") + "$", "yo'lining"))
True
"""

from __future__ import annotations

import re

__all__ = [
    "ABLATIVE",
    "ANY_CHAIN",
    "GENITIVE",
    "MAX_SUFFIXES",
    "TURKIC_LANGUAGES",
    "is_cyrillic",
    "possessive_stem",
    "suffix_chain",
]

TURKIC_LANGUAGES = frozenset({"kk", "ky", "uz"})
"""Alias languages whose names take Turkic suffix chains (:mod:`geo.link`)."""

MAX_SUFFIXES = 4
"""Most suffixes in one chain ("жол-ы-нда-ғы": three)."""

# Vowels that alternate by harmony: low (a/e/o/ö) and high (ы/і/и/у/ү).
_A_CYR, _I_CYR = "[аеоөә]", "[ыіиуү]"
_A_LAT, _I_LAT = "[aeoäáöó]", "[iıyuüú]"
_NG, _GH = "(?:ng|ñ|ń|ŋ)", "(?:gh|g|ğ|ǵ|ǧ|q|k)"

_CYRILLIC_MORPHEMES = (
    f"[лдт]{_A_CYR}р",  # plural
    f"с?{_I_CYR}",  # possessive, 3rd person
    f"{_I_CYR}?[мң]",  # possessive, 1st and 2nd person
    f"[ндт]{_I_CYR}[нң]|нинг",  # genitive
    f"[гғкқн]{_A_CYR}|{_A_CYR}",  # dative
    f"[ндт]{_I_CYR}|н",  # accusative
    f"н?[дт]{_A_CYR}",  # locative
    f"н?[дт]{_A_CYR}н|н{_A_CYR}н",  # ablative
    "[мбп]ен(?:ен)?",  # instrumental
    f"[гғкқ]{_I_CYR}",  # adjective of place and time ("-дағы")
    "[гқк]ача",  # terminative (Uzbek)
    f"[чш]{_A_CYR}",  # equative
)
_LATIN_MORPHEMES = (
    f"[ldt]{_A_LAT}r",
    f"s?{_I_LAT}",
    f"{_I_LAT}?(?:m|{_NG})",
    f"[ndt]{_I_LAT}{_NG}",
    f"{_GH}{_A_LAT}|n{_A_LAT}|{_A_LAT}",
    f"[ndt]{_I_LAT}|n",
    f"n?[dt]{_A_LAT}",
    f"n?[dt]{_A_LAT}n|n{_A_LAT}n",
    "[mbp]en",
    f"{_GH}{_I_LAT}",
    f"{_GH}acha",
    "cha|[sş]h?[aeä]",
)


def _chain(morphemes: tuple[str, ...]) -> str:
    return "(?:" + "|".join(morphemes) + f"){{0,{MAX_SUFFIXES}}}"


_CYRILLIC_CHAIN = _chain(_CYRILLIC_MORPHEMES)
_LATIN_CHAIN = _chain(_LATIN_MORPHEMES)
ANY_CHAIN = _chain(_CYRILLIC_MORPHEMES + _LATIN_MORPHEMES)
"""A chain in either script, for words listed in both (month names, "жыл"/"yil")."""
ABLATIVE = "|".join((_CYRILLIC_MORPHEMES[7], _LATIN_MORPHEMES[7]))
"""The ablative ending ("from": "-нан", "-dan"), which opens a range ("16 ақпаннан 1 наурызға")."""
GENITIVE = "|".join((_CYRILLIC_MORPHEMES[3], _LATIN_MORPHEMES[3]))
"""The genitive ending ("of": "-ның", "-ning"): "шілденің 6-сы", "the 6th of July"."""
_CYRILLIC = re.compile("[\u0400-\u052f]")


def is_cyrillic(word: str) -> bool:
    """Whether ``word`` is written in Cyrillic (its last letter decides)."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and bool(_CYRILLIC.match(letters[-1]))


def suffix_chain(word: str) -> str:
    """A regular expression for up to :data:`MAX_SUFFIXES` suffixes after ``word``, in its
    script (an expression that matches the empty string too)."""
    return _CYRILLIC_CHAIN if is_cyrillic(word) else _LATIN_CHAIN


_POSSESSIVE = re.compile(
    r"(?:(?<=[бвгғджзйклмнңпрстфхһцчшщқ])[ыіиуү]|(?<=[аеёиоуыэюяәөұүі])с[ыіиуү]"
    r"|(?<=[bcdfghjklmnpqrstvwxzğǵñńŋşç'])[iıyuü]|(?<=[aeiouıäáöóüú])s[iıy])$"
)


def possessive_stem(word: str) -> str:
    """``word`` without a final third-person possessive ending, which the last word of a
    compound name carries ("темір жол-ы", "temir yo‘l-i", "Ақтау порт-ы") and loses or changes
    when the name is inflected ("порт-тар-ы-н") or governs another noun ("темір жол жобасы").

    >>> [possessive_stem(w) for w in ("жолы", "порты", "жобасы", "yo'li", "дәліз", "коридору")]
    ['жол', 'порт', 'жоба', "yo'l", 'дәліз', 'коридор']
    """
    stem = _POSSESSIVE.sub("", word)
    return stem if len(stem) >= 3 else word

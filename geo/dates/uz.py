"""Uzbek dates, in the Latin and the Cyrillic alphabet: "1-martida", "2024-yil 1-martda",
"2024-yil", "joriy yilning 1-martida", "20-oktyabr kuni", "2024 йил октябр ойида",
"o‘tgan yili", "bugun", "kecha".

The rules are the Turkic ones (:mod:`geo.dates.turkic`, where the decisions are written down);
this module gives the Uzbek words. Uzbek Latin is written with several apostrophes (o‘ o' oʻ o’
g‘); every one is accepted in "o‘tgan". "Kecha" is both "yesterday" and "night": alone it is
read as yesterday, "kechasi" ("at night") is not. Tested in ``tests/unit/test_dates_uz.py``.
"""

from __future__ import annotations

from geo.dates.ky import RUSSIAN_MONTHS
from geo.dates.rules import Language
from geo.dates.turkic import APOSTROPHE, Lexicon, turkic_rules

MONTHS = {
    "yanvar": 1, "fevral": 2, "mart": 3, "aprel": 4, "may": 5, "iyun": 6, "iyul": 7,
    "avgust": 8, "sentabr": 9, "sentyabr": 9, "oktabr": 10, "oktyabr": 10, "noyabr": 11,
    "dekabr": 12, **RUSSIAN_MONTHS,
}  # fmt: skip

LEXICON = Lexicon(
    code="uz",
    months=MONTHS,
    year_words=("yil", "йил"),
    month_words=("oy", "ой"),
    relative_years={
        "joriy": 0,
        "shu": 0,
        "bu": 0,
        f"o{APOSTROPHE}tgan": -1,
        "kelgusi": 1,
        "keyingi": 1,
        "kelasi": 1,
        "aynan shu": None,
        "жорий": 0,
        "шу": 0,
        "бу": 0,
        "ўтган": -1,
        "келгуси": 1,
        "кейинги": 1,
        "айнан шу": None,
    },  # fmt: skip
    year_adverbs={"bultur": -1, "бултур": -1},
    relative_days={"bugun": 0, "kecha": -1, "ertaga": 1, "бугун": 0, "кеча": -1, "эртага": 1},
    until=("qadar", "қадар", "кадар"),
    year_abbreviations=("y.", "й."),
    joins=("va", "ва"),
)

LANGUAGE = Language(
    code="uz",
    rules=turkic_rules(LEXICON),
    sentence_starts="ЎҚҒҲ",
    future_cues=(
        rf"\b(?:rejalashtiril\w*|kutilmoqda|bo{APOSTROPHE}ladi|boshlanadi|ochiladi|kelgusi"
        r"|режалаштирил\w*|кутилмоқда|бўлади|бошланади|очилади|келгуси)\b"
    ),
    past_cues=(
        rf"\b(?:bo{APOSTROPHE}ldi|boshlandi|ochildi|imzolandi|o{APOSTROPHE}tdi"
        rf"|o{APOSTROPHE}tgan|бўлди|бошланди|очилди|имзоланди|ўтди|ўтган)\b"
    ),
    year_words_after=r"-?(?i:yil|йил)",
    year_list_words="va|ва",
    not_year_after=r"(?i:tonna|тонна|ming|минг|nafar|нафар|so.m|сўм)",
)

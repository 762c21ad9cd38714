"""Kyrgyz dates: "6-июнда", "2024-жылы", "1991-жылдын 31-августунда", "1-январдан 25-майга
чейин", "өткөн жылы", "быйыл", "бүгүн", "кечээ".

The rules are the Turkic ones (:mod:`geo.dates.turkic`, where the decisions are written down);
this module gives the Kyrgyz words. Kyrgyz writes the Russian month names, with the day joined
by a dash ("6-июнда", "5-майында"); the traditional names (Бугу, Кулжа, Теке, …, also common
nouns) are not read. Tested in ``tests/unit/test_dates_ky.py``.
"""

from __future__ import annotations

from geo.dates.rules import Language
from geo.dates.turkic import Lexicon, turkic_rules

# The Russian month names as Kyrgyz and Uzbek Cyrillic write them, with and without the soft
# sign the endings drop ("июнь" / "июнда"), and the abbreviations of datelines ("1-июл.").
RUSSIAN_MONTHS = {
    "январь": 1, "январ": 1, "янв": 1, "февраль": 2, "феврал": 2, "фев": 2, "март": 3,
    "апрель": 4, "апрел": 4, "апр": 4, "май": 5, "июнь": 6, "июн": 6, "июль": 7, "июл": 7,
    "август": 8, "авг": 8, "сентябрь": 9, "сентябр": 9, "сент": 9, "октябрь": 10, "октябр": 10,
    "окт": 10, "ноябрь": 11, "ноябр": 11, "ноя": 11, "декабрь": 12, "декабр": 12, "дек": 12,
}  # fmt: skip

LEXICON = Lexicon(
    code="ky",
    months=RUSSIAN_MONTHS,
    year_words=("жыл",),
    month_words=("ай",),
    relative_years={
        "ушул": 0,
        "учурдагы": 0,
        "өткөн": -1,
        "келерки": 1,
        "келе жаткан": 1,
        "ошол": None,
        "ошол эле": None,
    },  # fmt: skip
    year_adverbs={"быйыл": 0, "былтыр": -1},
    relative_days={"бүгүн": 0, "кечээ": -1, "эртең": 1},
    until=("чейин",),
    year_abbreviations=("ж.",),
    joins=("жана", "менен"),
)

LANGUAGE = Language(
    code="ky",
    rules=turkic_rules(LEXICON),
    sentence_starts="ҢӨҮ",
    future_cues=(
        r"\b(?:пландалууда|пландаштырылууда|күтүлүүдө|болжолдонууда|башталат|ачылат"
        r"|курулат|келерки)\b"
    ),
    past_cues=(
        r"\b(?:болду|өттү|башталды|ачылды|кол\s+коюлду|түзүлдү|жөнөтүлдү|аяктады|өткөн"
        r"|былтыр)\b"
    ),
    year_words_after=r"-?(?i:жыл)",
    year_list_words="жана",
    not_year_after=r"(?i:тонна|чакырым|сом|миң|киши)",
)

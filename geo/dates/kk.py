"""Kazakh dates, in Cyrillic and in the Latin alphabets: "6 маусымда", "2024 жылғы 6 маусымда",
"2024 жылы", "шілденің 6-сы", "14-22 наурыз", "өткен жылы", "биыл", "бүгін".

The rules are the Turkic ones (:mod:`geo.dates.turkic`, where the decisions are written down);
this module gives the Kazakh words. The Latin spellings cover the 2018 alphabet with acute
accents ("maýsym", "qyrkúıek", "Aqtaý") and the 2021 one with ğ, ñ, ş ("qañtar", "şılde"), the
forms the stored Kazakh Latin pages use. Tested in ``tests/unit/test_dates_kk.py``.
"""

from __future__ import annotations

from geo.dates.rules import Language
from geo.dates.turkic import Lexicon, turkic_rules

MONTHS = {
    # Cyrillic
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7,
    "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
    "қыркүйег": 9,  # before a vowel: "қыркүйегінде" ("in September")
    # Latin, 2018 and 2021 alphabets
    "qañtar": 1, "qańtar": 1, "qaŋtar": 1, "qantar": 1, "aqpan": 2, "nauryz": 3, "naurız": 3,
    "säuir": 4, "sáýir": 4, "säuır": 4, "sauir": 4, "mamyr": 5, "mamır": 5, "mausym": 6,
    "maýsym": 6, "mausım": 6, "şilde": 7, "şılde": 7, "shilde": 7, "tamyz": 8, "tamız": 8,
    "qyrküiek": 9, "qyrkúıek": 9, "qyrküyek": 9, "qırküyek": 9, "qazan": 10, "qaraşa": 11,
    "qyrkúıeg": 9, "qyrküieg": 9, "qyrküyeg": 9, "qırküyeg": 9,
    "qarasha": 11, "jeltoqsan": 12,
    "sәuir": 4,  # abai.kz writes its Latin with the Cyrillic "ә"
}  # fmt: skip

LEXICON = Lexicon(
    code="kk",
    months=MONTHS,
    year_words=("жыл", "jyl", "jıl", "jil"),
    month_words=("ай", "ay", "aı", "ai"),
    relative_years={
        "осы": 0,
        "ағымдағы": 0,
        "өткен": -1,
        "келесі": 1,
        "алдағы": 1,
        "сол": None,
        "osy": 0,
        "ösy": 0,
        "ötken": -1,
        "ótken": -1,
        "kelesi": 1,
        "kelesı": 1,
        "sol": None,
    },  # fmt: skip
    year_adverbs={"биыл": 0, "былтыр": -1, "biyl": 0, "bıyl": 0, "byltyr": -1, "bıltır": -1},
    relative_days={
        "бүгін": 0,
        "кеше": -1,
        "ертең": 1,
        "bügin": 0,
        "bügın": 0,
        "búgin": 0,
        "keşe": -1,
        "keshe": -1,
        "erteñ": 1,
        "erteń": 1,
    },  # fmt: skip
    until=("дейін", "deiin", "deıin", "deyin"),
    year_abbreviations=("ж.",),
    joins=("мен", "және", "men", "jäne", "jáne"),
)

LANGUAGE = Language(
    code="kk",
    rules=turkic_rules(LEXICON),
    sentence_starts="ӘҒҚҢӨҰҮҺІ",
    future_cues=(
        r"\b(?:жоспарлан\w*|күтілуде|күтіледі|басталмақ|болмақ|ашылмақ|басталады|ашылады"
        r"|іске\s+қосылады|алдағы)\b"
    ),
    past_cues=(
        r"\b(?:болды|өтті|басталды|ашылды|қол\s+қойылды|қол\s+қойды|жасалды|іске\s+қосылды"
        r"|жөнелтілді|аяқталды|өткен|былтыр)\b"
    ),
    year_words_after=r"-?(?i:жыл|jyl|jıl)",
    year_list_words="және|мен|jäne|men",
    not_year_after=r"(?i:тонна|шақырым|вагон|контейнер|теңге|мың|адам|tonna|şaqyrym|teñge|myñ)",
)

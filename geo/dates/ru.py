"""Russian dates: "6 июня 2024 г.", "3-4 апреля", "с 3 по 4 апреля", "в апреле", "в прошлом году".

Decisions (tested in ``tests/unit/test_dates_ru.py``):

* Month names are matched in the nominative, genitive and prepositional ("май", "мая", "мае"),
  ignoring case; a day may be written "6-го".
* A month name alone is a date only after a preposition ("в апреле", "с мая", "в конце мая"),
  with a year ("апреле 2024 года") or with a relative year ("июне прошлого года"); the span
  starts at the month, not at the preposition.
* "в прошлом году", "в этом месяце", "вчера" are resolved against the publication date.
* A weekday after "в"/"во" ("в пятницу") is a day of the week of publication, as in English
  (:func:`geo.dates.rules.relative_weekday`); the span is the weekday without the preposition.
* A decade ("1990-х годов", "в 2000-е годы") is the range of its ten years; its number is never
  a year by itself.
"""

from __future__ import annotations

import re

from geo.dates.parts import Published
from geo.dates.rules import (
    YEAR,
    Found,
    Language,
    alternation,
    decade,
    g,
    literals,
    read_day_date,
    relative_day,
    relative_unit,
    relative_weekday,
    relative_year,
    rule,
)

_STEMS = (
    "январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
    "ноябр", "декабр",
)  # fmt: skip


def _forms(stem: str) -> tuple[str, str, str]:
    """Nominative, genitive and prepositional of a month ("июнь", "июня", "июне")."""
    if stem == "ма":
        return ("май", "мая", "мае")
    if stem.endswith("т"):
        return (stem, stem + "а", stem + "е")
    return (stem + "ь", stem + "я", stem + "е")


MONTHS = {form: number for number, stem in enumerate(_STEMS, 1) for form in _forms(stem)}
RELATIVE = {
    "прошлом": -1, "прошлого": -1, "позапрошлом": -2, "позапрошлого": -2, "этом": 0,
    "этого": 0, "текущем": 0, "текущего": 0, "нынешнем": 0, "нынешнего": 0, "сего": 0,
    "следующем": 1, "следующего": 1, "будущем": 1, "будущего": 1,
    "вчера": -1, "сегодня": 0, "завтра": 1,
}  # fmt: skip

_MONTH = "(?:" + alternation(list(MONTHS)) + r")(?!\w)"
_REL_GENITIVE = "прошлого|позапрошлого|этого|текущего|нынешнего|сего|следующего|будущего"
_YEAR_WORD = r"(?:\s*(?:года|году|год|г\.|г(?!\w)))?"
_RELATIVE_YEAR_AFTER = r"\s+" + g("rel", f"(?:{_REL_GENITIVE})") + r"\s+года"
_DAY = r"3[01]|[12]\d|0?[1-9]"

_MONTH_TRIGGER = literals([*_STEMS[:4], "май", "мая", "мае", *_STEMS[5:]])
_RELATIVE_TRIGGER = literals(
    ["прошл", "этом", "этого", "текущ", "нынешн", "сего", "следующ", "будущ", "вчера", "завтра"]
)


def _month(word: str) -> int:
    return MONTHS[word.lower()]


# "6 июня 2024 г.", "6 июня", "3-4 апреля 2025 года", "с 3 по 4 апреля", "6 июня прошлого года".
@rule(
    _MONTH_TRIGGER,
    r"(?<![\d.,])\b" + g("d1", _DAY) + r"(?:-?го)?"
    + r"(?:\s+" + g("m1", _MONTH) + r"(?:\s+" + g("y1", YEAR) + _YEAR_WORD + ")?)?"
    + r"(?:(?:\s*[-–—]\s*|\s+(?:по|до|и)\s+)" + g("d2", _DAY) + r"(?!\d))?"
    + r"\s+" + g("m2", _MONTH)
    + r"(?:\s+" + g("y2", YEAR) + _YEAR_WORD + "|" + _RELATIVE_YEAR_AFTER + ")?",
    re.IGNORECASE,
)  # fmt: skip
def _day_month(m: re.Match[str], pub: Published | None) -> Found | None:
    return read_day_date(m, pub, "ru", _month, "day_month", RELATIVE)


# Months: "в апреле", "в апреле 2024 года", "с мая", "в июне прошлого года".
@rule(
    _MONTH_TRIGGER,
    r"(?:\b" + g("prep", r"в|во|с|со|до|к|по|после|начиная\s+с|начале|конце|середине|концу"
    r"|началу") + r"\s+)?\b" + g("m", _MONTH)
    + r"(?:\s+" + g("y", YEAR) + _YEAR_WORD + "|" + _RELATIVE_YEAR_AFTER + ")?",
    re.IGNORECASE,
)  # fmt: skip
def _month_name(m: re.Match[str], pub: Published | None) -> Found | None:
    month = _month(m["m"])
    if m["y"]:
        return Found(m.start("m"), m.end(), "ru_month_year", (int(m["y"]), month, None))
    if m["rel"]:
        year = relative_year(RELATIVE[m["rel"].lower()], pub)
        found = Found(m.start("m"), m.end(), "ru_month_relative_year", (year, month, None))
        return found if year is not None else None
    if m["prep"]:
        return Found(m.start("m"), m.end(), "ru_month", (None, month, None))
    return None


# Relative words: "в прошлом году", "прошлого года", "в этом месяце", "вчера".
@rule(
    _RELATIVE_TRIGGER,
    r"\b(?:" + g("which", r"прошлом|позапрошлом|этом|текущем|нынешнем|следующем|будущем|"
    + _REL_GENITIVE) + r"\s+" + g("unit", r"году|года|месяце|месяца") + r"|"
    + g("day", r"вчера|сегодня|завтра") + r")\b",
    re.IGNORECASE,
)  # fmt: skip
def _relative(m: re.Match[str], pub: Published | None) -> Found | None:
    if m["day"]:
        return relative_day(m, pub, RELATIVE[m["day"].lower()], "ru_relative_day")
    unit = "year" if m["unit"].lower().startswith("год") else "month"
    return relative_unit(m, pub, RELATIVE[m["which"].lower()], unit, "ru_relative_")


WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5,
    "воскресенье": 6,
}  # fmt: skip


# Weekdays after "в"/"во": "в пятницу", "во вторник".
@rule(
    literals(list(WEEKDAYS)),
    r"\b(?i:во?)\s+" + g("wd", alternation(list(WEEKDAYS))) + r"(?!\w)",
    re.IGNORECASE,
)  # fmt: skip
def _weekday(m: re.Match[str], pub: Published | None) -> Found | None:
    found = relative_weekday(m, pub, WEEKDAYS[m["wd"].lower()], "ru_weekday")
    return found and Found(m.start("wd"), m.end("wd"), found.rule, found.first)


# Decades: "1990-х годов", "2000-е годы", "1990-х гг.".
@rule(
    re.compile(r"\d0-[хе]"),
    r"(?<!\d)" + g("y", r"(?:1[89]|20)\d0") + r"-(?:х|е|ых|ые)(?!\w)"
    + r"(?:\s+(?:годов|годах|годы|гг\.))?",
    re.IGNORECASE,
)  # fmt: skip
def _decade(m: re.Match[str], pub: Published | None) -> Found | None:
    return decade(m, int(m["y"]), "ru_decade")


LANGUAGE = Language(
    code="ru",
    rules=(_day_month, _month_name, _relative, _weekday, _decade),
    sentence_starts="А-ЯЁ",
    future_cues=(
        r"\b(?:будет|будут|состоится|состоятся|пройд[её]т|пройдут|планиру\w+|намерен\w*"
        r"|предстоит|запланирован\w*|ожидается|станет|начн[её]тся|откроется)\b"
    ),
    past_cues=(
        r"\b(?:был|была|было|были|состоялся|состоялась|состоялось|состоялись|прош[её]л|прошла"
        r"|прошли|подписан\w*|подписали)\b"
    ),
    weak_past=r"\b[а-яё]{2,}(?:ал|ял|ил|ел|ул|ыл|ла|ли|лся|лась|лось|лись)\b",
    year_words_after=r"(?:года|году|год|г\.|гг\.|г)(?!\w)",
    year_context_before=(
        r"\b(?i:в|во|с|со|до|к|по|после|около|между|весной|летом|осенью|зимой|конце|начале"
        r"|середине|концу|началу)\s+"
    ),
    year_list_words="и|или",
    not_year_after=r"-(?:х|е|ых|ые)(?!\w)|км|тонн|человек|лет\b|единиц|контейнер|вагон|рубл|тенге|долл|млн|млрд|тыс",
)

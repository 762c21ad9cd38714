"""The date rules Kazakh, Kyrgyz and Uzbek share, built from each language's words.

The three languages write dates alike: the day comes first, often joined to the month by a dash,
and the month (or the year, or the word for "year") takes case endings — "6 маусымда",
"6-июнда", "1-martida" ("on 6 June", "on 1 March"), "2024 жылғы 6 маусымда", "2024-yil
1-martda" (the year first, in the genitive or as an adjective), "2024 жылы", "2024-yil"
(a year), "joriy yilning 1-martida" ("on 1 March of the current year"). The endings are the
Turkic suffix chains of :mod:`geo.turkic`; each language module (``kk.py``, ``ky.py``, ``uz.py``)
gives its month names, its words for "year" and "month", its relative words and its
conjunctions in a :class:`Lexicon`, and :func:`turkic_rules` makes the rules from it.

Decisions (tested in ``tests/unit/test_dates_kk.py``, ``_ky.py``, ``_uz.py``):

* A day and a month: "6 маусымда", "6-июнда", "1-martida", "20-oktyabr kuni" (day precision);
  the year may come first ("2024 жылғы", "1992 жылдың", "2025-yilning") or after the month. A
  month name never takes a bare vowel as its first ending, so Uzbek "3 marta" ("three times")
  is not 3 March.
* The month first, in the genitive, then the day: "шілденің 6-сы" ("the 6th of July").
* A month alone needs a year or a relative year before it ("2016-yil may oyida", "shu yilning
  oktyabr oyida") or the word "month" after it ("қазан айында", "oktyabr oyida"): "маусым" is
  also "season" and "май" "butter".
* A year is a four-digit number followed by the word "year" with its endings ("2024 жылы",
  "2024-yil", "1996 yilgi"); "1956-1960 жылдары" is a range of years. A number without the word
  ("2000 тонна") is not a year here.
* Ranges: "14-22 наурыз", "3 дан 5 ноябргача", "16 ақпаннан 1 наурызға дейін" (the first date
  in the ablative), "qañtar ayınıñ 24-i men 25-si", "қаңтар-мамыр" after a year, "29 сәуір мен
  2 мамыр аралығында" (two dates joined by "and", then "between"; without "between" they are
  two days); a range that does not go forward is dropped.
* A relative day that the text dates ("Bugun, 6-iyun kuni", "Kecha, 30 iyun") is the written
  date, one expression, as "今天(9月18日)" in Chinese.
* Relative words are resolved against the publication date as in English: "бүгін"/"бүгүн"/
  "bugun" (today), "кеше"/"кечээ"/"kecha" (yesterday) and "ертең"/"эртең"/"ertaga" need a
  publication day; "биыл"/"быйыл" (this year), "былтыр" (last year), "өткен жылы"/"o‘tgan
  yili" (last year), "joriy yil" (the current year) need a year; "өткен айда"/"o‘tgan oy"
  (last month) a month. "Today's" ("бүгінгі", "bugungi") is read as "nowadays" and skipped, as
  in English. "That year's" ("сол жылдың", "aynan shu yili") takes the year of the previous
  date in the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import ahocorasick

from geo.dates.parts import Parts, Published, shift_month
from geo.dates.rules import (
    YEAR,
    Found,
    Rule,
    alternation,
    complete_range,
    context_before,
    g,
    ordered,
    relative_day,
    relative_year,
    rule,
)
from geo.turkic import ABLATIVE, ANY_CHAIN, GENITIVE

APOSTROPHE = "[ʻʼ'‘’`]"
"""The apostrophes Uzbek Latin is written with (o‘, g‘ and the tutuq belgisi)."""

_DAY = r"3[01]|[12]\d|0?[1-9]"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d|[.,]\d)"  # YEAR, but "2025ж." may follow it
_END = r"(?![^\W_])"  # the word ends here
_LOW_VOWEL = "(?![аеоөәaeoäáó])"  # a month's first ending is never a bare low vowel ("marta")
_BETWEEN = r"(?:аралы[қғкг]|orali[qg‘ʻ’']|оралиқ|оралиғ)"  # "аралығында", "oralig‘ida": between


@dataclass(frozen=True)
class Lexicon:
    """The words one Turkic language writes dates with; every value is lower case.

    ``months`` maps each month name (as its endings attach to it: "маусым", "июн", "mart") to
    its number; ``year_words``, ``month_words`` are the words for "year" and "month";
    ``relative_years`` maps a word that makes "year" relative ("өткен" + "жылы") to its offset
    (None: the year of the previous date, "сол жылдың"); ``year_adverbs`` are one-word years
    ("биыл", "былтыр"), ``relative_days`` the words for today, yesterday and tomorrow (each may
    be a regular expression); ``until`` the words that close a range ("дейін"), ``joins`` the
    words between two days ("мен", "va").
    """

    code: str
    months: Mapping[str, int]
    year_words: tuple[str, ...]
    month_words: tuple[str, ...]
    relative_years: Mapping[str, int | None]
    year_adverbs: Mapping[str, int]
    relative_days: Mapping[str, int]
    until: tuple[str, ...]
    joins: tuple[str, ...]
    year_abbreviations: tuple[str, ...] = ()  # "2025ж.", "2024 y."


def _offset(table: Mapping[str, int | None], written: str) -> int | None:
    """The value of the key of ``table`` (a regular expression) that ``written`` is."""
    low = written.lower()
    for key, value in table.items():
        if re.fullmatch(key, low):
            return value
    raise KeyError(written)


def _without_full_stop(m: re.Match[str]) -> int:
    """Where a month's match ends: after the dot of an abbreviation ("6-июн. — Sputnik"), before
    a full stop — after an ending ("1-martida.") or before a new sentence ("14-22 mart. Keyin")."""
    end = m.end()
    month = next((k for k in ("m2s", "m1s") if k in m.re.groupindex and m.end(k) == end - 1), None)
    if month is None or not m.group().endswith("."):
        return end  # no dot, or the dot of a year ("2025ж.")
    after = m.string[end : end + 3].lstrip(" ")
    new_sentence = not after or after[0] == "\n" or after[0].isupper()
    return end - 1 if m[month] or new_sentence else end


def _year_of_date(
    lex: Lexicon, found: Mapping[str, str | None], pub: Published | None
) -> tuple[str, int | None] | None:
    """How a date gives its year, from the groups ``found`` of its match and of the words before
    it: ("", None) it does not; ("year", year) it does, in figures or relative to publication;
    ("anchor", None) "that year's", the year of the previous date; None when it is relative and
    there is no publication date."""
    for name in ("y0", "y3", "y4"):
        if found.get(name):
            return "year", int(found[name])
    if found.get("rel") or found.get("adv"):
        table, word = (
            (lex.relative_years, found["rel"])
            if found.get("rel")
            else (lex.year_adverbs, found["adv"])
        )
        offset = _offset(table, word)
        if offset is None:
            return "anchor", None
        year = relative_year(offset, pub)
        return None if year is None else ("year", year)
    return "", None


class WordTrigger:
    """A trigger (:func:`geo.dates.rules.zones`) for many words at once: one Aho-Corasick pass
    over the text finds every word, as written, capitalised or in capitals, however many words
    there are (a regular expression of a hundred words costs a hundred tries per letter).

    The three Turkic languages share one (:data:`TRIGGER`), so that the scan finds their zones
    in one pass; each language adds its words when its rules are made, and the automaton is made
    when it is first used after that.
    """

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._automaton: ahocorasick.Automaton | None = None

    def add(self, words: Iterable[str]) -> None:
        self._words.update(v for w in words for v in (w, w[:1].upper() + w[1:], w.upper()))
        self._automaton = None

    def finditer(self, text: str) -> Iterator[_Hit]:
        if len(text) > SHORT_TEXT and not written_in_turkic(text):
            return
        if self._automaton is None:
            self._automaton = ahocorasick.Automaton()
            for word in self._words:
                self._automaton.add_word(word, len(word))
            self._automaton.make_automaton()
        for last, length in self._automaton.iter(text):
            yield _Hit(last + 1 - length, last + 1)


@dataclass(frozen=True, slots=True)
class _Hit:
    first: int
    stop: int

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.stop


SHORT_TEXT = 400
"""Texts up to this many characters are always read by the Turkic rules; longer ones only if
:func:`written_in_turkic`."""
_TURKIC_LETTERS = re.compile("[әғқңөұүһіўҳӘҒҚҢӨҰҮҺІЎҲʻʼ‘ğşñäöüıýáóúǵńūŋĞŞÑÄÖÜİÝÁÓÚǴŃŪ]")
_ASCII_OKINA = ("o'", "g'", "O'", "G'")  # "O'zbekiston", "Qirg'iziston" typed with "'"


def written_in_turkic(text: str) -> bool:
    """Whether ``text`` has a letter or an apostrophe that only Kazakh, Kyrgyz or Uzbek writes
    (ә, қ, ң, ө, ү, ў, ҳ, o‘, g‘, ş, ı, ...). An article in these languages always has one; an
    English, Russian or Chinese one almost never, and then the Turkic words are not looked for
    at all, which keeps their cost off the texts the atlas reads most (one fast scan instead of
    an automaton pass).

    >>> written_in_turkic("Қорғас арқылы"), written_in_turkic("Через Хоргос, via Khorgos")
    (True, False)
    """
    return bool(_TURKIC_LETTERS.search(text)) or any(a in text for a in _ASCII_OKINA)


TRIGGER = WordTrigger()
"""The words of every Turkic language's rules: month names, "year", relative words."""


def _trigger_words(words) -> list[str]:
    """The longest run of letters of each word (a word may be a pattern: "o[ʻ’]tgan" → "tgan")
    that is long enough not to fire on every other word."""
    runs = [max(re.findall(r"[^\W\d_]+", w), key=len, default="") for w in words]
    return [r for r in runs if len(r) >= 4 or (len(r) == 3 and not r.isascii())]


def turkic_rules(lex: Lexicon) -> tuple[Rule, ...]:
    """The rules of one language, named ``<code>_<shape>`` ("kk_day_month", "uz_year")."""
    code = lex.code
    month_of = dict(lex.months)
    months = alternation(list(lex.months))
    year_word = "(?:" + alternation(list(lex.year_words)) + ")"
    month_word = "(?:" + alternation(list(lex.month_words)) + ")"
    rel_years = "(?:" + alternation(list(lex.relative_years)) + ")"
    adverbs = "(?:" + alternation(list(lex.year_adverbs)) + ")"
    days = "(?:" + alternation(list(lex.relative_days)) + ")"
    until = alternation(list(lex.until))
    joins = alternation(list(lex.joins))
    chain = ANY_CHAIN
    TRIGGER.add(
        [*lex.months, *lex.year_words]
        + _trigger_words([*lex.relative_years, *lex.year_adverbs, *lex.relative_days])
    )

    def month(name: str, ending: str = chain) -> str:
        return rf"\b{g(name, months)}{_LOW_VOWEL}{g(name + 's', ending)}{_END}\.?"

    abbreviated = "".join(f"|{re.escape(a)}" for a in lex.year_abbreviations)

    def year_of(name: str) -> str:  # "2024 жылғы", "2024-yil", "2025-yilning", "2025ж."
        return rf"{g(name, _YEAR)}[-\s]?(?:{year_word}{chain}{_END}{abbreviated})"

    # Before a date: its year ("2024 жылғы"), a relative year ("өткен жылдың", "joriy yilning",
    # "сол жылдың") or a one-word year used as an adjective ("биылғы").
    # It is looked for in the words before a match (geo.dates.rules.context_before), so that
    # the rules' own patterns start with a digit or a month name, which the scan finds fast.
    prefix = re.compile(
        rf"(?:{year_of('y0')}|\b{g('rel', rel_years)}\s+{year_word}{chain}{_END}"
        rf"|\b{g('adv', adverbs)}{chain}{_END})\s+$",
        re.IGNORECASE,
    )
    day1 = rf"(?<![\d.,/:])\b{g('d1', _DAY)}(?!\d)"
    day2 = rf"\b{g('d2', _DAY)}(?!\d)"
    to_month = r"(?:\s*-\s*|\s+)"
    day_suffix = r"(?:-?[^\W\d_]{1,5})?"  # "6-сы", "24-i", "25-si"
    year_after = rf"(?:\s+(?:{year_of('y3')}|{g('y4', YEAR)}))?"
    ablative_word = r"[-\s]?(?:дан|дән|ден|тан|тен|нан|нен|dan|den|tan|ten|nan|nen)\s+"
    range_sep = rf"(?:\s*[-–—]\s*|{ablative_word}|\s+(?:{joins})\s+)"
    of_month = rf"{chain}(?:\s+{month_word}{chain})?"  # "-ның", " айының"
    second_year = YEAR + r"|[0-9]{2}(?!\d)"  # "1956-1960", "2024-25"

    def with_prefix(m: re.Match[str]) -> tuple[int, dict[str, str | None]]:
        """Where the date starts, its prefix included, and the groups of both."""
        before = context_before(m, prefix)
        if before is None:
            return m.start(), m.groupdict()
        return before.start(), {**before.groupdict(), **m.groupdict()}

    def dated(
        m: re.Match[str], pub: Published | None, shape: str, first: Parts, last: Parts | None
    ) -> Found | None:
        start, found = with_prefix(m)
        given = _year_of_date(lex, found, pub)
        if given is None:
            return None
        how, year = given
        first = (year, first[1], first[2])
        if last is not None:
            first, last = complete_range(first, (year, last[1], last[2]))
        name = "_".join(filter(None, (code, how, shape, "range" if last else "")))
        found_ = Found(start, _without_full_stop(m), name, first, last)
        return found_ if ordered(found_) else None

    # "6 маусымда", "2024 жылғы 6 маусымда", "14-22 наурыз", "3 дан 5 ноябргача", "6-июнда".
    @rule(
        TRIGGER,
        rf"{day1}(?:{range_sep}{day2})?{to_month}{month('m2')}{year_after}",
        re.IGNORECASE,
    )
    def day_month(m: re.Match[str], pub: Published | None) -> Found | None:
        mo = month_of[m["m2"].lower()]
        last = (None, mo, int(m["d2"])) if m["d2"] else None
        return dated(m, pub, "day_month", (None, mo, int(m["d1"])), last)

    def two_dates(m: re.Match[str], pub: Published | None) -> Found | None:
        first = (None, month_of[m["m1"].lower()], int(m["d1"]))
        return dated(m, pub, "day_month", first, (None, month_of[m["m2"].lower()], int(m["d2"])))

    # "16 ақпаннан 1 наурызға дейін", "1-январдан 25-майга чейин".
    date_to_date = rule(
        TRIGGER,
        rf"{day1}{to_month}{month('m1', chain + '(?:' + ABLATIVE + ')')}\s+"
        rf"{day2}{to_month}{month('m2')}(?:\s+(?:{until}){_END})?",
        re.IGNORECASE,
    )(two_dates)
    # "29 сәуір мен 2 мамыр аралығында": two dates joined by "and", then "between".
    between = rule(
        TRIGGER,
        rf"{day1}{to_month}{month('m1')}\s+(?:{joins})\s+{day2}{to_month}{month('m2')}"
        rf"(?=\s+{_BETWEEN})",
        re.IGNORECASE,
    )(two_dates)

    # "Bugun, 6-iyun kuni", "Kecha, 30 iyun": a relative day that the text dates itself.
    @rule(TRIGGER, rf"\b{g('day', days)}{_END},?\s+{day1}{to_month}{month('m2')}", re.IGNORECASE)
    def dated_relative_day(m: re.Match[str], pub: Published | None) -> Found | None:
        first = (None, month_of[m["m2"].lower()], int(m["d1"]))
        return dated(m, pub, "dated_relative_day", first, None)

    # "шілденің 6-сы", "qañtar ayınıñ 24-i men 25-si": the month in the genitive, then the day.
    @rule(
        TRIGGER,
        rf"\b{g('m1', months)}{g('of', of_month)}\s+{day1}{day_suffix}"
        rf"(?:\s+(?:{joins})\s+{day2}{day_suffix})?{_END}",
        re.IGNORECASE,
    )
    def month_day(m: re.Match[str], pub: Published | None) -> Found | None:
        if not re.search(f"(?:{GENITIVE})$", m["of"].lower()):
            return None
        mo = month_of[m["m1"].lower()]
        last = (None, mo, int(m["d2"])) if m["d2"] else None
        return dated(m, pub, "month_day", (None, mo, int(m["d1"])), last)

    # "2016-yil may oyida", "shu yilning oktyabr oyida", "қазан айында", "2025 жылғы
    # қаңтар-мамыр", "қаңтар-қыркүйек айларында".
    @rule(
        TRIGGER,
        rf"{month('m1')}(?:\s*[-–—]\s*{month('m2')})?"
        rf"(?:\s+{g('word', month_word)}{chain}{_END})?",
        re.IGNORECASE,
    )
    def month_name(m: re.Match[str], pub: Published | None) -> Found | None:
        given = _year_of_date(lex, with_prefix(m)[1], pub)
        if given is None or not (given[0] or m["word"]):
            return None
        last = (None, month_of[m["m2"].lower()], None) if m["m2"] else None
        return dated(m, pub, "month", (None, month_of[m["m1"].lower()], None), last)

    # "2024 жылы", "2024-yil", "1996 yilgi", "1956-1960 жылдары".
    @rule(
        TRIGGER,
        rf"(?<![\d.,/:-]){g('y1', _YEAR)}(?:\s*[-–—]\s*{g('y2', second_year)})?"
        rf"[-\s]?(?:{year_word}{chain}{_END}{abbreviated})",
        re.IGNORECASE,
    )
    def year(m: re.Match[str], pub: Published | None) -> Found | None:
        y1 = int(m["y1"])
        if not m["y2"]:
            return Found(m.start(), m.end(), f"{code}_year", (y1, None, None))
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
        found = Found(m.start(), m.end(), f"{code}_year_range", (y1, None, None), (y2, None, None))
        return found if ordered(found) else None

    # "өткен жылы", "joriy yilda", "биыл", "былтырғы", "өткен айда", "бүгін", "kecha".
    @rule(
        TRIGGER,
        rf"\b(?:{g('rel', rel_years)}\s+(?:{g('yw', year_word)}|{g('mw', month_word)}){chain}"
        rf"|{g('adv', adverbs)}{chain}(?:\s+{year_word}{chain})?|{g('day', days)}){_END}",
        re.IGNORECASE,
    )
    def relative(m: re.Match[str], pub: Published | None) -> Found | None:
        if m["day"]:
            offset = _offset(lex.relative_days, m["day"])
            return relative_day(m, pub, offset, f"{code}_relative_day")
        offset = _offset(lex.relative_years, m["rel"]) if m["rel"] else None
        if m["adv"] or m["yw"]:
            if m["rel"] and offset is None:
                return None  # "сол жылы" ("that year") alone names no year
            given = _year_of_date(lex, m.groupdict(), pub)
            if given is None:
                return None
            return Found(m.start(), m.end(), f"{code}_relative_year", (given[1], None, None))
        if offset is None or pub is None or pub.month is None:
            return None
        y, mo = shift_month(pub.year, pub.month, offset)
        return Found(m.start(), m.end(), f"{code}_relative_month", (y, mo, None))

    return (
        day_month, date_to_date, between, dated_relative_day, month_day, month_name, year, relative
    )  # fmt: skip

"""Read the numbers a text writes, in the atlas's languages, so that a figure can be checked
against the quote that states it ("4.7 billion", "4,7 млрд", "523-километровой", "1,435 mm",
"57.1万", "2 milyon 405 bin").

A number is a run of digits (any script's digits and full-width ones are read as ASCII) with its
separators, optionally followed by a scale word. Because the same characters mean different things
in different languages, a number has every *reading* it can have, and a figure agrees with a quote
when its value is one of the readings of one of the quote's numbers:

- **Separators.** A single ``,`` or ``.`` is a decimal mark ("12,5", "4.7"), and also a
  thousands separator when exactly three digits follow it ("1,435" is 1435 or 1.435). Repeated, it
  separates thousands ("1.234.567"); with both marks, the last is the decimal mark ("1,234.5",
  "1.234,5"). Digits grouped by spaces ("54 000", "38 900") are also read as one number. A run
  that fits none of these ("06.06.2024") is read group by group.
- **Scale words** multiply: thousand, тыс., тысяча, мың, миң, ming, минг, bin (Turkish), min
  (Azerbaijani), mil; million, mln, млн, миллион, milyon, milhão; billion, bn, млрд, миллиард,
  milliard, milyar(d); trillion, трлн; and the Chinese and Japanese 百, 千, 万/萬, 亿/億, 兆 (千 is
  not a scale in 千米, 千克, 千瓦: kilometre, kilogram, kilowatt). Inflected forms count
  ("миллионов", "тысячи", "millions"). A short word that is also something else ("min" for
  minutes, "bin", "mil") adds its scaled reading to the plain one instead of replacing it.
- **Compounds.** A scaled number followed by another with a smaller scale is also read as their
  sum: "2 milyon 405 bin" is 2,405,000; "3亿5000万" is 350,000,000.

Numbers written in words ("three tunnels", "三条") are not read: a figure must quote its number
in digits.

Examples
--------
>>> [n.text for n in numbers_in("4,7 млрд долларов за 523-километровую дорогу")]
['4,7 млрд', '523']
>>> states_value("全长约1.1万公里", 11000), states_value("$4.7 billion", 4.7)
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["Number", "format_decimal", "numbers_in", "states_value"]

_SPACES = " \u00a0\u202f\u2009"
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE_GROUP = re.compile(rf"\d{{1,3}}(?:[{_SPACES}']\d{{3}})+(?![\d.,]\d)")

# Scale words: (pattern, multiplier, ambiguous). A long stem may take any ending ("миллионов");
# an ambiguous word keeps the plain reading too.
_WORD_SCALES: tuple[tuple[str, int, bool], ...] = (
    (r"thousands?|тысяч\w*|тыс\.?|мың\w*|миң\w*|ming|минг\w*", 10**3, False),
    (r"bin|min|mil", 10**3, True),
    (
        r"millions?|mln|mn|mio|млн\.?|миллион\w*|milyon\w*|million\w*|milh(?:ão|ões|ao|oes)",
        10**6,
        False,
    ),
    (r"millón|millones", 10**6, False),
    (
        r"billions?|bn|bln|млрд\.?|миллиард\w*|milliard\w*|milyar\w*|mlrd|bilh(?:ão|ões|ao|oes)",
        10**9,
        False,
    ),
    (r"trillions?|трлн\.?|триллион\w*", 10**12, False),
)
_WORD_SCALE = re.compile(
    r"[ \u00a0\u202f\u2009]?(?:"
    + "|".join(f"(?P<s{i}>{pattern})" for i, (pattern, _, _) in enumerate(_WORD_SCALES))
    + r")(?!\w)",
    flags=re.IGNORECASE,
)
_CJK_SCALES = {
    "百": 10**2,
    "千": 10**3,
    "万": 10**4,
    "萬": 10**4,
    "亿": 10**8,
    "億": 10**8,
    "兆": 10**12,
}
_CJK_SCALE = re.compile(r"[百千万萬亿億兆]+")
_NOT_CJK_SCALE = re.compile(r"千[米克瓦]")


@dataclass(frozen=True)
class Number:
    """A number as written in a text: ``text`` (in the text read as NFKC) at ``start:end`` there,
    every value it can mean (``readings``, the likeliest first) and its scale (1 without one)."""

    start: int
    end: int
    text: str
    readings: tuple[Decimal, ...]
    scale: int = 1


def format_decimal(value: Decimal | float) -> str:
    """A reading as plain digits, without exponent or trailing zeros.

    >>> format_decimal(Decimal("4.70E+9")), format_decimal(12.50)
    ('4700000000', '12.5')
    """
    d = value if isinstance(value, Decimal) else Decimal(repr(value))
    text = f"{d.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _thousands(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _plain_readings(token: str) -> list[Decimal]:
    """Every value a digit run with ``,`` and ``.`` separators can mean (see the module doc)."""
    seps = [c for c in token if c in ",."]
    if not seps:
        return [Decimal(token)]
    groups = re.split(r"[.,]", token)
    out: list[Decimal] = []
    if len(set(seps)) == 1:
        if len(seps) == 1:
            out.append(Decimal(f"{groups[0]}.{groups[1]}"))
        if _thousands(groups):
            out.append(Decimal("".join(groups)))
    else:
        mark = seps[-1]
        if seps.count(mark) == 1 and _thousands(groups[:-1]):
            out.append(Decimal("".join(groups[:-1]) + "." + groups[-1]))
    # A run that is no single number ("06.06.2024") is read group by group.
    return out or [Decimal(g) for g in groups]


def _scale_after(text: str, pos: int) -> tuple[int, int, bool]:
    """The scale written at ``text[pos:]``: (multiplier, end, ambiguous); (1, pos, False) if none."""
    cjk = _CJK_SCALE.match(text, pos)
    if cjk:
        factor, end = 1, pos
        for ch in cjk.group():
            if _NOT_CJK_SCALE.match(text, end):
                break
            factor, end = factor * _CJK_SCALES[ch], end + 1
        if end > pos:
            return factor, end, False
    word = _WORD_SCALE.match(text, pos)
    if word:
        for i, (_, factor, ambiguous) in enumerate(_WORD_SCALES):
            if word.group(f"s{i}"):
                return factor, word.end(), ambiguous
    return 1, pos, False


def _scaled(readings: list[Decimal], factor: int, ambiguous: bool) -> tuple[Decimal, ...]:
    values = [r * factor for r in readings]
    if ambiguous:
        values += readings
    return tuple(dict.fromkeys(values))


def numbers_in(text: str) -> list[Number]:
    """Every number written in ``text``, in order, with all its readings.

    >>> [(n.text, [format_decimal(r) for r in n.readings]) for n in numbers_in("1,485 млн тонн")]
    [('1,485 млн', ['1485000', '1485000000'])]
    >>> [format_decimal(n.readings[0]) for n in numbers_in("2 milyon 405 bin ton")]
    ['2405000', '2000000', '405000']
    """
    norm = unicodedata.normalize("NFKC", text)
    found: list[Number] = []
    for m in _DIGITS.finditer(norm):
        factor, end, ambiguous = _scale_after(norm, m.end())
        readings = _scaled(_plain_readings(m.group()), factor, ambiguous)
        found.append(Number(m.start(), end, norm[m.start() : end], readings, factor))
    # Digits grouped by spaces: one more number over the runs it joins.
    for m in _SPACE_GROUP.finditer(norm):
        digits = re.sub(rf"[{_SPACES}']", "", m.group())
        factor, end, ambiguous = _scale_after(norm, m.end())
        readings = _scaled([Decimal(digits)], factor, ambiguous)
        found.append(Number(m.start(), end, norm[m.start() : end], readings, factor))
    found.sort(key=lambda n: (n.start, -n.end))
    return _with_compounds(norm, found)


def _with_compounds(norm: str, numbers: list[Number]) -> list[Number]:
    """``numbers`` with the sum of each scaled number and the smaller-scaled one after it."""
    out: list[Number] = []
    for i, n in enumerate(numbers):
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        if (
            nxt is not None
            and n.scale > 1
            and 1 < nxt.scale < n.scale
            and not norm[n.end : nxt.start].strip(_SPACES)
        ):
            total = tuple(dict.fromkeys(a + b for a in n.readings for b in nxt.readings))
            out.append(Number(n.start, nxt.end, norm[n.start : nxt.end], total, n.scale))
        out.append(n)
    return out


def states_value(quote: str, value: float | Decimal) -> bool:
    """Whether one of the numbers written in ``quote`` can mean ``value``.

    >>> states_value("The Baku-Tbilisi-Kars railway covers a 254 km long road", 254)
    True
    >>> states_value("1,435 mm", 1435), states_value("1,435 mm", 1.435), states_value("12,5 км", 125)
    (True, True, False)
    """
    try:
        want = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    except (InvalidOperation, ValueError):
        return False
    return any(want == r for n in numbers_in(quote) for r in n.readings)

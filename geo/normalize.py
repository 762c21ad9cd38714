"""Normalise text for name matching, keeping a map from every normalised character back to the
original text so that a match in the normalised text gives an exact span of the original.

The rules, applied to aliases and to the texts they are looked for in alike:

* case is folded with :meth:`str.casefold` ("ß" becomes "ss"; the map keeps both "s" pointing at
  the "ß"); Turkish "İ" becomes a plain "i" rather than "i" plus a combining dot;
* every dash (hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal
  bar, minus sign, small and full-width hyphen-minus), with any whitespace around it and any dashes
  next to it, becomes one "-": "China – Kyrgyzstan — Uzbekistan" reads as
  "china-kyrgyzstan-uzbekistan";
* every other run of whitespace, line breaks and no-break spaces included, becomes one space;
* curly and modifier apostrophes and quotes become straight ones ("’", "ʼ", "ʻ" -> "'"; "“", "«"
  -> '"');
* "ё" becomes "е";
* soft hyphens and zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM) are dropped;
* traditional Chinese characters become simplified, one for one (:mod:`geo.hanzi`): "霍爾果斯"
  reads as "霍尔果斯", "中吉烏鐵路" as "中吉乌铁路".

Only the few characters that change (whitespace runs, dash groups, dropped characters, the 104
characters whose case fold is longer than one character, curly quotes, line breaks, ...) are
handled one by one; the rest of the text is case folded in bulk, and the map is stored as a list of
linear pieces, so normalising is fast and small even for megabytes of text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from geo.hanzi import SIMPLIFIED, TRADITIONAL

__all__ = ["OffsetMap", "normalize"]

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
DROPPED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
APOSTROPHES = "\u2018\u2019\u201a\u201b\u2032\u02bb\u02bc\u0060\u00b4"
QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"

# Case-fold expansions and whitespace all live in the Basic Multilingual Plane (Unicode 15), so
# scanning it once at import (a few milliseconds) finds every character we must treat specially.
_BMP = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
WHITESPACE = "".join(c for c in _BMP if c.isspace())
_EXPANDING = "".join(c for c in _BMP if len(c.casefold()) != 1 and c != "\u0130")
del _BMP

_TABLE = str.maketrans(
    {
        **{c: " " for c in WHITESPACE},
        **{c: "-" for c in DASHES},
        **{c: "'" for c in APOSTROPHES},
        **{c: '"' for c in QUOTES},
        "ё": "е",
        "Ё": "е",
        "\u0130": "i",
    }
)
# Characters that str.translate would change. They are rare, and translating the whole text is slow
# for non-ASCII text (a dict look-up per character), so they are found by the scan below instead.
_TRANSLATED = "".join(sorted(chr(k) for k, v in _TABLE.items() if chr(k) != v))


def _charclass(chars: str) -> str:
    return "[" + "".join(f"\\u{ord(c):04x}" for c in chars) + "]"


# A "special" stretch is a run of two or more whitespace / dropped / dash / expanding characters
# ("run" characters), or a single character that is dropped, expands or is translated. A lone
# space or "-" stays as it is, so ordinary text is skipped quickly by the regex engine and then
# only case folded.
_RUN = WHITESPACE + DROPPED + DASHES + _EXPANDING
_SPECIAL = re.compile(
    _charclass("".join(sorted(set(_RUN + _TRANSLATED))))
    + f"(?:(?<={_charclass(_RUN)}){_charclass(_RUN)}+"
    + f"|(?<={_charclass(DROPPED + _EXPANDING + _TRANSLATED)}))"
)
_SIMPLIFIED = str.maketrans(TRADITIONAL, SIMPLIFIED)
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")  # may be traditional
_WS = frozenset(WHITESPACE)
_DASH = frozenset(DASHES)
_DROP = frozenset(DROPPED)


class OffsetMap(Sequence[int]):
    """Where each character of a normalised text came from in the original text.

    ``offsets[i]`` is the index in the original text of the character that produced normalised
    character ``i``. A collapsed whitespace run maps to its first whitespace character, a dash
    group (" – ") to its first dash, and both letters of a case-fold expansion ("ß" -> "ss") to
    the expanded character. Stored as linear pieces, so it costs memory per special stretch, not
    per character.

    Examples
    --------
    >>> norm, offsets = normalize("Straße  Horgos")
    >>> norm
    'strasse horgos'
    >>> offsets[8], offsets.span(8, 14)
    (8, (8, 14))
    """

    __slots__ = ("_norm_starts", "_orig_starts", "_steps", "_length")

    def __init__(
        self, norm_starts: list[int], orig_starts: list[int], steps: list[int], length: int
    ) -> None:
        self._norm_starts = norm_starts
        self._orig_starts = orig_starts
        self._steps = steps
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(f"normalised index {index} is outside 0..{self._length - 1}")
        k = bisect_right(self._norm_starts, index) - 1
        return self._orig_starts[k] + self._steps[k] * (index - self._norm_starts[k])

    def __iter__(self) -> Iterator[int]:
        return (self[i] for i in range(self._length))

    def locate(self, original: int) -> int:
        """The first normalised index whose character comes from ``original`` or later.

        ``len(self)`` if there is none. The inverse of indexing, for positions such as the start
        of a line: ``offsets[offsets.locate(i)] >= i``.
        """
        k = bisect_right(self._orig_starts, original) - 1
        if k < 0:
            return 0
        following = self._norm_starts[k + 1] if k + 1 < len(self._norm_starts) else self._length
        if self._steps[k]:
            return min(self._norm_starts[k] + original - self._orig_starts[k], following)
        return self._norm_starts[k] if original == self._orig_starts[k] else following

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the normalised slice ``[start:end]`` (``end > start``).

        The end is one past the original character of the last normalised character, so a span
        that starts and ends on letters is exact: trailing spaces or dropped characters are not
        included.
        """
        norm_starts, orig_starts, steps = self._norm_starts, self._orig_starts, self._steps
        k = bisect_right(norm_starts, start) - 1
        j = bisect_right(norm_starts, end - 1) - 1
        return (
            orig_starts[k] + steps[k] * (start - norm_starts[k]),
            orig_starts[j] + steps[j] * (end - 1 - norm_starts[j]) + 1,
        )


def normalize(text: str) -> tuple[str, OffsetMap]:
    """Normalise ``text`` for matching and map each normalised character to the original.

    Parameters
    ----------
    text : str
        Any text: an alias, a passage or a whole article.

    Returns
    -------
    tuple[str, OffsetMap]
        The normalised text and, for each of its characters, the index of the original character
        it came from (see :class:`OffsetMap`).

    Examples
    --------
    >>> norm, offsets = normalize("China – Kyrgyzstan—Uzbekistan’s")
    >>> norm
    "china-kyrgyzstan-uzbekistan's"
    >>> offsets[5], offsets[6]
    (6, 8)
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() needs a str, got {type(text).__name__}")
    pieces: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    steps: list[int] = []
    npos = 0

    def emit(piece: str, orig: int, step: int = 1) -> None:
        """Append ``piece``, made from ``text[orig:]`` one for one (step 1) or from one character
        (step 0); a one-for-one piece that continues the previous one extends it."""
        nonlocal npos
        pieces.append(piece)
        if not (step and steps and steps[-1] and orig_starts[-1] + npos - norm_starts[-1] == orig):
            norm_starts.append(npos)
            orig_starts.append(orig)
            steps.append(step)
        npos += len(piece)

    done = 0
    for match in _SPECIAL.finditer(text):
        start, end = match.span()
        if start > done:
            emit(text[done:start].casefold(), done)
        first_dash = first_space = -1
        for i in range(start, end):
            c = text[i]
            if c in _DASH:
                if first_dash < 0:
                    first_dash = i
            elif c in _WS:
                if first_space < 0:
                    first_space = i
            elif c not in _DROP:  # expands when case folded, or is translated
                if first_dash >= 0:
                    emit("-", first_dash)
                elif first_space >= 0:
                    emit(" ", first_space)
                first_dash = first_space = -1
                folded = c.translate(_TABLE).casefold()
                emit(folded, i, 1 if len(folded) == 1 else 0)
        if first_dash >= 0:
            emit("-", first_dash)
        elif first_space >= 0:
            emit(" ", first_space)
        done = end
    if done < len(text):
        emit(text[done:].casefold(), done)
    norm = "".join(pieces)
    # One for one, so the offsets stay as they are; a text without Han characters is scanned once.
    norm = _HAN.sub(lambda run: run.group().translate(_SIMPLIFIED), norm)
    return norm, OffsetMap(norm_starts, orig_starts, steps, npos)

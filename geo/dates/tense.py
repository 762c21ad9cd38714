"""Sentences and tense: where the sentence around a date is, and whether it speaks of the past.

The tense of the sentence decides the year of a date written without one
(:mod:`geo.dates.resolve`): the nearest strong cue ("was", "held", "signed"; "will", "is set
to", "upcoming"; 了/已, 将/计划; был/состоялся, будет/состоится) wins, else a weak past form
(an "-ed" verb, a Russian past-tense ending) means past. The cues are each language's
(:class:`geo.dates.rules.Language`), matched ignoring case.

A sentence ends at ". " (or "!", "?", with closing quotes or brackets and reference marks such
as Wikipedia's "[4]") before a character that may open one (a capital or digit, an ideograph),
at a Chinese full stop, or at a line break; it is looked for at most 400 characters either side
of the date. A dateline that opens a line ("BISHKEK, Kyrgyzstan, April 29.", "БИШКЕК, 8 июн —
Sputnik.") is not a sentence of its own: it belongs to the sentence it opens.

A text with many dates is read once (:class:`Sentences`): its sentence ends and line breaks are
found in one pass on first use, and its tense cues block by block as dates ask for them, each block
once; so the cost grows with the text, not with the text times its dates (one long paragraph of
64,000 dates used to rescan 800 characters with every cue for each of them), and a long text
with few dates reads only the blocks around them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property, lru_cache

from geo.dates.languages import LANGUAGES, union

_STARTS = "".join(lang.sentence_starts for lang in LANGUAGES)
_ENDS = "".join(lang.sentence_ends for lang in LANGUAGES)
SENTENCE_END = re.compile(
    r"[.!?](?:\[\d+\])*[\"”’)\]]*\s+(?=[\"“‘(\[]*[0-9" + _STARTS + "])"
    + (f"|[{_ENDS}]" if _ENDS else "")
)
# A place name in capitals at the start of a line, a comma, then at most a short date and agency:
# "ASTANA, Kazakhstan, November 27. " — its full stop ends no sentence.
_DATELINE = re.compile(r"^[ \t]*[A-ZА-ЯЁ][A-ZА-ЯЁ'’ -]{2,},[^.!?\n]{1,40}[.]\s+", re.MULTILINE)
_CUES = re.compile(
    "(?P<future>" + union(lang.future_cues for lang in LANGUAGES) + ")"
    "|(?P<past>" + union(lang.past_cues for lang in LANGUAGES) + ")",
    re.IGNORECASE,
)
_WEAK_PAST = re.compile(union(lang.weak_past for lang in LANGUAGES))
_REACH = 400  # characters a sentence is looked for on either side of a span


class _Spans:
    """The non-overlapping matches of a pattern in a whole text, sorted, for binary search."""

    def __init__(self, pattern: re.Pattern[str], text: str, skip_ends: frozenset[int] = frozenset()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in pattern.finditer(text):
            if m.end() not in skip_ends:
                self.starts.append(m.start())
                self.ends.append(m.end())

    def first_from(self, lo: int) -> int:
        """Index of the first match starting at or after ``lo`` (``len`` when none)."""
        return bisect_left(self.starts, lo)

    def any_within(self, lo: int, hi: int) -> bool:
        """Whether a match lies wholly inside ``[lo, hi)``."""
        i = self.first_from(lo)
        return i < len(self.starts) and self.ends[i] <= hi


class _Blocks:
    """The matches of a costly pattern, found block by block when a window asks for them, each
    block once. A block's matches are those starting in it; the scan reads ``_MARGIN``
    characters past its end, so that a match is not cut by the block's end."""

    _SIZE = 1024
    _MARGIN = 120

    def __init__(self, pattern: re.Pattern[str], text: str):
        self.pattern, self.text = pattern, text
        self.blocks: dict[int, list[tuple[int, int, str]]] = {}

    def _block(self, k: int) -> list[tuple[int, int, str]]:
        found = self.blocks.get(k)
        if found is None:
            start, stop = k * self._SIZE, (k + 1) * self._SIZE
            scan = self.pattern.finditer(self.text, start, min(len(self.text), stop + self._MARGIN))
            found = self.blocks[k] = [
                (m.start(), m.end(), m.lastgroup or "") for m in scan if m.start() < stop
            ]
        return found

    def within(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """The matches lying wholly inside ``[lo, hi)``, in order: (start, end, group name)."""
        if hi <= lo:
            return []
        return [
            match
            for k in range(lo // self._SIZE, (hi - 1) // self._SIZE + 1)
            for match in self._block(k)
            if match[0] >= lo and match[1] <= hi
        ]


class Sentences:
    """The sentence ends, line breaks and tense cues of one text, each found once.

    Make one per text and ask it about every date in it; :func:`sentence_bounds` and
    :func:`tense` are the one-off forms.

    >>> s = Sentences("It was built in May. It will open on June 6.")
    >>> s.tense(37, 43), s.tense(16, 19), s.ends_within(19, 37), s.breaks_within(0, 44)
    (('future', True), ('past', True), True, False)
    """

    def __init__(self, text: str):
        self.text = text
        self._cues = _Blocks(_CUES, text)
        self._weak_past = _Blocks(_WEAK_PAST, text)

    @cached_property
    def _ends(self) -> _Spans:
        datelines = frozenset(m.end() for m in _DATELINE.finditer(self.text))
        return _Spans(SENTENCE_END, self.text, skip_ends=datelines)

    @cached_property
    def _breaks(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    def ends_within(self, lo: int, hi: int) -> bool:
        """Whether a sentence ends inside ``text[lo:hi]``."""
        return self._ends.any_within(lo, hi)

    def breaks_within(self, lo: int, hi: int) -> bool:
        """Whether ``text[lo:hi]`` holds a line break (a new paragraph)."""
        i = bisect_left(self._breaks, lo)
        return i < len(self._breaks) and self._breaks[i] < hi

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``text[start:end]``: see :func:`sentence_bounds`."""
        text = self.text
        window_start = max(0, start - _REACH)
        lo = text.rfind("\n", window_start, start) + 1 or window_start
        # The last sentence end before the span (its lookahead sees the span's first character).
        ends = self._ends
        i = bisect_right(ends.ends, start) - 1
        if i >= 0 and ends.starts[i] >= lo:
            lo = ends.ends[i]
        window_end = min(len(text), end + _REACH)
        hi = text.find("\n", end, window_end)
        hi = window_end if hi < 0 else hi
        j = ends.first_from(end)  # the first sentence end after the span
        if j < len(ends.starts) and ends.ends[j] <= hi:
            hi = ends.ends[j]
        return lo, hi

    def tense(self, start: int, end: int) -> tuple[str | None, bool]:
        """("past" | "future" | None, whether the cue was strong) for the sentence at a span:
        see :func:`tense`."""
        lo, hi = self.bounds(start, end)
        best: tuple[int, str] | None = None
        for cue_start, cue_end, kind in self._cues.within(lo, hi):
            if cue_start < end and cue_end > start:
                continue  # part of the date itself ("next June")
            distance = start - cue_end if cue_end <= start else cue_start - end
            if best is None or distance < best[0]:
                best = (distance, kind)
        if best:
            return best[1], True
        if self._weak_past.within(lo, start) or self._weak_past.within(end, hi):
            return "past", False
        return None, False


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, as offsets (it may begin with white space).

    >>> text = "It rained. The line opened on June 6. Trains ran."
    >>> lo, hi = sentence_bounds(text, 30, 36)
    >>> text[lo:hi]
    'The line opened on June 6. '
    """
    return _sentences_of(text).bounds(start, end)


def tense(text: str, start: int, end: int) -> tuple[str | None, bool]:
    """Return ("past" | "future" | None, whether the cue was strong) for the sentence at a span.

    >>> tense("Trains will depart on Jan 10.", 22, 28), tense("Trains depart on Jan 10.", 17, 23)
    (('future', True), (None, False))
    """
    return _sentences_of(text).tense(start, end)


@lru_cache(maxsize=2)
def _sentences_of(text: str) -> Sentences:
    """The :class:`Sentences` of ``text``, made once for the one-off forms above: a rule that
    asks them about every weekday or quotation of a long text would otherwise read the whole
    text each time (issue 11: one long paragraph costs work in proportion to its length)."""
    return Sentences(text)

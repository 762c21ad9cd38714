"""Sentences and tense: where the sentence around a date is, and whether it speaks of the past.

The tense of the sentence decides the year of a date written without one
(:mod:`geo.dates.resolve`): the nearest strong cue ("was", "held", "signed"; "will", "is set
to", "upcoming"; 了/已, 将/计划; был/состоялся, будет/состоится) wins, else a weak past form
(an "-ed" verb, a Russian past-tense ending) means past. The cues are each language's
(:class:`geo.dates.rules.Language`), matched ignoring case.

A sentence ends at ". " (or "!", "?", with closing quotes or brackets) before a character that
may open one (a capital or digit, an ideograph), at a Chinese full stop, or at a line break; it
is looked for at most 400 characters either side of the date.
"""

from __future__ import annotations

import re

from geo.dates.languages import LANGUAGES, union

_STARTS = "".join(lang.sentence_starts for lang in LANGUAGES)
_ENDS = "".join(lang.sentence_ends for lang in LANGUAGES)
SENTENCE_END = re.compile(
    r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]*[0-9" + _STARTS + "])" + (f"|[{_ENDS}]" if _ENDS else "")
)
_CUES = re.compile(
    "(?P<future>" + union(lang.future_cues for lang in LANGUAGES) + ")"
    "|(?P<past>" + union(lang.past_cues for lang in LANGUAGES) + ")",
    re.IGNORECASE,
)
_WEAK_PAST = re.compile(union(lang.weak_past for lang in LANGUAGES))
_REACH = 400  # characters a sentence is looked for on either side of a span


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, as offsets (it may begin with white space).

    >>> text = "It rained. The line opened on June 6. Trains ran."
    >>> lo, hi = sentence_bounds(text, 30, 36)
    >>> text[lo:hi]
    'The line opened on June 6. '
    """
    window_start = max(0, start - _REACH)
    lo = text.rfind("\n", window_start, start) + 1 or window_start
    # endpos one past ``start``: the end-of-sentence lookahead must see the span's first character.
    for m in SENTENCE_END.finditer(text, lo, min(len(text), start + 1)):
        if m.end() <= start:
            lo = m.end()
    window_end = min(len(text), end + _REACH)
    hi = text.find("\n", end, window_end)
    hi = window_end if hi < 0 else hi
    m = SENTENCE_END.search(text, end, hi)
    return lo, (m.end() if m else hi)


def tense(text: str, start: int, end: int) -> tuple[str | None, bool]:
    """Return ("past" | "future" | None, whether the cue was strong) for the sentence at a span.

    >>> tense("Trains will depart on Jan 10.", 22, 28), tense("Trains depart on Jan 10.", 17, 23)
    (('future', True), (None, False))
    """
    lo, hi = sentence_bounds(text, start, end)
    best: tuple[int, str] | None = None
    for m in _CUES.finditer(text, lo, hi):
        if m.start() < end and m.end() > start:
            continue
        distance = start - m.end() if m.end() <= start else m.start() - end
        if best is None or distance < best[0]:
            best = (distance, m.lastgroup or "")
    if best:
        return best[1], True
    if _WEAK_PAST.search(text, lo, start) or _WEAK_PAST.search(text, end, hi):
        return "past", False
    return None, False

"""Turn the chosen candidates into dates: infer missing years and months, check, and format.

* A date without a year takes the year of the previous date in the same line (paragraph) whose
  year was written or given relatively ("On June 6 last year ... On September 28 ..."). When
  the month goes backward in a later sentence, the year rolls forward, unless the rolled date
  would fall after publication. A strong tense cue that contradicts the anchored year (a "will"
  sentence resolving before publication) falls back to the tense rule below.
* Otherwise the tense of the sentence (:mod:`geo.dates.tense`) decides. Past: the most recent
  such date not after publication; future: the next not before it; no cue: the occurrence
  nearest to the publication date. Comparisons use the precision both sides share, so with
  ``published="2025-11"`` "Nov 6" is 2025-11-06. Without a publication date, a date whose year
  no earlier date in its line gives is skipped.
* A day alone ("18日") takes the month of the previous date in the line, else the publication
  month (the previous month when the day is after the publication day in a non-future
  sentence, the next when it is before it in a future one).
* Impossible dates ("Feb 30, 2024", "2024-13-01") and ranges that do not go forward are
  dropped, never produced in part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from geo.dates.parts import Parts, Published, iso, parse_published, shift_month, valid
from geo.dates.rules import Found, complete_range
from geo.dates.scan import candidates, longest_first
from geo.dates.tense import Sentences


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text.

    Attributes
    ----------
    start, end : int
        Code-point offsets of the expression, ``text[start:end] == self.text``.
    text : str
        The expression as written.
    date : str
        ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or ``START/END`` (each side any of those) for a
        range.
    precision : str
        ``"day"``, ``"month"``, ``"year"`` or ``"range"``.
    rule : str
        Short name of the rule that matched, e.g. ``"month_day_relative_year"``.
    """

    start: int
    end: int
    text: str
    date: str
    precision: str
    rule: str


@dataclass
class _Anchor:
    """The year and month of the last date in the line whose year is known, and where it ends."""

    year: int
    month: int
    end: int


def compare(parts: Parts, pub: Published) -> int:
    """-1, 0 or 1: ``parts`` before, at or after ``pub`` at the precision both have.

    >>> compare((2025, 11, 6), Published(2025, 11, None))
    0
    """
    a: list[int] = []
    b: list[int] = []
    for mine, theirs in zip(parts, pub.parts(), strict=True):
        if mine is None or theirs is None:
            break
        a.append(mine)
        b.append(theirs)
    return (a > b) - (a < b)


def _year_by_tense(month: int, day: int | None, pub: Published, when: str | None) -> int | None:
    years = [y for y in (pub.year - 1, pub.year, pub.year + 1) if valid(y, month, day)]
    if when == "past":
        years = [y for y in years if compare((y, month, day), pub) <= 0][-1:]
    elif when == "future":
        years = [y for y in years if compare((y, month, day), pub) >= 0][:1]
    if not years:
        return None
    reference = dt.date(pub.year, pub.month or 7, pub.day or (15 if pub.month else 1))

    def distance(year: int) -> tuple[int, int]:
        return abs((dt.date(year, month, day or 15) - reference).days), year

    return min(years, key=distance)


def _infer_day_only(
    sentences: Sentences, found: Found, pub: Published | None, anchor: _Anchor | None
) -> Parts | None:
    day = found.first[2]
    if anchor is not None:
        return (anchor.year, anchor.month, day)
    if pub is None or pub.month is None:
        return None
    year, month = pub.year, pub.month
    if pub.day is not None and day != pub.day:
        when, _ = sentences.tense(found.start, found.end)
        if day > pub.day and when != "future":
            year, month = shift_month(year, month, -1)
        elif day < pub.day and when == "future":
            year, month = shift_month(year, month, 1)
    return (year, month, day)


def _infer_year(
    sentences: Sentences, found: Found, pub: Published | None, anchor: _Anchor | None
) -> tuple[int | None, bool]:
    """Return (year, whether the paragraph's anchor gave it) for a date written without a year."""
    _, month, day = found.first
    assert month is not None
    when, strong = sentences.tense(found.start, found.end) if pub else (None, False)
    if anchor is not None:
        year = anchor.year
        rolled = (year + 1, month, day)
        if (
            month < anchor.month
            and sentences.ends_within(anchor.end, found.start)
            and valid(*rolled)
            and (pub is None or compare(rolled, pub) <= 0)
        ):
            year += 1
        order = 0 if pub is None else compare((year, month, day), pub)
        contradicted = (strong and when == "future" and order < 0) or (
            when != "future" and order > 0
        )
        if valid(year, month, day) and not contradicted:
            return year, True
    if pub is None:
        return None, False
    return _year_by_tense(month, day, pub, when), False


def _mention(text: str, found: Found, first: Parts, last: Parts | None) -> DateMention | None:
    date = iso(first)
    if date is None:
        return None
    precision = "day" if first[2] else "month" if first[1] else "year"
    if last is not None:
        end_date = iso(last)
        order = [tuple(p or 0 for p in side) for side in (first, last)]
        if end_date is None or not order[0] < order[1]:
            return None
        date, precision = f"{date}/{end_date}", "range"
    return DateMention(
        found.start, found.end, text[found.start : found.end], date, precision, found.rule
    )


def find_dates(text: str, published: str | dt.date | None = None) -> list[DateMention]:
    """Find the dates mentioned in ``text`` and resolve them against the publication date.

    Parameters
    ----------
    text : str
        The article text. Lines are treated as paragraphs for carrying a year forward.
    published : str, datetime.date or None
        Publication date, possibly partial: ``"2025-06-18"``, ``"2025-11"`` or ``"2025"``.
        Relative expressions ("last year", "June 6", "yesterday") are resolved against it and
        skipped when it is None or not precise enough; absolute dates are always found.

    Returns
    -------
    list of DateMention
        Sorted by start, non-overlapping (the longest candidate wins).

    Raises
    ------
    TypeError
        If ``text`` is not a str or ``published`` has the wrong type.
    ValueError
        If ``published`` is a string that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Examples
    --------
    >>> [(m.text, m.date, m.precision) for m in find_dates(
    ...     "On June 6 last year, the agreement was signed. On September 28, it was ratified.",
    ...     "2025-06-18")]
    [('June 6 last year', '2024-06-06', 'day'), ('September 28', '2024-09-28', 'day')]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    pub = parse_published(published)
    mentions: list[DateMention] = []
    anchor: _Anchor | None = None
    sentences = Sentences(text)  # read once: every date below looks its sentence up in it
    for found in longest_first(text, candidates(text, pub)):
        if anchor is not None and sentences.breaks_within(anchor.end, found.start):
            anchor = None
        first, last = found.first, found.last
        anchor_used = False
        if first[0] is None and first[1] is None:
            parts = _infer_day_only(sentences, found, pub, anchor)
            if parts is None:
                continue
            first = parts
        elif first[0] is None:
            year, anchor_used = _infer_year(sentences, found, pub, anchor)
            if year is None:
                continue
            first = (year, first[1], first[2])
            if last is not None:
                first, last = complete_range(first, (None, last[1], last[2]))
        if first[1] is not None and (found.first[0] is not None or anchor_used):
            final = last if last is not None and last[1] is not None else first
            anchor = _Anchor(final[0], final[1], found.end)
        mention = _mention(text, found, first, last)
        if mention is not None:
            mentions.append(mention)
    return mentions

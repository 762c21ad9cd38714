"""Partial dates: the ``(year, month, day)`` every rule reads, and the publication date.

A rule often knows only part of a date ("June 6" has no year, "18日" has neither year nor month);
the missing parts are ``None`` until :mod:`geo.dates.resolve` infers them. The publication date
may itself be partial (``"2025-11"``), which is why comparisons stop at the precision both sides
share (:func:`geo.dates.resolve.compare`).

>>> iso((2024, 2, 29)), iso((2025, 2, 29)), iso((2025, 6, None))
('2024-02-29', None, '2025-06')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

Parts = tuple[int | None, int | None, int | None]  # year, month, day; None = unknown / absent


@dataclass(frozen=True)
class Published:
    """The publication date that relative and year-less dates are resolved against."""

    year: int
    month: int | None
    day: int | None

    def parts(self) -> Parts:
        return (self.year, self.month, self.day)


_PUBLISHED_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


def parse_published(published: str | dt.date | None) -> Published | None:
    """Read ``"2025-06-18"``, ``"2025-06"``, ``"2025"``, an ISO datetime or a ``datetime.date``.

    Raises
    ------
    TypeError
        If ``published`` is not a str, a date or None.
    ValueError
        If it is a string that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a time after a
        ``T`` or space is ignored), or names an impossible date; the message quotes it.

    >>> parse_published("2025-11")
    Published(year=2025, month=11, day=None)
    """
    if published is None or published == "":
        return None
    if isinstance(published, dt.date):  # also datetime.datetime
        return Published(published.year, published.month, published.day)
    if not isinstance(published, str):
        raise TypeError(
            f"published must be a str, datetime.date or None, not {type(published).__name__}"
        )
    m = _PUBLISHED_RE.match(published.strip())
    parts = (int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])) if m else None
    if parts is None or iso(parts) is None:
        raise ValueError(
            f"published {published!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
        )
    return Published(parts[0], parts[1] or None, parts[2] or None)


def valid(year: int, month: int, day: int | None) -> bool:
    """Whether the month exists and, if given, the day exists in that month of that year."""
    return 1 <= month <= 12 and (day is None or 1 <= day <= calendar.monthrange(year, month)[1])


def iso(parts: Parts) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` for the known leading parts; None if impossible."""
    year, month, day = parts
    if year is None or not 1 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}"
    if not valid(year, month, day):
        return None
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    """The (year, month) ``offset`` months away.

    >>> shift_month(2025, 1, -1)
    (2024, 12)
    """
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1

"""The one helper the date tests share (``tests/unit/test_dates*.py``)."""

from __future__ import annotations

import datetime as dt

from geo.dates import find_dates


def found(text: str, published: str | dt.date | None = None) -> list[tuple[str, str, str]]:
    """``(text, date, precision)`` of each date found in ``text``."""
    return [(m.text, m.date, m.precision) for m in find_dates(text, published)]

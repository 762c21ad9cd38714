"""The languages whose dates are read: the one list to extend when a language is added.

Each entry is the ``LANGUAGE`` of a module in this package (see
:class:`geo.dates.rules.Language`). Every rule of every language runs on every text, whatever
language the text is declared in: quotations and names cross languages, and a rule only fires on
its own words. The order matters only where two rules find a candidate of the same length at the
same place (the earlier rule wins), which no two languages here can do.

To add a language: write ``geo/dates/<code>.py`` with its rules and words in a ``LANGUAGE``
(``ru.py`` is the closest model for a language with case endings), add it below, and give it a
test file ``tests/unit/test_dates_<code>.py``.
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.dates import en, kk, ky, ru, uz, zh
from geo.dates.rules import Language

LANGUAGES: tuple[Language, ...] = (
    en.LANGUAGE,
    zh.LANGUAGE,
    ru.LANGUAGE,
    kk.LANGUAGE,
    ky.LANGUAGE,
    uz.LANGUAGE,
)


def union(fragments: Iterable[str]) -> str:
    """The non-empty ``fragments`` as one alternation; one that never matches when none is left.

    >>> union(["a|b", "", "c"]), union(["", ""])
    ('a|b|c', '(?!)')
    """
    return "|".join(f for f in fragments if f) or "(?!)"

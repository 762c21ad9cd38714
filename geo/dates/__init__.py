"""Find the dates an article mentions and resolve them to ISO dates, ranges and precisions.

Dates are found by hand-written rules, one compiled pattern per family, grouped by language;
every rule has a short name that is reported with each mention, so a wrong date can be traced to
the rule that made it. The package, in the order a text goes through it:

- :mod:`~geo.dates.rules` — the shape of a rule and of a language, and the readers' helpers;
- :mod:`~geo.dates.en`, :mod:`~geo.dates.ru`, :mod:`~geo.dates.zh` — one module per language:
  its month names, rules and words; :mod:`~geo.dates.languages` lists them;
- :mod:`~geo.dates.numeric` — ISO and numeric dates, year ranges; :mod:`~geo.dates.years` — bare
  years in context (both the same in every language);
- :mod:`~geo.dates.scan` — every rule over the text, then the longest non-overlapping candidates;
- :mod:`~geo.dates.tense` — the sentence around a date and its tense;
- :mod:`~geo.dates.resolve` — missing years and months inferred, dates checked and formatted;
  :mod:`~geo.dates.parts` — partial dates and the publication date.

Each module's docstring states its decisions; the tests are ``tests/unit/test_dates*.py``.

Examples
--------
>>> [(m.text, m.date) for m in find_dates("The forum was held on Nov 6.", "2025-11")]
[('Nov 6', '2025-11-06')]
"""

from geo.dates.resolve import DateMention, find_dates
from geo.dates.tense import sentence_bounds

__all__ = ["DateMention", "find_dates", "sentence_bounds"]

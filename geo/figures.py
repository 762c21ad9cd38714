"""Compare the figures the sources give for one feature: every sourced value of a quantity side by
side, newest first, with how far they disagree — and the length measured along our own drawing
beside them, labelled as ours, never as a source's.

Rules (the feature card shows their result; ``data/README.md`` states them for curators):

- **Groups.** Figures are compared only when they claim the same quantity: the same metric,
  country and scope, in units of one family (km, m and mi are one family; each currency is its
  own, since the atlas does not convert money); a volume is also compared only with volumes of the
  same period (its ``as_of``). Give a figure a ``scope`` ("first stage", "Torugart–Makmal")
  when two true values of one metric would otherwise look like a disagreement.
- **Units.** Within a group, values are converted to the unit most of them use (ties: the unit
  listed first in :data:`geo.model.UNITS`) before they are compared or shown.
- **Order.** Newest first by ``as_of`` (a month before its year: "2025-07" before "2025"), then by
  the source's publication date, newest first.
- **Spread.** For two or more values, ``(max - min) / max``: 523, 532 and 454 km differ by
  (532 - 454) / 532 = 14.7%, shown as "sources differ by up to 15%" (below 1%: "less than 1%");
  equal values "agree".
- **Measured.** A route's length measured along its drawn geometry (and its km in a country, for
  that country's section length) is shown with the group, named for its geometry quality:
  "421 km measured along our schematic drawing — not a published figure". A route always gets a
  length group, even when no source states its length.

Examples
--------
>>> rows = pd.DataFrame({"id": ["a", "b"], "metric": ["length"] * 2, "value": [523.0, 454.0],
...     "unit": ["km", "km"], "country": [None, None], "scope": [None, None],
...     "as_of": ["2025-07", "2019"], "source": ["s1", "s2"], "passage_id": ["s1:0", "s2:0"],
...     "start": [0, 0], "end": [6, 6], "quote": ["523 km", "454 km"]})
>>> (g,) = compare_figures(rows, {"s1": ("Wikipedia", "2025-07-01"), "s2": ("Trend", "2019")})
>>> [v.text for v in g.values], g.flag
(['523 km', '454 km'], 'sources differ by up to 13%')
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from geo.model import METRICS, UNITS
from geo.names import country_name

__all__ = ["MetricGroup", "Measured", "SourcedValue", "compare_figures", "format_value"]

MEASURED_ALONG = {
    "schematic": "measured along our schematic drawing",
    "approximate": "measured along our approximate drawing",
    "traced": "measured along our traced line",
    "surveyed": "measured along the surveyed line",
}
NOT_PUBLISHED = "not a published figure"


@dataclass(frozen=True)
class SourcedValue:
    """One figure as the card shows it: its value in the group's unit (``text``; a converted value
    is followed by the value as its source gave it, "523 km (325 mi)"), the figure's id,
    as-of date, source (id, publisher, publication date) and the span that states it."""

    figure: str
    text: str
    value: float  # in the group's unit
    as_of: str
    source: str
    publisher: str
    published: str
    quote: str
    passage_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Measured:
    """What we measured on the drawing: the route's length, its km per country (ISO code) and
    the geometry quality that says how far to trust them."""

    length_km: float | None
    km_by_country: dict[str, float]
    quality: str


@dataclass(frozen=True)
class MetricGroup:
    """The values of one quantity (see the module's rules), newest first.

    ``spread`` is ``(max - min) / max`` of the values (None with fewer than two); ``measured`` the
    labelled length measured along our drawing, when the group is a length we can measure."""

    metric: str
    label: str
    unit: str
    values: tuple[SourcedValue, ...]
    spread: float | None
    measured: str | None

    @property
    def summary(self) -> str:
        """The values side by side, each once, with how many sources give it when more than one
        ("523 km (4 sources) · 532.53 km"), newest value first.

        >>> v = lambda t: SourcedValue(t, t, 0.0, "", "", "", "", "", "", 0, 0)
        >>> g = MetricGroup("length", "Length", "km",
        ...                 tuple(map(v, ["523 km", "523 km", "532.53 km", "523 km"])), 0.02, None)
        >>> g.summary
        '523 km (3 sources) · 532.53 km'
        """
        counts: dict[str, int] = {}
        for v in self.values:
            counts[v.text] = counts.get(v.text, 0) + 1
        return " · ".join(f"{t} ({n} sources)" if n > 1 else t for t, n in counts.items())

    @property
    def flag(self) -> str | None:
        """ "sources differ by up to 15%", "sources agree", or None for a single value."""
        if self.spread is None:
            return None
        if self.spread == 0:
            return "sources agree"
        pct = round(self.spread * 100)
        return f"sources differ by {'less than 1%' if pct == 0 else f'up to {pct}%'}"


def format_value(value: float, unit: str, digits: int = 6) -> str:
    """A value with its unit as the card writes it, to ``digits`` significant digits (large
    values in words); ``count`` has no unit.

    >>> format_value(4.7e9, "USD"), format_value(1435, "mm"), format_value(27, "count")
    ('4.7 billion USD', '1,435 mm', '27')
    >>> format_value(4484000, "t"), format_value(12.5, "km")
    ('4.484 million t', '12.5 km')
    """
    for factor, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= factor:
            number = f"{value / factor:,.{min(digits, 4)}g} {word}"
            break
    else:
        number = f"{value:,.{digits}g}"
    return number if unit == "count" else f"{number} {unit}"


def _measured(metric: str, country: str | None, measured: Measured | None) -> str | None:
    if measured is None:
        return None
    km = measured.length_km if metric == "length" else None
    if metric == "section_length" and country is not None:
        km = measured.km_by_country.get(country)
    if km is None:
        return None
    along = MEASURED_ALONG.get(measured.quality, f"measured along our {measured.quality} drawing")
    return f"{format_value(round(km), 'km')} {along} — {NOT_PUBLISHED}"


def _label(metric: str, country: str | None, scope: str | None, period: str | None) -> str:
    label = METRICS[metric].label
    if country:
        label += f" in {country_name(country)}"
    if period:
        label += f" in {period}"
    if scope:
        label += f" ({scope})"
    return label


def _group(
    key: tuple, rows: list, sources: dict[str, tuple[str, str]], measured: Measured | None
) -> MetricGroup:
    metric, country, scope, family, period = key
    counts = Counter(r.unit for r in rows)
    order = list(UNITS)
    family_units = [u for u in order if UNITS[u][0] == family]
    unit = min(counts or family_units[:1], key=lambda u: (-counts[u], order.index(u)))
    base = UNITS[unit][1]
    values = []
    for r in rows:
        value = r.value * UNITS[r.unit][1] / base
        text = format_value(r.value, unit)
        if r.unit != unit:  # converted: shown rounded, with the value as the source gave it
            text = f"{format_value(value, unit, digits=4)} ({format_value(r.value, r.unit)})"
        publisher, published = sources.get(r.source, (r.source, ""))
        values.append(
            SourcedValue(
                figure=r.id,
                text=text,
                value=value,
                as_of=r.as_of,
                source=r.source,
                publisher=publisher,
                published=published,
                quote=r.quote,
                passage_id=r.passage_id,
                start=int(r.start),
                end=int(r.end),
            )
        )
    values.sort(key=lambda v: (v.as_of, v.published, v.figure), reverse=True)
    spread = None
    if len(values) > 1:
        top = max(v.value for v in values)
        spread = 0.0 if top == 0 else (top - min(v.value for v in values)) / top
    return MetricGroup(
        metric=metric,
        label=_label(metric, country, scope, period),
        unit=unit,
        values=tuple(values),
        spread=spread,
        measured=_measured(metric, country, measured) if not scope and not period else None,
    )


def compare_figures(
    figures: pd.DataFrame,
    sources: dict[str, tuple[str, str]],
    measured: Measured | None = None,
) -> list[MetricGroup]:
    """The groups of one feature's figures, in the order of :data:`geo.model.METRICS` (then by
    country, scope and period, the newest period first).

    Parameters
    ----------
    figures : rows shaped like ``Atlas.figures``, all about one feature.
    sources : source id → (publisher, publication date), for the values' source lines.
    measured : the feature's measured length and km per country, for a route; None for a site.
    """
    # Rows as tuples, read once: a DataFrame per group (iloc) cost more than the rest of the card.
    groups: dict[tuple, list] = {}
    for r in figures.itertuples(index=False):
        country = r.country if isinstance(r.country, str) else None
        scope = r.scope if isinstance(r.scope, str) else None
        period = r.as_of if METRICS[r.metric].per_period else None
        groups.setdefault((r.metric, country, scope, UNITS[r.unit][0], period), []).append(r)
    if measured is not None and measured.length_km is not None:
        groups.setdefault(("length", None, None, "distance", None), [])
    metrics = list(METRICS)

    def order(key: tuple) -> tuple:
        metric, country, scope, family, period = key
        return (metrics.index(metric), country or "", scope or "", family, _newest(period))

    return [_group(key, groups[key], sources, measured) for key in sorted(groups, key=order)]


def _newest(period: str | None) -> tuple[int, ...]:
    """A sort key putting later periods first ("2025" before "2024")."""
    return tuple(-int(part) for part in (period or "0").split("-"))

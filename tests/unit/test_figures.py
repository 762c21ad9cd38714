"""Comparing the figures sources give for a feature: groups, units, order, spread, and our own
measurement beside them — on tiny inline figures."""

import pandas as pd
import pytest

from geo.figures import Measured, compare_figures, format_value
from geo.load import FIGURE_COLUMNS

SOURCES = {
    "wiki": ("Wikipedia", "2025-07-01"),
    "trend": ("Trend News Agency", "2025-04-29"),
    "kun": ("Kun.uz", "2024-05-07"),
    "rferl": ("RFE/RL", "2020-02-04"),
}


def figures(*rows: dict) -> pd.DataFrame:
    """Figures of one feature from (metric, value, unit, as_of, source, …) dicts."""
    full = []
    for i, r in enumerate(rows):
        full.append(
            {
                "id": r.get("id", f"f{i}"),
                "feature": "cku_railway",
                "country": None,
                "scope": None,
                "passage": 0,
                "passage_id": f"{r['source']}:0",
                "start": 0,
                "end": 3,
                "quote": str(r["value"]),
                **r,
            }
        )
    return pd.DataFrame(full, columns=FIGURE_COLUMNS)


def fig(metric, value, unit, as_of, source, **more):
    return {
        "metric": metric,
        "value": value,
        "unit": unit,
        "as_of": as_of,
        "source": source,
        **more,
    }


def length(value, as_of, source, unit="km"):
    return fig("length", value, unit, as_of, source)


def test_disagreeing_values_side_by_side_newest_first_with_the_spread():
    (g,) = compare_figures(
        figures(
            length(454, "2020-02", "rferl"),
            length(523, "2025-07", "wiki"),
            length(532, "2024-05-07", "kun"),
        ),
        SOURCES,
    )
    assert [v.text for v in g.values] == ["523 km", "532 km", "454 km"]
    assert [v.publisher for v in g.values] == ["Wikipedia", "Kun.uz", "RFE/RL"]
    assert g.spread == pytest.approx((532 - 454) / 532)
    assert g.flag == "sources differ by up to 15%"


def test_equal_values_agree_and_one_value_is_not_compared():
    (g,) = compare_figures(figures(length(523, "2025", "wiki"), length(523, "2025", "trend")), {})
    assert g.spread == 0 and g.flag == "sources agree"
    (g,) = compare_figures(figures(length(523, "2025", "wiki")), {})
    assert g.spread is None and g.flag is None


def test_a_tiny_difference_is_less_than_one_percent():
    (g,) = compare_figures(figures(length(1000, "2025", "wiki"), length(999, "2025", "kun")), {})
    assert g.flag == "sources differ by less than 1%"


def test_units_of_one_family_are_converted_before_comparing():
    (g,) = compare_figures(
        figures(
            length(523, "2025", "wiki"),
            length(523_000, "2024", "kun", unit="m"),
            length(325, "2023", "trend", unit="mi"),
        ),
        {},
    )
    assert g.unit == "km"  # what most values use
    assert [v.text for v in g.values] == ["523 km", "523 km (523,000 m)", "523 km (325 mi)"]
    assert g.spread == pytest.approx((325 * 1.609344 - 523) / (325 * 1.609344))


def test_what_is_not_the_same_quantity_is_not_compared():
    rows = figures(
        fig("cost", 4.7e9, "USD", "2025", "trend"),
        fig("cost", 8.8e8, "CNY", "2011", "kun"),
        fig("section_length", 305, "km", "2025", "wiki", country="KG"),
        fig("section_length", 311, "km", "2024", "kun", country="KG"),
        fig("section_length", 69, "km", "2025", "wiki", country="UZ"),
        fig("gauge", 1435, "mm", "2025", "trend", scope="Torugart–Makmal"),
        fig("gauge", 1520, "mm", "2025", "trend", scope="Makmal–Jalal-Abad"),
        fig("volume", 4.484e6, "t", "2024", "trend"),
        fig("volume", 4.5e6, "t", "2024", "kun"),
        fig("volume", 2.764e6, "t", "2023", "trend"),
    )
    groups = compare_figures(rows, SOURCES)
    assert [(g.label, [v.text for v in g.values], g.flag) for g in groups] == [
        ("Section length in Kyrgyzstan", ["305 km", "311 km"], "sources differ by up to 2%"),
        ("Section length in Uzbekistan", ["69 km"], None),
        ("Gauge (Makmal–Jalal-Abad)", ["1,520 mm"], None),
        ("Gauge (Torugart–Makmal)", ["1,435 mm"], None),
        ("Cost", ["880 million CNY"], None),
        ("Cost", ["4.7 billion USD"], None),
        ("Volume in 2024", ["4.484 million t", "4.5 million t"], "sources differ by less than 1%"),
        ("Volume in 2023", ["2.764 million t"], None),
    ]


MEASURED = Measured(length_km=421.46, km_by_country={"KG": 250.4, "CN": 110.0}, quality="schematic")


def test_the_measured_length_stands_beside_the_published_ones_labelled_as_ours():
    rows = figures(
        length(523, "2025", "wiki"),
        fig("section_length", 305, "km", "2025", "wiki", country="KG"),
    )
    total, kg = compare_figures(rows, SOURCES, MEASURED)
    assert [v.text for v in total.values] == ["523 km"]  # never counted as a source's value
    assert total.measured == "421 km measured along our schematic drawing — not a published figure"
    assert kg.measured == "250 km measured along our schematic drawing — not a published figure"


def test_a_route_without_a_published_length_still_shows_its_measured_one():
    (g,) = compare_figures(figures(), {}, Measured(12.0, {}, "traced"))
    assert g.label == "Length" and g.values == () and g.flag is None
    assert g.measured == "12 km measured along our traced line — not a published figure"
    assert compare_figures(figures(), {}, None) == []


def test_values_are_written_for_reading():
    assert format_value(4_700_000_000, "USD") == "4.7 billion USD"
    assert format_value(15_000_000, "t/year") == "15 million t/year"
    assert format_value(11_604, "containers") == "11,604 containers"
    assert format_value(46, "count") == "46"

"""The timeline's frame, window, axis, legend and highlight, on tiny frames of events."""

import pandas as pd
import pytest

from geo.timeline import (
    FOCUS,
    HIGHLIGHT,
    axis_ticks,
    default_window,
    timeline_chart,
    with_highlight,
)


def events(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """A timeline frame from (id, project, start day) rows, each one day long."""
    out = pd.DataFrame(rows, columns=["id", "project", "start"])
    out["start"] = pd.to_datetime(out["start"])
    out["end"] = out["start"] + pd.Timedelta(days=1)
    out["title"] = out["date"] = out["source"] = out["id"]
    out["precision"], out["shape"] = "day", "circle"
    return out


def test_the_window_fits_the_events_with_a_margin():
    start, end, earlier = default_window(events(("a", "P", "2024-06-01"), ("b", "P", "2025-03-01")))
    assert earlier == 0
    assert pd.Timestamp("2024-05-01") < start < pd.Timestamp("2024-06-01")
    assert pd.Timestamp("2025-03-02") < end < pd.Timestamp("2025-04-01")


def test_an_old_event_is_left_out_and_the_window_starts_at_the_next():
    frame = events(("old", "P", "1991-05-01"), ("a", "P", "2024-06-01"), ("b", "P", "2025-03-01"))
    start, end, earlier = default_window(frame)
    assert earlier == 1
    # not at the start of the four-year period (2022), but at the first event drawn
    assert pd.Timestamp("2024-05-01") < start < pd.Timestamp("2024-06-01")


@pytest.mark.parametrize(
    ("start", "end", "labels", "fmt"),
    [
        ("2021-11-01", "2025-02-01", [2022, 2023, 2024, 2025], "%Y"),
        ("2024-05-01", "2025-11-30", [(2024, 7), (2024, 10), (2025, 1), (2025, 4)], "%b %Y"),
        ("2025-02-10", "2025-05-01", [(2025, 4)], "%b %Y"),
    ],
)
def test_the_axis_is_labelled_in_years_or_with_the_year(start, end, labels, fmt):
    ticks, got = axis_ticks(pd.Timestamp(start), pd.Timestamp(end))
    assert got == fmt
    shown = [t["year"] if fmt == "%Y" else (t["year"], t["month"]) for t in ticks]
    assert shown[: len(labels)] == labels


def test_the_legend_lists_only_the_projects_drawn():
    frame = events(("a", "Railway", "2024-06-01"), ("b", "(context)", "2025-03-01"))
    colors = {"Railway": "#0072B2", "Port": "#E69F00", "Train": "#CC79A7"}
    spec = timeline_chart(frame, colors).to_dict()
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["values"] == ["Railway", "(context)"]
    # the colours stay those of every project, so a project keeps its colour under any filter
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"][:3] == list(colors)
    assert "expr" in legend["columns"]  # the legend wraps to the chart's width


def test_the_chosen_event_is_marked_apart_from_the_highlighted_ones():
    frame = events(("a", "P", "2024-06-01"), ("b", "P", "2025-03-01"))
    spec = with_highlight(timeline_chart(frame, {"P": "#0072B2"}).to_dict(), {"a", "b"}, "b")
    params = {p["name"]: p.get("value") for p in spec["params"]}
    assert params[HIGHLIGHT] == ["a", "b"] and params[FOCUS] == ["b"]
    markers = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    size = markers["encoding"]["size"]
    assert FOCUS in size["condition"]["test"] and size["condition"]["value"] > size["value"]
    rule = next(layer for layer in spec["layer"] if "strokeDash" in layer["mark"])
    assert FOCUS in str(rule["transform"])  # a line across the chart at the chosen event

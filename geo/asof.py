"""The atlas as of a date: each feature's status then, what the sources had published by then,
how the map draws a status, and the dates a reader steps through.

Two clocks, as the reader is told on the page: the map draws each feature with the status it had
on the day (its phases as the sources now tell them, :mod:`geo.phases`), while the counts, the
panel and the timeline show only what was known by then — sources published by that day, and
the events they report that had happened by then (:func:`geo.filter.filter_atlas`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from geo.load import Atlas
from geo.phases import day_bounds, status_at

# How the map draws a status (issue 12): not yet there → not drawn; before construction → faint;
# under construction → dashed; in use → solid. Suspended and cancelled features stay faint.
SOLID, DASHED, FAINT, HIDDEN = "solid", "dashed", "faint", "hidden"
DRAW_CLASS: dict[str, str] = {
    "operational": SOLID,
    "existing": SOLID,
    "under_construction": DASHED,
    "proposed": FAINT,
    "agreed": FAINT,
    "planned": FAINT,
    "suspended": FAINT,
    "cancelled": FAINT,
}
DRAW_CLASS_LABELS: dict[str, str] = {
    SOLID: "operational (or a place that exists)",
    DASHED: "under construction",
    FAINT: "proposed, agreed, planned, suspended or cancelled",
}


def draw_class(status: str | None) -> str:
    """How the map draws a feature with ``status`` (None: not there yet → hidden).

    >>> draw_class("under_construction"), draw_class(None)
    ('dashed', 'hidden')
    """
    return DRAW_CLASS.get(status, SOLID) if status is not None else HIDDEN


def statuses_on(atlas: Atlas, day: dt.date | None) -> dict[str, str | None]:
    """Feature id → its status on ``day`` (None: not there yet); with no day, today's status
    (the present status of ``corridors.geojson``)."""
    present = dict(zip(atlas.features["id"], atlas.features["status"], strict=True))
    if day is None:
        return present
    return {
        fid: status_at(atlas.histories[fid], day) if fid in atlas.histories else status
        for fid, status in present.items()
    }


def draw_classes(statuses: Mapping[str, str | None]) -> dict[str, str]:
    """Feature id → how the map draws it, for every feature (hidden ones included)."""
    return {fid: draw_class(s) for fid, s in statuses.items()}


def features_on(features: gpd.GeoDataFrame, statuses: Mapping[str, str | None]) -> gpd.GeoDataFrame:
    """``features`` as they stood: ``status`` replaced by the status then, and those not there
    yet left out."""
    then = features["id"].map(statuses)
    out = features[then.notna()].copy()
    out["status"] = then[then.notna()]
    return out


def published_by(atlas: Atlas, day: dt.date) -> set[str]:
    """The ids of the sources certainly published by ``day`` (a source dated to a month or a year
    counts from that period's last day)."""
    return {sid for sid, m in atlas.sources.items() if day_bounds(m.published)[1] <= day}


def later_sources(atlas: Atlas, day: dt.date | None) -> int:
    """How many sources were published after ``day`` (0 with no day): hidden from the panel."""
    return 0 if day is None else len(atlas.sources) - len(published_by(atlas, day))


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def first_year(atlas: Atlas) -> int | None:
    """The year of the earliest dated phase or event, None when there is neither."""
    years = [p.start.year for h in atlas.histories.values() if h.dated for p in h.phases]
    if len(atlas.events):
        years.append(int(atlas.events["start"].min().year))
    return min(years) if years else None


def year_stops(atlas: Atlas, today: dt.date) -> list[dt.date]:
    """The dates the time slider offers: the last day of every year from :func:`first_year` to
    the year before ``today``, then ``today`` itself."""
    first = first_year(atlas)
    if first is None:
        return [today]
    return [_year_end(y) for y in range(first, today.year)] + [today]


def play_frames(atlas: Atlas, today: dt.date) -> list[dt.date | None]:
    """The frames of a playback: the end of each year in which something happened (an event or a
    status change), in order, ending on today (None: the view without a date)."""
    changed = {p.start.year for h in atlas.histories.values() if h.dated for p in h.phases}
    changed |= {int(y) for y in pd.DatetimeIndex(atlas.events["start"]).year}
    frames: list[dt.date | None] = [_year_end(y) for y in sorted(changed) if y < today.year]
    return [*frames, None]


def stop_label(day: dt.date, today: dt.date) -> str:
    """How the slider names a date: the year for a year's end, ``today``, else the day.

    >>> t = dt.date(2026, 3, 1)
    >>> stop_label(dt.date(2024, 12, 31), t), stop_label(t, t), stop_label(dt.date(2024, 6, 1), t)
    ('2024', 'today', '2024-06-01')
    """
    if day == today:
        return "today"
    if (day.month, day.day) == (12, 31):
        return str(day.year)
    return day.isoformat()

"""Where the map looks: one rule frames the features in view, a selection, and a refit on resize.

The map state (:mod:`geo.draw.state`) carries a *frame*, :func:`frame_of`: the box to show and
:func:`fit_options`, the options of Leaflet's ``fitBounds`` — :data:`PADDING_PX` pixels kept clear
on every side, at most :data:`MAX_ZOOM`, and a single point (a site) at :data:`SITE_ZOOM`. The
map's script fits it with the map's real size whenever the frame changes, and fits it again when
the map is resized before the reader has moved it (``static/map/atlas-map.js``).
"""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd

from geo.draw.inputs import rows_with_id, to_wgs84

__all__ = [
    "MAX_ZOOM",
    "MIN_ZOOM",
    "PADDING_PX",
    "SITE_ZOOM",
    "bounds_of",
    "fit_options",
    "frame_around",
    "frame_at",
    "frame_of",
    "within_countries",
]

PADDING_PX = 40
"""Pixels kept clear on each side of a fitted feature: its ends stay off the map's edge and
mostly clear of the corner controls (zoom, layers, full screen: 44 px squares)."""

MAX_ZOOM = 9
"""The closest a fit goes: at zoom 9 a short route still shows the towns around it."""

SITE_ZOOM = 7
"""The zoom of a fit to a single point (a site), which has no extent to fit."""

MIN_ZOOM = 2
"""The farthest the map zooms out (the whole world fits at 2)."""

EMPTY_CENTER = (43.0, 70.0)  # Central Asia, for an atlas with nothing to fit
EMPTY_ZOOM = 4

Bounds = tuple[float, float, float, float]
"""West, south, east, north in degrees."""


def bounds_of(frames: Iterable[gpd.GeoDataFrame]) -> Bounds | None:
    """The box around every geometry of ``frames`` in longitude/latitude, or ``None`` when
    they are all empty.

    >>> from shapely import Point
    >>> a = gpd.GeoDataFrame(geometry=[Point(70, 40), Point(76, 42)], crs=4326)
    >>> bounds_of([a, a.iloc[0:0]])
    (70.0, 40.0, 76.0, 42.0)
    """
    boxes = [to_wgs84(f).total_bounds for f in frames if len(f)]
    if not boxes:
        return None
    return (
        float(min(b[0] for b in boxes)),
        float(min(b[1] for b in boxes)),
        float(max(b[2] for b in boxes)),
        float(max(b[3] for b in boxes)),
    )


def fit_options(bounds: Bounds) -> dict:
    """Leaflet's ``fitBounds`` options for ``bounds``: the padding, and the zoom it may reach.

    >>> fit_options((70.0, 40.0, 76.0, 42.0))
    {'padding': [40, 40], 'maxZoom': 9}
    >>> fit_options((75.4, 40.55, 75.4, 40.55))["maxZoom"]  # a point
    7
    """
    west, south, east, north = bounds
    is_point = east - west < 1e-9 and north - south < 1e-9
    return {"padding": [PADDING_PX, PADDING_PX], "maxZoom": SITE_ZOOM if is_point else MAX_ZOOM}


def frame_of(
    routes: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    selected: str | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
) -> dict:
    """The frame a map state shows: the selected feature, else every route and site, else the
    country outlines, else Central Asia.

    Parameters
    ----------
    routes, sites : GeoDataFrame
        What the map draws, with an ``id`` column, in any CRS.
    selected : str, optional
        The id of the route or site to show; one that is not drawn is ignored.
    boundaries : GeoDataFrame, optional
        The country outlines, framed when there is no route or site.

    Returns
    -------
    dict
        ``{"bounds": [[south, west], [north, east]], "options": fit_options(...)}``, or
        ``{"center": [lat, lon], "zoom": z}`` when there is nothing to fit.

    Examples
    --------
    >>> from shapely import LineString, Point
    >>> r = gpd.GeoDataFrame({"id": ["a"]}, geometry=[LineString([(70, 40), (76, 42)])], crs=4326)
    >>> s = gpd.GeoDataFrame({"id": ["b"]}, geometry=[Point(75.4, 40.55)], crs=4326)
    >>> frame_of(r, s, "b")
    {'bounds': [[40.55, 75.4], [40.55, 75.4]], 'options': {'padding': [40, 40], 'maxZoom': 7}}
    >>> frame_of(r, s)["bounds"]
    [[40.0, 70.0], [42.0, 76.0]]
    >>> frame_of(r.iloc[0:0], s.iloc[0:0])
    {'center': [43.0, 70.0], 'zoom': 4}
    """
    # Routes first: an id names one feature, so the sites need no look once a route has it.
    if selected:
        for frame in (routes, sites):
            if len(rows := rows_with_id(frame, selected)):
                return frame_around([rows])
    if bounds_of((routes, sites)) is None and boundaries is not None:
        return frame_around([boundaries])
    return frame_around([routes, sites])


def frame_around(frames: Iterable[gpd.GeoDataFrame]) -> dict:
    """The frame that shows every geometry of ``frames`` (see :func:`frame_of`), or Central Asia
    when they are empty.

    >>> from shapely import Point
    >>> frame_around([gpd.GeoDataFrame(geometry=[Point(75.4, 40.55)], crs=4326)])["options"]
    {'padding': [40, 40], 'maxZoom': 7}
    """
    bounds = bounds_of(frames)
    if bounds is None:
        return {"center": list(EMPTY_CENTER), "zoom": EMPTY_ZOOM}
    west, south, east, north = bounds
    return {"bounds": [[south, west], [north, east]], "options": fit_options(bounds)}


def frame_at(position: tuple[float, float, int]) -> dict:
    """The frame of a map position the reader moved the map to (``lat, lon, zoom``, as a link's
    ``map`` parameter carries it): shown as it is.

    >>> frame_at((41.3, 74.5, 6))
    {'center': [41.3, 74.5], 'zoom': 6}
    """
    lat, lon, zoom = position
    return {"center": [lat, lon], "zoom": zoom}


def within_countries(
    routes: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame, countries: Iterable[str]
) -> gpd.GeoDataFrame:
    """``routes`` cut to the outlines of ``countries`` (ISO alpha-2 codes), so that a country
    filter frames the country and not the whole of a network that crosses it (the Middle
    Corridor runs from China to Türkiye). Routes that lie outside every one of them, or no
    country given, leave ``routes`` as they are.

    >>> from shapely import LineString, box
    >>> r = gpd.GeoDataFrame({"id": ["a"]}, geometry=[LineString([(40, 42), (80, 42)])], crs=4326)
    >>> kz = gpd.GeoDataFrame({"iso_a2": ["KZ"]}, geometry=[box(50, 40, 87, 55)], crs=4326)
    >>> within_countries(r, kz, ["KZ"]).total_bounds.tolist()
    [50.0, 42.0, 80.0, 42.0]
    """
    wanted = set(countries)
    if not wanted or not len(routes):
        return routes
    outlines = to_wgs84(boundaries)
    area = outlines[outlines["iso_a2"].isin(wanted)]
    if not len(area):
        return routes
    cut = to_wgs84(routes).clip(area)
    cut = cut[~cut.geometry.is_empty]
    return cut if len(cut) else routes

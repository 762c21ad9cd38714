"""The GeoDataFrames the map is drawn from: what they must hold, checked at the boundary.

Every entry point of :mod:`geo.draw` takes routes, sites or country outlines as GeoDataFrames.
:func:`check_frame` says what is wrong with one (the column, the CRS, the feature) before anything
is drawn; the other helpers read them the same way everywhere in the package.
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd

FEATURE_COLUMNS = ("id", "name", "kind", "project", "status", "geometry_quality")
"""The columns of the routes and sites the map reads; other columns are ignored."""

BOUNDARY_COLUMNS = ("iso_a2", "name")
ROUTE_TYPES = ("LineString", "MultiLineString")
SITE_TYPES = ("Point",)
BOUNDARY_TYPES = ("Polygon", "MultiPolygon")


def check_frame(
    frame: Any, label: str, columns: tuple[str, ...], geom_types: tuple[str, ...]
) -> None:
    """Raise if ``frame`` is not a GeoDataFrame the map can draw, naming what is wrong.

    Parameters
    ----------
    frame : GeoDataFrame
        The routes, sites or boundaries.
    label : str
        How the error message names ``frame`` (``"routes"``, ...).
    columns : tuple of str
        Columns it must have; with ``id`` among them, ids must be unique.
    geom_types : tuple of str
        The geometry types allowed; empty geometries never are.

    Raises
    ------
    TypeError
        If ``frame`` is not a GeoDataFrame.
    ValueError
        If a column, the CRS or a geometry is missing, a geometry has another type or an id
        repeats.

    Examples
    --------
    >>> from shapely import Point
    >>> sites = gpd.GeoDataFrame({"id": ["a"]}, geometry=[Point(70, 40)], crs=4326)
    >>> check_frame(sites, "sites", ("id",), ROUTE_TYPES)
    Traceback (most recent call last):
    ...
    ValueError: sites: feature 'a' is a Point, expected LineString or MultiLineString
    """
    if not isinstance(frame, gpd.GeoDataFrame):
        raise TypeError(f"{label} must be a GeoDataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{label} lacks column(s) {', '.join(missing)}")
    if frame.crs is None and len(frame):
        raise ValueError(f"{label} has no CRS; set it with .set_crs('EPSG:4326')")
    key = "id" if "id" in columns else columns[0]
    for value, geometry in zip(frame[key], frame.geometry, strict=True):
        if geometry is None or geometry.is_empty:
            raise ValueError(f"{label}: feature {value!r} has no geometry")
        if geometry.geom_type not in geom_types:
            raise ValueError(
                f"{label}: feature {value!r} is a {geometry.geom_type}, "
                f"expected {' or '.join(geom_types)}"
            )
    if "id" in columns:
        duplicated = sorted(set(frame.loc[frame["id"].duplicated(), "id"]))
        if duplicated:
            raise ValueError(f"{label}: duplicate id(s) {', '.join(map(str, duplicated))}")


def to_wgs84(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` in longitude/latitude (EPSG:4326), as Leaflet takes coordinates."""
    if frame.crs is None or frame.crs.to_epsg() == 4326:
        return frame
    return frame.to_crs("EPSG:4326")


def rows_with_id(frame: gpd.GeoDataFrame, feature_id: str | None) -> gpd.GeoDataFrame:
    """The rows of ``frame`` whose ``id`` is ``feature_id`` (none for ``None``).

    An empty frame is returned as it is, so a frame built with no columns at all still works.
    """
    return frame[frame["id"] == feature_id] if len(frame) else frame


def text(value: Any) -> str:
    """A cell as text: missing values (``None``, NaN) are the empty string.

    >>> [text(v) for v in ("a", None, float("nan"), 3)]
    ['a', '', '', '3']
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)

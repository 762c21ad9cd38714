"""Measure the atlas's features on the ground: route lengths, the countries a route crosses and the
country a site lies in, all computed from the country boundaries (never typed by hand).

Lengths are geodesic, on the WGS84 ellipsoid (``pyproj.Geod``). A route is taken to run straight
in longitude/latitude between its vertices, as it is drawn on the map; it is cut into pieces of at
most :data:`DENSIFY_DEGREES` before measuring, so that the pieces a route is cut into at borders add
up to its whole length.

Everything here takes and returns GeoDataFrames or DataFrames; nothing imports Streamlit.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

__all__ = [
    "DENSIFY_DEGREES",
    "NO_COUNTRY",
    "as_lonlat",
    "countries_crossed",
    "is_within_km",
    "main_line_km",
    "route_lengths_km",
    "site_countries",
]

GEOD = pyproj.Geod(ellps="WGS84")
WGS84 = pyproj.CRS.from_epsg(4326)
DENSIFY_DEGREES = 0.1
#: ``iso_a2`` of the part of a route that lies in no country: sea (the Caspian is sea in Natural
#: Earth), land outside the boundaries' box, or a territory without an ISO 3166-1 code.
NO_COUNTRY = ""
LINE_TYPES = ("LineString", "MultiLineString")
# Pieces shorter than this (1 m) are noise from cutting a line along a border, not a crossing.
MIN_PIECE_KM = 0.001
BOX_MARGIN_DEGREES = 0.01
NEAR_DENSIFY_DEGREES = 0.001
# Degrees of latitude per km, rounded up so that boxes built from it are never too small.
DEG_PER_KM = 1 / 110.0


def as_lonlat(frame: object, what: str, column: str) -> gpd.GeoDataFrame:
    """Check that ``frame`` is a GeoDataFrame with ``column`` and return it in EPSG:4326."""
    if not isinstance(frame, gpd.GeoDataFrame):
        raise TypeError(f"{what} must be a GeoDataFrame, got {type(frame).__name__}")
    if column not in frame.columns:
        raise ValueError(f"{what} has no {column!r} column (columns: {list(frame.columns)})")
    if frame.crs is None:
        # GeoJSON (RFC 7946) is always longitude/latitude on WGS84.
        return frame.set_crs(WGS84)
    if not frame.crs.equals(WGS84):
        return frame.to_crs(WGS84)
    return frame


def _line_km(geom: shapely.Geometry | None) -> float:
    """Geodesic length in km of the line parts of ``geom`` (points and polygons count 0)."""
    if geom is None or geom.is_empty:
        return 0.0
    if geom.geom_type == "LineString":
        xy = shapely.get_coordinates(geom)
        return GEOD.line_length(xy[:, 0], xy[:, 1]) / 1000
    if geom.geom_type in ("MultiLineString", "GeometryCollection"):
        return sum(_line_km(part) for part in geom.geoms)
    return 0.0


def main_line_km(geom: shapely.Geometry | None) -> float | None:
    """The length in km of a network's main east–west line: the shortest way along its lines
    from its westernmost point to its easternmost, measured as :func:`route_lengths_km` measures
    (``None`` for a single line, which is its own main line, or for branches that do not meet).

    A network of branches (the Middle Corridor) has a total length that reads like a route's
    length but is not one; this is the length of a journey across it. Branches meet where they
    share a vertex (to about 11 m).

    >>> from shapely import MultiLineString
    >>> fork = MultiLineString([[(0, 0), (1, 0)], [(1, 0), (2, 0)], [(1, 0), (1, 1)]])
    >>> round(main_line_km(fork), 1)
    222.6
    """
    if geom is None or geom.geom_type != "MultiLineString" or len(geom.geoms) < 2:
        return None
    edges: dict[tuple, dict[tuple, float]] = {}
    for part in geom.geoms:
        xy = [tuple(np.round(c, 4)) for c in shapely.get_coordinates(part)]
        for a, b in zip(xy[:-1], xy[1:], strict=True):
            km = _line_km(shapely.segmentize(shapely.LineString([a, b]), DENSIFY_DEGREES))
            for u, v in ((a, b), (b, a)):
                old = edges.setdefault(u, {}).get(v)
                edges[u][v] = km if old is None else min(old, km)
    west, east = min(edges), max(edges)
    best = {west: 0.0}
    todo = [(0.0, west)]
    while todo:  # Dijkstra: a network has tens of vertices
        km, node = heapq.heappop(todo)
        if node == east:
            return km
        if km > best[node]:
            continue
        for nxt, step in edges[node].items():
            if km + step < best.get(nxt, math.inf):
                best[nxt] = km + step
                heapq.heappush(todo, (km + step, nxt))
    return None


def route_lengths_km(features: gpd.GeoDataFrame) -> pd.Series:
    """Geodesic length in km of every route, indexed by feature ``id``.

    Parameters
    ----------
    features : GeoDataFrame
        Atlas features with an ``id`` column. LineStrings and MultiLineStrings are measured;
        other geometries (sites) get NaN.

    Returns
    -------
    Series
        Float km named ``km``, index named ``id``, in the order of ``features``.

    Examples
    --------
    >>> from shapely import LineString, Point
    >>> f = gpd.GeoDataFrame({"id": ["a", "b"]},
    ...                      geometry=[LineString([(0, 0), (1, 0)]), Point(0, 0)], crs=4326)
    >>> route_lengths_km(f).round(2).to_dict()
    {'a': 111.32, 'b': nan}
    """
    features = as_lonlat(features, "features", "id")
    dense = shapely.segmentize(features.geometry.values, DENSIFY_DEGREES)
    is_line = features.geom_type.isin(LINE_TYPES).to_numpy()
    km = [_line_km(g) if line else math.nan for g, line in zip(dense, is_line, strict=True)]
    return pd.Series(km, index=pd.Index(features["id"], name="id"), name="km", dtype=float)


def countries_crossed(features: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame) -> pd.DataFrame:
    """Geodesic km of each route inside each country it crosses.

    A route is cut by every country polygon it intersects (found through the boundaries' spatial
    index) and each piece is measured. What is left over (the Caspian crossing of a ferry, say) is
    reported in one row with ``iso_a2`` equal to :data:`NO_COUNTRY` (the empty string). Pieces
    shorter than 1 m, such as a route that only touches a border, are left out. A stretch that runs
    exactly along a border counts for both countries.

    Parameters
    ----------
    features : GeoDataFrame
        Atlas features with an ``id`` column; only LineStrings and MultiLineStrings are used.
    boundaries : GeoDataFrame
        Country polygons with an ``iso_a2`` column (see :func:`geo.validate.read_boundaries`).

    Returns
    -------
    DataFrame
        Columns ``feature_id``, ``iso_a2``, ``km``; sorted by ``feature_id``, then ``km``
        from longest to shortest.

    Examples
    --------
    >>> from shapely import LineString, box
    >>> countries = gpd.GeoDataFrame({"iso_a2": ["KZ", "CN"]},
    ...                              geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs=4326)
    >>> route = gpd.GeoDataFrame({"id": ["r"]},
    ...                          geometry=[LineString([(0.5, 0.5), (2.5, 0.5)])], crs=4326)
    >>> countries_crossed(route, countries).round(1).values.tolist()
    [['r', 'CN', 111.3], ['r', 'KZ', 55.7], ['r', '', 55.7]]
    """
    features = as_lonlat(features, "features", "id")
    boundaries = as_lonlat(boundaries, "boundaries", "iso_a2")
    lines = features.loc[features.geom_type.isin(LINE_TYPES), ["id", "geometry"]]
    lines = lines.set_geometry(shapely.segmentize(lines.geometry.values, DENSIFY_DEGREES))
    country_geoms = boundaries.geometry.values
    codes = boundaries["iso_a2"].to_numpy()

    line_pos, country_pos = boundaries.sindex.query(lines.geometry.values, predicate="intersects")
    rows = []
    for i, line in enumerate(lines.geometry.values):
        feature_id = lines["id"].iat[i]
        # Only the part of a country within the line's box can meet it; cutting the country to
        # that box first makes the intersection several times faster for Russia or China.
        # The margin keeps the line strictly inside the box (a box of a straight east-west line
        # would have no height).
        box = shapely.bounds(line) + np.array([-1, -1, 1, 1]) * BOX_MARGIN_DEGREES
        total = _line_km(line)
        in_countries = 0.0
        for j in country_pos[line_pos == i]:
            near = shapely.clip_by_rect(country_geoms[j], *box)
            km = _line_km(shapely.intersection(line, near))
            rows.append((feature_id, codes[j], km))
            in_countries += km
        # The pieces are measured along the same vertices as the whole line, so the rest is what
        # lies in no country (clamped: a stretch along a border is counted in both countries).
        rows.append((feature_id, NO_COUNTRY, max(total - in_countries, 0.0)))

    out = pd.DataFrame(rows, columns=["feature_id", "iso_a2", "km"])
    out = out.astype({"feature_id": "str", "iso_a2": "str", "km": float})
    out = out[out["km"] >= MIN_PIECE_KM]
    out = out.sort_values(["feature_id", "km"], ascending=[True, False], kind="stable")
    return out.reset_index(drop=True)


def _nearby(lon: float, lat: float, tolerance_km: float) -> tuple[float, float, float, float]:
    """A lon/lat box around a point that holds every place within ``tolerance_km`` of it."""
    dlat = tolerance_km * DEG_PER_KM
    dlon = min(180.0, dlat / max(math.cos(math.radians(min(abs(lat) + dlat, 90.0))), 1e-6))
    return lon - dlon, lat - dlat, lon + dlon, lat + dlat


def _distances_km(
    lon: float, lat: float, geoms: Iterable[shapely.Geometry], tolerance_km: float
) -> list[float]:
    """Geodesic km from (lon, lat) to each geometry, or infinity beyond ``tolerance_km``.

    Each geometry is first cut to the box around the point that holds everything within the
    tolerance, then projected to an azimuthal equidistant projection centred on the point, where
    distances from the centre are exact. Cutting first keeps far-away edges (such as a border
    clipped along a parallel) from being projected into chords that pass near the point.
    """
    box = _nearby(lon, lat, tolerance_km)
    aeqd = pyproj.CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    to_local = pyproj.Transformer.from_crs(WGS84, aeqd, always_xy=True)

    def project(xy: np.ndarray) -> np.ndarray:
        x, y = to_local.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    centre = shapely.Point(0, 0)
    out = []
    for geom in geoms:
        # Densified so that edges stay the lines drawn in lon/lat once projected.
        near = shapely.segmentize(shapely.clip_by_rect(geom, *box), NEAR_DENSIFY_DEGREES)
        km = math.inf if near.is_empty else shapely.transform(near, project).distance(centre) / 1000
        out.append(km if km <= tolerance_km else math.inf)
    return out


def is_within_km(lon: float, lat: float, geometry: shapely.Geometry, km: float) -> bool:
    """True when ``geometry`` comes within ``km`` (geodesic) of the point (lon, lat).

    >>> from shapely import box
    >>> is_within_km(1.02, 0.5, box(0, 0, 1, 1), 5.0), is_within_km(1.1, 0.5, box(0, 0, 1, 1), 5.0)
    (True, False)
    """
    return _distances_km(lon, lat, [geometry], km)[0] <= km


def _nearest_country(
    lon: float, lat: float, boundaries: gpd.GeoDataFrame, tolerance_km: float
) -> tuple[str | None, float]:
    """The country nearest to a point that lies in none, if one is within ``tolerance_km``."""
    box = shapely.box(*_nearby(lon, lat, tolerance_km))
    candidates = boundaries.sindex.query(box, predicate="intersects")
    distances = _distances_km(lon, lat, boundaries.geometry.values[candidates], tolerance_km)
    if not distances or min(distances) == math.inf:
        return None, math.nan
    best = int(np.argmin(distances))
    return boundaries["iso_a2"].iat[candidates[best]], distances[best]


def site_countries(
    features: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame, tolerance_km: float = 5.0
) -> pd.DataFrame:
    """The country each site (Point) lies in, or failing that the nearest one within a tolerance.

    Border posts and ports sit on or near a border or a coast, where 1:50m boundaries can put
    them a few km outside their country: hence the tolerance.

    Parameters
    ----------
    features : GeoDataFrame
        Atlas features with an ``id`` column; only Points are used.
    boundaries : GeoDataFrame
        Country polygons with an ``iso_a2`` column (see :func:`geo.validate.read_boundaries`).
    tolerance_km : float, default 5.0
        How far (geodesic km) a site outside every country may be from the one it is given.

    Returns
    -------
    DataFrame
        Columns ``feature_id``, ``iso_a2_found`` (None when no country is near enough) and
        ``distance_km`` (0.0 inside a country, NaN when none is found), in the order of
        ``features``. A point exactly on a border gets the alphabetically first country.

    Examples
    --------
    >>> from shapely import Point, box
    >>> countries = gpd.GeoDataFrame({"iso_a2": ["KZ"]}, geometry=[box(0, 0, 1, 1)], crs=4326)
    >>> sites = gpd.GeoDataFrame({"id": ["in", "near", "far"]},
    ...     geometry=[Point(0.5, 0.5), Point(1.02, 0.5), Point(3, 0.5)], crs=4326)
    >>> site_countries(sites, countries).round(1).values.tolist()
    [['in', 'KZ', 0.0], ['near', 'KZ', 2.2], ['far', None, nan]]
    """
    if tolerance_km < 0:
        raise ValueError(f"tolerance_km must be >= 0, got {tolerance_km}")
    features = as_lonlat(features, "features", "id")
    boundaries = as_lonlat(boundaries, "boundaries", "iso_a2")
    points = features.loc[features.geom_type == "Point", ["id", "geometry"]]
    point_pos, country_pos = boundaries.sindex.query(points.geometry.values, predicate="intersects")
    codes = boundaries["iso_a2"].to_numpy()

    rows = []
    for i, (feature_id, point) in enumerate(zip(points["id"], points.geometry, strict=True)):
        inside = sorted(codes[country_pos[point_pos == i]])
        if inside:
            rows.append((feature_id, inside[0], 0.0))
        else:
            rows.append((feature_id, *_nearest_country(point.x, point.y, boundaries, tolerance_km)))
    ids, found, distance = zip(*rows, strict=True) if rows else ((), (), ())
    return pd.DataFrame(
        {
            "feature_id": pd.Series(ids, dtype="str"),
            # object, not str: a site that is in no country gets None, not NaN.
            "iso_a2_found": pd.Series(found, dtype=object),
            "distance_km": pd.Series(distance, dtype=float),
        }
    )

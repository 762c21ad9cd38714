"""The map's parts as JSON text, the same for every view of a data version: the country outlines,
the routes and the sites as GeoJSON FeatureCollections, and their look with the legend
(:func:`geo.draw.style.look`). The map's script (``static/map/atlas-map.js``) draws and styles
them; a map state (:mod:`geo.draw.state`) says which are shown and which is selected.

Each route and site feature carries its ``id`` and its ``layer`` (:data:`ROUTE_LAYER`,
:data:`SITE_LAYER`) in its properties, which is what a click hands back
(:func:`geo.draw.click.clicked_feature_id`), and a ``tooltip`` of escaped HTML: Leaflet puts
tooltips into ``innerHTML`` as they are. Features keep the order of the frames given, routes before
sites: the order in which a map state counts them.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
import shapely.ops

from geo.draw.inputs import (
    BOUNDARY_COLUMNS,
    BOUNDARY_TYPES,
    FEATURE_COLUMNS,
    ROUTE_TYPES,
    SITE_TYPES,
    check_frame,
    text,
    to_wgs84,
)
from geo.draw.style import ROUTE_NOTES, check_colors, legend_html, look

ROUTE_LAYER, SITE_LAYER, BOUNDARY_LAYER = "route", "site", "boundary"
OUTLINES_PANE = "atlas-outlines"  # made by the map below the tiles (geo.draw.build)

COORDINATE_DECIMALS = 5  # about 1 m: more digits only grow the page
OUTLINE_DECIMALS = 3  # about 100 m
BOUNDARY_TOLERANCE_DEG = 0.02  # about 2 km: outlines are context, not data
OUTLINE_MARGIN_DEG = 25.0  # how far around the atlas outlines are kept (see outlines_geojson)

# Past this many sites, icons (one DOM element each) give way to dots on a canvas.
MAX_ICON_SITES = 1500

PARTS = ("meta", "outlines", "routes", "sites")
"""The map's parts, in the order the map's script asks for them."""


def script_json(value) -> str:
    """JSON for inside a ``<script>``: "<", ">" and "&" as escapes, so no value can close the tag.

    >>> script_json({"name": "</script>"})
    '{"name":"\\\\u003c/script\\\\u003e"}'
    """
    return (
        json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


@dataclass(frozen=True)
class MapParts:
    """What a map draws, each part (:data:`PARTS`) as the JSON text of :func:`script_json`, and
    the ids of its routes and of its sites in the order of their parts."""

    json: dict[str, str]
    route_ids: tuple[str, ...]
    site_ids: tuple[str, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """Every feature's id, routes first: the order in which a map state counts them."""
        return self.route_ids + self.site_ids

    def data(self, part: str):
        """One part as Python values (for tests and tools)."""
        return json.loads(self.json[part])


def map_parts(
    routes: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    *,
    colors: Mapping[str, str],
    labels: Mapping[str, str] | None = None,
    outlines: dict | None = None,
) -> MapParts:
    """The parts of a map of ``routes``, ``sites`` and the country outlines.

    Parameters
    ----------
    routes, sites : GeoDataFrame
        Columns :data:`geo.draw.FEATURE_COLUMNS`; LineString or MultiLineString routes, Point
        sites, in any CRS.
    boundaries : GeoDataFrame
        Columns ``iso_a2, name`` and (Multi)Polygon geometry (ignored when ``outlines`` is given).
    colors : mapping of str to str
        Project to ``#rrggbb`` colour (:func:`geo.draw.project_colors`).
    labels : mapping of str to str, optional
        Project id to the name shown in the legend and tooltips (the id itself by default).
    outlines : dict, optional
        :func:`outlines_geojson` of ``boundaries``, computed once by the caller.

    Raises
    ------
    TypeError, ValueError
        If a frame is not one the map can draw (the message names the frame, column or
        feature), or a colour is not ``#rrggbb``.

    Examples
    --------
    >>> from shapely import LineString, box
    >>> row = {"id": "a", "name": "A", "kind": "railway", "project": "p",
    ...        "status": "operational", "geometry_quality": "traced"}
    >>> routes = gpd.GeoDataFrame([row], geometry=[LineString([(70, 40), (76, 42)])], crs=4326)
    >>> kg = gpd.GeoDataFrame({"iso_a2": ["KG"], "name": ["Kyrgyzstan"]},
    ...     geometry=[box(69, 39, 80, 43)], crs=4326)
    >>> parts = map_parts(routes, routes.iloc[0:0], kg, colors={"p": "#0072B2"})
    >>> parts.ids, parts.data("routes")["features"][0]["properties"]["layer"]
    (('a',), 'route')
    """
    check_frame(routes, "routes", FEATURE_COLUMNS, ROUTE_TYPES)
    check_frame(sites, "sites", FEATURE_COLUMNS, SITE_TYPES)
    check_colors(colors)
    labels = dict(labels or {})
    routes, sites = to_wgs84(routes), to_wgs84(sites)
    legend = legend_html(routes, sites, colors, labels)
    kinds = set(sites["kind"].map(text)) if len(sites) else set()
    return MapParts(
        json={
            "meta": script_json(look(colors, kinds, legend, MAX_ICON_SITES)),
            "outlines": script_json(outlines or outlines_geojson(boundaries)),
            "routes": script_json(_collection(routes, ROUTE_LAYER, labels)),
            "sites": script_json(_collection(sites, SITE_LAYER, labels)),
        },
        route_ids=tuple(map(text, routes["id"])),
        site_ids=tuple(map(text, sites["id"])),
    )


# ------------------------------------------------------------------------------- outlines


def outlines_geojson(
    boundaries: gpd.GeoDataFrame, around: tuple[float, float, float, float] | None = None
) -> dict:
    """The country outlines as the map draws them: a GeoJSON FeatureCollection, simplified to
    about 2 km and rounded to about 100 m.

    Pure and the same for every view, so a caller can compute it once and pass it to
    :func:`geo.draw.build_map` as ``outlines``.

    Parameters
    ----------
    boundaries : GeoDataFrame
        Columns ``iso_a2, name`` and (Multi)Polygon geometry.
    around : (west, south, east, north), optional
        E.g. the atlas's bounds: only the countries that meet this box widened by
        :data:`OUTLINE_MARGIN_DEG` are kept, since countries far from every feature are never
        looked at and cost bytes. They are kept whole: a country cut at the box would show a
        straight, rectangular edge at every zoom.

    Examples
    --------
    >>> from shapely import box
    >>> b = gpd.GeoDataFrame({"iso_a2": ["KG", "FR"], "name": ["Kyrgyzstan", "France"]},
    ...     geometry=[box(69, 39, 80, 43), box(-5, 42, 8, 51)], crs=4326)
    >>> [f["properties"]["name"] for f in outlines_geojson(b, around=(70, 40, 76, 42))["features"]]
    ['Kyrgyzstan']
    """
    check_frame(boundaries, "boundaries", BOUNDARY_COLUMNS, BOUNDARY_TYPES)
    boundaries = to_wgs84(boundaries)
    if around is not None:
        west, south, east, north = around
        m = OUTLINE_MARGIN_DEG
        boundaries = boundaries[
            boundaries.intersects(shapely.box(west - m, south - m, east + m, north + m))
        ]
    simplified = boundaries.geometry.simplify(BOUNDARY_TOLERANCE_DEG, preserve_topology=True)
    features = [
        {
            "type": "Feature",
            "properties": {
                "layer": BOUNDARY_LAYER,
                "iso_a2": text(row["iso_a2"]),
                "name": text(row["name"]),
                "label": label_point(geometry),
            },
            "geometry": shapely.geometry.mapping(geometry),
        }
        for geometry, (_, row) in zip(
            _rounded(simplified.values, OUTLINE_DECIMALS), boundaries.iterrows(), strict=True
        )
        if not geometry.is_empty
    ]
    # Largest first: the map's script places labels in this order and drops those that collide.
    features.sort(key=lambda f: -shapely.geometry.shape(f["geometry"]).area)
    return {"type": "FeatureCollection", "features": features}


def label_point(geometry) -> list[float]:
    """Where a country's name is written: the point of its largest part farthest from its edge
    (the pole of inaccessibility, to about 0.1°), as ``[lat, lon]``.

    >>> from shapely import MultiPolygon, box
    >>> label_point(MultiPolygon([box(0, 0, 1, 1), box(10, 0, 14, 4)]))
    [2.0, 12.0]
    """
    parts = getattr(geometry, "geoms", [geometry])
    largest = max(parts, key=lambda g: g.area)
    point = shapely.ops.polylabel(largest, tolerance=0.1)
    return [round(point.y, 2), round(point.x, 2)]


# ------------------------------------------------------------------------ routes and sites


def _collection(frame: gpd.GeoDataFrame, layer: str, labels: Mapping[str, str]) -> dict:
    """The routes or the sites as a FeatureCollection, in the frame's order."""
    features = []
    for geometry, row in zip(_rounded(frame.geometry), _records(frame), strict=True):
        props = {**row, "layer": layer}
        if layer == SITE_LAYER:
            props["rank"] = site_rank(props)
        note = ROUTE_NOTES.get(props["geometry_quality"]) if layer == ROUTE_LAYER else None
        props["tooltip"] = _tooltip_html(props, note, labels)
        features.append(_feature(geometry, props))
    return {"type": "FeatureCollection", "features": features}


def site_rank(props: Mapping[str, str]) -> int:
    """How early a site is drawn as the map zooms in (the zoom of each rank is
    :data:`geo.draw.style.RANK_ZOOM`): 0 for a system of its own (the Horgos border port, whose
    project is itself), 1 for a site of a project (a tunnel of the railway), 2 for a place that
    only gives context (a city). At the atlas's first view only rank 0 is drawn, so that no
    marker lies over the routes, which are then clicked on their lines.

    >>> [site_rank({"id": i, "project": p}) for i, p in [("horgos", "horgos"), ("t", "cku"), ("c", "")]]
    [0, 1, 2]
    """
    if not props["project"]:
        return 2
    return 0 if props["project"] == props["id"] else 1


# -------------------------------------------------------------------------------- features


def _records(frame) -> list[dict[str, str]]:
    """The atlas columns of each row as text (a list comprehension: iterrows is slow)."""
    columns = [[text(v) for v in frame[c]] for c in FEATURE_COLUMNS]
    return [
        dict(zip(FEATURE_COLUMNS, values, strict=True)) for values in zip(*columns, strict=True)
    ]


def _tooltip_html(props: dict[str, str], note: str | None, labels: Mapping[str, str]) -> str:
    """Escaped HTML: name, kind · status, project, and a note on the line's quality."""
    details = " · ".join(
        html.escape(props[key].replace("_", " ")) for key in ("kind", "status") if props[key]
    )
    lines = [f"<b>{html.escape(props['name'])}</b>"]
    if details:
        lines.append(details)
    if props["project"]:
        lines.append(html.escape(labels.get(props["project"], props["project"])))
    if note:
        lines.append(f"<i>{html.escape(note)}</i>")
    return "<br>".join(lines)


def _rounded(geometries, decimals: int = COORDINATE_DECIMALS) -> np.ndarray:
    """All geometries rounded to ``decimals`` at once (one vectorised call)."""
    return shapely.transform(
        np.asarray(geometries, dtype=object), lambda xy: np.round(xy, decimals)
    )


def _feature(geometry, properties: dict) -> dict:
    """A GeoJSON feature with a top-level ``id`` (the feature's), on which Leaflet and folium
    key per-feature state; ``geometry`` already rounded (see :func:`_rounded`)."""
    return {
        "type": "Feature",
        "id": properties["id"],
        "properties": properties,
        "geometry": shapely.geometry.mapping(geometry),
    }

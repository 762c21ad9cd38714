"""The map's layers, each one GeoJSON FeatureCollection serialised once: country outlines,
routes, sites, and the selection drawn over them.

Each route and site feature carries its ``id`` and its ``layer`` (:data:`ROUTE_LAYER`,
:data:`SITE_LAYER`) in its properties, which is what a click hands back
(:func:`geo.draw.click.clicked_feature_id`), and a ``tooltip`` of escaped HTML: Leaflet puts
tooltips into ``innerHTML`` as they are.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping

import folium
import geopandas as gpd
import numpy as np
import shapely
from folium.template import Template

from geo.draw.inputs import (
    BOUNDARY_COLUMNS,
    BOUNDARY_TYPES,
    FEATURE_COLUMNS,
    check_frame,
    rows_with_id,
    text,
    to_wgs84,
)
from geo.draw.style import (
    INK,
    OUTLINE_STYLE,
    ROUTE_NOTES,
    SELECTION_CASING,
    SITE_ICONS,
    route_style,
    site_icon,
)

ROUTE_LAYER, SITE_LAYER, BOUNDARY_LAYER = "route", "site", "boundary"
OUTLINES_PANE = "atlas-outlines"  # made by build_map below the tiles

COORDINATE_DECIMALS = 5  # about 1 m: more digits only grow the page
OUTLINE_DECIMALS = 3  # about 100 m
BOUNDARY_TOLERANCE_DEG = 0.02  # about 2 km: outlines are context, not data
OUTLINE_MARGIN_DEG = 25.0  # how far around the atlas outlines are kept (see outlines_geojson)

# Past this many sites, icons (one DOM element each) give way to dots on a canvas.
MAX_ICON_SITES = 1500

_STYLE_FROM_PROPERTIES = "{style: function (f) { return f.properties.style; }}"


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


class StaticGeoJson(folium.map.Layer):
    """A GeoJSON layer serialised once, styled in JavaScript from each feature's properties.

    folium.GeoJson serialises its data and computes a style per feature on every render, and
    streamlit-folium renders a map twice and then walks every coordinate for its bounds, which
    at thousands of features was most of a rerun. Here the data is embedded as given, the style
    is a small JavaScript function of the properties, and the bounds are computed once.
    ``options`` is the JavaScript of the L.geoJson options (style, pointToLayer, …); every
    feature gets its ``tooltip`` property (escaped HTML) as a sticky tooltip.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.geoJson({{ this.data_json }}, Object.assign(
                {{ this.options }},
                {onEachFeature: function (feature, layer) {
                    layer.bindTooltip(feature.properties.tooltip, {sticky: true});
                }}
            )).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict, name: str, options: str):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "StaticGeoJson"
        self.data = data
        self.data_json = script_json(data)
        self.options = options
        xy = [
            shapely.get_coordinates(shapely.geometry.shape(f["geometry"])) for f in data["features"]
        ]
        arr = np.concatenate(xy) if xy else np.empty((0, 2))
        self._bounds = (
            [
                [float(arr[:, 1].min()), float(arr[:, 0].min())],
                [float(arr[:, 1].max()), float(arr[:, 0].max())],
            ]
            if len(arr)
            else [[None, None], [None, None]]
        )

    def _get_self_bounds(self):
        return self._bounds


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
        E.g. the atlas's bounds: the outlines are clipped to this box widened by
        :data:`OUTLINE_MARGIN_DEG`, since countries far from every feature are never looked at
        and cost bytes.

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
        boundaries = boundaries.clip((west - m, south - m, east + m, north + m))
        boundaries = boundaries[~boundaries.geometry.is_empty]
    simplified = boundaries.geometry.simplify(BOUNDARY_TOLERANCE_DEG, preserve_topology=True)
    features = [
        {
            "type": "Feature",
            "properties": {
                "layer": BOUNDARY_LAYER,
                "iso_a2": text(row["iso_a2"]),
                "name": text(row["name"]),
                "tooltip": html.escape(text(row["name"])),
            },
            "geometry": shapely.geometry.mapping(geometry),
        }
        for geometry, (_, row) in zip(
            _rounded(simplified.values, OUTLINE_DECIMALS), boundaries.iterrows(), strict=True
        )
        if not geometry.is_empty
    ]
    return {"type": "FeatureCollection", "features": features}


def outlines_layer(outlines: dict) -> StaticGeoJson:
    """The outlines (:func:`outlines_geojson`) as land on the sea, in the outlines pane."""
    options = (
        f"{{pane: {script_json(OUTLINES_PANE)}, "
        f"style: function () {{ return {script_json(OUTLINE_STYLE)}; }}}}"
    )
    return StaticGeoJson(outlines, name="Country outlines", options=options)


# ------------------------------------------------------------------------ routes and sites


def routes_layer(routes, colors, selected, labels) -> StaticGeoJson:
    """The routes (in WGS84), coloured by project, the selected one thicker and on top."""
    return StaticGeoJson(
        _routes_data(routes, colors, selected, labels), "Routes", _STYLE_FROM_PROPERTIES
    )


def _routes_data(routes, colors, selected, labels) -> dict:
    features = []
    for geometry, row in zip(_rounded(routes.geometry), _records(routes), strict=True):
        props = {**row, "layer": ROUTE_LAYER}
        props["tooltip"] = _tooltip_html(props, ROUTE_NOTES.get(props["geometry_quality"]), labels)
        props["style"] = route_style(props, colors, selected)
        features.append(_feature(geometry, props))
    # The selected route last, so that it is drawn over the others.
    features.sort(key=lambda f: f["id"] == selected)
    return {"type": "FeatureCollection", "features": features}


def sites_layer(sites, selected, labels) -> StaticGeoJson:
    """The sites (in WGS84) with an icon per kind, the selected one larger and on top; past
    :data:`MAX_ICON_SITES`, dots on one canvas."""
    features = []
    for geometry, row in zip(_rounded(sites.geometry), _records(sites), strict=True):
        props = {**row, "layer": SITE_LAYER}
        props["tooltip"] = _tooltip_html(props, None, labels)
        features.append(_feature(geometry, props))
    features.sort(key=lambda f: f["id"] == selected)
    data = {"type": "FeatureCollection", "features": features}
    if len(features) > MAX_ICON_SITES:
        # One canvas for all the dots (a renderer per marker would make one canvas each).
        options = (
            "(function () { var canvas = L.canvas({padding: 0.5}); return {pointToLayer:"
            " function (f, latlng) { return L.circleMarker(latlng, {radius: f.properties.id === "
            + script_json(selected)
            + " ? 8 : 3.5, weight: 1, color: '#FFF', fillColor: "
            + script_json(INK)
            + ", fillOpacity: 0.9, renderer: canvas}); }}; })()"
        )
    else:
        icons = {k: site_icon(k, False) for k in {str(k) for k in sites["kind"]} | set(SITE_ICONS)}
        chosen = rows_with_id(sites, selected)
        big = site_icon(str(chosen["kind"].iloc[0]), True) if len(chosen) else None
        options = (
            "{pointToLayer: function (f, latlng) {"
            f" var icons = {script_json(icons)}, chosen = {script_json(big)};"
            f" var o = (f.properties.id === {script_json(selected)} && chosen) ? chosen"
            f" : (icons[f.properties.kind] || {script_json(site_icon('', False))});"
            " return L.marker(latlng, {icon: L.divIcon(o)}); }}"
        )
    return StaticGeoJson(data, "Sites", options)


def selection_layer(
    routes: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    selected: str | None,
    colors: Mapping[str, str],
    labels: Mapping[str, str] | None = None,
) -> folium.FeatureGroup | None:
    """The selected feature drawn over a map made without a selection: a route thick on a white
    casing, a site larger on a halo.

    Given to ``st_folium(feature_group_to_add=...)`` it changes without the map being built and
    loaded again, so a click answers at once; :func:`geo.draw.view_of` gives the view to show it.

    Parameters
    ----------
    routes, sites : GeoDataFrame
        What the map shows, as given to :func:`geo.draw.build_map`.
    selected : str or None
        The id of the route or site to draw.
    colors, labels : mapping of str to str
        As for :func:`geo.draw.build_map`.

    Returns
    -------
    folium.FeatureGroup or None
        ``None`` when nothing (or nothing drawn) is selected.
    """
    if not selected:
        return None
    labels = labels or {}
    group = folium.FeatureGroup(name="Selection", control=False)
    route, site = rows_with_id(routes, selected), rows_with_id(sites, selected)
    if len(route):
        data = _routes_data(to_wgs84(route), colors, selected, labels)
        casing = (
            "{interactive: false, style: function () { return "
            f"{script_json(SELECTION_CASING)}; }}}}"
        )
        StaticGeoJson(data, "Selection casing", casing).add_to(group)
        StaticGeoJson(data, "Selected route", _STYLE_FROM_PROPERTIES).add_to(group)
    elif len(site):
        sites_layer(to_wgs84(site), selected, labels).add_to(group)
    else:
        return None
    return group


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

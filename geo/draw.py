"""Draw the atlas map: routes, sites and country outlines as one folium map that needs no network.

The map is built for streamlit-folium: every clickable feature is a GeoJSON feature whose
properties carry its ``id``, so the value ``st_folium`` returns after a click names the feature
(:func:`clicked_feature_id`). Country outlines are the base map, so the map still reads with no
tile server; OpenStreetMap tiles are an optional base layer. Every text from the data is
HTML-escaped before it reaches a tooltip or the legend, and the Leaflet files are served locally
(:func:`geo.assets.localize`).
"""

from __future__ import annotations

import base64
import html
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import folium
import folium.plugins
import geopandas as gpd
import numpy as np
import shapely
from branca.element import MacroElement
from folium.template import Template

from geo.assets import DEFAULT_BASE_URL, localize
from geo.model import ID_RE

__all__ = [
    "PROJECT_PALETTE",
    "SITE_ICONS",
    "build_map",
    "clicked_feature_id",
    "project_colors",
    "legend_html",
    "outlines_geojson",
    "selection_layer",
    "view_of",
]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision
# deficiencies. Ordered so that the first colours read best as thin lines on a light map
# (yellow and black come last).
PROJECT_PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
UNKNOWN_PROJECT_COLOR = "#7F7F7F"

FEATURE_COLUMNS = ("id", "name", "kind", "project", "status", "geometry_quality")
BOUNDARY_COLUMNS = ("iso_a2", "name")
COORDINATE_DECIMALS = 5  # about 1 m: more digits only grow the page
BOUNDARY_TOLERANCE_DEG = 0.02  # about 2 km: outlines are context, not data

DASH_BY_QUALITY = {"schematic": "8 6", "approximate": "2 6"}
SEA_COLOR = "#DCE6EC"
LAND_COLOR = "#FAF8F3"
OUTLINE_COLOR = "#8A9099"
SELECTED_HALO = "#FFC20A"

_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")

# Site icons: inline SVG (no icon font, no image file), 24 px, dark shapes with a white edge so
# they read on tiles and on the plain outlines. No xmlns: inline SVG in HTML does not need it.
_INK = "#2B2F36"
SITE_ICONS: dict[str, str] = {
    "port": (
        f'<circle cx="10" cy="10" r="8.5" fill="#fff" stroke="{_INK}" stroke-width="2"/>'
        f'<path d="M10 5v9M7 7.5h6M5.5 11a4.5 4.5 0 0 0 9 0" fill="none" stroke="{_INK}" '
        'stroke-width="1.8" stroke-linecap="round"/>'
    ),
    "dry_port": (
        f'<rect x="2" y="4" width="16" height="12" rx="1" fill="{_INK}" stroke="#fff" '
        'stroke-width="1.5"/>'
        '<path d="M6.5 6.5v7M10 6.5v7M13.5 6.5v7" stroke="#fff" stroke-width="1.3"/>'
    ),
    "border_crossing": (
        f'<path d="M10 1.5 18.5 10 10 18.5 1.5 10Z" fill="{_INK}" stroke="#fff" '
        'stroke-width="1.5"/>'
        '<path d="M10 5.5v9" stroke="#fff" stroke-width="1.6"/>'
    ),
    "station": f'<circle cx="10" cy="10" r="7" fill="#fff" stroke="{_INK}" stroke-width="3.5"/>',
    "tunnel": (
        f'<path d="M2 18V10a8 8 0 0 1 16 0v8Z" fill="{_INK}" stroke="#fff" stroke-width="1.5"/>'
        '<path d="M6 18v-7a4 4 0 0 1 8 0v7Z" fill="#fff"/>'
    ),
    "city": f'<circle cx="10" cy="10" r="5.5" fill="{_INK}" stroke="#fff" stroke-width="2"/>',
    "logistics_hub": (
        f'<path d="M10 1.5 17.4 5.75v8.5L10 18.5 2.6 14.25v-8.5Z" fill="{_INK}" stroke="#fff" '
        'stroke-width="1.5"/>'
        '<circle cx="10" cy="10" r="2.6" fill="#fff"/>'
    ),
}
_UNKNOWN_SITE_ICON = (
    f'<circle cx="10" cy="10" r="5" fill="{OUTLINE_COLOR}" stroke="#fff" stroke-width="2"/>'
)

_CSS = f"""
.leaflet-container {{ background: {SEA_COLOR}; }}
.atlas-site svg {{ display: block; overflow: visible; }}
.leaflet-interactive:focus {{ outline: none; }}
.atlas-legend {{
  background: rgba(255, 255, 255, 0.94); color: #1F2933; padding: 8px 10px;
  border-radius: 6px; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
  font: 12px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  max-height: 60vh; overflow-y: auto;
}}
.atlas-legend summary {{ cursor: pointer; font-weight: 600; }}
.atlas-legend[open] summary {{ margin-bottom: 4px; }}
.atlas-legend h4 {{ margin: 6px 0 3px; font-size: 12px; font-weight: 600; }}
.atlas-legend h4:first-child {{ margin-top: 0; }}
.atlas-legend div {{ display: flex; align-items: center; gap: 6px; white-space: nowrap; }}
.atlas-legend svg {{ flex: none; }}
"""


def project_colors(projects: Iterable[Any]) -> dict[str, str]:
    """Give each project a colour from :data:`PROJECT_PALETTE` (Okabe–Ito).

    Pass every project of the atlas, not only those left by a filter, so that a project keeps
    its colour when the filter changes. Projects are sorted, so the result does not depend on
    their order; empty values are skipped. Past eight projects the palette repeats.

    Examples
    --------
    >>> project_colors(["middle_corridor", "cpec", None, "cpec"])
    {'cpec': '#0072B2', 'middle_corridor': '#D55E00'}
    """
    names = sorted({text for p in projects if (text := _text(p))})
    return {name: PROJECT_PALETTE[i % len(PROJECT_PALETTE)] for i, name in enumerate(names)}


def clicked_feature_id(returned: Mapping[str, Any] | None) -> str | None:
    """The id of the route or site that was clicked, from the value ``st_folium`` returned.

    streamlit-folium puts the clicked GeoJSON feature, as Leaflet's ``toGeoJSON()`` gives it,
    under ``last_active_drawing``; :func:`build_map` writes ``id`` and ``layer`` into each
    feature's properties. A click on a country outline, a value from before any click, or
    anything malformed gives ``None``. ``last_active_drawing`` keeps the last clicked feature
    until another feature is clicked, so compare with the previous value to see a new click.

    Examples
    --------
    >>> clicked_feature_id({"last_active_drawing": {"type": "Feature",
    ...     "properties": {"id": "horgos", "layer": "site"}, "geometry": None}})
    'horgos'
    >>> clicked_feature_id({"last_active_drawing": None}) is None
    True
    """
    if not isinstance(returned, Mapping):
        return None
    drawing = returned.get("last_active_drawing")
    if not isinstance(drawing, Mapping):
        return None
    properties = drawing.get("properties")
    if not isinstance(properties, Mapping) or properties.get("layer") not in ("route", "site"):
        return None
    feature_id = properties.get("id")
    if isinstance(feature_id, str) and ID_RE.match(feature_id):
        return feature_id
    return None


def build_map(
    routes: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    *,
    colors: Mapping[str, str],
    selected: str | None = None,
    tiles_online: bool = True,
    base_url: str = DEFAULT_BASE_URL,
    project_labels: Mapping[str, str] | None = None,
    outlines: dict | None = None,
    fit_to: str | None = None,
) -> folium.Map:
    """Draw routes, sites and country outlines on a folium map that loads nothing from the web.

    Parameters
    ----------
    routes : GeoDataFrame
        Columns ``id, name, kind, project, status, geometry_quality`` and LineString or
        MultiLineString geometry. Coloured by ``project``; ``schematic`` lines are dashed and
        ``approximate`` ones dotted.
    sites : GeoDataFrame
        Same columns with Point geometry; drawn with an icon per ``kind``.
    boundaries : GeoDataFrame
        Columns ``iso_a2, name`` and (Multi)Polygon geometry: the country outlines drawn as the
        base map, simplified to about 1 km.
    colors : mapping of str to str
        Project to ``#rrggbb`` colour, e.g. from :func:`project_colors`. A project not in it is
        drawn grey.
    selected : str, optional
        Id of a route or site to highlight and zoom to. An id that is not drawn is ignored.
    tiles_online : bool
        Add OpenStreetMap tiles as the default base layer, with "No tiles" as the other choice.
        The outlines lie under the tiles, so a tile server that cannot be reached leaves the
        outline map; with ``False`` the map has no tile layer and asks no tile server.
    base_url : str
        Where ``static/vendor/`` is served (see :func:`geo.assets.localize`).
    project_labels : mapping of str to str, optional
        Project id to the name shown in the legend and tooltips (the id itself by default).
    outlines : dict, optional
        :func:`outlines_geojson` of ``boundaries``, computed once by the caller; computed here
        when not given.
    fit_to : str, optional
        Id of a feature to fit the first view to without highlighting it (``selected`` does
        both); for pages that draw the selection with :func:`selection_layer`.

    Returns
    -------
    folium.Map
        Pass it to ``st_folium`` and read the click with :func:`clicked_feature_id`.

    Examples
    --------
    >>> m = build_map(routes, sites, boundaries, colors=project_colors(routes["project"]))
    ... # doctest: +SKIP
    """
    _check_frame(routes, "routes", FEATURE_COLUMNS, ("LineString", "MultiLineString"))
    _check_frame(sites, "sites", FEATURE_COLUMNS, ("Point",))
    _check_frame(boundaries, "boundaries", BOUNDARY_COLUMNS, ("Polygon", "MultiPolygon"))
    for project, color in colors.items():
        if not isinstance(color, str) or not _HEX_COLOR.match(color):
            raise ValueError(f"colors[{project!r}] = {color!r} is not a #rrggbb colour")
    routes, sites, boundaries = (_to_wgs84(f) for f in (routes, sites, boundaries))
    labels = dict(project_labels or {})

    m = folium.Map(location=None, tiles=None, control_scale=True, min_zoom=2)
    # Outlines sit below the tile pane (200): loaded tiles cover them, and where tiles fail or
    # are switched off the outlines are the base map. Tiles let pointer events through, so the
    # country tooltips work in both cases.
    folium.map.CustomPane("atlas-outlines", z_index=150, pointer_events=True).add_to(m)

    if tiles_online:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", overlay=False).add_to(m)
        folium.FeatureGroup(name="No tiles", overlay=False, show=False).add_to(m)

    _outlines_layer(outlines or outlines_geojson(boundaries)).add_to(m)
    if len(routes):
        _routes_layer(routes, colors, selected, labels).add_to(m)
    if len(sites):
        _sites_layer(sites, selected, labels).add_to(m)

    _Legend(legend_html(routes, sites, colors, labels)).add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    folium.plugins.Fullscreen(position="topleft").add_to(m)
    _fit(m, routes, sites, boundaries, selected or fit_to)
    return localize(m, base_url)


# ---------------------------------------------------------------------------------- layers


def outlines_geojson(
    boundaries: gpd.GeoDataFrame,
    tolerance_deg: float = BOUNDARY_TOLERANCE_DEG,
    around: tuple[float, float, float, float] | None = None,
    margin_deg: float = 25.0,
) -> dict:
    """The country outlines as the map draws them: simplified, rounded to 3 decimals (~100 m),
    as a GeoJSON FeatureCollection. Pure and the same for every view, so a caller can compute it
    once and pass it to :func:`build_map` as ``outlines``. With ``around`` (west, south, east,
    north, e.g. the atlas's bounds) the outlines are clipped to that box widened by
    ``margin_deg``: countries far from every feature are never looked at and cost bytes."""
    _check_frame(boundaries, "boundaries", BOUNDARY_COLUMNS, ("Polygon", "MultiPolygon"))
    boundaries = _to_wgs84(boundaries)
    if around is not None:
        w, s_, e, n = around
        boundaries = boundaries.clip(
            (w - margin_deg, s_ - margin_deg, e + margin_deg, n + margin_deg)
        )
        boundaries = boundaries[~boundaries.geometry.is_empty]
    simplified = boundaries.geometry.simplify(tolerance_deg, preserve_topology=True)
    simplified = shapely.transform(simplified.values, lambda xy: np.round(xy, 3))
    features = [
        {
            "type": "Feature",
            "properties": {
                "layer": "boundary",
                "iso_a2": _text(row["iso_a2"]),
                "name": _text(row["name"]),
                "tooltip": html.escape(_text(row["name"])),
            },
            "geometry": shapely.geometry.mapping(geometry),
        }
        for geometry, (_, row) in zip(simplified, boundaries.iterrows(), strict=True)
        if not geometry.is_empty
    ]
    return {"type": "FeatureCollection", "features": features}


def _script_json(value) -> str:
    """JSON for inside a <script>: "<", ">" and "&" as escapes, so no value can close the tag."""
    return (
        json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


class _StaticGeoJson(folium.map.Layer):
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
        self.data_json = _script_json(data)
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


def _outlines_layer(outlines: dict) -> folium.map.Layer:
    style = {"color": OUTLINE_COLOR, "weight": 1, "fillColor": LAND_COLOR, "fillOpacity": 1.0}
    options = f"{{pane: 'atlas-outlines', style: function () {{ return {_script_json(style)}; }}}}"
    return _StaticGeoJson(outlines, name="Country outlines", options=options)


ROUTE_NOTES = {
    "schematic": "schematic line: drawn between the places it links, not along the track",
    "approximate": "approximate alignment",
}


def route_style(props: Mapping[str, str], colors: Mapping[str, str], selected: str | None) -> dict:
    """Leaflet path options of a route: colour by project, dashes by geometry quality, and the
    selected route drawn thicker with the others faded."""
    is_selected = props["id"] == selected
    out = {
        "color": colors.get(props["project"], UNKNOWN_PROJECT_COLOR),
        "weight": 7 if is_selected else 3.5,
        "opacity": 1.0 if is_selected or selected is None else 0.55,
        "lineCap": "round",
        "lineJoin": "round",
    }
    if props["geometry_quality"] in DASH_BY_QUALITY:
        out["dashArray"] = DASH_BY_QUALITY[props["geometry_quality"]]
    return out


def _routes_data(routes, colors, selected, labels) -> dict:
    features = []
    for geometry, row in zip(_rounded(routes.geometry), _records(routes), strict=True):
        props = {**row, "layer": "route"}
        props["tooltip"] = _tooltip_html(props, ROUTE_NOTES.get(props["geometry_quality"]), labels)
        props["style"] = route_style(props, colors, selected)
        features.append(_feature(geometry, props, feature_id=props["id"]))
    # The selected route last, so that it is drawn over the others.
    features.sort(key=lambda f: f["id"] == selected)
    return {"type": "FeatureCollection", "features": features}


def _routes_layer(routes, colors, selected, labels) -> folium.map.Layer:
    options = "{style: function (f) { return f.properties.style; }}"
    return _StaticGeoJson(_routes_data(routes, colors, selected, labels), "Routes", options)


# Past this many sites, icons (one DOM element each) give way to dots on a canvas.
MAX_ICON_SITES = 1500


def site_icon(kind: str, selected: bool) -> dict:
    """L.divIcon options of a site: its kind's shape, larger with a halo when selected."""
    size = 34 if selected else 24
    return {
        "html": _site_svg(kind, size=size, selected=selected),
        "iconSize": [size, size],
        "iconAnchor": [size // 2, size // 2],
        "className": "atlas-site",
    }


def _sites_layer(sites, selected, labels) -> folium.map.Layer:
    features = []
    for geometry, row in zip(_rounded(sites.geometry), _records(sites), strict=True):
        props = {**row, "layer": "site"}
        props["tooltip"] = _tooltip_html(props, None, labels)
        features.append(_feature(geometry, props, feature_id=props["id"]))
    features.sort(key=lambda f: f["id"] == selected)
    data = {"type": "FeatureCollection", "features": features}
    if len(features) > MAX_ICON_SITES:
        # One canvas for all the dots (a renderer per marker would make one canvas each).
        options = (
            "(function () { var canvas = L.canvas({padding: 0.5}); return {pointToLayer:"
            " function (f, latlng) { return L.circleMarker(latlng, {radius: f.properties.id === "
            + _script_json(selected)
            + " ? 8 : 3.5, weight: 1, color: '#FFF', fillColor: "
            + _script_json(_INK)
            + ", fillOpacity: 0.9, renderer: canvas}); }}; })()"
        )
    else:
        kinds = {str(k) for k in sites["kind"]} | set(SITE_ICONS)
        icons = {k: site_icon(k, False) for k in kinds}
        chosen = (
            site_icon(str(sites.loc[sites["id"] == selected, "kind"].iloc[0]), True)
            if (selected is not None and (sites["id"] == selected).any())
            else None
        )
        options = (
            "{pointToLayer: function (f, latlng) {"
            f" var icons = {_script_json(icons)}, chosen = {_script_json(chosen)};"
            f" var o = (f.properties.id === {_script_json(selected)} && chosen) ? chosen"
            f" : (icons[f.properties.kind] || {_script_json(site_icon('', False))});"
            " return L.marker(latlng, {icon: L.divIcon(o)}); }}"
        )
    layer = _StaticGeoJson(data, "Sites", options)
    layer.icons = None if len(features) > MAX_ICON_SITES else icons
    return layer


def selection_layer(
    routes: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    selected: str | None,
    colors: Mapping[str, str],
    labels: Mapping[str, str] | None = None,
) -> folium.FeatureGroup | None:
    """The selected feature drawn over a map made without a selection: a route thick on a white
    casing, a site larger on a halo. Given to ``st_folium(feature_group_to_add=...)`` it changes
    without the map being built and loaded again, so a click answers at once.

    Returns None when nothing (or nothing drawn) is selected.
    """
    if not selected:
        return None
    labels = labels or {}
    group = folium.FeatureGroup(name="Selection", control=False)
    route = routes[routes["id"] == selected] if len(routes) else routes
    site = sites[sites["id"] == selected] if len(sites) else sites
    if len(route):
        data = _routes_data(_to_wgs84(route), colors, selected, labels)
        casing = {"color": "#FFFFFF", "weight": 12, "opacity": 0.9, "lineCap": "round"}
        options_casing = (
            f"{{interactive: false, style: function () {{ return {_script_json(casing)}; }}}}"
        )
        _StaticGeoJson(data, "Selection casing", options_casing).add_to(group)
        style = "{style: function (f) { return f.properties.style; }}"
        _StaticGeoJson(data, "Selected route", style).add_to(group)
    elif len(site):
        _sites_layer(_to_wgs84(site), selected, labels).add_to(group)
    else:
        return None
    return group


def view_of(
    routes: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    selected: str | None,
    size: tuple[int, int] = (600, 560),
    padding: int = 40,
    max_zoom: int = 9,
    site_zoom: int = 7,
) -> tuple[list[float] | None, int | None]:
    """Centre ``[lat, lon]`` and zoom that show the selected feature whole on a map of ``size``
    pixels (Web Mercator), or ``(None, None)`` when nothing drawn is selected.

    >>> from shapely import LineString
    >>> r = gpd.GeoDataFrame({"id": ["a"]}, geometry=[LineString([(70, 40), (76, 42)])], crs=4326)
    >>> view_of(r, r.iloc[0:0], "a")
    ([41.0, 73.0], 6)
    """
    if not selected:
        return None, None
    for frame in (routes, sites):
        chosen = frame[frame["id"] == selected] if len(frame) else frame
        if len(chosen):
            west, south, east, north = (float(v) for v in _to_wgs84(chosen).total_bounds)
            center = [round((south + north) / 2, 5), round((west + east) / 2, 5)]
            if east - west < 1e-9 and north - south < 1e-9:
                return center, site_zoom

            def merc(lat: float) -> float:
                return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

            fx = (east - west) / 360
            fy = (merc(north) - merc(south)) / (2 * math.pi)
            zx = math.log2((size[0] - 2 * padding) / (256 * fx)) if fx > 0 else max_zoom
            zy = math.log2((size[1] - 2 * padding) / (256 * fy)) if fy > 0 else max_zoom
            return center, int(max(2, min(max_zoom, math.floor(min(zx, zy)))))
    return None, None


class _KeepFitted(MacroElement):
    """Fit the view again when the map's frame is resized before the reader has touched the map.

    streamlit-folium sizes its frame after Leaflet has fitted the bounds (``use_container_width``),
    so the first fit is made for the wrong width and a route's far end can fall off the screen.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function () {
                var map = {{ this._parent.get_name() }};
                var bounds = L.latLngBounds({{ this.bounds|tojson }});
                var touched = false;
                var el = map.getContainer();
                ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (t) {
                    el.addEventListener(t, function () { touched = true; }, {passive: true});
                });
                // Refit only while the view is still the one we fitted: once the reader or
                // the page (st_folium's center/zoom) has moved it, a resize keeps their view.
                var last = null;
                var unmoved = function () {
                    return last === null || (map.getZoom() === last.zoom
                        && map.getCenter().equals(last.center, 1e-6));
                };
                var first = true;
                var refit = function () {
                    var keep = !first && !touched && unmoved();
                    map.invalidateSize();
                    if (keep) {
                        map.fitBounds(bounds, {padding: [24, 24], maxZoom: 9});
                    }
                    // The first call only notes the view (ours, or st_folium's center/zoom).
                    first = false;
                    last = {zoom: map.getZoom(), center: map.getCenter()};
                };
                if (window.ResizeObserver) { new ResizeObserver(refit).observe(el); }
            })();
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "KeepFitted"
        self.bounds = bounds


class _Legend(MacroElement):
    """A Leaflet control holding the legend, so that it stays on the map in full screen."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            (function () {
                var legend = L.control({position: "bottomright"});
                legend.onAdd = function () {
                    var div = L.DomUtil.create("details", "atlas-legend");
                    div.innerHTML = "<summary>Legend</summary>" + {{ this.html|tojson }};
                    L.DomEvent.disableClickPropagation(div);
                    L.DomEvent.disableScrollPropagation(div);
                    return div;
                };
                legend.addTo({{ this._parent.get_name() }});
            })();
        {% endmacro %}
        """
    )

    def __init__(self, legend_html: str):
        super().__init__()
        self._name = "Legend"
        self.html = legend_html
        self.css = _CSS


def legend_html(
    routes: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    colors: Mapping[str, str],
    labels: Mapping[str, str] | None = None,
    *,
    svg_as_img: bool = False,
) -> str:
    """The legend's HTML (escaped): project colours, line styles and site icons in view. The map
    carries it as a collapsible control (for full screen); a page can show it beside the map.
    ``svg_as_img`` wraps each swatch in an ``<img>`` data URI, for pages whose HTML sanitiser
    drops inline SVG (Streamlit's ``st.html``)."""
    labels = labels or {}
    if svg_as_img:
        out = legend_html(routes, sites, colors, labels)
        return _INLINE_SVG.sub(
            lambda m: (
                '<img alt="" src="data:image/svg+xml;base64,'
                + base64.b64encode(
                    m.group()
                    .replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
                    .encode()
                ).decode()
                + '">'
            ),
            out,
        )
    parts: list[str] = []
    projects = sorted({_text(p) for p in routes["project"]} - {""}) if len(routes) else []
    if projects:
        parts.append("<h4>Projects</h4>")
        for project in projects:
            color = colors.get(project, UNKNOWN_PROJECT_COLOR)
            label = html.escape(labels.get(project, project))
            parts.append(f"<div>{_line_svg(color, None)}{label}</div>")
    if len(routes):
        qualities = set(routes["geometry_quality"].map(_text))
        parts.append("<h4>Line</h4>")
        parts.append(f"<div>{_line_svg(_INK, None)}surveyed or traced</div>")
        for quality, dash in DASH_BY_QUALITY.items():
            if quality in qualities:
                parts.append(f"<div>{_line_svg(_INK, dash)}{quality}</div>")
    kinds = sorted({_text(k) for k in sites["kind"]}) if len(sites) else []
    if kinds:
        parts.append("<h4>Sites</h4>")
        for kind in kinds:
            label = html.escape(kind.replace("_", " "))
            parts.append(f"<div>{_site_svg(kind, size=16, selected=False)}{label}</div>")
    return "".join(parts)


# --------------------------------------------------------------------------------- helpers


def _check_frame(frame, label: str, columns: tuple[str, ...], geom_types: tuple[str, ...]):
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


def _to_wgs84(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if frame.crs is None or frame.crs.to_epsg() == 4326:
        return frame
    return frame.to_crs("EPSG:4326")


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _records(frame) -> list[dict[str, str]]:
    """The atlas columns of each row as text (a list comprehension: iterrows is slow)."""
    columns = [[_text(v) for v in frame[c]] for c in FEATURE_COLUMNS]
    return [
        dict(zip(FEATURE_COLUMNS, values, strict=True)) for values in zip(*columns, strict=True)
    ]


def _tooltip_html(props: dict[str, str], note: str | None, labels: Mapping[str, str]) -> str:
    """Escaped HTML: folium's GeoJsonTooltip puts property values into innerHTML as they are."""
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
    # The newline survives in the text streamlit-folium returns as last_object_clicked_tooltip.
    return "<br>\n".join(lines)


def _rounded(geometries) -> np.ndarray:
    """All geometries rounded to COORDINATE_DECIMALS at once (one vectorised call)."""
    return shapely.transform(
        np.asarray(geometries, dtype=object), lambda xy: np.round(xy, COORDINATE_DECIMALS)
    )


def _feature(geometry, properties: dict, feature_id: str | None = None) -> dict:
    """A GeoJSON feature; ``geometry`` already rounded (see :func:`_rounded`)."""
    feature = {
        "type": "Feature",
        "properties": properties,
        "geometry": shapely.geometry.mapping(geometry),
    }
    if feature_id is not None:
        # A unique top-level id lets folium key its per-feature styles on feature.id.
        feature["id"] = feature_id
    return feature


_INLINE_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def _site_svg(kind: str, *, size: int, selected: bool) -> str:
    shape = SITE_ICONS.get(kind, _UNKNOWN_SITE_ICON)
    halo = (
        f'<circle cx="10" cy="10" r="10.5" fill="{SELECTED_HALO}" opacity="0.85"/>'
        if selected
        else ""
    )
    return f'<svg width="{size}" height="{size}" viewBox="-1 -1 22 22">{halo}{shape}</svg>'


def _line_svg(color: str, dash: str | None) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="28" height="10"><line x1="2" y1="5" x2="26" y2="5" stroke="{color}" '
        f'stroke-width="3.5" stroke-linecap="round"{dash_attr}/></svg>'
    )


def _fit(m: folium.Map, routes, sites, boundaries, selected: str | None) -> None:
    """Fit the view to the selected feature, else to the routes and sites, else to the outlines."""
    chosen = [f[f["id"] == selected] for f in (routes, sites)] if selected else []
    frames = (
        [f for f in chosen if len(f)]
        or [f for f in (routes, sites) if len(f)]
        or [f for f in (boundaries,) if len(f)]
    )
    if not frames:
        m.location = [43.0, 70.0]  # Central Asia, for an empty atlas
        m.options["zoom"] = 4
        return
    bounds = np.array([f.total_bounds for f in frames])
    west, south = float(bounds[:, 0].min()), float(bounds[:, 1].min())
    east, north = float(bounds[:, 2].max()), float(bounds[:, 3].max())
    m.fit_bounds([[south, west], [north, east]], padding=(24, 24), max_zoom=9)
    _KeepFitted([[south, west], [north, east]]).add_to(m)

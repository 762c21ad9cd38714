"""Build the atlas map: routes, sites and country outlines as one folium map that needs no network.

Country outlines are the base map, so the map still reads with no tile server; OpenStreetMap
tiles are an optional base layer. The layers come from :mod:`geo.draw.layers`, their look and the
legend from :mod:`geo.draw.style`, the first view from :mod:`geo.draw.frame`, and the Leaflet
files are served locally (:func:`geo.draw.assets.localize`).
"""

from __future__ import annotations

from collections.abc import Mapping

import folium
import folium.plugins
import geopandas as gpd

from geo.draw.assets import localize
from geo.draw.frame import MIN_ZOOM, fit
from geo.draw.inputs import (
    BOUNDARY_COLUMNS,
    BOUNDARY_TYPES,
    FEATURE_COLUMNS,
    ROUTE_TYPES,
    SITE_TYPES,
    check_frame,
    to_wgs84,
)
from geo.draw.layers import (
    OUTLINES_PANE,
    outlines_geojson,
    outlines_layer,
    routes_layer,
    sites_layer,
)
from geo.draw.style import LegendControl, check_colors, legend_html


def build_map(
    routes: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    *,
    colors: Mapping[str, str],
    selected: str | None = None,
    tiles_online: bool = True,
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
        base map, simplified to about 2 km.
    colors : mapping of str to str
        Project to ``#rrggbb`` colour, e.g. from :func:`geo.draw.project_colors`. A project not
        in it is drawn grey.
    selected : str, optional
        Id of a route or site to highlight and fit the view to. An id that is not drawn is
        ignored.
    tiles_online : bool
        Add OpenStreetMap tiles as the default base layer, with "No tiles" as the other choice.
        The outlines lie under the tiles, so a tile server that cannot be reached leaves the
        outline map; with ``False`` the map has no tile layer and asks no tile server.
    project_labels : mapping of str to str, optional
        Project id to the name shown in the legend and tooltips (the id itself by default).
    outlines : dict, optional
        :func:`geo.draw.outlines_geojson` of ``boundaries``, computed once by the caller;
        computed here when not given.
    fit_to : str, optional
        Id of a feature to fit the first view to without highlighting it (``selected`` does
        both); for pages that draw the selection with :func:`geo.draw.selection_layer`.

    Returns
    -------
    folium.Map
        Pass it to ``st_folium`` and read a click with :func:`geo.draw.clicked_feature_id`.

    Raises
    ------
    TypeError, ValueError
        If a frame is not a GeoDataFrame the map can draw (the message names the frame, column
        or feature), or a colour is not ``#rrggbb``.

    Examples
    --------
    >>> from shapely import LineString, Point, box
    >>> row = {"name": "A", "kind": "railway", "project": "p", "status": "operational",
    ...        "geometry_quality": "traced"}
    >>> routes = gpd.GeoDataFrame([{"id": "a", **row}],
    ...     geometry=[LineString([(70, 40), (76, 42)])], crs=4326)
    >>> sites = gpd.GeoDataFrame([{"id": "b", **row, "kind": "port"}],
    ...     geometry=[Point(75, 41)], crs=4326)
    >>> kg = gpd.GeoDataFrame({"iso_a2": ["KG"], "name": ["Kyrgyzstan"]},
    ...     geometry=[box(69, 39, 80, 43)], crs=4326)
    >>> m = build_map(routes, sites, kg, colors={"p": "#0072B2"}, tiles_online=False)
    >>> [c.layer_name for c in m._children.values() if hasattr(c, "layer_name")]
    ['Country outlines', 'Routes', 'Sites']
    """
    check_frame(routes, "routes", FEATURE_COLUMNS, ROUTE_TYPES)
    check_frame(sites, "sites", FEATURE_COLUMNS, SITE_TYPES)
    check_frame(boundaries, "boundaries", BOUNDARY_COLUMNS, BOUNDARY_TYPES)
    check_colors(colors)
    routes, sites, boundaries = (to_wgs84(f) for f in (routes, sites, boundaries))
    labels = dict(project_labels or {})

    m = folium.Map(location=None, tiles=None, control_scale=True, min_zoom=MIN_ZOOM)
    # Outlines sit below the tile pane (200): loaded tiles cover them, and where tiles fail or
    # are switched off the outlines are the base map. Tiles let pointer events through, so the
    # country tooltips work in both cases.
    folium.map.CustomPane(OUTLINES_PANE, z_index=150, pointer_events=True).add_to(m)

    if tiles_online:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", overlay=False).add_to(m)
        folium.FeatureGroup(name="No tiles", overlay=False, show=False).add_to(m)

    outlines_layer(outlines or outlines_geojson(boundaries)).add_to(m)
    if len(routes):
        routes_layer(routes, colors, selected, labels).add_to(m)
    if len(sites):
        sites_layer(sites, selected, labels).add_to(m)

    LegendControl(legend_html(routes, sites, colors, labels)).add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    folium.plugins.Fullscreen(position="topleft").add_to(m)
    fit(m, routes, sites, boundaries, selected or fit_to)
    return localize(m)

"""Build the atlas map: routes, sites and country outlines on a folium map that needs no network.

Country outlines are the base map, so the map still reads with no tile server; OpenStreetMap
tiles are an optional base layer. folium makes the map itself (panes, scale, full screen); the
map's own script (``static/map/atlas-map.js``) draws its parts (:mod:`geo.draw.layers`) and
applies its state (:mod:`geo.draw.state`). The parts come one of two ways:

- :func:`build_map` puts them in the map's script, with the state: one self-contained map, for a
  page that draws it once (the "Try an article" page, the benchmarks' baselines);
- :func:`atlas_map` names the static files of a data version (:mod:`geo.publish`): its script is
  the same for every view, so the browser keeps the map and its files, and each rerun sends only
  a state (``st_folium(..., feature_group_to_add=state_layer(...))``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import folium
import folium.plugins
import geopandas as gpd
from branca.element import Element
from folium.elements import JSCSSMixin
from folium.template import Template

from geo.draw.assets import localize, own_asset_url
from geo.draw.frame import EMPTY_CENTER, EMPTY_ZOOM, MIN_ZOOM, frame_of
from geo.draw.layers import OUTLINES_PANE, PARTS, MapParts, map_parts, script_json
from geo.draw.state import map_state
from geo.draw.style import TILES


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
) -> folium.Map:
    """Draw routes, sites and country outlines on a folium map that loads nothing from the web,
    everything in its script.

    Parameters
    ----------
    routes : GeoDataFrame
        Columns ``id, name, kind, project, status, geometry_quality`` and LineString or
        MultiLineString geometry. Coloured by ``project``; ``schematic`` lines are dashed and
        ``approximate`` ones dotted.
    sites : GeoDataFrame
        Same columns with Point geometry; drawn with an icon per ``kind`` (dots on a canvas past
        :data:`geo.draw.layers.MAX_ICON_SITES`).
    boundaries : GeoDataFrame
        Columns ``iso_a2, name`` and (Multi)Polygon geometry: the country outlines drawn as the
        base map, simplified to about 2 km.
    colors : mapping of str to str
        Project to ``#rrggbb`` colour, e.g. from :func:`geo.draw.project_colors`. A project not
        in it is drawn grey.
    selected : str, optional
        Id of a route or site to draw over the others and to frame. An id that is not drawn is
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
    >>> layers = next(c for c in m._children.values() if isinstance(c, AtlasLayers))
    >>> layers.parts.ids, layers.state["frame"]["bounds"]
    (('a', 'b'), [[40.0, 70.0], [42.0, 76.0]])
    """
    parts = map_parts(
        routes, sites, boundaries, colors=colors, labels=project_labels, outlines=outlines
    )
    state = map_state("", selected=selected, frame=frame_of(routes, sites, selected, boundaries))
    return _atlas(AtlasLayers(parts, state=state, tiles_online=tiles_online))


def atlas_map(
    parts: MapParts,
    *,
    version: str,
    urls: Mapping[str, str] | None = None,
    tiles_online: bool = True,
) -> folium.Map:
    """The map of data ``version`` with no state: the same script (byte for byte) for every
    view, to which ``st_folium`` adds the view's :func:`geo.draw.state_layer`.

    The page shows the legend under this map, so the map's own legend is shown in full screen
    only.

    Parameters
    ----------
    parts : MapParts
        :func:`geo.draw.map_parts` of the atlas.
    version : str
        The data version the parts were made from (a state for another one is ignored).
    urls : mapping of str to str, optional
        Part → the address of its published file (:func:`geo.publish.published`); without it
        the parts go in the script (where they cannot be published).
    tiles_online : bool
        As for :func:`build_map`.
    """
    return _atlas(
        AtlasLayers(
            parts, version=version, urls=urls, tiles_online=tiles_online, page_legend=True
        )
    )


_ZOOM_LOCK = re.compile(r",\s*(maximum-scale=[\d.]+|user-scalable=no)")


class ZoomableMap(folium.Map):
    """folium's map without the ``maximum-scale=1.0, user-scalable=no`` of its viewport meta tag,
    which forbids a reader to zoom the page (WCAG 1.4.4, axe ``meta-viewport``)."""

    def render(self, **kwargs) -> None:
        super().render(**kwargs)
        header = self.get_root().header
        own = header._children.get(self.get_name())
        if own is not None:
            text = _ZOOM_LOCK.sub("", own.render())
            header.add_child(Element("{% raw %}" + text + "{% endraw %}"), name=self.get_name())


def _atlas(layers: AtlasLayers) -> folium.Map:
    # The view is a placeholder: the state's frame replaces it before the map is first drawn.
    m = ZoomableMap(
        location=list(EMPTY_CENTER),
        zoom_start=EMPTY_ZOOM,
        tiles=None,
        control_scale=True,
        min_zoom=MIN_ZOOM,
    )
    # Outlines sit below the tile pane (200): loaded tiles cover them, and where tiles fail or
    # are switched off the outlines are the base map. Tiles let pointer events through, so the
    # country tooltips work in both cases.
    folium.map.CustomPane(OUTLINES_PANE, z_index=150, pointer_events=True).add_to(m)
    folium.plugins.Fullscreen(position="topleft").add_to(m)
    layers.add_to(m)
    return localize(m)


class AtlasLayers(JSCSSMixin):
    """The map's parts and the script that draws them: ``AtlasMap.create(map, config)``.

    Each part is in the config as it is (its JSON text) or, with ``urls``, as the address of its
    file; ``state`` (:func:`geo.draw.map_state`) is applied at once. ``fetches`` lists what the
    script loads itself (the parts' files and the tiles), for
    :func:`geo.draw.assets.loaded_urls`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            AtlasMap.create({{ this._parent.get_name() }}, {{ this.config }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        parts,
        *,
        version: str = "",
        urls: Mapping[str, str] | None = None,
        state: dict | None = None,
        tiles_online: bool = True,
        page_legend: bool = False,
    ):
        super().__init__()
        self._name = "AtlasLayers"
        self.default_js = [("atlas_map", own_asset_url("atlas-map.js"))]
        self.parts, self.state = parts, state
        sources = {p: script_json(urls[p]) if urls else parts.json[p] for p in PARTS}
        settings = {
            "version": version,
            "counts": [len(parts.route_ids), len(parts.site_ids)],
            "pane": OUTLINES_PANE,
            "tiles": TILES if tiles_online else None,
            "page_legend": page_legend,
            "state": state,
        }
        # The parts' JSON goes in as it is: it is already safe inside a <script>.
        self.config = (
            script_json(settings)[:-1]
            + ',"parts":{'
            + ",".join(f'"{p}":{sources[p]}' for p in PARTS)
            + "}}"
        )
        self.fetches = [
            *(urls[p] for p in PARTS if urls),
            *([TILES["url"]] if tiles_online else []),
        ]

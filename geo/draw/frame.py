"""Where the map looks: one rule frames a new map, its refit on resize and a selection.

A new map is fitted in the browser (Leaflet's ``fitBounds``, :func:`fit`), fitted again when its
frame is resized before the reader has moved it (:class:`KeepFitted`), and a selection made later
moves the view through st_folium's ``center`` and ``zoom`` computed here (:func:`view_of`). All
three use :func:`fit_options`: :data:`PADDING_PX` pixels kept clear on every side, at most
:data:`MAX_ZOOM`, and a single point (a site) at :data:`SITE_ZOOM`. :func:`zoom_to_fit` is
Leaflet's ``fitBounds`` arithmetic in Python, so a selection gets the view the browser would have
fitted on a map of that size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.template import Template

from geo.draw.inputs import rows_with_id, to_wgs84

__all__ = [
    "MAP_SIZE_PX",
    "MAX_ZOOM",
    "MIN_ZOOM",
    "PADDING_PX",
    "SITE_ZOOM",
    "KeepFitted",
    "bounds_of",
    "fit",
    "fit_options",
    "view_of",
    "zoom_to_fit",
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

MAP_SIZE_PX = (600, 560)
"""Width and height of the map a selection's view is computed for: the dashboard's map is 560 px
high and at least about 600 px wide beside its panel; a narrower guess errs towards showing
more around the feature."""

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


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def zoom_to_fit(bounds: Bounds, size: tuple[int, int] = MAP_SIZE_PX) -> int:
    """The zoom Leaflet's ``fitBounds(bounds, fit_options(bounds))`` gives on a map of ``size``
    pixels (Web Mercator, 256 px tiles, whole zoom levels).

    Like Leaflet, a zoom within 1 % of the next whole level counts as that level.

    >>> zoom_to_fit((70.0, 40.0, 76.0, 42.0))
    6
    >>> zoom_to_fit((70.0, 40.0, 76.0, 42.0), size=(300, 560))
    5
    """
    west, south, east, north = bounds
    options = fit_options(bounds)
    rooms = [side - 2 * PADDING_PX for side in size]
    # The box's share of the world's width and height (the world is 256 px wide at zoom 0).
    shares = [(east - west) / 360, (_mercator_y(north) - _mercator_y(south)) / (2 * math.pi)]
    zooms = [
        math.log2(room / (256 * share)) for room, share in zip(rooms, shares, strict=True) if share
    ]
    zoom = math.floor(round(min(zooms), 2)) if zooms else options["maxZoom"]
    return max(MIN_ZOOM, min(options["maxZoom"], zoom))


def view_of(
    routes: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    selected: str | None,
    size: tuple[int, int] = MAP_SIZE_PX,
) -> tuple[list[float] | None, int | None]:
    """Centre ``[lat, lon]`` and zoom that show the selected feature whole on a map of ``size``
    pixels, for st_folium's ``center`` and ``zoom``.

    Parameters
    ----------
    routes, sites : GeoDataFrame
        What the map shows, with an ``id`` column.
    selected : str or None
        The id of the route or site to show.
    size : (int, int)
        Width and height of the map in pixels.

    Returns
    -------
    center : list of float or None
        The middle of the feature's box in Web Mercator (as Leaflet centres a fit), rounded to
        5 decimals; ``None`` when nothing drawn is selected.
    zoom : int or None
        :func:`zoom_to_fit` of the feature's box; ``None`` when nothing drawn is selected.

    Examples
    --------
    >>> from shapely import LineString, Point
    >>> r = gpd.GeoDataFrame({"id": ["a"]}, geometry=[LineString([(70, 40), (76, 42)])], crs=4326)
    >>> s = gpd.GeoDataFrame({"id": ["b"]}, geometry=[Point(75.4, 40.55)], crs=4326)
    >>> view_of(r, s, "a")
    ([41.00759, 73.0], 6)
    >>> view_of(r, s, "b")
    ([40.55, 75.4], 7)
    >>> view_of(r, s, "gone")
    (None, None)
    """
    if not selected:
        return None, None
    # Routes first: an id names one feature, so the sites need no look once a route has it.
    chosen = next((rows for f in (routes, sites) if len(rows := rows_with_id(f, selected))), None)
    if chosen is None:
        return None, None
    bounds = bounds_of([chosen])
    west, south, east, north = bounds
    middle = (_mercator_y(south) + _mercator_y(north)) / 2
    lat = math.degrees(2 * math.atan(math.exp(middle)) - math.pi / 2)
    return [round(lat, 5), round((west + east) / 2, 5)], zoom_to_fit(bounds, size)


def fit(m: folium.Map, routes, sites, boundaries, target: str | None) -> None:
    """Fit the first view of ``m`` to the feature ``target``, else to the routes and sites,
    else to the outlines, and keep it fitted while its frame is resized (:class:`KeepFitted`).

    All frames in longitude/latitude. An atlas with nothing to fit shows Central Asia.
    """
    chosen = [rows_with_id(f, target) for f in (routes, sites)] if target else []
    bounds = bounds_of(chosen) or bounds_of((routes, sites)) or bounds_of((boundaries,))
    if bounds is None:
        m.location = list(EMPTY_CENTER)
        m.options["zoom"] = EMPTY_ZOOM
        return
    west, south, east, north = bounds
    latlngs = [[south, west], [north, east]]
    options = fit_options(bounds)
    m.fit_bounds(latlngs, padding=options["padding"], max_zoom=options["maxZoom"])
    KeepFitted(latlngs, options).add_to(m)


class KeepFitted(MacroElement):
    """Fit the view again when the map's frame is resized before the reader has touched the map.

    streamlit-folium sizes its frame after Leaflet has fitted the bounds (``use_container_width``),
    so the first fit is made for the wrong width and a route's far end can fall off the screen.
    ``options`` are the first fit's (:func:`fit_options`).
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
                        map.fitBounds(bounds, {{ this.options|tojson }});
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

    def __init__(self, bounds: list[list[float]], options: dict):
        super().__init__()
        self._name = "KeepFitted"
        self.bounds = bounds
        self.options = options

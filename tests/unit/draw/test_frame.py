"""Where the map looks: one padding and zoom rule for a new map's fit, its refit on resize and the
view of a selection, checked on tiny geometries with Web Mercator pixel arithmetic."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import pytest
from shapely.geometry import LineString

import geo.draw.frame as frame
from geo.draw import build_map, view_of
from geo.draw.frame import MAP_SIZE_PX, MAX_ZOOM, MIN_ZOOM, PADDING_PX, SITE_ZOOM
from tests.unit.draw.conftest import child


def world_px(lon: float, lat: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel of a point at ``zoom`` (256 px tiles), as Leaflet projects it."""
    scale = 256 * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180) / 360 * scale, (1 - y / math.pi) / 2 * scale


def margins(bounds, center, zoom, size) -> list[float]:
    """Pixels between the box ``bounds`` and the left, right, top and bottom edges of a map of
    ``size`` showing ``center`` at ``zoom`` (negative: that side of the box is cut off)."""
    west, south, east, north = bounds
    cx, cy = world_px(center[1], center[0], zoom)
    x0, y0 = world_px(west, north, zoom)
    x1, y1 = world_px(east, south, zoom)
    width, height = size
    return [
        x0 - (cx - width / 2),
        cx + width / 2 - x1,
        y0 - (cy - height / 2),
        cy + height / 2 - y1,
    ]


def one_route(*coords) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"id": ["r"]}, geometry=[LineString(coords)], crs="EPSG:4326")


NO_SITES = gpd.GeoDataFrame({"id": []}, geometry=[], crs="EPSG:4326")

ROUTES = {
    "border bridge": [(80.30, 44.20), (80.32, 44.21)],  # closer than MAX_ZOOM allows
    "short spur": [(75.2, 40.5), (75.6, 40.7)],
    "cku railway": [(75.98, 39.47), (73.5, 40.3), (72.8, 40.9)],
    "tall north-south line": [(69.0, 37.0), (69.5, 47.0)],
    "wide east-west line": [(50.0, 43.0), (88.0, 43.5)],
    "middle corridor": [(29.0, 41.0), (49.8, 40.4), (51.2, 43.6), (80.4, 44.2), (117.2, 39.1)],
    "far north": [(60.0, 62.0), (75.0, 68.0)],
}


@pytest.mark.parametrize("size", [MAP_SIZE_PX, (400, 480), (1200, 700)])
@pytest.mark.parametrize("name", ROUTES)
def test_a_selected_route_is_shown_whole_at_the_closest_zoom_that_fits(name, size):
    routes = one_route(*ROUTES[name])
    bounds = tuple(routes.total_bounds)
    center, zoom = view_of(routes, NO_SITES, "r", size=size)
    assert MIN_ZOOM <= zoom <= MAX_ZOOM
    # Leaflet counts a zoom within 1 % of the next level as that level: up to ~0.35 % of the
    # room on each side, well inside the padding.
    assert min(margins(bounds, center, zoom, size)) >= PADDING_PX - 0.01 * max(size)
    if zoom < MAX_ZOOM:  # one level closer it would not fit inside the padding
        closer = margins(bounds, center, zoom + 1, size)
        assert min(closer) < PADDING_PX


def test_a_selected_route_is_centred_as_leaflet_centres_a_fit():
    routes = one_route(*ROUTES["tall north-south line"])
    center, zoom = view_of(routes, NO_SITES, "r")
    left, right, top, bottom = margins(tuple(routes.total_bounds), center, zoom, MAP_SIZE_PX)
    assert left == pytest.approx(right, abs=0.5) and top == pytest.approx(bottom, abs=0.5)


def test_a_selected_site_gets_the_site_zoom(routes, sites, boundaries, colors):
    assert view_of(routes, sites, "torugart") == ([40.55, 75.4], SITE_ZOOM)
    m = build_map(routes, sites, boundaries, colors=colors, selected="torugart")
    fit = child(m, "FitBounds")
    assert fit.bounds == [[40.55, 75.4], [40.55, 75.4]]
    assert fit.options["maxZoom"] == SITE_ZOOM  # Leaflet fits a point at its maxZoom


def test_nothing_selected_has_no_view(routes, sites):
    assert view_of(routes, sites, None) == (None, None)
    assert view_of(routes, sites, "gone") == (None, None)
    assert view_of(routes.iloc[0:0], sites.iloc[0:0], "cku_railway") == (None, None)


def test_view_of_reads_any_crs():
    routes = one_route(*ROUTES["cku railway"])
    assert view_of(routes.to_crs("EPSG:3857"), NO_SITES, "r") == view_of(routes, NO_SITES, "r")


@pytest.mark.parametrize("padding", [PADDING_PX, 0, 120])
def test_one_padding_rule_for_the_fit_the_refit_and_the_selection(
    routes, sites, boundaries, colors, monkeypatch, padding
):
    monkeypatch.setattr(frame, "PADDING_PX", padding)
    m = build_map(routes, sites, boundaries, colors=colors, fit_to="cku_railway")
    fit, keep = child(m, "FitBounds"), child(m, "KeepFitted")
    assert fit.options == keep.options == {"padding": [padding, padding], "maxZoom": MAX_ZOOM}
    assert keep.bounds == fit.bounds
    assert f"map.fitBounds(bounds, {json.dumps(fit.options)})" in m.get_root().render()
    # The selection's view keeps the same padding clear, and no more than it must.
    route = routes[routes["id"] == "cku_railway"]
    center, zoom = view_of(routes, sites, "cku_railway")
    room = margins(tuple(route.total_bounds), center, zoom, MAP_SIZE_PX)
    assert min(room) >= padding - 0.01 * max(MAP_SIZE_PX)
    assert min(margins(tuple(route.total_bounds), center, zoom + 1, MAP_SIZE_PX)) < padding


def test_unknown_selection_fits_everything(routes, sites, boundaries, colors):
    m = build_map(routes, sites, boundaries, colors=colors, selected="gone")
    assert child(m, "FitBounds").bounds == [[39.47, 51.15], [44.2, 80.4123456]]


def test_with_nothing_drawn_the_map_fits_the_outlines(routes, sites, boundaries, colors):
    m = build_map(routes.iloc[0:0], sites.iloc[0:0], boundaries, colors=colors)
    assert child(m, "FitBounds").bounds == [[39.0, 50.0], [55.0, 87.0]]


def test_an_empty_atlas_shows_central_asia(routes, sites, boundaries, colors):
    m = build_map(routes.iloc[0:0], sites.iloc[0:0], boundaries.iloc[0:0], colors=colors)
    assert m.location == [43.0, 70.0] and m.options["zoom"] == 4
    assert not [c for c in m._children.values() if c._name in ("FitBounds", "KeepFitted")]


def test_one_site_alone_is_fitted_at_the_site_zoom(routes, sites, boundaries, colors):
    aktau = sites[sites["id"] == "aktau"]
    m = build_map(routes.iloc[0:0], aktau, boundaries, colors=colors)
    assert child(m, "FitBounds").options["maxZoom"] == SITE_ZOOM

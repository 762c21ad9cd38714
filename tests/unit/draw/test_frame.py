"""Where the map looks: one rule (fit_options) frames the features in view and a selection; which
box a frame holds is checked here on tiny geometries, and that the map's script shows it whole with
the padding clear is checked in Chromium (tests/browser/test_map_script.py)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import LineString

import geo.draw.frame as frame
from geo.draw import build_map, frame_of
from geo.draw.frame import MAX_ZOOM, SITE_ZOOM
from tests.unit.draw.conftest import atlas_layers

NO_SITES = gpd.GeoDataFrame({"id": []}, geometry=[], crs="EPSG:4326")


def test_a_selected_route_is_framed_with_the_padding_and_the_zoom_limit(routes, sites):
    f = frame_of(routes, sites, "khorgos_almaty")
    assert f == {
        "bounds": [[43.25, 76.95], [44.2, 80.4123456]],
        "options": {"padding": [40, 40], "maxZoom": MAX_ZOOM},
    }


def test_a_selected_site_gets_the_site_zoom(routes, sites):
    f = frame_of(routes, sites, "torugart")
    assert f["bounds"] == [[40.55, 75.4], [40.55, 75.4]]
    assert f["options"]["maxZoom"] == SITE_ZOOM  # Leaflet fits a point at its maxZoom


def test_without_a_selection_every_route_and_site_is_framed(routes, sites):
    assert frame_of(routes, sites)["bounds"] == [[39.47, 51.15], [44.2, 80.4123456]]
    assert frame_of(routes, sites, "gone") == frame_of(routes, sites)


def test_with_nothing_drawn_the_frame_is_the_outlines(routes, sites, boundaries):
    assert frame_of(routes.iloc[0:0], sites.iloc[0:0], None, boundaries)["bounds"] == [
        [39.0, 50.0],
        [55.0, 87.0],
    ]


def test_an_empty_atlas_shows_central_asia(routes, sites, boundaries):
    assert frame_of(routes.iloc[0:0], sites.iloc[0:0], None, boundaries.iloc[0:0]) == {
        "center": [43.0, 70.0],
        "zoom": 4,
    }


def test_frame_reads_any_crs():
    route = gpd.GeoDataFrame({"id": ["r"]}, geometry=[LineString([(70, 40), (76, 42)])], crs=4326)
    there = frame_of(route.to_crs("EPSG:3857"), NO_SITES, "r")["bounds"]
    here = frame_of(route, NO_SITES, "r")["bounds"]
    assert [c for corner in there for c in corner] == pytest.approx(
        [c for corner in here for c in corner]
    )


@pytest.mark.parametrize("padding", [40, 0, 120])
def test_one_padding_rule_for_the_view_and_the_selection(
    routes, sites, boundaries, colors, monkeypatch, padding
):
    monkeypatch.setattr(frame, "PADDING_PX", padding)
    wanted = {"padding": [padding, padding], "maxZoom": MAX_ZOOM}
    assert frame_of(routes, sites, "cku_railway")["options"] == wanted
    assert frame_of(routes, sites)["options"] == wanted
    m = build_map(routes, sites, boundaries, colors=colors, selected="cku_railway")
    assert atlas_layers(m).state["frame"]["options"] == wanted

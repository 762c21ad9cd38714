"""Tiny routes, sites and outlines for the geo.draw tests: two routes (one with a hostile name and
project), three sites, two countries."""

from __future__ import annotations

import folium
import geopandas as gpd
import pytest
from shapely.geometry import LineString, MultiLineString, Point, box

from geo.draw import build_map, project_colors
from geo.draw.build import AtlasLayers

HOSTILE = "<script>alert(1)</script>"
HOSTILE_PROJECT = "<img src=x onerror=alert(2)>"
COLUMNS = ["id", "name", "kind", "project", "status", "geometry_quality"]


@pytest.fixture
def routes():
    return gpd.GeoDataFrame(
        [
            [
                "khorgos_almaty",
                "Khorgos–Almaty",
                "railway",
                "middle_corridor",
                "operational",
                "traced",
                LineString([(80.4123456, 44.2), (76.95, 43.25)]),
            ],
            [
                "cku_railway",
                HOSTILE,
                "railway",
                HOSTILE_PROJECT,
                "under_construction",
                "schematic",
                MultiLineString([[(75.98, 39.47), (73.5, 40.3)], [(73.5, 40.3), (72.8, 40.9)]]),
            ],
        ],
        columns=[*COLUMNS, "geometry"],
        crs="EPSG:4326",
    )


@pytest.fixture
def sites():
    return gpd.GeoDataFrame(
        [
            [
                "khorgos_gateway",
                "Khorgos Gateway",
                "dry_port",
                "middle_corridor",
                "operational",
                "surveyed",
                Point(80.35, 44.18),
            ],
            [
                "torugart",
                "Torugart",
                "border_crossing",
                "cku",
                "operational",
                "surveyed",
                Point(75.4, 40.55),
            ],
            [
                "aktau",
                "Aktau",
                "port",
                "middle_corridor",
                "operational",
                "surveyed",
                Point(51.15, 43.6),
            ],
        ],
        columns=[*COLUMNS, "geometry"],
        crs="EPSG:4326",
    )


@pytest.fixture
def boundaries():
    return gpd.GeoDataFrame(
        [["KZ", "Kazakhstan", box(50, 41.5, 87, 55)], ["KG", HOSTILE, box(69, 39, 80, 41.5)]],
        columns=["iso_a2", "name", "geometry"],
        crs="EPSG:4326",
    )


@pytest.fixture
def colors(routes):
    return project_colors(routes["project"])


@pytest.fixture
def atlas_map(routes, sites, boundaries, colors):
    return build_map(routes, sites, boundaries, colors=colors)


def atlas_layers(m: folium.Map) -> AtlasLayers:
    """The element of ``m`` that carries its parts and draws them."""
    return next(c for c in m._children.values() if isinstance(c, AtlasLayers))


def part(m: folium.Map, name: str):
    """One part of ``m`` ("routes", "sites", "outlines", "meta") as Python values."""
    return atlas_layers(m).parts.data(name)

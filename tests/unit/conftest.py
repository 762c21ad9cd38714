"""Tiny geometries shared by the measuring and the spatial-checking tests."""

import geopandas as gpd
import pytest
from shapely import box


@pytest.fixture
def countries() -> gpd.GeoDataFrame:
    """KZ is the square 0..1, CN the square 1..2 (lon and lat); east of 2 is sea."""
    return gpd.GeoDataFrame(
        {"iso_a2": ["KZ", "CN"], "name": ["Kazakhstan", "China"]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)],
        crs="EPSG:4326",
    )


def frame(rows: list[tuple]) -> gpd.GeoDataFrame:
    """Features from (id, countries, geometry) tuples."""
    ids, declared, geoms = zip(*rows, strict=True)
    return gpd.GeoDataFrame(
        {"id": list(ids), "countries": list(declared)}, geometry=list(geoms), crs="EPSG:4326"
    )

"""Tests for geo.measure on tiny inline geometries: two square countries, a few lines, points."""

import math

import geopandas as gpd
import pandas as pd
import pyproj
import pytest
from shapely import LineString, MultiLineString, Point

from geo.measure import NO_COUNTRY, countries_crossed, route_lengths_km, site_countries
from tests.unit.conftest import frame

GEOD = pyproj.Geod(ellps="WGS84")
KM_PER_DEGREE_ON_EQUATOR = 111.319491  # 2 * pi * 6378.137 / 360
KM_PER_DEGREE_OF_LATITUDE_AT_EQUATOR = 110.574


def km_along_parallel(lat: float, lon0: float, lon1: float) -> float:
    """Reference length along a parallel, from many short geodesic steps."""
    steps = 1000
    lons = [lon0 + (lon1 - lon0) * i / steps for i in range(steps + 1)]
    return GEOD.line_length(lons, [lat] * len(lons)) / 1000


# route_lengths_km


@pytest.mark.parametrize(
    ("line", "expected_km"),
    [
        (LineString([(0, 0), (1, 0)]), KM_PER_DEGREE_ON_EQUATOR),
        (LineString([(100, 0), (101, 0)]), KM_PER_DEGREE_ON_EQUATOR),
        (LineString([(0, 0), (0, 1)]), KM_PER_DEGREE_OF_LATITUDE_AT_EQUATOR),
        (MultiLineString([[(0, 0), (1, 0)], [(5, 0), (6, 0)]]), 2 * KM_PER_DEGREE_ON_EQUATOR),
    ],
)
def test_route_lengths_km_known_values(line, expected_km):
    lengths = route_lengths_km(frame([("r", ("KZ",), line)]))
    assert lengths["r"] == pytest.approx(expected_km, abs=0.01)


def test_route_lengths_km_follows_the_drawn_line_not_the_great_circle():
    # Ten degrees along the 60th parallel, as drawn on the map, is longer than the great circle.
    lengths = route_lengths_km(frame([("r", ("RU",), LineString([(30, 60), (40, 60)]))]))
    great_circle = GEOD.line_length([30, 40], [60, 60]) / 1000
    assert lengths["r"] == pytest.approx(km_along_parallel(60, 30, 40), rel=1e-5)
    assert lengths["r"] > great_circle


def test_route_lengths_km_is_nan_for_points_and_indexed_by_id():
    lengths = route_lengths_km(
        frame([("line", ("KZ",), LineString([(0, 0), (1, 0)])), ("site", ("KZ",), Point(0, 0))])
    )
    assert list(lengths.index) == ["line", "site"]
    assert lengths.index.name == "id" and lengths.name == "km"
    assert math.isnan(lengths["site"])


def test_route_lengths_km_reprojects_other_crs():
    lonlat = frame([("r", ("KZ",), LineString([(0, 0), (1, 0)]))])
    assert route_lengths_km(lonlat.to_crs(3857))["r"] == pytest.approx(
        KM_PER_DEGREE_ON_EQUATOR, abs=0.01
    )


def test_inputs_are_checked():
    with pytest.raises(TypeError, match="features must be a GeoDataFrame, got DataFrame"):
        route_lengths_km(pd.DataFrame({"id": ["a"]}))
    no_id = gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(0, 0)], crs=4326)
    with pytest.raises(ValueError, match="features has no 'id' column"):
        route_lengths_km(no_id)


# countries_crossed


def test_countries_crossed_splits_a_line_between_two_countries_and_the_sea(countries):
    line = LineString([(0.5, 0.5), (2.5, 0.5)])
    crossed = countries_crossed(frame([("r", ("KZ", "CN"), line)]), countries)

    assert crossed["iso_a2"].tolist() == ["CN", "KZ", NO_COUNTRY]
    assert crossed["feature_id"].tolist() == ["r"] * 3
    km = dict(zip(crossed["iso_a2"], crossed["km"], strict=True))
    assert km["CN"] == pytest.approx(km_along_parallel(0.5, 1, 2), rel=1e-5)
    assert km["KZ"] == pytest.approx(km_along_parallel(0.5, 0.5, 1), rel=1e-5)
    assert km[NO_COUNTRY] == pytest.approx(km_along_parallel(0.5, 2, 2.5), rel=1e-5)
    assert sum(km.values()) == pytest.approx(route_lengths_km(frame([("r", (), line)]))["r"])


def test_countries_crossed_sorts_by_feature_then_km_and_skips_points(countries):
    features = frame(
        [
            ("z_route", ("KZ",), LineString([(0.1, 0.5), (0.9, 0.5)])),
            ("a_route", ("KZ", "CN"), LineString([(0.9, 0.5), (2.0, 0.5)])),
            ("site", ("KZ",), Point(0.5, 0.5)),
        ]
    )
    crossed = countries_crossed(features, countries)
    assert crossed[["feature_id", "iso_a2"]].values.tolist() == [
        ["a_route", "CN"],
        ["a_route", "KZ"],
        ["z_route", "KZ"],
    ]


def test_countries_crossed_leaves_out_a_line_that_only_touches_a_border(countries):
    # It ends exactly on the KZ-CN border: its piece in CN is a point, not a crossing.
    line = LineString([(0.5, 0.5), (1.0, 0.5)])
    crossed = countries_crossed(frame([("r", ("KZ",), line)]), countries)
    assert crossed["iso_a2"].tolist() == ["KZ"]


def test_countries_crossed_of_no_routes_is_an_empty_frame(countries):
    crossed = countries_crossed(frame([("s", ("KZ",), Point(0.5, 0.5))]), countries)
    assert crossed.empty
    assert list(crossed.columns) == ["feature_id", "iso_a2", "km"]


# site_countries


def test_site_countries_inside_near_and_far(countries):
    sites = frame(
        [
            ("inside", ("KZ",), Point(0.5, 0.5)),
            ("near_coast", ("CN",), Point(2.02, 0.5)),
            ("far_at_sea", ("CN",), Point(3.0, 0.5)),
        ]
    )
    found = site_countries(sites, countries, tolerance_km=5.0)

    assert found["feature_id"].tolist() == ["inside", "near_coast", "far_at_sea"]
    assert found["iso_a2_found"].tolist() == ["KZ", "CN", None]
    expected_near = GEOD.inv(2.0, 0.5, 2.02, 0.5)[2] / 1000
    assert found["distance_km"].iloc[0] == 0.0
    assert found["distance_km"].iloc[1] == pytest.approx(expected_near, abs=0.01)
    assert math.isnan(found["distance_km"].iloc[2])


def test_site_countries_tolerance_is_in_km(countries):
    sites = frame([("port", ("CN",), Point(2.02, 0.5))])  # about 2.2 km east of CN
    assert site_countries(sites, countries, tolerance_km=2.0)["iso_a2_found"].tolist() == [None]
    assert site_countries(sites, countries, tolerance_km=2.5)["iso_a2_found"].tolist() == ["CN"]


def test_site_countries_on_a_border_is_deterministic(countries):
    found = site_countries(frame([("post", ("CN", "KZ"), Point(1.0, 0.5))]), countries)
    assert found["iso_a2_found"].tolist() == ["CN"]

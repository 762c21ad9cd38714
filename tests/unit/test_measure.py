"""Tests for geo.measure on tiny inline geometries: two square countries, a few lines, points."""

import math
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pyproj
import pytest
from shapely import LineString, MultiLineString, Point, box

from geo.measure import (
    NO_COUNTRY,
    check_site_countries,
    countries_crossed,
    load_boundaries,
    route_lengths_km,
    site_countries,
)
from tests.conftest import ROOT

GEOD = pyproj.Geod(ellps="WGS84")
KM_PER_DEGREE_ON_EQUATOR = 111.319491  # 2 * pi * 6378.137 / 360
KM_PER_DEGREE_OF_LATITUDE_AT_EQUATOR = 110.574


def km_along_parallel(lat: float, lon0: float, lon1: float) -> float:
    """Reference length along a parallel, from many short geodesic steps."""
    steps = 1000
    lons = [lon0 + (lon1 - lon0) * i / steps for i in range(steps + 1)]
    return GEOD.line_length(lons, [lat] * len(lons)) / 1000


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


# check_site_countries


def test_check_site_countries_reports_a_site_in_an_undeclared_country(countries):
    sites = frame([("horgos", ("CN",), Point(0.42, 0.21))])
    assert check_site_countries(sites, countries) == [
        "feature 'horgos': point [0.42, 0.21] lies in KZ (0.0 km) but countries says ['CN']"
    ]


def test_check_site_countries_accepts_border_posts_and_ports_near_a_coast(countries):
    sites = frame(
        [
            ("border_post", ("KZ", "CN"), Point(0.99, 0.5)),
            ("port", ("CN",), Point(2.02, 0.5)),
        ]
    )
    assert check_site_countries(sites, countries) == []


def test_check_site_countries_reports_sites_near_no_country(countries):
    messages = check_site_countries(frame([("lost", ("CN",), Point(3.0, 0.5))]), countries)
    assert messages == [
        "feature 'lost': point [3.0, 0.5] lies in no country nor within 5.0 km of one, "
        "but countries says ['CN']"
    ]


def test_check_site_countries_compares_routes_both_ways(countries):
    routes = frame(
        [
            ("undeclared", ("KZ",), LineString([(0.5, 0.5), (1.5, 0.5)])),
            ("not_crossed", ("KZ", "CN", "UZ"), LineString([(0.5, 0.5), (1.5, 0.5)])),
            ("clips_neighbour", ("KZ",), LineString([(0.5, 0.5), (1.005, 0.5)])),
        ]
    )
    messages = check_site_countries(routes, countries)
    assert messages == [
        "feature 'undeclared': route crosses CN for 55.7 km but countries says ['KZ']",
        "feature 'not_crossed': countries says 'UZ' but the boundaries have no such country "
        "(outside their box?)",
    ]


def test_check_site_countries_declared_but_far_from_route(countries):
    routes = frame([("r", ("KZ", "CN"), LineString([(0.2, 0.5), (0.8, 0.5)]))])
    assert check_site_countries(routes, countries) == [
        "feature 'r': countries says 'CN' but the route crosses it for 0.0 km and neither end "
        "is within 5.0 km of it"
    ]


def test_check_site_countries_ferry_ends_near_the_coasts_it_declares():
    # Two coasts with 1 degree of sea between them; the ferry starts 1 km inland.
    coasts = gpd.GeoDataFrame(
        {"iso_a2": ["KZ", "AZ"]}, geometry=[box(0, 0, 1, 1), box(2, 0, 3, 1)], crs=4326
    )
    ferry = frame([("ferry", ("KZ", "AZ"), LineString([(0.991, 0.5), (2.0, 0.5)]))])
    assert check_site_countries(ferry, coasts) == []


# load_boundaries


def test_load_boundaries_round_trip(tmp_path, countries):
    path = tmp_path / "countries.geojson"
    countries.to_file(path, driver="GeoJSON")
    loaded = load_boundaries(path)
    assert loaded["iso_a2"].tolist() == ["KZ", "CN"]
    assert loaded.crs.to_epsg() == 4326


def test_load_boundaries_names_a_missing_file(tmp_path):
    path = tmp_path / "nowhere.geojson"
    with pytest.raises(FileNotFoundError, match=r"nowhere\.geojson: boundaries file not found"):
        load_boundaries(path)


def test_load_boundaries_names_an_unreadable_file(tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text("{ not json")
    with pytest.raises(ValueError, match=r"broken\.geojson: cannot be read"):
        load_boundaries(path)


def test_load_boundaries_names_the_bad_country(tmp_path):
    bowtie = "POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"
    bad = gpd.GeoDataFrame(
        {"iso_a2": ["KZ", "CN", "CN"], "name": ["Kazakhstan", "China", "China"]},
        geometry=gpd.GeoSeries.from_wkt([bowtie, "POINT (5 5)", "POLYGON ((1 0, 2 0, 2 1, 1 0))"]),
        crs=4326,
    )
    path = tmp_path / "bad.geojson"
    bad.to_file(path, driver="GeoJSON")
    with pytest.raises(ValueError) as info:
        load_boundaries(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "country 'KZ': Self-intersection" in message
    assert "country 'CN' is a Point, not a polygon" in message
    assert "iso_a2 ['CN'] appear more than once" in message


def test_load_boundaries_names_missing_properties(tmp_path, countries):
    path = tmp_path / "no_codes.geojson"
    countries.drop(columns="iso_a2").to_file(path, driver="GeoJSON")
    with pytest.raises(ValueError, match=r"no_codes\.geojson: countries have no \['iso_a2'\]"):
        load_boundaries(path)


def test_measure_does_not_import_streamlit():
    code = "import sys, geo.measure; assert 'streamlit' not in sys.modules, 'streamlit imported'"
    repo = ROOT
    result = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

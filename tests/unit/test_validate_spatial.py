"""Tests for geo.validate.spatial on tiny inline geometries: the boundaries-file check and the
countries each feature declares against where it lies."""

import geopandas as gpd
import pytest
from shapely import LineString, Point, box

from geo.measure import countries_crossed
from geo.validate import Problem, read_boundaries
from geo.validate.spatial import country_problems
from tests.unit.conftest import frame

FILE = "corridors.geojson"


def problems(features: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame, **kw) -> list[str]:
    crossings = countries_crossed(features, boundaries)
    return [str(p) for p in country_problems(features, boundaries, crossings, FILE, **kw)]


# country_problems


def test_a_site_in_an_undeclared_country_is_named(countries):
    sites = frame([("horgos", ("CN",), Point(0.42, 0.21))])
    crossings = countries_crossed(sites, countries)
    assert country_problems(sites, countries, crossings, FILE) == [
        Problem(FILE, "horgos", "point [0.42, 0.21] lies in KZ (0.0 km) but countries says ['CN']")
    ]


def test_border_posts_and_ports_near_a_coast_are_accepted(countries):
    sites = frame(
        [
            ("border_post", ("KZ", "CN"), Point(0.99, 0.5)),
            ("port", ("CN",), Point(2.02, 0.5)),
        ]
    )
    assert problems(sites, countries, tolerance_km=5.0) == []


def test_a_site_near_no_country_is_named_with_the_tolerance(countries):
    lost = frame([("lost", ("CN",), Point(3.0, 0.5))])
    assert problems(lost, countries, tolerance_km=5.0) == [
        "corridors.geojson: lost: point [3.0, 0.5] lies in no country nor within 5.0 km of one, "
        "but countries says ['CN']"
    ]


def test_the_site_tolerance_defaults_to_the_documented_constant(countries):
    # 2.02 is 2.2 km off the coast, 2.1 is 11 km: inside and outside SITE_TOLERANCE_KM (10 km).
    sites = frame([("near", ("CN",), Point(2.02, 0.5)), ("far", ("CN",), Point(2.1, 0.5))])
    assert problems(sites, countries) == [
        "corridors.geojson: far: point [2.1, 0.5] lies in no country nor within 10.0 km of one, "
        "but countries says ['CN']"
    ]


def test_routes_are_compared_both_ways(countries):
    routes = frame(
        [
            ("undeclared", ("KZ",), LineString([(0.5, 0.5), (1.5, 0.5)])),
            ("not_crossed", ("KZ", "CN", "UZ"), LineString([(0.5, 0.5), (1.5, 0.5)])),
            ("clips_neighbour", ("KZ",), LineString([(0.5, 0.5), (1.005, 0.5)])),
        ]
    )
    assert problems(routes, countries) == [
        "corridors.geojson: undeclared: route crosses CN for 55.7 km but countries says ['KZ']",
        "corridors.geojson: not_crossed: countries says 'UZ' but the boundaries have no such "
        "country (outside their box?)",
    ]


def test_a_declared_country_far_from_the_route_is_named(countries):
    routes = frame([("r", ("KZ", "CN"), LineString([(0.2, 0.5), (0.8, 0.5)]))])
    assert problems(routes, countries, tolerance_km=5.0) == [
        "corridors.geojson: r: countries says 'CN' but the route crosses it for 0.0 km and "
        "neither end is within 5.0 km of it"
    ]


def test_a_ferry_ends_near_the_coasts_it_declares():
    # Two coasts with 1 degree of sea between them; the ferry starts 1 km inland.
    coasts = gpd.GeoDataFrame(
        {"iso_a2": ["KZ", "AZ"]}, geometry=[box(0, 0, 1, 1), box(2, 0, 3, 1)], crs=4326
    )
    ferry = frame([("ferry", ("KZ", "AZ"), LineString([(0.991, 0.5), (2.0, 0.5)]))])
    assert problems(ferry, coasts) == []


# read_boundaries


def test_read_boundaries_round_trip(tmp_path, countries):
    path = tmp_path / "countries.geojson"
    countries.to_file(path, driver="GeoJSON")
    loaded, found = read_boundaries(path)
    assert found == []
    assert loaded["iso_a2"].tolist() == ["KZ", "CN"]
    assert loaded.crs.to_epsg() == 4326


def test_read_boundaries_names_a_missing_file(tmp_path):
    loaded, found = read_boundaries(tmp_path / "nowhere.geojson", "data/b.geojson")
    assert loaded is None
    assert [str(p) for p in found] == [
        "data/b.geojson: -: boundaries file not found; rebuild it with "
        "'python scripts/build_boundaries.py'"
    ]


def test_read_boundaries_names_an_unreadable_file(tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text("{ not json")
    loaded, found = read_boundaries(path)
    assert loaded is None
    assert [(p.file, p.id) for p in found] == [(str(path), "-")]
    assert found[0].message.startswith("cannot be read as GeoJSON: ")


def test_read_boundaries_names_each_bad_country(tmp_path):
    bowtie = "POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"
    bad = gpd.GeoDataFrame(
        {"iso_a2": ["KZ", "CN", "CN", "KGZ"], "name": ["Kazakhstan", "China", "China", "Kyrgyz"]},
        geometry=gpd.GeoSeries.from_wkt(
            [
                bowtie,
                "POINT (5 5)",
                "POLYGON ((1 0, 2 0, 2 1, 1 0))",
                "POLYGON ((3 0, 4 0, 4 1, 3 0))",
            ]
        ),
        crs=4326,
    )
    path = tmp_path / "bad.geojson"
    bad.to_file(path, driver="GeoJSON")
    loaded, found = read_boundaries(path, "b")
    assert loaded is None
    assert [str(p) for p in found] == [
        "b: KZ: Self-intersection[0.5 0.5]",
        "b: CN: is a Point, not a polygon",
        "b: country #3: iso_a2 'KGZ' is not a two-letter code",
        "b: CN: iso_a2 appears more than once",
    ]


def test_read_boundaries_names_missing_properties(tmp_path, countries):
    path = tmp_path / "no_codes.geojson"
    countries.drop(columns="iso_a2").to_file(path, driver="GeoJSON")
    _, found = read_boundaries(path, "b")
    assert [str(p) for p in found] == ["b: -: countries have no ['iso_a2'] properties"]


@pytest.mark.parametrize("tolerance_km", [0.0, 5.0])
def test_a_site_inside_its_country_is_accepted_at_any_tolerance(countries, tolerance_km):
    assert (
        problems(frame([("in", ("KZ",), Point(0.5, 0.5))]), countries, tolerance_km=tolerance_km)
        == []
    )

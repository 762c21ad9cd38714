"""Checks of the committed country boundaries, data/boundaries/countries.geojson."""

import json

import geopandas as gpd
import pycountry
import pytest
from shapely import Point

from geo.measure import site_countries
from geo.validate import read_boundaries
from tests.conftest import DATA

BOUNDARIES = DATA / "boundaries"
GEOJSON = BOUNDARIES / "countries.geojson"
META = BOUNDARIES / "countries.meta.json"
REQUIRED = ["CN", "KZ", "KG", "UZ", "TJ", "TM", "AZ", "GE", "TR", "RU"]


@pytest.fixture(scope="module")
def countries() -> gpd.GeoDataFrame:
    frame, problems = read_boundaries(GEOJSON)
    assert problems == []
    return frame


def test_file_is_small():
    size = GEOJSON.stat().st_size
    assert size < 1.5e6, f"{GEOJSON}: {size} bytes; keep it under 1.5 MB (see build script)"


def test_crs_is_wgs84_longitude_latitude(countries):
    assert countries.crs.to_epsg() == 4326, f"{GEOJSON}: CRS is {countries.crs}"


def test_geometries_are_valid_nonempty_polygons(countries):
    bad = [
        code
        for code, geom in zip(countries["iso_a2"], countries.geometry, strict=True)
        if geom is None
        or geom.is_empty
        or not geom.is_valid
        or geom.geom_type not in ("Polygon", "MultiPolygon")
    ]
    assert not bad, f"{GEOJSON}: countries with empty, invalid or non-polygon geometry: {bad}"


def test_codes_are_unique_iso_3166_alpha_2(countries):
    codes = countries["iso_a2"].tolist()
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    unknown = [c for c in codes if pycountry.countries.get(alpha_2=c) is None]
    assert not repeated, f"{GEOJSON}: iso_a2 repeated: {repeated}"
    assert not unknown, f"{GEOJSON}: iso_a2 not in ISO 3166-1: {unknown}"


def test_numeric_codes_match_alpha_2(countries):
    wrong = [
        (a2, n3)
        for a2, n3 in zip(countries["iso_a2"], countries["iso_n3"], strict=True)
        if pycountry.countries.get(alpha_2=a2).numeric != n3
    ]
    assert not wrong, f"{GEOJSON}: iso_n3 does not match iso_a2 for {wrong}"


def test_region_countries_are_present(countries):
    missing = sorted(set(REQUIRED) - set(countries["iso_a2"]))
    assert not missing, f"{GEOJSON}: missing countries {missing}"


@pytest.mark.parametrize(
    ("place", "lon", "lat", "iso_a2"),
    [
        ("Kashgar", 75.99, 39.47, "CN"),
        ("Bishkek", 74.59, 42.87, "KG"),
        ("Aktau", 51.2, 43.65, "KZ"),
        ("Tashkent", 69.24, 41.3, "UZ"),
        ("Baku", 49.87, 40.38, "AZ"),
    ],
)
def test_known_places_lie_in_their_country(countries, place, lon, lat, iso_a2):
    sites = gpd.GeoDataFrame({"id": [place]}, geometry=[Point(lon, lat)], crs=4326)
    found = site_countries(sites, countries, tolerance_km=0.0)
    assert found["iso_a2_found"].tolist() == [iso_a2], f"{GEOJSON}: {place} is not in {iso_a2}"


def test_caspian_sea_is_in_no_country(countries):
    sea = gpd.GeoDataFrame({"id": ["caspian"]}, geometry=[Point(50.5, 42.0)], crs=4326)
    found = site_countries(sea, countries, tolerance_km=0.0)
    assert found["iso_a2_found"].tolist() == [None], f"{GEOJSON}: the Caspian is in a country"


def test_meta_file_describes_the_source():
    meta = json.loads(META.read_text(encoding="utf-8"))
    for key in ("source", "licence", "bbox", "built_by", "sha256_of_input"):
        assert meta.get(key), f"{META}: {key!r} is missing or empty"
    assert (BOUNDARIES.parent.parent / meta["built_by"]).is_file(), f"{META}: built_by not found"
    assert len(meta["sha256_of_input"]) == 64, f"{META}: sha256_of_input is not a sha256"


def test_countries_stay_inside_the_meta_bbox(countries):
    west, south, east, north = json.loads(META.read_text(encoding="utf-8"))["bbox"]
    minx, miny, maxx, maxy = countries.total_bounds
    assert west <= minx and south <= miny and maxx <= east and maxy <= north, (
        f"{GEOJSON}: bounds {countries.total_bounds.tolist()} exceed the meta bbox"
    )

"""Checks of the committed country boundaries, data/boundaries/countries.geojson."""

import json

import geopandas as gpd
import pycountry
import pytest
import shapely
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


def test_every_country_meets_the_meta_bbox_and_is_not_cut_by_it(countries):
    """Countries are kept whole: a country clipped to the box would draw a straight, rectangular
    coast on the map (issue 13). No edge of an outline runs along a side of the box."""
    west, south, east, north = json.loads(META.read_text(encoding="utf-8"))["bbox"]
    box = shapely.box(west, south, east, north)
    outside = countries.loc[~countries.intersects(box), "iso_a2"].tolist()
    assert not outside, f"{GEOJSON}: countries outside the meta bbox {outside}"
    cut = []
    for code, geom in zip(countries["iso_a2"], countries.geometry, strict=True):
        edges = shapely.get_coordinates(geom.boundary)
        for (x0, y0), (x1, y1) in zip(edges[:-1], edges[1:], strict=True):
            on_side = (x0 == x1 and x0 in (west, east)) or (y0 == y1 and y0 in (south, north))
            if on_side and abs(x1 - x0) + abs(y1 - y0) > 0.5:
                cut.append(code)
                break
    assert not cut, f"{GEOJSON}: outlines cut along the box's sides: {cut}"


def test_no_outline_runs_across_the_whole_map(countries):
    """A ring across the antimeridian (Russia's Chukotka) is split there, not drawn as an edge
    from -180° to 180° across every zoom of the map."""
    wide = [
        code
        for code, geom in zip(countries["iso_a2"], countries.geometry, strict=True)
        for part in getattr(geom, "geoms", [geom])
        if part.bounds[2] - part.bounds[0] > 180
    ]
    assert not wide, f"{GEOJSON}: polygons wider than 180° of longitude: {wide}"

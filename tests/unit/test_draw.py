"""The map drawn by geo.draw, checked without a browser: what it loads, what it shows, how a click
is read back. Browser checks (the map really draws, a click selects) belong to the browser tests."""

from __future__ import annotations

import re
from pathlib import Path

import folium
import folium.plugins
import geopandas as gpd
import pytest
from shapely.geometry import LineString, MultiLineString, Point, box

from devtools.headless import st_folium_args
from geo.assets import (
    DEFAULT_BASE_URL,
    LOCAL_ASSETS,
    VENDOR_DIR,
    MissingAssetError,
    loaded_urls,
    localize,
)
from geo.draw import (
    PROJECT_PALETTE,
    build_map,
    clicked_feature_id,
    project_colors,
    selection_layer,
    site_icon,
    view_of,
)
from tests.conftest import folder_hashes

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"  # the attribution link OSM requires
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


def layer(m: folium.Map, name: str) -> folium.GeoJson:
    return next(c for c in m._children.values() if getattr(c, "layer_name", None) == name)


def vendored_file(url: str) -> Path:
    assert url.startswith(DEFAULT_BASE_URL), url
    return VENDOR_DIR / url.removeprefix(DEFAULT_BASE_URL)


# ------------------------------------------------------------------- nothing from the internet


@pytest.mark.parametrize("tiles_online", [True, False])
def test_rendered_map_names_no_web_address_but_osm(routes, sites, boundaries, colors, tiles_online):
    m = build_map(routes, sites, boundaries, colors=colors, tiles_online=tiles_online)
    page = m.get_root().render()
    addresses = set(re.findall(r"https?://[^\s\"'\\<>)]+", page))
    allowed = {OSM_TILES, OSM_COPYRIGHT} if tiles_online else set()
    assert addresses <= allowed, addresses - allowed
    assert (OSM_TILES in addresses) == tiles_online


def test_st_folium_is_given_only_local_links(atlas_map):
    sent = st_folium_args(
        atlas_map, returned_objects=["last_active_drawing", "last_object_clicked_tooltip"]
    )
    assert sent["js_links"] == [
        DEFAULT_BASE_URL + "leaflet-1.9.4/leaflet.js",  # first: the frontend loads them in order
        DEFAULT_BASE_URL + "leaflet.fullscreen-3.0.0/Control.FullScreen.js",
    ]
    assert sent["css_links"] == [
        DEFAULT_BASE_URL + "leaflet-1.9.4/leaflet.css",
        DEFAULT_BASE_URL + "leaflet.fullscreen-3.0.0/Control.FullScreen.css",
    ]
    for part in ("header", "html"):
        assert not re.search(r"https?://", sent[part]), part
    assert set(re.findall(r"https?://[^\s\"'\\<>)]+", sent["script"])) <= {OSM_TILES, OSM_COPYRIGHT}


def test_every_address_the_map_loads_is_a_vendored_file(atlas_map):
    for url in loaded_urls(atlas_map):
        if url == OSM_TILES:
            continue
        assert vendored_file(url).is_file(), url


def test_vendored_css_finds_its_images():
    for css in VENDOR_DIR.rglob("*.css"):
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text()):
            if ref.startswith(("#", "data:")):
                continue
            assert (css.parent / ref).is_file(), f"{css.relative_to(VENDOR_DIR)}: {ref}"


def test_vendor_readme_lists_every_file_with_its_hash():
    readme = (VENDOR_DIR / "README.md").read_text()
    listed = dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", readme, re.M))
    on_disk = folder_hashes(VENDOR_DIR)
    del on_disk["README.md"]
    assert listed == on_disk
    for folder in {Path(rel).parts[0] for rel in on_disk}:
        assert (VENDOR_DIR / folder / "LICENSE").is_file(), folder
    for asset in LOCAL_ASSETS.values():
        assert asset.path in on_disk


# --------------------------------------------------------------------------------- localize


def test_localize_leaves_folium_classes_alone(atlas_map):
    assert folium.Map.default_js[0][1].startswith("https://")
    assert folium.plugins.Fullscreen.default_css[0][1].startswith("https://")
    assert localize(folium.Map(tiles=None)).default_js == [
        ("leaflet", DEFAULT_BASE_URL + "leaflet-1.9.4/leaflet.js")
    ]


@pytest.mark.parametrize(
    ("add", "message"),
    [
        (lambda m: folium.Marker([40, 70], icon=folium.Icon()).add_to(m), "awesome-markers"),
        (lambda m: folium.Marker([40, 70], popup="hello").add_to(m), "jQuery"),
        (lambda m: folium.plugins.MiniMap().add_to(m), "not vendored"),
        (lambda m: folium.plugins.MarkerCluster().add_to(m), "not vendored"),
    ],
)
def test_localize_refuses_what_is_not_vendored(add, message):
    m = folium.Map(tiles=None)
    add(m)
    with pytest.raises(MissingAssetError, match=message):
        localize(m)


def test_localize_refuses_another_leaflet_version():
    m = folium.Map(tiles=None)
    m.default_js = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@2.0.0/dist/leaflet.js")]
    with pytest.raises(MissingAssetError, match="leaflet@2.0.0"):
        localize(m)


# ------------------------------------------------------------------------------ what it draws


def test_schematic_routes_are_dashed_and_traced_ones_solid(atlas_map):
    routes_layer = layer(atlas_map, "Routes")
    styles = {f["id"]: f["properties"]["style"] for f in routes_layer.data["features"]}
    assert styles["cku_railway"]["dashArray"]
    assert "dashArray" not in styles["khorgos_almaty"]
    assert styles["khorgos_almaty"]["color"] == PROJECT_PALETTE[1]  # after "<img..." sorted


def test_features_carry_their_id_for_click_recovery(atlas_map):
    for name, ids in [
        ("Routes", {"khorgos_almaty", "cku_railway"}),
        ("Sites", {"khorgos_gateway", "torugart", "aktau"}),
    ]:
        features = layer(atlas_map, name).data["features"]
        assert {f["properties"]["id"] for f in features} == ids
        assert all(f["id"] == f["properties"]["id"] for f in features)
        assert {f["properties"]["layer"] for f in features} == {name.lower()[:-1]}
    outlines = layer(atlas_map, "Country outlines").data["features"]
    assert all("id" not in f["properties"] for f in outlines)


def test_site_kinds_get_different_icons(atlas_map):
    sites_layer = layer(atlas_map, "Sites")
    kinds = {f["properties"]["kind"] for f in sites_layer.data["features"]}
    icons = [sites_layer.icons[k]["html"] for k in kinds]
    assert len(set(icons)) == 3
    assert all(icon.startswith("<svg") and "http" not in icon for icon in icons)


def test_hostile_names_appear_only_escaped(atlas_map):
    page = atlas_map.get_root().render()
    for text in (HOSTILE, HOSTILE_PROJECT, "<script>alert", "<img src=x"):
        assert text not in page
    tooltips = [f["properties"]["tooltip"] for f in layer(atlas_map, "Routes").data["features"]]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in tooltips)
    legend = next(c for c in atlas_map._children.values() if c._name == "Legend")
    assert "&lt;img src=x onerror=alert(2)&gt;" in legend.html
    assert "<img" not in legend.html


def test_coordinates_are_rounded_and_outlines_simplified(routes, sites, colors):
    fine = gpd.GeoDataFrame(
        [["KZ", "Round", Point(70, 45).buffer(5, quad_segs=256)]],
        columns=["iso_a2", "name", "geometry"],
        crs="EPSG:4326",
    )
    m = build_map(routes, sites, fine, colors=colors)
    first = layer(m, "Routes").data["features"][0]["geometry"]["coordinates"][0]
    assert list(first) == [80.41235, 44.2]
    ring = layer(m, "Country outlines").data["features"][0]["geometry"]["coordinates"][0]
    assert len(ring) < len(fine.geometry[0].exterior.coords) / 4


def test_selected_feature_is_highlighted_and_fitted(routes, sites, boundaries, colors):
    m = build_map(routes, sites, boundaries, colors=colors, selected="torugart")
    fit = next(c for c in m._children.values() if c._name == "FitBounds")
    assert fit.bounds == [[40.55, 75.4], [40.55, 75.4]]
    sites_layer = layer(m, "Sites")
    assert (
        site_icon("border_crossing", True)["iconSize"][0] > site_icon("port", False)["iconSize"][0]
    )
    assert '"torugart" && chosen' in sites_layer.options  # the selected site gets the big icon
    assert sites_layer.data["features"][-1]["id"] == "torugart"  # drawn on top


def test_selection_layer_and_view_move_without_a_new_map(routes, sites, colors):
    group = selection_layer(routes, sites, "cku_railway", colors)
    drawn = [c for c in group._children.values() if hasattr(c, "data")]
    assert [f["id"] for c in drawn for f in c.data["features"]] == ["cku_railway"] * 2
    assert selection_layer(routes, sites, None, colors) is None
    assert selection_layer(routes, sites, "gone", colors) is None
    center, zoom = view_of(routes, sites, "cku_railway")
    assert 2 <= zoom <= 9 and len(center) == 2
    assert view_of(routes, sites, "torugart") == ([40.55, 75.4], 7)
    assert view_of(routes, sites, None) == (None, None)


def test_many_sites_are_drawn_as_dots(routes, sites, boundaries, colors, monkeypatch):
    import geo.draw as draw

    monkeypatch.setattr(draw, "MAX_ICON_SITES", 1)
    m = build_map(routes, sites, boundaries, colors=colors)
    assert "circleMarker" in layer(m, "Sites").options


def test_unknown_selection_fits_everything(routes, sites, boundaries, colors):
    m = build_map(routes, sites, boundaries, colors=colors, selected="gone")
    fit = next(c for c in m._children.values() if c._name == "FitBounds")
    assert fit.bounds == [[39.47, 51.15], [44.2, 80.4123456]]


def test_empty_routes_and_sites_still_draw(routes, sites, boundaries, colors):
    m = build_map(routes.iloc[0:0], sites.iloc[0:0], boundaries, colors=colors)
    assert "Country outlines" in m.get_root().render()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.drop(columns="geometry_quality"), "routes lacks column"),
        (lambda r: r.set_crs(None, allow_override=True), "routes has no CRS"),
        (
            lambda r: r.set_geometry([Point(0, 0), Point(1, 1)], crs="EPSG:4326"),
            "routes: feature 'khorgos_almaty' is a Point",
        ),
        (lambda r: r.assign(id=["a", "a"]), "duplicate id"),
    ],
)
def test_bad_input_is_named(routes, sites, boundaries, colors, change, message):
    with pytest.raises(ValueError, match=message):
        build_map(change(routes), sites, boundaries, colors=colors)


def test_bad_colour_is_refused(routes, sites, boundaries):
    with pytest.raises(ValueError, match="not a #rrggbb"):
        build_map(routes, sites, boundaries, colors={"cku": "red;background:url(x)"})


def test_project_colors_are_okabe_ito_and_stable():
    assert project_colors(["b", "a", None, "", "a"]) == {
        "a": PROJECT_PALETTE[0],
        "b": PROJECT_PALETTE[1],
    }
    assert project_colors(["a", "b"]) == project_colors(["b", "a"])


# ------------------------------------------------------------------------- clicked_feature_id

# The shape streamlit-folium 0.27 returned in a real browser after clicking a route and a site on
# a map from build_map, with returned_objects=["last_active_drawing",
# "last_object_clicked_tooltip"].
ROUTE_CLICK = {
    "last_object_clicked_tooltip": "\n  Khorgos–Almaty railway\nrailway · operational\n  ",
    "last_active_drawing": {
        "type": "Feature",
        "id": "khorgos_almaty",
        "geometry": {"type": "LineString", "coordinates": [[80.4, 44.2], [76.95, 43.25]]},
        "properties": {
            "id": "khorgos_almaty",
            "layer": "route",
            "name": "Khorgos–Almaty railway",
            "kind": "railway",
            "project": "middle_corridor",
            "status": "operational",
            "geometry_quality": "traced",
            "tooltip": "<b>Khorgos–Almaty railway</b>",
        },
    },
}
SITE_CLICK = {
    "last_object_clicked_tooltip": "\n  Altynkol hub\nlogistics hub · operational\n  ",
    "last_active_drawing": {
        "type": "Feature",
        "id": "altynkol",
        "geometry": {"type": "Point", "coordinates": [80, 44.1]},
        "properties": {"id": "altynkol", "layer": "site", "kind": "logistics_hub"},
    },
}
COUNTRY_CLICK = {
    "last_object_clicked_tooltip": "Kazakhstan",
    "last_active_drawing": {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": []},
        "properties": {"layer": "boundary", "iso_a2": "KZ", "name": "Kazakhstan"},
    },
}


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        (ROUTE_CLICK, "khorgos_almaty"),
        (SITE_CLICK, "altynkol"),
        (COUNTRY_CLICK, None),
        ({"last_object_clicked_tooltip": None, "last_active_drawing": None}, None),  # before
        ({}, None),
        (None, None),
        ("khorgos_almaty", None),
        ({"last_active_drawing": {"properties": None}}, None),
        ({"last_active_drawing": {"properties": {"id": "x", "layer": "drawn"}}}, None),
        ({"last_active_drawing": {"properties": {"id": 7, "layer": "site"}}}, None),
        ({"last_active_drawing": {"properties": {"id": "A<b>", "layer": "site"}}}, None),
        ({"last_active_drawing": {"properties": {"layer": "route"}}}, None),
    ],
)
def test_clicked_feature_id(returned, expected):
    assert clicked_feature_id(returned) == expected

"""The map loads nothing from the internet: every script and style is a vendored file, and
localize refuses elements whose files are not vendored."""

from __future__ import annotations

import re
from pathlib import Path

import folium
import folium.plugins
import pytest

from devtools.headless import st_folium_args
from geo.draw import build_map
from geo.draw.assets import (
    DEFAULT_BASE_URL,
    LOCAL_ASSETS,
    OWN_BASE_URL,
    OWN_DIR,
    VENDOR_DIR,
    MissingAssetError,
    loaded_urls,
    localize,
    own_asset_url,
)
from tests.conftest import folder_hashes

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"  # the attribution link OSM requires


def served_file(url: str) -> Path:
    """The file under static/ that Streamlit serves at ``url`` (a vendored or our own)."""
    if url.startswith(OWN_BASE_URL):
        return OWN_DIR / url.removeprefix(OWN_BASE_URL).split("?")[0]
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
    sent = st_folium_args(atlas_map, returned_objects=["last_active_drawing"])
    assert sent["js_links"] == [
        DEFAULT_BASE_URL + "leaflet-1.9.4/leaflet.js",  # first: the frontend loads them in order
        DEFAULT_BASE_URL + "leaflet.fullscreen-3.0.0/Control.FullScreen.js",
        own_asset_url("atlas-map.js"),
    ]
    assert sent["css_links"] == [
        DEFAULT_BASE_URL + "leaflet-1.9.4/leaflet.css",
        DEFAULT_BASE_URL + "leaflet.fullscreen-3.0.0/Control.FullScreen.css",
    ]
    for part in ("header", "html"):
        assert not re.search(r"https?://", sent[part]), part
    assert set(re.findall(r"https?://[^\s\"'\\<>)]+", sent["script"])) <= {OSM_TILES, OSM_COPYRIGHT}


def test_every_address_the_map_loads_is_a_vendored_file_or_ours(atlas_map):
    urls = loaded_urls(atlas_map)
    assert OSM_TILES in urls and own_asset_url("atlas-map.js") in urls
    for url in urls:
        if url == OSM_TILES:
            continue
        assert served_file(url).is_file(), url


def test_the_address_of_our_script_changes_with_it(tmp_path, monkeypatch):
    import geo.draw.assets as assets

    (tmp_path / "x.js").write_text("1")
    monkeypatch.setattr(assets, "OWN_DIR", tmp_path)
    first = own_asset_url("x.js")
    (tmp_path / "x.js").write_text("2")
    assert own_asset_url("x.js") != first and first.startswith(OWN_BASE_URL + "x.js?v=")


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

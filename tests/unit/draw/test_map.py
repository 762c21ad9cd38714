"""The map drawn by geo.draw, checked without a browser: what it shows and how. Browser checks (the
map really draws, a click selects) belong to the browser tests."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo.draw import PROJECT_PALETTE, build_map, legend_html, project_colors, selection_layer
from geo.draw.layers import script_json
from geo.draw.style import site_icon
from tests.unit.draw.conftest import HOSTILE, HOSTILE_PROJECT, child, layer


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
    icons = [site_icon(k, False) for k in kinds]
    assert len({icon["html"] for icon in icons}) == 3
    assert all(icon["html"].startswith("<svg") and "http" not in icon["html"] for icon in icons)
    assert all(script_json(icon) in sites_layer.options for icon in icons)  # the map uses them


def test_hostile_names_appear_only_escaped(atlas_map):
    page = atlas_map.get_root().render()
    for text in (HOSTILE, HOSTILE_PROJECT, "<script>alert", "<img src=x"):
        assert text not in page
    tooltips = [f["properties"]["tooltip"] for f in layer(atlas_map, "Routes").data["features"]]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in tooltips)
    legend = child(atlas_map, "Legend")
    assert "&lt;img src=x onerror=alert(2)&gt;" in legend.html
    assert "<img" not in legend.html


def test_legend_as_images_keeps_its_text_and_drops_inline_svg(routes, sites, colors):
    inline = legend_html(routes, sites, colors)
    as_img = legend_html(routes, sites, colors, svg_as_img=True)
    assert "<svg" in inline and "<svg" not in as_img
    assert as_img.count('<img alt="" src="data:image/svg+xml;base64,') == inline.count("<svg")
    assert "&lt;img src=x onerror=alert(2)&gt;" in as_img and "dry port" in as_img


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


def test_selected_feature_is_highlighted(routes, sites, boundaries, colors):
    m = build_map(routes, sites, boundaries, colors=colors, selected="torugart")
    sites_layer = layer(m, "Sites")
    assert (
        site_icon("border_crossing", True)["iconSize"][0] > site_icon("port", False)["iconSize"][0]
    )
    assert '"torugart" && chosen' in sites_layer.options  # the selected site gets the big icon
    assert sites_layer.data["features"][-1]["id"] == "torugart"  # drawn on top


def test_selection_layer_draws_only_the_selection(routes, sites, colors):
    group = selection_layer(routes, sites, "cku_railway", colors)
    drawn = [c for c in group._children.values() if hasattr(c, "data")]
    assert [f["id"] for c in drawn for f in c.data["features"]] == ["cku_railway"] * 2
    site = selection_layer(routes, sites, "torugart", colors)
    [sites_layer] = [c for c in site._children.values() if hasattr(c, "data")]
    assert [f["id"] for f in sites_layer.data["features"]] == ["torugart"]
    assert selection_layer(routes, sites, None, colors) is None
    assert selection_layer(routes, sites, "gone", colors) is None


def test_many_sites_are_drawn_as_dots(routes, sites, boundaries, colors, monkeypatch):
    import geo.draw.layers

    monkeypatch.setattr(geo.draw.layers, "MAX_ICON_SITES", 1)
    m = build_map(routes, sites, boundaries, colors=colors)
    assert "circleMarker" in layer(m, "Sites").options


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

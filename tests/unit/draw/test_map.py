"""The map drawn by geo.draw, checked without a browser: what its parts hold and what its script
says. How the map's script draws them is checked in Chromium (tests/browser/test_map_script.py)."""

from __future__ import annotations

import re

import geopandas as gpd
import pytest
from shapely.geometry import Point

from devtools.headless import st_folium_args
from geo.draw import (
    PROJECT_PALETTE,
    atlas_map,
    build_map,
    frame_of,
    legend_html,
    map_parts,
    map_state,
    outlines_geojson,
    project_colors,
    shown_bits,
    state_layer,
)
from geo.draw.style import site_icon
from geo.publish import published
from tests.unit.draw.conftest import HOSTILE, HOSTILE_PROJECT, atlas_layers, part


def test_routes_are_coloured_by_project_and_dashed_by_quality(atlas_map):
    meta = part(atlas_map, "meta")
    quality = {
        f["id"]: f["properties"]["geometry_quality"] for f in part(atlas_map, "routes")["features"]
    }
    assert meta["dash"][quality["cku_railway"]]  # schematic: dashed
    assert quality["khorgos_almaty"] not in meta["dash"]  # traced: solid
    assert meta["colors"]["middle_corridor"] == PROJECT_PALETTE[1]  # after "<img..." sorted


def test_features_carry_their_id_for_click_recovery(atlas_map):
    for name, ids in [
        ("routes", {"khorgos_almaty", "cku_railway"}),
        ("sites", {"khorgos_gateway", "torugart", "aktau"}),
    ]:
        features = part(atlas_map, name)["features"]
        assert {f["properties"]["id"] for f in features} == ids
        assert all(f["id"] == f["properties"]["id"] for f in features)
        assert {f["properties"]["layer"] for f in features} == {name[:-1]}
    outlines = part(atlas_map, "outlines")["features"]
    assert all("id" not in f["properties"] for f in outlines)


def test_features_keep_the_order_a_state_counts_them_in(routes, sites, boundaries, colors):
    parts = map_parts(routes, sites, boundaries, colors=colors)
    drawn = [f["id"] for name in ("routes", "sites") for f in parts.data(name)["features"]]
    assert parts.ids == tuple(drawn) == (*routes["id"], *sites["id"])


def test_site_kinds_get_different_icons(atlas_map):
    meta = part(atlas_map, "meta")
    kinds = {f["properties"]["kind"] for f in part(atlas_map, "sites")["features"]}
    assert {meta["icons"][k]["html"] for k in kinds} == {site_icon(k, False)["html"] for k in kinds}
    assert len({meta["icons"][k]["html"] for k in kinds}) == 3
    assert all(meta["icons"][k]["html"].startswith("<svg") for k in kinds)
    assert all(
        meta["selected_icons"][k]["iconSize"][0] > meta["icons"][k]["iconSize"][0] for k in kinds
    )
    assert "http" not in str(meta["icons"])


def test_hostile_names_appear_only_escaped(atlas_map):
    page = atlas_map.get_root().render()
    for text in (HOSTILE, HOSTILE_PROJECT, "<script>alert", "<img src=x"):
        assert text not in page
    tooltips = [f["properties"]["tooltip"] for f in part(atlas_map, "routes")["features"]]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in tooltips)
    legend = part(atlas_map, "meta")["legend"]
    assert "&lt;img src=x onerror=alert(2)&gt;" in legend
    assert "<img" not in legend


def test_legend_as_images_keeps_its_text_and_drops_inline_svg(routes, sites, colors):
    inline = legend_html(routes, sites, colors)
    as_img = legend_html(routes, sites, colors, svg_as_img=True)
    assert "<svg" in inline and "<svg" not in as_img
    assert as_img.count('<img alt="" src="data:image/svg+xml;base64,') == inline.count("<svg")
    assert "&lt;img src=x onerror=alert(2)&gt;" in as_img and "dry port" in as_img


def test_legend_rows_name_what_they_stand_for(routes, sites, colors):
    legend = legend_html(routes, sites, colors)
    rows = set(re.findall(r'data-legend="(\w+)" data-value="([^"]*)"', legend))
    assert ("project", "middle_corridor") in rows and ("quality", "schematic") in rows
    assert ("kind", "dry_port") in rows and ("route", "") in rows
    assert ("project", "&lt;img src=x onerror=alert(2)&gt;") in rows  # escaped in the attribute


def test_coordinates_are_rounded_and_outlines_simplified(routes, sites, colors):
    fine = gpd.GeoDataFrame(
        [["KZ", "Round", Point(70, 45).buffer(5, quad_segs=256)]],
        columns=["iso_a2", "name", "geometry"],
        crs="EPSG:4326",
    )
    m = build_map(routes, sites, fine, colors=colors)
    first = part(m, "routes")["features"][0]["geometry"]["coordinates"][0]
    assert list(first) == [80.41235, 44.2]
    ring = part(m, "outlines")["features"][0]["geometry"]["coordinates"][0]
    assert len(ring) < len(fine.geometry[0].exterior.coords) / 4


def test_outlines_around_the_atlas_keep_whole_countries():
    """Countries far from the atlas are left out, but one that reaches past the box around it is
    kept whole: clipped, it would show a straight, rectangular edge at every zoom."""
    from shapely import box

    countries = gpd.GeoDataFrame(
        {"iso_a2": ["RU", "FR"], "name": ["Russia", "France"]},
        geometry=[box(30, 41, 180, 82), box(-5, 42, 8, 51)],
        crs="EPSG:4326",
    )
    kept = outlines_geojson(countries, around=(70, 40, 76, 42))["features"]
    assert [f["properties"]["iso_a2"] for f in kept] == ["RU"]
    xs, ys = zip(*kept[0]["geometry"]["coordinates"][0], strict=True)
    assert (min(xs), max(xs), min(ys), max(ys)) == (30, 180, 41, 82)


def test_selected_feature_is_drawn_over_the_others_and_framed(routes, sites, boundaries, colors):
    state = atlas_layers(
        build_map(routes, sites, boundaries, colors=colors, selected="torugart")
    ).state
    assert state["selected"] == "torugart"
    assert state["frame"] == frame_of(routes, sites, "torugart")
    assert (
        atlas_layers(build_map(routes, sites, boundaries, colors=colors)).state["selected"] is None
    )


def test_many_sites_are_drawn_as_dots(routes, sites, boundaries, colors, monkeypatch):
    import geo.draw.layers

    assert part(build_map(routes, sites, boundaries, colors=colors), "meta")["max_icon_sites"] > 3
    monkeypatch.setattr(geo.draw.layers, "MAX_ICON_SITES", 1)
    assert part(build_map(routes, sites, boundaries, colors=colors), "meta")["max_icon_sites"] == 1


def test_empty_routes_and_sites_still_draw(routes, sites, boundaries, colors):
    m = build_map(routes.iloc[0:0], sites.iloc[0:0], boundaries, colors=colors)
    assert part(m, "outlines")["features"] and not part(m, "routes")["features"]
    assert "AtlasMap.create(" in m.get_root().render()


# ------------------------------------------------------------------- the map that stays put


@pytest.fixture
def parts(routes, sites, boundaries, colors):
    return map_parts(routes, sites, boundaries, colors=colors)


def _published_map(parts, **kwargs):
    return atlas_map(parts, version="v1", urls=published(parts.json, "v1").urls(), **kwargs)


def _args(parts, state=None):
    """What st_folium sends for the dashboard's map with ``state`` (a fresh map each time, as a
    rerun makes it)."""
    group = state_layer(state) if state else None
    return st_folium_args(
        _published_map(parts),
        key="map",
        height=560,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        feature_group_to_add=group,
    )


def test_the_map_script_is_the_same_for_every_view(parts, routes, sites):
    plain = _args(parts, map_state("v1"))
    selected = _args(
        parts, map_state("v1", selected="cku_railway", frame=frame_of(routes, sites, "cku_railway"))
    )
    filtered = _args(parts, map_state("v1", shown=shown_bits(parts.ids, ["torugart"])))
    for part_name in ("script", "header", "html", "js_links", "css_links", "key", "id"):
        assert plain[part_name] == selected[part_name] == filtered[part_name], part_name
    assert len({plain["feature_group"], selected["feature_group"], filtered["feature_group"]}) == 3
    assert '"selected":"cku_railway"' in selected["feature_group"]
    assert "AtlasMap.apply(" in selected["feature_group"]


def test_the_map_script_names_its_files_and_carries_no_geometry(parts):
    args = _args(parts)
    urls = published(parts.json, "v1").urls()
    for url in urls.values():
        assert url in args["script"]
    assert "coordinates" not in args["script"] and "Khorgos" not in args["script"]
    inline = st_folium_args(atlas_map(parts, version="v1"), key="map")["script"]
    assert "coordinates" in inline and not any(u in inline for u in urls.values())


def test_the_state_is_small(routes, sites, boundaries, colors):
    many = gpd.GeoDataFrame(
        [
            [f"s{i:05}", "S", "city", "", "existing", "surveyed", Point(70 + i / 1e4, 40)]
            for i in range(11_000)
        ],
        columns=[*routes.columns[:-1], "geometry"],
        crs="EPSG:4326",
    )
    ids = (*routes["id"], *many["id"])
    state = map_state(
        "v1",
        shown=shown_bits(ids, ids[::7]),
        selected="s00042",
        frame=frame_of(routes, many, "s00042"),
    )
    group = st_folium_args(
        _published_map(map_parts(routes, many, boundaries, colors=colors)),
        feature_group_to_add=state_layer(state),
    )["feature_group"]
    assert len(group.encode()) < 3_000  # 11,002 features: one bit each, in base64


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


def test_the_map_lets_the_reader_zoom_the_page(atlas_map):
    from devtools.headless import st_folium_args

    header = st_folium_args(atlas_map)["header"]
    assert 'name="viewport"' in header and "width=device-width" in header
    assert "user-scalable" not in header and "maximum-scale" not in header

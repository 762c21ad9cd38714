"""Reading back which feature a click named, from what st_folium returns."""

from __future__ import annotations

import pytest

from geo.draw import clicked_feature_id
from tests.unit.draw.conftest import part

# The shape streamlit-folium 0.27 returned in a real browser after clicking a route and a site on
# a map from build_map, with returned_objects=["last_active_drawing",
# "last_object_clicked_tooltip"]. The tooltip is kept as recorded: nothing reads it.
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


def without_tooltip(returned: dict) -> dict:
    return {k: v for k, v in returned.items() if k != "last_object_clicked_tooltip"}


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        (ROUTE_CLICK, "khorgos_almaty"),
        (SITE_CLICK, "altynkol"),
        (COUNTRY_CLICK, None),
        # returned_objects=["last_active_drawing"] alone gives the same answers
        (without_tooltip(ROUTE_CLICK), "khorgos_almaty"),
        (without_tooltip(SITE_CLICK), "altynkol"),
        (without_tooltip(COUNTRY_CLICK), None),
        ({"last_object_clicked_tooltip": None, "last_active_drawing": None}, None),  # before
        ({"last_object_clicked_tooltip": "Khorgos–Almaty railway"}, None),  # a tooltip is no id
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


def test_the_map_writes_what_a_click_reads(atlas_map):
    """Each route and site feature of a built map, handed back as st_folium would, names itself."""
    for name in ("routes", "sites"):
        for feature in part(atlas_map, name)["features"]:
            assert clicked_feature_id({"last_active_drawing": feature}) == feature["id"]
            # what the map's script reports: the feature and a count of clicks
            assert (
                clicked_feature_id({"last_active_drawing": feature, "clicks": 2}) == feature["id"]
            )
    for feature in part(atlas_map, "outlines")["features"]:
        assert clicked_feature_id({"last_active_drawing": feature}) is None

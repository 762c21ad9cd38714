"""The dashboard sends its map once: a selection or a filter changes only the map's state, and the
map's script (byte for byte, so Streamlit and streamlit-folium keep the map the browser has) names
static layer files instead of carrying the geometry."""

from __future__ import annotations

import json
from unittest import mock

import pytest

from geo.draw import LayerFiles
from tests.conftest import run_app

pytestmark = pytest.mark.apptest

MAP_ITSELF = ("script", "header", "html", "js_links", "css_links", "key", "id")


def map_args(at) -> dict:
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def state_of(args: dict) -> dict:
    """The state the map's feature group hands to ``AtlasMap.apply``."""
    start = args["feature_group"].index("AtlasMap.apply(") + len("AtlasMap.apply(")
    return json.JSONDecoder().raw_decode(args["feature_group"][start:])[0]


def test_a_selection_and_a_filter_change_only_the_state():
    at = run_app()
    first = map_args(at)
    at.query_params["sel"] = "cku_railway"
    selected = map_args(at.run())
    at.multiselect(key="w_country").set_value(["KG"]).run()
    filtered = map_args(at)
    for part in MAP_ITSELF:
        assert first[part] == selected[part] == filtered[part], part
    assert state_of(first)["selected"] is None and state_of(first)["shown"] is None
    assert state_of(selected)["selected"] == "cku_railway"
    assert state_of(selected)["frame"] != state_of(first)["frame"]  # framed on the selection
    assert state_of(filtered)["shown"]  # Kyrgyzstan leaves most features out
    assert len(json.dumps(selected["feature_group"])) < 2_000


def test_the_map_names_its_layer_files_and_carries_no_geometry():
    args = map_args(run_app())
    assert "/app/static/layers/" in args["script"]
    assert "coordinates" not in args["script"]
    assert len(args["script"]) < 3_000


def test_where_the_files_cannot_be_written_the_map_carries_its_layers():
    with mock.patch.object(LayerFiles, "write", side_effect=PermissionError("read-only")):
        at = run_app()
    assert not at.exception
    args = map_args(at)
    assert "coordinates" in args["script"] and "/app/static/layers/" not in args["script"]

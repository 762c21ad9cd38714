"""The dashboard sends each thing once: the map's layers and the timeline's rows are static files;
a selection or a filter changes only the map's state (the map's script stays byte for byte, so
Streamlit and streamlit-folium keep the map the browser has) and the timeline's parameters."""

from __future__ import annotations

import json
from unittest import mock

import pyarrow as pa
import pytest

from geo.publish import STATIC_DIR, STATIC_URL, Published
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


def timeline_spec(at) -> dict:
    (chart,) = at.get("vega_lite_chart")
    return json.loads(chart.proto.spec)


def timeline_datasets(at) -> list[pa.Table]:
    """The tables of rows the timeline's message carries (beside its spec)."""
    (chart,) = at.get("vega_lite_chart")
    return [pa.ipc.open_stream(d.data.data).read_all() for d in chart.proto.datasets]


def events_sent(at) -> int:
    """How many event rows (rows with an ``id``) the timeline's message carries."""
    return sum(t.num_rows for t in timeline_datasets(at) if "id" in t.schema.names)


def params(spec: dict) -> dict:
    return {p["name"]: p.get("value") for p in spec["params"]}


def test_the_timeline_reads_its_rows_and_a_view_changes_its_parameters(atlas):
    at = run_app()
    first = timeline_spec(at)
    url = first["data"]["url"]
    assert url.startswith(STATIC_URL)
    rows = json.loads((STATIC_DIR / url.removeprefix(STATIC_URL)).read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == list(atlas.events["id"])  # every event, in the atlas's order
    assert events_sent(at) == 0  # only the rows' names of projects travel with the chart
    assert params(first)["inview"] == ""  # every event
    at.multiselect(key="w_country").set_value(["KG"]).run()
    filtered = timeline_spec(at)
    assert events_sent(at) == 0
    assert params(filtered)["inview"] and params(filtered)["highlighted"] == []
    at.query_params["sel"] = "cku_railway"
    selected = timeline_spec(at.run())
    assert "cku_groundbreaking" in params(selected)["highlighted"]
    unchanged = ("data", "layer", "height", "width")
    assert {k: selected.get(k) for k in unchanged} == {k: filtered.get(k) for k in unchanged}
    assert len(json.dumps(selected)) < 10_000  # axis, legends and parameters; no rows


def test_where_the_files_cannot_be_written_the_map_and_timeline_carry_their_data(atlas):
    with mock.patch.object(Published, "write", side_effect=PermissionError("read-only")):
        at = run_app()
    assert not at.exception
    args = map_args(at)
    assert "coordinates" in args["script"] and "/app/static/layers/" not in args["script"]
    assert STATIC_URL not in json.dumps(timeline_spec(at))
    assert 0 < events_sent(at) <= len(atlas.events)  # the rows in the chart's window

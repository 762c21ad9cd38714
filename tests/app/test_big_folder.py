"""A data folder with many valid tiny points (issue 11): the map page draws at most
``geo.mapcap.MAP_MAX_FEATURES`` of them and says how many it draws. The folder here is small (the
real atlas plus 600 points) and the cap lowered to 300, so that the test runs in the suite;
``bench/many_points.py`` measures the page at 100,000 points."""

from __future__ import annotations

import pytest

import geo.mapcap
from devtools.tiny_points import tiny_points_folder
from geo.load import load_atlas
from geo.screen import in_view, map_order, map_parts_of
from geo.urlstate import ViewState
from tests.conftest import DASHBOARD, run_app

POINTS, CAP = 600, 300
pytestmark = pytest.mark.apptest


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory):
    return tiny_points_folder(POINTS, tmp_path_factory.mktemp("big") / "data")


@pytest.fixture()
def low_cap(monkeypatch):
    monkeypatch.setattr(geo.mapcap, "MAP_MAX_FEATURES", CAP)


def test_the_map_carries_the_cap_routes_and_corridor_sites_first(big_folder, low_cap):
    atlas = load_atlas(big_folder)
    total = len(atlas.features)
    assert total > CAP
    drawn = map_order(atlas)
    parts = map_parts_of(atlas)
    assert len(drawn) == CAP and [*parts.route_ids, *parts.site_ids] == drawn
    features = atlas.features.set_index("id", drop=False)
    real = features[~features["id"].str.startswith("tiny_")]
    kept = set(drawn)
    assert set(real[real["is_route"] | (real["project"] != "")]["id"]) <= kept
    shown = in_view(atlas, ViewState())
    assert shown.map.notice == geo.mapcap.map_notice(total, CAP, CAP)
    assert shown.map.notice.startswith(f"The map draws {CAP} of the {total:,} features in view.")
    railways = in_view(atlas, ViewState(kinds=("railway",)))  # routes: all drawn
    assert railways.map.notice is None


def test_the_map_page_says_how_much_it_draws(big_folder, low_cap):
    at = run_app(DASHBOARD, data_dir=big_folder)
    assert not at.exception, [e.value for e in at.exception]
    total = len(load_atlas(big_folder).features)
    captions = [c.value for c in at.caption]
    notice = f"The map draws {CAP} of the {total:,} features in view."
    assert any(c.startswith(notice) for c in captions), captions
    at.query_params["kind"] = "railway"
    at.run()
    assert not any(c.value.startswith("The map draws") for c in at.caption)


def test_below_the_cap_nothing_is_left_out(big_folder):
    atlas = load_atlas(big_folder)
    assert len(map_order(atlas)) == len(atlas.features)
    assert in_view(atlas, ViewState()).map.notice is None

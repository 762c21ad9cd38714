"""The atlas as of a day: statuses then, what was published by then, what the map and the panel
show, and the dates a reader steps through."""

import datetime as dt

import pytest

from geo.asof import (
    draw_class,
    features_on,
    play_frames,
    published_by,
    statuses_on,
    stop_label,
    year_stops,
)
from geo.filter import filter_atlas
from geo.screen import main_screen
from geo.urlstate import ViewState


@pytest.fixture(scope="module")
def atlas(seed_atlas):
    """What a view holds on a day, counted on the seed atlas (tests/conftest.py), which does not
    grow with the corpus."""
    return seed_atlas


D = dt.date
TODAY = D(2026, 3, 1)


@pytest.mark.parametrize(
    "day, status",
    [
        (D(2024, 1, 1), None),  # nothing dated yet: not drawn
        (D(2024, 6, 6), "agreed"),
        (D(2024, 12, 26), "agreed"),
        (D(2024, 12, 27), "under_construction"),
        (D(2025, 1, 1), "under_construction"),
        (None, "under_construction"),  # today: the present status
    ],
)
def test_the_cku_railway_has_the_status_of_its_phases(atlas, day, status):
    assert statuses_on(atlas, day)["cku_railway"] == status


def test_a_feature_with_no_dated_phase_keeps_its_present_status(atlas):
    assert statuses_on(atlas, D(2000, 1, 1))["aktau_port"] == "operational"
    assert statuses_on(atlas, D(2000, 1, 1))["kashgar"] == "existing"


def test_draw_classes():
    assert [draw_class(s) for s in ("operational", "existing", "under_construction")] == [
        "solid",
        "solid",
        "dashed",
    ]
    assert {draw_class(s) for s in ("proposed", "agreed", "planned", "suspended")} == {"faint"}
    assert draw_class(None) == "hidden"


def test_features_on_replaces_the_status_and_leaves_out_what_was_not_there(atlas):
    then = features_on(atlas.features, statuses_on(atlas, D(2024, 7, 1)))
    assert then.loc["cku_railway", "status"] == "agreed"
    assert "fergana_mountains_tunnel" not in then.index
    assert atlas.features.loc["cku_railway", "status"] == "under_construction"  # not mutated


def test_sources_count_from_the_last_day_of_their_publication_date(atlas):
    # one seed is dated 2025-06-18, the other only to November 2025
    assert published_by(atlas, D(2025, 6, 17)) == set()
    assert published_by(atlas, D(2025, 6, 18)) == {"f2840b807d95501f"}
    assert published_by(atlas, D(2025, 11, 29)) == {"f2840b807d95501f"}
    assert published_by(atlas, D(2025, 11, 30)) == set(atlas.sources)


def test_the_view_as_of_a_day_shows_only_what_was_known_then(atlas):
    day = D(2025, 7, 1)
    view = filter_atlas(atlas, ViewState(as_of=day))
    assert set(view.mentions["source"]) == {"f2840b807d95501f"}
    assert set(view.passages["source"]) == {"f2840b807d95501f"}
    assert set(view.events["source"]) <= {"f2840b807d95501f"}
    assert (view.events["start"].dt.date <= day).all()
    everything = filter_atlas(atlas, ViewState())
    assert len(view.events) < len(everything.events)


def test_the_status_filter_chooses_among_the_statuses_then(atlas):
    agreed = filter_atlas(atlas, ViewState(as_of=D(2024, 7, 1), statuses=("agreed",)))
    assert list(agreed.features["id"]) == ["cku_railway"]
    assert filter_atlas(atlas, ViewState(statuses=("agreed",))).features.empty


def test_the_map_draws_each_feature_with_its_status_then(atlas):
    before = main_screen(atlas, ViewState(as_of=D(2024, 1, 1)), today=TODAY).map
    assert "cku_railway" not in before.classes and "cku_railway" not in set(before.routes["id"])
    after = main_screen(atlas, ViewState(as_of=D(2025, 1, 1)), today=TODAY).map
    assert after.classes["cku_railway"] == "dashed"
    assert after.classes["middle_corridor"] == "solid"
    assert after.classes["makmal"] == "faint"  # planned
    assert main_screen(atlas, ViewState(), today=TODAY).map.classes == {}  # today: own look


def test_the_panel_as_of_a_day_hides_later_sources(atlas):
    screen = main_screen(
        atlas,
        ViewState(as_of=D(2025, 7, 1), selected="horgos", query="Horgos"),
        today=TODAY,
    )
    assert screen.in_view.later_sources == 1
    assert set(screen.selection.passages["source"]) <= {"f2840b807d95501f"}
    assert all(h.passage["source"] == "f2840b807d95501f" for h in screen.search.hits)
    later = main_screen(atlas, ViewState(as_of=D(2025, 7, 1), event="cku_groundbreaking"))
    assert later.event is not None  # reported 2025-06-18, by then
    hidden = main_screen(atlas, ViewState(as_of=D(2024, 12, 31), event="cku_groundbreaking"))
    assert hidden.event is None  # happened, but reported only in 2025


def test_the_card_shows_the_phases_as_a_bar(atlas):
    sel = main_screen(
        atlas, ViewState(selected="cku_railway", as_of=D(2024, 9, 1)), today=TODAY
    ).selection
    bar = sel.phases
    assert [(s.status, s.date, s.event) for s in bar.segments] == [
        ("agreed", "2024-06-06", "cku_intergovernmental_agreement_signed"),
        ("under_construction", "2024-12-27", "cku_groundbreaking"),
    ]
    assert bar.segments[0].left == 0 and bar.segments[-1].left + bar.segments[-1].share == 1
    assert 0 < bar.marker < bar.segments[1].left
    assert [s.after_view for s in bar.segments] == [False, True]
    assert "was signed" in bar.segments[0].evidence and bar.segments[0].source
    undated = main_screen(atlas, ViewState(selected="aktau_port"), today=TODAY).selection
    assert undated.phases is None


def test_the_slider_stops_and_the_play_frames(atlas):
    stops = year_stops(atlas, TODAY)
    assert stops[0] == D(1991, 12, 31) and stops[-1] == TODAY
    assert D(2024, 12, 31) in stops and all(d.month == 12 for d in stops[:-1])
    frames = play_frames(atlas, TODAY)
    assert frames[-1] is None  # ends on today
    assert frames[:-1] == sorted(frames[:-1]) and D(2024, 12, 31) in frames
    assert D(2000, 12, 31) not in frames  # nothing happened in 2000
    assert stop_label(D(2024, 12, 31), TODAY) == "2024"


def test_the_corridor_list_as_of_a_day_has_the_status_and_events_of_then(atlas):
    then = main_screen(atlas, ViewState(as_of=D(2024, 7, 1)), today=TODAY).in_view.corridors
    cku = next(c for c in then if c.id == "cku_railway")
    assert cku.status == "agreed"
    assert cku.events == 0  # every event is reported in 2025
    now = next(
        c for c in main_screen(atlas, ViewState()).in_view.corridors if c.id == "cku_railway"
    )
    assert now.status == "under construction" and now.events > 0
    chosen = main_screen(atlas, ViewState(as_of=D(2024, 7, 1), selected="cku_railway")).selection
    assert chosen.events.empty  # what selecting it shows, as the list says

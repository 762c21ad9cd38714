"""The panel's parts of the main screen: the corridor list and the search, on the real atlas
(their values must agree with what selecting or searching then shows)."""

import pytest

from geo.describe import length_label
from geo.screen import main_screen, search_part
from geo.urlstate import ViewState


def test_the_corridor_list_names_every_project_in_view_with_what_selecting_it_shows(atlas):
    listed = main_screen(atlas, ViewState()).in_view.corridors
    projects = {p for p in atlas.features["project"] if p}
    assert {c.id for c in listed} == projects
    assert [c.name for c in listed] == sorted(c.name for c in listed)
    for c in listed:
        shown = main_screen(atlas, ViewState(selected=c.id)).selection
        assert (c.passages, c.events) == (len(shown.passages), len(shown.events)), c.id
        assert c.status == shown.card.status
        card = shown.card
        assert c.length == length_label(card.length_km, card.branches, card.main_line_km)


def test_a_network_reports_its_lines_and_its_main_line_not_a_route_length(atlas):
    (mc,) = [
        c for c in main_screen(atlas, ViewState()).in_view.corridors if c.id == "middle_corridor"
    ]
    assert mc.length.startswith("10,902 km of lines in 11 branches; main east–west line ")
    main_km = main_screen(atlas, ViewState(selected="middle_corridor")).selection.card.main_line_km
    assert 5000 < main_km < 10_902  # a journey across the network, not the sum of its branches
    (cku,) = [c for c in main_screen(atlas, ViewState()).in_view.corridors if c.id == "cku_railway"]
    assert cku.length.endswith(" km as drawn")


def test_the_corridor_list_follows_the_filters(atlas):
    listed = main_screen(atlas, ViewState(countries=("KG",))).in_view.corridors
    assert "cku_railway" in {c.id for c in listed}
    assert "middle_corridor" not in {c.id for c in listed}


@pytest.mark.parametrize("query", ["Khorgos", "中吉乌铁路", "tunnels"])
def test_a_search_finds_passages_and_the_features_they_mention(atlas, query):
    found = search_part(atlas, query)
    assert found.total and not found.suggestions
    assert all(hit.spans for hit in found.hits)


def test_a_search_that_finds_nothing_says_what_was_searched_and_suggests(atlas):
    found = search_part(atlas, "tunel")
    assert (found.query, found.total, found.hits) == ("tunel", 0, ())
    assert found.suggestions and all(search_part(atlas, s).total for s in found.suggestions)

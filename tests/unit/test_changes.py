"""What changed after a day or since a version, grouped by corridor."""

import datetime as dt

import pytest

from geo.changes import (
    OTHER_NAME,
    by_corridor,
    changes_in,
    changes_json,
    changes_markdown,
    changes_since,
)
from geo.filter import filter_atlas
from geo.urlstate import ViewState


@pytest.fixture(scope="module")
def atlas(seed_atlas):
    """What a view holds on a day, counted on the seed atlas (tests/conftest.py), which does not
    grow with the corpus."""
    return seed_atlas


D = dt.date


def _names(atlas):
    return {p: atlas.props[p].name for p in set(atlas.features["project"]) - {""}}


def test_every_event_after_the_day_and_nothing_before(atlas):
    since = D(2025, 4, 30)
    changes = changes_since(atlas, since)
    events = {c.ref for c in changes if c.kind == "event"}
    assert events == set(atlas.events.loc[atlas.events["end"].dt.date > since, "id"])
    assert all(c.day > since for c in changes)
    assert [c.day for c in changes] == sorted((c.day for c in changes), reverse=True)


def test_status_changes_come_with_their_event_evidence(atlas):
    status = [c for c in changes_since(atlas, D(2024, 1, 1)) if c.kind == "status"]
    cku = [c for c in status if c.feature == "cku_railway"]
    assert [(c.date, c.title) for c in cku] == [
        ("2024-12-27", "China–Kyrgyzstan–Uzbekistan railway: under construction"),
        ("2024-06-06", "China–Kyrgyzstan–Uzbekistan railway: agreed"),
    ]
    assert "groundbreaking" in cku[0].evidence and cku[0].source == "f2840b807d95501f"


def test_new_sources_are_listed_once_in_the_corridor_they_mention_most(atlas):
    sources = [c for c in changes_since(atlas, D(2025, 1, 1)) if c.kind == "source"]
    assert sorted(c.ref for c in sources) == sorted(atlas.sources)
    assert changes_since(atlas, D(2025, 12, 1)) == []


def test_grouped_by_corridor_with_context_last(atlas):
    groups = by_corridor(changes_since(atlas, D(2025, 1, 1)), _names(atlas))
    names = [g.name for g in groups]
    assert names[-1] == OTHER_NAME
    assert names[:-1] == sorted(names[:-1])
    for g in groups:
        assert {c.corridor for c in g.changes} == {g.corridor}


def test_the_filters_narrow_what_changed(atlas):
    view = filter_atlas(atlas, ViewState(projects=("cku_railway",)))
    changes = changes_since(atlas, D(2024, 1, 1), view)
    assert {c.corridor for c in changes if c.kind != "source"} == {"cku_railway"}


def test_changes_since_a_version_are_the_records_it_names(atlas):
    changes = changes_in(atlas, {"events": {"cku_groundbreaking"}, "sources": set()})
    assert {(c.kind, c.ref) for c in changes} == {
        ("event", "cku_groundbreaking"),
        ("status", "cku_railway:cku_groundbreaking"),
    }


def test_markdown_and_json(atlas):
    groups = by_corridor(changes_since(atlas, D(2025, 6, 1)), _names(atlas))
    md = changes_markdown(groups, "What changed since 2025-06-01")
    assert md.startswith("# What changed since 2025-06-01\n")
    assert "## Tianjin–Central Asia freight train" in md
    assert "> “A China-Central Asia freight train loaded" in md
    import json

    doc = json.loads(changes_json(groups, since="2025-06-01"))
    assert doc["since"] == "2025-06-01"
    assert doc["count"] == sum(len(g.changes) for g in groups)
    assert changes_markdown([], "x").endswith("Nothing changed.\n")

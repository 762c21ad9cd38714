"""The data version history: fingerprints, differences, recording, and what changed since a
version — on a private copy of data/."""

import json

import pytest

from geo.load import data_version, load_atlas
from geo.model import VersionEntry
from geo.versions import (
    changed_since,
    difference,
    fingerprints,
    read_versions,
    record_version,
    replay,
)


def _events(folder):
    return json.loads((folder / "events.json").read_text(encoding="utf-8"))


def _write_events(folder, events):
    (folder / "events.json").write_text(json.dumps(events, ensure_ascii=False), encoding="utf-8")


def test_difference_names_what_was_added_changed_and_removed():
    before = {"events": {"a": "1", "b": "2"}, "sources": {"s": "9"}}
    after = {"events": {"a": "1", "b": "3", "c": "4"}, "sources": {}}
    added, changed, removed = difference(before, after)
    assert added == {"events": {"c": "4"}}
    assert changed == {"events": {"b": "3"}}
    assert removed == {"sources": ["s"]}


def test_replay_gives_the_last_recorded_fingerprints():
    first = VersionEntry(version="a" * 10, recorded="2026-01-01", added={"events": {"x": "1"}})
    second = VersionEntry(
        version="b" * 10,
        recorded="2026-01-02",
        added={"events": {"y": "2"}},
        changed={"events": {"x": "3"}},
        removed={"events": ("y",)},
    )
    assert replay([first, second])["events"] == {"x": "3"}


def test_recording_a_version_keeps_the_data_version(data_copy):
    (data_copy / "versions.json").unlink(missing_ok=True)
    version = data_version(data_copy)
    entry = record_version(data_copy, "start", "2026-01-01")
    assert entry.version == version == data_version(data_copy)  # the history is not hashed
    assert set(entry.added["events"]) == {e["id"] for e in _events(data_copy)}
    assert record_version(data_copy, "again", "2026-01-01") is None  # already recorded
    assert [e.note for e in read_versions(data_copy)] == ["start"]


def test_what_changed_since_a_version(data_copy):
    (data_copy / "versions.json").unlink(missing_ok=True)
    first = record_version(data_copy, "start", "2026-01-01")
    events = _events(data_copy)
    events[0] = {**events[0], "title": events[0]["title"] + " (edited)"}
    dropped = events.pop()
    _write_events(data_copy, events)
    second = record_version(data_copy, "edit", "2026-01-02")
    assert second.changed == {"events": {events[0]["id"]: fingerprints(data_copy)["events"][
        events[0]["id"]]}}
    assert second.removed == {"events": (dropped["id"],)}
    since = changed_since(read_versions(data_copy), first.version)
    assert since["events"] == {events[0]["id"]}
    assert changed_since(read_versions(data_copy), second.version)["events"] == set()
    assert changed_since(read_versions(data_copy), "0123456789") is None
    assert load_atlas(data_copy).versions[-1].note == "edit"


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"version": "nothex", "recorded": "2026-01-01"}, "version"),
        ({"version": "a" * 10, "recorded": "2026-13"}, "recorded"),
        ({"version": "a" * 10, "recorded": "2026-01-01", "added": {"cats": {}}}, "unknown kinds"),
    ],
)
def test_a_bad_history_is_reported(data_copy, entry, message):
    from geo.validate import validate

    (data_copy / "versions.json").write_text(json.dumps([entry]), encoding="utf-8")
    problems = [str(p) for p in validate(data_copy)]
    assert len(problems) == 1 and problems[0].startswith("data/versions.json: ")
    assert message in problems[0]

"""Speakers through ingest and review: the candidates name who said what and the rule that found
it; accepting writes them to attributions.json, and a speaker nobody in people.json answers to
stops the accept until they are added."""

from __future__ import annotations

import json

import pytest

from geo import review as R
from geo.ingest import ingest, prepare_source
from geo.load import load_atlas
from tests.conftest import folder_hashes, run_cli

# Not in data/: a test article. Its first line is from China Daily (2014); the second is made up.
ARTICLE = """\
"The new economic opportunities were created by the cooperation between China and Kazakhstan to build the Horgos International Border Cooperation Center, the first cross-border international cooperation center in Eurasia," said Liu Yanong, deputy director of Horgos Port's administrative committee.
Zhu Yongbiao said: "The Horgos center shows what the Middle Corridor can become for Central Asia."
"""
META = {"title": "Horgos trade", "publisher": "Test Daily", "published": "2014-05-22", "lang": "en"}
LIU = {
    "id": "liu_yanong",
    "kind": "person",
    "name": "Liu Yanong",
    "role": "deputy director of Horgos Port's administrative committee",
    "country": "CN",
    "evidence": {"reference": {"citation": "China Daily, 2014-05-22", "url": None}},
}


def _without_liu_yanong(data_dir):
    """The atlas's people and attributions without Liu Yanong: a speaker nobody answers to."""
    for name, keep in (
        ("people.json", lambda r: r["id"] != LIU["id"]),
        ("attributions.json", lambda r: r["speaker"] != LIU["id"]),
    ):
        path = data_dir / name
        records = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps([r for r in records if keep(r)]), encoding="utf-8")


@pytest.fixture()
def item(data_copy):
    _without_liu_yanong(data_copy)
    atlas = load_atlas(data_copy)
    meta, text = prepare_source(ARTICLE, **META)
    assert ingest(data_copy, meta, text, atlas.linker, atlas.people_index) == "new"
    return data_copy, meta.id


def test_the_review_file_proposes_each_speaker_with_its_rule(item):
    data_dir, sid = item
    speakers = R.load_item(data_dir, sid).candidates.speakers
    assert [(s.id, s.speaker, s.name, s.rule, s.cue.quote) for s in speakers] == [
        ("s1", None, "Liu Yanong", "quote_said", "said Liu Yanong"),
        ("s2", "zhu_yongbiao", "Zhu Yongbiao", "said_quote", "Zhu Yongbiao said"),
    ]
    assert speakers[1].said.quote.startswith("The Horgos center shows")
    shown = run_cli("review", "show", sid, "--data-dir", str(data_dir)).stdout
    assert "speakers (2):" in shown and "'Liu Yanong' (not in people.json)" in shown


def test_a_speaker_not_in_people_json_stops_the_accept(item):
    data_dir, sid = item
    before = folder_hashes(data_dir)
    with pytest.raises(R.ReviewError, match="no one in people.json is s1 'Liu Yanong'"):
        R.accept(data_dir, sid)
    assert folder_hashes(data_dir) == before


def test_accept_leaving_the_unknown_speaker_out(item):
    data_dir, sid = item
    c = R.load_item(data_dir, sid).candidates
    keep = [m.id for m in c.mentions] + [e.id for e in c.events] + ["s2"]
    result = R.accept(data_dir, sid, keep)
    assert result.attributions_added == 1
    atlas = load_atlas(data_dir)
    mine = atlas.attributions[atlas.attributions["source"] == sid]
    assert list(mine["speaker"]) == ["zhu_yongbiao"] and list(mine["rule"]) == ["said_quote"]


def test_a_person_added_after_ingest_is_found_by_name_when_accepting(item):
    data_dir, sid = item
    people = json.loads((data_dir / "people.json").read_text(encoding="utf-8"))
    (data_dir / "people.json").write_text(json.dumps(people + [LIU]), encoding="utf-8")
    assert R.accept(data_dir, sid).attributions_added == 2
    assert R.pending(data_dir) == ([], [])
    atlas = load_atlas(data_dir)
    mine = atlas.attributions[atlas.attributions["source"] == sid]
    assert list(mine["speaker"]) == ["liu_yanong", "zhu_yongbiao"]
    assert atlas.speakers_by_passage[f"{sid}:0"] == ("liu_yanong",)

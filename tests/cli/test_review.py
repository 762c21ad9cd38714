"""Reviewing the inbox: accept moves a source, its events and its rejections into the atlas in one
checked step; nothing is written when the result would not validate; an interrupted accept can
be finished without duplicates. Ends with a new Middle Corridor article on the map, the timeline
and beside the map."""

from __future__ import annotations

import json

import pytest

from geo import review as R
from geo.filter import events_of, passages_mentioning
from geo.ingest import inbox_paths, ingest, prepare_source
from geo.load import load_atlas
from tests.conftest import folder_hashes, run_cli

# Not in data/: a new article about the Middle Corridor, with a line break inside a name, an
# abbreviation, a possessive, mixed languages and dates around a new year.
ARTICLE = """\
Caspian ferries add capacity on the Middle
Corridor as winter volumes climb
The Trans–Caspian International Transport Route (TITR) handled record cargo in 2024, officials said.
On Dec 30 the first block train of the season left Khorgos's yard for Aktau port; on Jan 3 it reached Baku.
Shippers call the route 中间走廊 in Chinese and Средний коридор in Russian.
The next sailing from Aktau port is set for Jan 20.
"""
META = {
    "title": "Caspian ferries add capacity on the Middle Corridor",
    "publisher": "Caspian Freight Review",
    "published": "2025-01-10",
    "url": "https://example.org/caspian-ferries",
    "lang": "en",
}


@pytest.fixture()
def item(atlas, data_copy):
    """``(data folder, source id)`` with ARTICLE pending in the inbox."""
    meta, text = prepare_source(ARTICLE, **META)
    assert ingest(data_copy, meta, text, atlas.linker) == "new"
    return data_copy, meta.id


def _candidate(data_dir, sid, quote):
    c = R.load_item(data_dir, sid).candidates
    hits = [m.id for m in c.mentions if m.span.quote == quote]
    hits += [e.id for e in c.events if e.event.date_span.quote == quote]
    assert len(hits) == 1, (quote, hits)
    return hits[0]


def _edit_review(data_dir, sid, edit):
    path = inbox_paths(data_dir, sid)[2]
    doc = json.loads(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_pending_lists_ready_and_incomplete_items(item):
    data_dir, sid = item
    orphan = sid[:4] + "0" * 12 if sid[4:] != "0" * 12 else sid[:4] + "1" * 12
    (data_dir / "inbox" / f"{orphan}.txt").write_text("left by a killed ingest")
    assert R.pending(data_dir) == ([sid], [orphan])
    assert R.find_item(data_dir, sid[:5] if sid[4] != "0" else sid) == sid
    with pytest.raises(R.ReviewError, match="no inbox item"):
        R.find_item(data_dir, "zzz")
    with pytest.raises(R.ReviewError, match="names 2 inbox items"):
        R.find_item(data_dir, sid[:4])
    r = run_cli("review", "list", "--data-dir", str(data_dir))
    assert f"{orphan}\tincomplete" in r.stdout and sid in r.stdout


def test_accept_everything(item):
    data_dir, sid = item
    events_before = json.loads((data_dir / "events.json").read_text())
    links_before = json.loads((data_dir / "links.json").read_text())
    result = R.accept(data_dir, sid)
    assert result.source_written and result.suppressed == 0
    assert (data_dir / "sources" / f"{sid}.txt").read_text(encoding="utf-8") == ARTICLE
    assert json.loads((data_dir / "sources" / f"{sid}.json").read_text())["title"] == META["title"]
    events = json.loads((data_dir / "events.json").read_text())
    assert events[: len(events_before)] == events_before  # appended, nothing rewritten
    added = {e["date"]: e for e in events[len(events_before) :]}
    assert set(added) == {"2024", "2024-12-30", "2025-01-03", "2025-01-20"}
    assert list(added) == sorted(added) and len(added) == len(result.events_added)
    assert json.loads((data_dir / "links.json").read_text()) == links_before  # nothing rejected
    assert not any(p.exists() for p in inbox_paths(data_dir, sid))
    assert run_cli("validate", str(data_dir)).returncode == 0


def test_accept_some_suppresses_the_rejected_mentions(item):
    data_dir, sid = item
    baku = _candidate(data_dir, sid, "Baku")
    dec30 = _candidate(data_dir, sid, "Dec 30")
    jan3 = _candidate(data_dir, sid, "Jan 3")
    c = R.load_item(data_dir, sid).candidates
    keep = [m.id for m in c.mentions if m.id != baku] + [dec30, jan3]
    suppressed_before = json.loads((data_dir / "links.json").read_text())["suppress"]
    result = R.accept(data_dir, sid, keep)
    assert result.suppressed == 1 and len(result.events_added) == 2
    links = json.loads((data_dir / "links.json").read_text())
    assert links["suppress"][: len(suppressed_before)] == suppressed_before  # appended
    (s,) = links["suppress"][len(suppressed_before) :]
    assert (s["feature"], s["span"]["quote"], s["reason"]) == ("baku", "Baku", "rejected in review")
    events = {e["date"]: e for e in json.loads((data_dir / "events.json").read_text())}
    # Baku's mention was rejected, so it leaves the event of its clause; the other clause's
    # event keeps its own features.
    assert events["2025-01-03"]["features"] == []
    assert events["2024-12-30"]["features"] == ["horgos", "aktau_port"]
    assert "2025-01-20" not in events  # not chosen
    atlas = load_atlas(data_dir)
    mine = atlas.mentions[atlas.mentions["source"] == sid]
    assert "baku" not in set(mine["feature"]) and "horgos" in set(mine["feature"])


def test_unknown_candidate_writes_nothing(item):
    data_dir, sid = item
    before = folder_hashes(data_dir)
    with pytest.raises(R.ReviewError, match="no candidate.*m999"):
        R.accept(data_dir, sid, ["m1", "m999"])
    assert folder_hashes(data_dir) == before


def test_accept_that_would_not_validate_writes_nothing(item):
    data_dir, sid = item

    def break_it(doc):
        doc["events"][0]["event"]["features"] = ["atlantis"]
        doc["events"][0]["support"] = {}
        doc["events"][1]["event"]["evidence"]["quote"] = "words that are not in the passage"
        doc["events"][1]["event"]["evidence"]["end"] = (
            doc["events"][1]["event"]["evidence"]["start"] + 33
        )

    _edit_review(data_dir, sid, break_it)
    before = folder_hashes(data_dir)
    with pytest.raises(R.ReviewError) as err:
        R.accept(data_dir, sid)
    assert folder_hashes(data_dir) == before  # not even the source was moved
    text = str(err.value)
    assert "nothing was written" in text
    assert "data/events.json" in text and "feature 'atlantis' does not exist" in text
    assert (
        "not the quote 'words that are not in the passage'; the quote is nowhere in that passage"
        in text
    )
    r = run_cli("review", "accept", sid, "--data-dir", str(data_dir))
    assert r.returncode == 1 and "atlantis" in r.stderr


def test_an_edited_title_and_a_taken_id(item):
    data_dir, sid = item
    taken = json.loads((data_dir / "events.json").read_text())[0]["id"]

    def edit(doc):
        doc["events"][0]["event"]["title"] = "Record year on the Middle Corridor"
        doc["events"][0]["event"]["id"] = taken

    _edit_review(data_dir, sid, edit)
    first = R.load_item(data_dir, sid).candidates.events[0].id
    result = R.accept(data_dir, sid, [first])
    assert result.events_added == (f"{taken}_2",)
    events = {e["id"]: e for e in json.loads((data_dir / "events.json").read_text())}
    assert events[f"{taken}_2"]["title"] == "Record year on the Middle Corridor"


def test_an_interrupted_accept_can_be_finished_without_duplicates(item, monkeypatch):
    data_dir, sid = item

    def killed(*args):
        raise KeyboardInterrupt  # after events.json and links.json, before the inbox is cleared

    monkeypatch.setattr(R, "reject", killed)
    suppressed_before = len(json.loads((data_dir / "links.json").read_text())["suppress"])
    with pytest.raises(KeyboardInterrupt):
        R.accept(data_dir, sid, ["m1", "m2", "e1"])
    assert run_cli("validate", str(data_dir)).returncode == 0  # every step left valid data
    first = json.loads((data_dir / "events.json").read_text())
    links = json.loads((data_dir / "links.json").read_text())
    monkeypatch.undo()

    result = R.accept(data_dir, sid, ["m1", "m2", "e1"])
    assert not result.source_written and result.events_added == ()
    assert result.already_present == 1 + len(links["suppress"]) - suppressed_before
    assert json.loads((data_dir / "events.json").read_text()) == first
    assert json.loads((data_dir / "links.json").read_text()) == links
    assert R.pending(data_dir) == ([], [])


def test_reject_removes_the_item(item):
    data_dir, sid = item
    before = {k: v for k, v in folder_hashes(data_dir).items() if not k.startswith("inbox/")}
    r = run_cli("review", "reject", sid[:6], "--data-dir", str(data_dir))
    assert r.returncode == 0, r.stderr
    assert R.pending(data_dir) == ([], [])
    assert folder_hashes(data_dir) == before


def test_a_changed_inbox_text_is_refused(item):
    data_dir, sid = item
    inbox_paths(data_dir, sid)[0].write_text(ARTICLE + "edited\n", encoding="utf-8")
    with pytest.raises(R.ReviewError, match="changed since it was ingested"):
        R.accept(data_dir, sid)


def test_review_on_an_empty_inbox(data_copy):
    r = run_cli("review", "--data-dir", str(data_copy))
    assert r.returncode == 0 and "inbox is empty" in r.stderr


def test_new_middle_corridor_article_end_to_end(data_copy, tmp_path):
    """Ingest with the command line, review, accept, and find the article on the map (its
    features), the timeline (its events) and beside the map (its passages)."""
    article = tmp_path / "caspian.md"
    article.write_text(
        "---\n"
        f"title: {META['title']}\n"
        f"publisher: {META['publisher']}\n"
        "published: 2025-01-10\n"
        f"url: {META['url']}\n"
        "---\n" + ARTICLE,
        encoding="utf-8",
    )
    r = run_cli("ingest", str(article), "--lang", "en", "--data-dir", str(data_copy))
    assert r.returncode == 0, r.stderr
    sid, status, _ = r.stdout.strip().split("\t")
    assert status == "new"

    r = run_cli("review", "list", "--data-dir", str(data_copy))
    assert sid in r.stdout and META["title"] in r.stdout
    r = run_cli("review", "show", sid[:8], "--data-dir", str(data_copy))
    assert "middle_corridor" in r.stdout and "'TITR'" in r.stdout and "alias+context" in r.stdout
    assert "2024-12-30 (day)" in r.stdout

    r = run_cli("review", "accept", sid[:8], "--data-dir", str(data_copy))
    assert r.returncode == 0, r.stderr
    assert "source added" in r.stdout

    atlas = load_atlas(data_copy)
    assert atlas.sources[sid].title == META["title"]
    passages = passages_mentioning(atlas, "middle_corridor")
    mine = passages[passages["source"] == sid]
    assert set(mine["index"]) == {0, 2, 4}  # "Middle\nCorridor", TITR, 中间走廊 and Средний коридор
    mc_events = events_of(atlas, "middle_corridor")
    assert "2024" in set(mc_events[mc_events["source"] == sid]["date"])
    ferry = atlas.events[(atlas.events["source"] == sid) & (atlas.events["date"] == "2025-01-20")]
    assert list(ferry["features"].iloc[0]) == ["aktau_port"]
    assert ferry["project"].iloc[0] == "middle_corridor"  # drawn in the Middle Corridor's row
    assert "middle_corridor" in atlas.features.index  # on the map

    # The same text again: already in the atlas, nothing new.
    r = run_cli("ingest", str(article), "--lang", "en", "--data-dir", str(data_copy))
    assert r.returncode == 0 and "in_atlas" in r.stdout
    assert R.pending(data_copy) == ([], [])


def test_rejecting_a_name_broken_across_lines_suppresses_it(atlas, data_copy):
    meta, text = prepare_source("Freight on the Middle\nCorridor rose.\n", **META)
    ingest(data_copy, meta, text, atlas.linker)
    assert R.accept(data_copy, meta.id, []).suppressed == 1
    loaded = load_atlas(data_copy)
    assert not (loaded.mentions["source"] == meta.id).any()

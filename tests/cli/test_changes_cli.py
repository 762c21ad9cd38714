"""`python -m geo changes` lists what the events say changed, `geo versions` keeps the data
version history, and accepting a review records a version."""

import json

import pytest

from geo import review as R
from geo.cli import main
from geo.ingest import ingest, prepare_source
from geo.load import data_version
from geo.versions import read_versions


def _run(capsys, *argv):
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.mark.parametrize("since", ["2024-01-01", "2025-01-01", "2025-06-18", "2025-12-31"])
def test_changes_json_lists_exactly_the_events_after_the_day_by_corridor(capsys, atlas, since):
    code, out = _run(capsys, "changes", "--since", since, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    listed = {
        (c["ref"], g["corridor"] or "")
        for g in doc["corridors"]
        for c in g["changes"]
        if c["kind"] == "event"
    }
    ev = atlas.events
    after = ev[ev["end"].dt.strftime("%Y-%m-%d") > since]
    assert listed == set(zip(after["id"], after["project"], strict=True))
    assert doc["data_version"] == atlas.version and doc["since"] == since


def test_changes_markdown_quotes_the_evidence(capsys):
    code, out = _run(capsys, "changes", "--since", "2024-12-01", "--country", "KG")
    assert code == 0
    assert out.startswith("# What changed since 2024-12-01")
    assert "## China–Kyrgyzstan–Uzbekistan railway" in out
    assert "· status · China–Kyrgyzstan–Uzbekistan railway: under construction" in out
    assert "the groundbreaking ceremony" in out
    assert "Tianjin" not in out  # the country filter leaves it out


def test_changes_refuses_a_bad_day_and_an_unknown_version(capsys):
    assert main(["changes", "--since", "2025-13-01"]) == 2
    assert main(["changes", "--since-version", "0123456789"]) == 2


def test_accepting_a_review_records_the_new_version(atlas, data_copy, capsys):
    (data_copy / "versions.json").unlink(missing_ok=True)
    assert main(["versions", "record", "--note", "start", "--data-dir", str(data_copy)]) == 0
    start = data_version(data_copy)
    text = "The Middle Corridor opened a new ferry line.\nOn March 3, 2025, the first ferry left Aktau port.\n"
    meta, text = prepare_source(
        text, title="Ferry", publisher="Test Wire", published="2025-03-05", lang="en"
    )
    ingest(data_copy, meta, text, atlas.linker)
    R.accept(data_copy, meta.id)
    entries = read_versions(data_copy)
    assert [e.version for e in entries] == [start, data_version(data_copy)]
    assert entries[-1].note == f"review accept {meta.id}"
    assert set(entries[-1].added["sources"]) == {meta.id}
    capsys.readouterr()
    code, out = _run(capsys, "changes", "--since-version", start, "--format", "json",
                     "--data-dir", str(data_copy))  # fmt: skip
    refs = {c["ref"] for g in json.loads(out)["corridors"] for c in g["changes"]}
    assert meta.id in refs and set(entries[-1].added.get("events", {})) <= refs
    code, out = _run(capsys, "versions", "--data-dir", str(data_copy))
    assert out.splitlines()[-1].endswith(f"review accept {meta.id}")

"""What the data publishes as static files (the map's parts, the timeline's rows): named by their
content, written whole or not at all, also by several servers at once, and dated so that browsers
keep them."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from geo.publish import STATIC_URL, UNCHANGED_SINCE, Published, published, write_atomically

PARTS = {
    "routes": json.dumps({"type": "FeatureCollection", "features": []}),
    "timeline": json.dumps([{"id": "cku_groundbreaking", "title": "</script> <b>x</b>"}]),
}


@pytest.fixture
def files() -> Published:
    return published(PARTS, "3f2a9c01d2")


def test_each_part_is_named_by_the_data_version_and_its_content(files):
    assert set(files.names) == set(PARTS)
    assert all(name.startswith("3f2a9c01d2/") for name in files.names.values())
    other = published({**PARTS, "timeline": "[]"}, "3f2a9c01d2")
    assert {p for p in PARTS if other.names[p] != files.names[p]} == {"timeline"}
    assert files.urls()["routes"] == STATIC_URL + files.names["routes"]


def test_written_files_hold_the_parts_dated_long_ago(files, tmp_path):
    files.write(tmp_path)
    for part, name in files.names.items():
        path = tmp_path / name
        assert path.read_text(encoding="utf-8") == files.json[part]
        assert path.stat().st_mtime == UNCHANGED_SINCE
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert not [p for p in tmp_path.rglob(".*")]  # no temporary file left


def test_a_file_already_there_is_not_written_again(files, tmp_path):
    files.write(tmp_path)
    path = tmp_path / files.names["routes"]
    before = path.stat().st_ino
    files.write(tmp_path)
    assert path.stat().st_ino == before
    path.unlink()  # a deleted file is written again
    files.write(tmp_path)
    assert path.read_text(encoding="utf-8") == files.json["routes"]


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    def refuse(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(tmp_path / "a.json", b"{}")
    assert list(tmp_path.iterdir()) == []


def test_a_data_version_and_a_part_must_be_plain_names():
    for bad in ("../x", "a/b", "", "x" * 65):
        with pytest.raises(ValueError, match="data version"):
            published({"routes": "{}"}, bad)
        with pytest.raises(ValueError, match="part names a file"):
            published({bad: "{}"}, "v1")


def _write_many_times(files: Published, folder: str, start, rounds: int) -> None:
    start.wait()
    for _ in range(rounds):
        for name in files.names.values():
            (Path(folder) / name).unlink(missing_ok=True)
        files.write(Path(folder))


def test_servers_writing_at_once_never_show_half_a_file(tmp_path):
    """Four processes delete and write the same files over and over while this one reads them:
    every read finds the whole file or none."""
    rows = [{"id": f"e{i}", "title": "x" * 200} for i in range(2_000)]
    files = published({"timeline": json.dumps(rows), "routes": PARTS["routes"]}, "v1")
    ctx = multiprocessing.get_context("fork")
    start = ctx.Barrier(5)
    writers = [
        ctx.Process(target=_write_many_times, args=(files, str(tmp_path), start, 30))
        for _ in range(4)
    ]
    for w in writers:
        w.start()
    start.wait()
    seen = 0
    while any(w.is_alive() for w in writers):
        for part, name in files.names.items():
            try:
                text = (tmp_path / name).read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            assert text == files.json[part]
            seen += 1
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert seen
    assert sorted(p.name for p in (tmp_path / "v1").iterdir()) == sorted(
        n.split("/")[1] for n in files.names.values()
    )

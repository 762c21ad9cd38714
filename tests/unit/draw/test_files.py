"""The map's parts as static files: named by their content, written whole or not at all, also by
several servers at once, and dated so that browsers keep them."""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from geo.draw import layer_files, map_parts
from geo.draw.files import LAYERS_URL, UNCHANGED_SINCE, LayerFiles, write_atomically
from geo.draw.layers import PARTS, MapParts


@pytest.fixture
def files(routes, sites, boundaries, colors) -> LayerFiles:
    return layer_files(map_parts(routes, sites, boundaries, colors=colors), "3f2a9c01d2")


def test_each_part_is_named_by_the_data_version_and_its_content(
    files, routes, sites, boundaries, colors
):
    assert set(files.names) == set(PARTS)
    assert all(name.startswith("3f2a9c01d2/") for name in files.names.values())
    fewer = layer_files(map_parts(routes.iloc[:1], sites, boundaries, colors=colors), "3f2a9c01d2")
    changed = {p for p in PARTS if fewer.names[p] != files.names[p]}
    assert changed == {"routes", "meta"}  # the legend is in the meta
    assert files.urls()["routes"] == LAYERS_URL + files.names["routes"]


def test_written_files_hold_the_parts_dated_long_ago(files, tmp_path):
    files.write(tmp_path)
    for part, name in files.names.items():
        path = tmp_path / name
        assert path.read_text(encoding="utf-8") == files.parts.json[part]
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
    assert path.read_text(encoding="utf-8") == files.parts.json["routes"]


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    def refuse(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(tmp_path / "a.json", b"{}")
    assert list(tmp_path.iterdir()) == []


def test_a_data_version_must_be_a_plain_name():
    parts = MapParts(json={p: "{}" for p in PARTS}, route_ids=(), site_ids=())
    for bad in ("../x", "a/b", "", "x" * 65):
        with pytest.raises(ValueError, match="data version"):
            layer_files(parts, bad)


def _write_many_times(files: LayerFiles, folder: str, start, rounds: int) -> None:
    start.wait()
    for _ in range(rounds):
        for name in files.names.values():
            (Path(folder) / name).unlink(missing_ok=True)
        files.write(Path(folder))


def test_servers_writing_at_once_never_show_half_a_file(
    tmp_path, routes, sites, boundaries, colors
):
    """Four processes delete and write the same files over and over while this one reads them:
    every read finds the whole file or none."""
    big = routes.loc[routes.index.repeat(300)].assign(id=[f"r{i}" for i in range(600)])
    files = layer_files(map_parts(big, sites, boundaries, colors=colors), "v1")
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
            assert text == files.parts.json[part]
            seen += 1
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert seen
    assert sorted(p.name for p in (tmp_path / "v1").iterdir()) == sorted(
        n.split("/")[1] for n in files.names.values()
    )

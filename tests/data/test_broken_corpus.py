"""The broken-data corpus: every case in ``tests/broken/`` is named exactly by the validator, and
every page shows those problems as an error page instead of a traceback.

A case is a folder ``tests/broken/<case>/`` holding ``case.json``::

    {"broken": "what is wrong, in words",
     "edits": [...],            # optional, applied in order to a copy of data/
     "expected": ["data/<file>: <id>: <message>", ...]}

and optionally ``files/<path>``: raw bytes that replace (or add) ``data/<path>`` in the copy —
used for what JSON edits cannot express (invalid JSON, Latin-1, a truncated file). An edit is
``{"file": <path in data/>, ...}`` with one of

- ``"remove": true`` — delete the file or folder;
- ``"append_text": "..."`` — append UTF-8 text to the file;
- ``"set": {"dotted.path": value}`` and/or ``"delete": ["dotted.path"]`` — change the JSON
  document, or one record of it: ``"feature": <properties.id>`` in corridors.geojson,
  ``"event": <id>`` in events.json;
- ``"duplicate": true`` with a record (``"feature"``, ``"event"``, …) — append a copy of it;
- ``"append": [records]`` — append records to a file that is a JSON list (figures.json, …);
- ``"raw": {"dotted.path": "<JSON text>"}`` — like ``set``, but the value is written as the JSON
  text given (a number that no Python int or float carries through ``json``);
- ``"make": "fifo" | "folder" | "link"`` — replace the file by a named pipe, an empty folder or
  a symbolic link to ``"to"`` (``/dev/zero``): what JSON and bytes cannot express.

``expected`` is the complete report: the validator must print exactly these lines, no more (a
report that also blames every dependant of a broken record hides its cause).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from geo.load import AtlasInvalid, load_atlas
from geo.validate import validate
from tests.conftest import DASHBOARD, DATA, PAGES, TESTS, copy_data, run_app, run_cli

CORPUS = TESTS / "broken"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.json").is_file())


def read_case(name: str) -> dict[str, Any]:
    return json.loads((CORPUS / name / "case.json").read_text(encoding="utf-8"))


def _walk(doc: Any, dotted: str) -> tuple[Any, str | int]:
    """The container holding ``dotted``'s last key, and that key (list indexes are numbers)."""
    *parents, last = dotted.split(".")
    for key in parents:
        doc = doc[int(key)] if isinstance(doc, list) else doc.setdefault(key, {})
    return doc, int(last) if isinstance(doc, list) else last


def _record(doc: Any, edit: dict[str, Any]) -> tuple[list[Any] | None, Any]:
    if "feature" in edit:
        items = doc["features"]
        return items, next(f for f in items if f["properties"].get("id") == edit["feature"])
    for key in ("event", "person"):
        if key in edit:
            return doc, next(e for e in doc if e["id"] == edit[key])
    if "index" in edit:
        return doc, doc[edit["index"]]
    return None, doc


_MAKE = {
    "fifo": os.mkfifo,
    "folder": Path.mkdir,
    "link": lambda path, to: path.symlink_to(to),
}


def _apply_edit(data: Path, edit: dict[str, Any]) -> None:
    path = data / edit["file"]
    if edit.get("remove") or "make" in edit:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
        if "make" in edit:
            _MAKE[edit["make"]](path, *([edit["to"]] if "to" in edit else []))
        return
    if "append_text" in edit:
        path.write_bytes(path.read_bytes() + edit["append_text"].encode("utf-8"))
        return
    doc = json.loads(path.read_text(encoding="utf-8"))
    items, target = _record(doc, edit)
    for dotted, value in edit.get("set", {}).items():
        container, key = _walk(target, dotted)
        container[key] = value
    for dotted in edit.get("delete", []):
        container, key = _walk(target, dotted)
        del container[key]
    raw = {f"@raw{i}@": text for i, text in enumerate(edit.get("raw", {}).values())}
    for dotted, placeholder in zip(edit.get("raw", {}), raw, strict=True):
        container, key = _walk(target, dotted)
        container[key] = placeholder
    if edit.get("duplicate"):
        assert items is not None, "duplicate needs a record: a feature, an event, …"
        items.append(json.loads(json.dumps(target)))
    if "append" in edit:
        doc.extend(edit["append"])
    # allow_nan: a case may write NaN on purpose, as Python's json would.
    text = json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=True)
    for placeholder, value in raw.items():
        text = text.replace(json.dumps(placeholder), value)
    path.write_text(text, "utf-8")


def broken_copy(name: str, dest: Path) -> Path:
    """A copy of data/ at ``dest / "data"`` with case ``name`` applied; returns the copy."""
    data = copy_data(dest)
    for edit in read_case(name).get("edits", []):
        _apply_edit(data, edit)
    files = CORPUS / name / "files"
    if files.is_dir():
        for src in sorted(p for p in files.rglob("*") if p.is_file()):
            target = data / src.relative_to(files)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
    return data


def report(data: Path) -> list[str]:
    """What ``python -m geo validate`` prints, and what loading the folder raises."""
    lines = [str(p) for p in validate(data)]
    if lines:
        with pytest.raises(AtlasInvalid) as raised:
            load_atlas(data)
        assert [str(p) for p in raised.value.problems] == lines
    return lines


def test_the_corpus_is_big_enough_and_every_case_says_what_it_breaks():
    assert len(CASES) >= 25
    for name in CASES:
        case = read_case(name)
        assert case["broken"].strip(), name
        assert case["expected"], f"{name}: no expected problem"
        assert case.get("edits") or (CORPUS / name / "files").is_dir(), f"{name}: changes nothing"


def test_the_unbroken_data_is_valid():
    assert report(DATA) == []


@pytest.mark.parametrize("name", CASES)
def test_validator_names_exactly_the_problem(tmp_path, name):
    data = broken_copy(name, tmp_path)
    assert report(data) == read_case(name)["expected"]


# A few through the command line, as a curator runs it: one per kind of file and of check.
CLI_CASES = [
    "truncated_file",
    "lat_lon_swapped",
    "not_utf8_source_text",
    "missing_boundaries",
    "site_in_wrong_country_and_event_broken",
    "events_file_is_a_named_pipe",  # would block the command forever
    "integer_of_5000_digits",  # Python's int() refuses it: a ValueError traceback before
]


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_prints_each_problem_and_exits_1(tmp_path, name):
    data = broken_copy(name, tmp_path)
    run = run_cli("validate", str(data), timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.splitlines() == read_case(name)["expected"]
    assert "Traceback" not in run.stderr


# --- the app: an error page listing the problems, never a traceback ----------------------------

APP_CASES = [
    "invalid_json",
    "site_in_wrong_country_and_event_broken",
    "missing_boundaries",
    "deeply_nested_json",
]


def _assert_error_page(at, expected: list[str]) -> None:
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert f"its data has {len(expected)} problem(s)" in errors, errors
    assert "python -m geo validate" in errors
    table = at.dataframe[0].value
    listed = [f"{r.file}: {r.id}: {r.problem}" for r in table.itertuples(index=False)]
    assert listed == expected
    assert not at.title and not at.metric  # nothing of the atlas is drawn


@pytest.mark.apptest
@pytest.mark.parametrize("name", APP_CASES)
@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_page_shows_the_problems(tmp_path, page, name):
    data = broken_copy(name, tmp_path)
    _assert_error_page(run_app(page, data), read_case(name)["expected"])


@pytest.mark.apptest
@pytest.mark.parametrize(
    "name", ["events_file_is_a_named_pipe", "huge_integer_coordinate", "integer_of_5000_digits"]
)
def test_the_map_shows_an_error_page_not_a_hang_or_a_traceback(tmp_path, name):
    data = broken_copy(name, tmp_path)
    _assert_error_page(run_app(DASHBOARD, data), read_case(name)["expected"])


@pytest.mark.apptest
@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_page_says_the_data_folder_is_missing(tmp_path, page):
    missing = tmp_path / "no-data-here"
    _assert_error_page(
        run_app(page, missing), [f"{missing}: -: data folder is missing or not a folder"]
    )


def _chmod_is_enforced(tmp_path: Path) -> bool:
    probe = tmp_path / "probe"
    probe.write_text("x")
    probe.chmod(0)
    try:
        probe.read_text()
        return False  # root (or a capability) reads it anyway
    except PermissionError:
        return True
    finally:
        probe.chmod(0o644)


@pytest.mark.apptest
def test_an_unreadable_file_is_named(tmp_path):
    if not _chmod_is_enforced(tmp_path):
        pytest.skip("running as root: chmod 000 does not stop reading, so this cannot be tested")
    data = copy_data(tmp_path)
    (data / "events.json").chmod(0)
    try:
        expected = ["data/events.json: -: cannot be read: Permission denied"]
        assert report(data) == expected
        _assert_error_page(run_app(DASHBOARD, data), expected)
    finally:
        (data / "events.json").chmod(0o644)

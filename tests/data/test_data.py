"""The curated data: valid, documented, and holding what the atlas promises."""

import json
import re

import pytest

from geo.validate import validate
from tests.conftest import DATA, ROOT

FOUR_SYSTEMS = {
    "cku_railway": "railway",
    "middle_corridor": "corridor",
    "horgos": None,  # a border port: border_crossing or port
    "tianjin_freight": "freight_service",
}


def test_data_folder_is_valid(atlas):
    assert [str(p) for p in validate(DATA)] == []
    assert len(atlas.features) >= 30


def test_every_data_file_is_documented_in_the_readme():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for path in sorted(DATA.rglob("*")):
        if path.is_dir() or path.name == "README.md" or path.name.startswith("."):
            continue
        rel = path.relative_to(DATA).as_posix()
        if rel.startswith(("sources/", "inbox/")):
            assert f"## `{rel.split('/')[0]}/`" in readme
            continue
        assert f"`{rel}`" in readme, f"data/{rel} is not documented in data/README.md"


@pytest.mark.parametrize("fid", list(FOUR_SYSTEMS))
def test_four_systems_are_present(atlas, fid):
    row = atlas.features.loc[fid]
    assert row["project"] == fid
    if FOUR_SYSTEMS[fid]:
        assert row["kind"] == FOUR_SYSTEMS[fid]
    else:
        assert row["kind"] in ("border_crossing", "port")


def test_cku_railway_runs_through_its_waypoints(atlas):
    p = atlas.props["cku_railway"]
    names = [atlas.props[w].name for w in p.waypoints]
    for place in ("Kashgar", "Torugart", "Makmal", "Jalal-Abad", "Andijan"):
        assert any(place in n for n in names), (place, names)
    assert p.geometry_quality == "schematic"
    tunnels = atlas.features[
        (atlas.features["kind"] == "tunnel") & (atlas.features["project"] == "cku_railway")
    ]
    assert {"Fergana", "Naryn", "Koshtobe"} <= {n.split()[0] for n in tunnels["name"]}


def test_middle_corridor_is_a_network(atlas):
    geom = atlas.features.loc["middle_corridor", "geometry"]
    assert geom.geom_type == "MultiLineString" and len(geom.geoms) >= 3
    assert {"KZ", "AZ", "GE", "TR", "CN"} <= set(atlas.features.loc["middle_corridor", "crossed"])


@pytest.mark.parametrize(
    "name",
    [
        "Urumqi",
        "Astana",
        "Xi'an",
        "Samarkand",
        "Kashgar",
        "Aktau",
        "Baku",
        "Tbilisi",
        "Kars",
        "Poti",
        "Batumi",
        "Tianjin",
        "Dostyk",
    ],
)
def test_places_a_user_looks_for_are_points(atlas, name):
    def norm(s):
        return re.sub(r"[^a-z]", "", s.lower().replace("ü", "u"))

    hits = [
        fid
        for fid, p in atlas.props.items()
        if any(norm(name) in norm(t) for _l, t, _c in p.alias_entries())
        and atlas.features.loc[fid, "geometry"].geom_type == "Point"
    ]
    assert hits, f"no Point feature named {name}"


def test_every_coordinate_cites_its_source(atlas):
    for fid, p in atlas.props.items():
        assert len(p.geometry_source) > 10, fid
        if p.geometry_quality != "schematic":
            assert p.geometry_source_url or p.geometry_quality == "approximate", fid


def test_routes_crossing_computed_from_boundaries(atlas):
    crossed = atlas.features.loc["cku_railway", "crossed"]
    assert set(crossed) == {"CN", "KG", "UZ"}
    km = atlas.crossings[atlas.crossings["feature_id"] == "cku_railway"]
    assert km["km"].sum() == pytest.approx(atlas.features.loc["cku_railway", "length_km"], rel=1e-3)


def test_sources_are_the_seed_texts_verbatim():
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds is not beside this checkout")
    import hashlib

    for seed in sorted(seeds.glob("0*.txt")):
        sid = hashlib.sha256(seed.read_bytes()).hexdigest()[:16]
        assert (DATA / "sources" / f"{sid}.txt").read_bytes() == seed.read_bytes()
        meta = json.loads((DATA / "sources" / f"{sid}.json").read_text(encoding="utf-8"))
        assert meta["id"] == sid


def test_events_resolve_relative_dates_against_publication(atlas):
    ev = atlas.events.set_index("id")
    assert ev.loc["cku_intergovernmental_agreement_signed", "date"] == "2024-06-06"
    assert ev.loc["cku_main_tunnels_start", "date"] == "2025-04-29"
    assert ev.loc["cca_summit_astana_2025_06", "precision"] == "month"

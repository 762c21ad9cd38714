"""``python -m geo describe``: what the atlas holds, counted — sources, languages, events per
system, figures."""

import json

from geo.cli import main
from geo.filter import events_of
from geo.load import load_atlas
from tests.conftest import DATA, copy_data
from tests.fixtures.excerpts import CKU_FIGURES, with_cku_figures


def _counts(capsys, data) -> dict:
    assert main(["describe", str(data), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_describe_counts_the_atlas(tmp_path, capsys):
    before = _counts(capsys, DATA)
    data = with_cku_figures(copy_data(tmp_path))
    after = _counts(capsys, data)
    assert after["sources"] == before["sources"] + 2
    assert after["figures"] == len(CKU_FIGURES)  # the fixture's figures replace the atlas's
    assert after["languages"]["kk"] == before["languages"].get("kk", 0) + 1
    assert after["languages"]["en"] == before["languages"]["en"] + 1
    assert after["figures_per_metric"]["section_length"] >= 2
    # An event counts for a system when it concerns the system or one of its features.
    atlas = load_atlas(data)
    assert after["speakers"] == atlas.attributions["speaker"].nunique() >= 5
    assert after["attributions"] == len(atlas.attributions)
    for system in ("cku_railway", "middle_corridor", "horgos", "tianjin_freight"):
        assert after["events_per_system"][system] == len(events_of(atlas, system))


def test_describe_prints_one_line_per_count(capsys, atlas):
    assert main(["describe"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"sources: {len(atlas.sources)}" in lines
    assert any(line.startswith("languages: en ") for line in lines)
    assert any(line.startswith("events per system: cku_railway ") for line in lines)

"""The card of a feature shows its figures side by side, and what we measured beside them."""

import re

import pytest

from tests.conftest import copy_data, page_html, run_app
from tests.fixtures.excerpts import with_cku_figures

pytestmark = pytest.mark.apptest


def test_the_cku_card_shows_every_sourced_value_and_the_measured_length(tmp_path):
    data = with_cku_figures(copy_data(tmp_path))
    at = run_app(data_dir=data, sel="cku_railway")
    assert not at.exception, [e.value for e in at.exception]
    assert "Figures (5)" in [t.label for t in at.tabs]
    html = page_html(at)
    assert "<b>Section length in Kyrgyzstan</b>: 300 km · 305 km" in html
    assert "sources differ by up to 2%" in html
    assert "Trend News Agency, as of 2025-04-29: “will span more than 300 kilometers”" in html
    assert "<b>Cost</b>: 4.7 billion USD" in html
    # Ours, labelled as ours, beside the published length and never among its values.
    assert "<b>Length</b>: 523 km</div>" in html
    assert re.search(
        r"\d[\d,]* km measured along our schematic drawing — not a published figure", html
    )


def test_a_feature_without_figures_says_so(atlas):
    stated = set(atlas.figures["feature"])
    without = next(f for f in atlas.features["id"] if f not in stated)
    at = run_app(sel=without)
    assert "Figures (0)" in [t.label for t in at.tabs]
    assert any("No source in the atlas gives a figure" in c.value for c in at.caption)

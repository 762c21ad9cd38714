"""Every page runs under AppTest, and the main interactions work without a browser."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PAGES, ROOT, page_html, run_app

pytestmark = pytest.mark.apptest


def _param(at: AppTest, key: str) -> str | None:
    value = at.query_params.get(key)
    return ",".join(value) if isinstance(value, list) else value


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_every_page_runs(path):
    at = run_app(path)
    assert not at.exception, [e.value for e in at.exception]


def test_overview_when_nothing_is_selected():
    at = run_app()
    labels = {m.label for m in at.metric}
    assert {"Routes", "Sites", "Passages", "Events"} <= labels
    assert any("Latest events" in m.value for m in at.markdown)


def test_filter_goes_to_the_url_and_comes_back():
    at = run_app()
    at.multiselect(key="w_country").set_value(["KG"]).run()
    assert _param(at, "country") == "KG"
    routes = next(m for m in at.metric if m.label == "Routes").value
    assert routes == "1"  # only the CKU railway crosses Kyrgyzstan

    again = run_app(country="KG")
    assert again.multiselect(key="w_country").value == ["KG"]
    assert next(m for m in again.metric if m.label == "Routes").value == "1"


def test_selection_from_the_url_shows_passages_with_the_mention_highlighted():
    at = run_app(sel="cku_railway")
    assert not at.exception
    assert at.header[0].value == "China–Kyrgyzstan–Uzbekistan railway"
    assert any("passage(s) mention it" in m.value for m in at.markdown)
    html = page_html(at)
    assert '<mark class="mention">China-Kyrgyzstan-Uzbekistan Railway</mark>' in html
    assert "Observer Network" in html


def test_clear_all_resets_filters_and_url():
    at = run_app(country="KG", sel="horgos")
    at.button[[b.label for b in at.button].index("Clear all")].click().run()
    assert at.multiselect(key="w_country").value == []
    assert "country" not in at.query_params and "sel" not in at.query_params


def test_event_button_selects_its_feature_and_shows_evidence():
    at = run_app(sel="cku_railway")
    button = next(b for b in at.button if "Groundbreaking" in b.label)
    button.click().run()
    assert _param(at, "event") == "cku_groundbreaking"
    assert "On December 27" in page_html(at)


def test_search_finds_passages_and_offers_their_features():
    at = run_app(q="tunnels")
    assert any("passage(s) match the search" in m.value for m in at.markdown)
    assert '<mark class="hit">tunnels</mark>' in page_html(at)
    show = next(b for b in at.button if b.label.startswith("Show") and "Koshtobe" in b.label)
    show.click().run()
    assert _param(at, "sel") == "koshtobe_tunnel"


def test_bad_url_values_are_ignored_with_a_notice():
    at = run_app(country="ZZ", sel="<script>alert(1)</script>", bogus="1")
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "Ignored country" in notices and "no such feature" in notices
    assert "<script>" not in notices


def test_sources_page_links_mentions_to_the_map():
    at = run_app(ROOT / "pages" / "1_Sources.py", src="f2840b807d95501f")
    html = page_html(at)
    assert 'href="./?sel=cku_railway"' in html
    assert '<mark class="mention">Koshtobe</mark>' in html


def test_data_page_filters_the_tables_and_offers_their_downloads():
    at = run_app(ROOT / "pages" / "2_Data.py", country="KG")
    features, events, passages = (d.value for d in at.dataframe)
    assert "cku_railway" in set(features["id"]) and "middle_corridor" not in set(features["id"])
    assert "KG 256 km · CN 132 km · UZ 33 km" in set(features["km_by_country"])
    assert len(events) and len(passages)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download GeoJSON", "Download CSV", "Download CSV metadata"] + [
        "Download JSON",
        "Download CSV",
        "Download CSV metadata",
    ] * 2


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_empty_table_cells_are_blank_not_none(page):
    at = run_app(page, country="KG", sel="cku_railway")
    if page.stem.startswith("4_"):
        at.text_area(key="try_text").set_value("Trucks queue at Khorgos.").run()
    assert all(d.proto.placeholder == "" and d.proto.HasField("placeholder") for d in at.dataframe)


def test_about_page_cites_the_view_in_its_link_on_a_fresh_session(atlas):
    at = run_app(ROOT / "pages" / "3_About.py", country="KG", sel="cku_railway")
    (text,) = [c.value for c in at.code]
    assert f"/?country=KG&sel=cku_railway&v={atlas.version} " in text
    assert f"(data version {atlas.version})" in text


ROUND_TRIP = {"country": "KG", "from": "2024-01-01", "to": "2025-12-31", "sel": "cku_railway"}


def _switch(at: AppTest, page: str) -> AppTest:
    """Switch pages as the browser's navigation does: the query string is dropped."""
    at.query_params.clear()
    return at.switch_page(page).run()


def test_switching_pages_in_any_order_keeps_the_view():
    at = run_app(**ROUND_TRIP)
    for page in ("pages/3_About.py", "pages/1_Sources.py", "pages/2_Data.py", "dashboard.py"):
        _switch(at, page)
        assert not at.exception, (page, [e.value for e in at.exception])
        for key, value in ROUND_TRIP.items():
            assert _param(at, key) == value, (page, key, at.query_params)
    # Back on the map: the widgets show the view, and no filter took a default of its own.
    assert at.multiselect(key="w_country").value == ["KG"]
    assert str(at.date_input(key="w_from").value) == "2024-01-01"
    assert str(at.date_input(key="w_to").value) == "2025-12-31"
    assert at.header[0].value == "China–Kyrgyzstan–Uzbekistan railway"


def test_a_page_reached_by_switching_shows_the_filtered_view():
    at = run_app(country="KG")
    _switch(at, "pages/2_Data.py")
    ids = set(at.dataframe[0].value["id"])
    assert "cku_railway" in ids and "middle_corridor" not in ids
    _switch(at, "pages/3_About.py")
    assert "/?country=KG&v=" in at.code[0].value


def test_no_date_filter_unless_chosen():
    at = run_app()
    _switch(at, "pages/3_About.py")
    _switch(at, "dashboard.py")
    assert at.date_input(key="w_from").value is None and at.date_input(key="w_to").value is None
    assert "from" not in at.query_params and "to" not in at.query_params
    assert any("Latest events" in m.value for m in at.markdown)


def test_each_example_the_search_box_offers_finds_passages():
    placeholder = run_app().text_input(key="w_q").placeholder
    examples = [e.strip() for e in placeholder.removeprefix("e.g. ").split(",")]
    assert len(examples) >= 3
    for example in examples:
        at = run_app(q=example)
        assert any("passage(s) match the search" in m.value for m in at.markdown), example


def test_a_search_that_finds_nothing_says_so_and_offers_the_nearest():
    at = run_app(q="tunel")
    assert "No passage matches <b>tunel</b>" in page_html(at)
    at.button(key="suggest-0").click().run()
    assert _param(at, "q") == "tunnel"
    assert any("passage(s) match the search" in m.value for m in at.markdown)


def test_the_selected_card_comes_first_and_the_search_folds_under_it():
    at = run_app(sel="cku_railway", q="tunnels")
    assert at.header[0].value == "China–Kyrgyzstan–Uzbekistan railway"
    (fold,) = [e for e in at.expander if e.label.startswith("Search")]
    assert "tunnels" in fold.label and "passage(s)" in fold.label
    assert not fold.proto.expanded  # folded away under the card


def test_the_corridor_list_selects_a_corridor():
    at = run_app()
    at.button(key="corridor-middle_corridor").click().run()
    assert _param(at, "sel") == "middle_corridor"
    assert at.header[0].value.startswith("Middle Corridor")


def test_a_card_shows_its_first_passages_and_folds_the_others(atlas):
    from geo.filter import passages_mentioning
    from ui.widgets import FIRST_PASSAGES

    total = len(passages_mentioning(atlas, "cku_railway"))
    assert total > FIRST_PASSAGES  # the case this test is about
    at = run_app(sel="cku_railway")
    folds = [e.label for e in at.expander if "more passage(s)" in e.label]
    assert folds == [f"{total - FIRST_PASSAGES} more passage(s)"]
    assert page_html(at).count('class="ca-passage"') >= total

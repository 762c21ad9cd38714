"""Who said so on the map page: a passage shows its speaker, a speaker's card lists what they
said about which corridor, and the speaker and organisation filters live in the link."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, page_html, run_app

pytestmark = pytest.mark.apptest


def _param(at: AppTest, key: str) -> str | None:
    value = at.query_params.get(key)
    return ",".join(value) if isinstance(value, list) else value


def test_a_passage_shows_who_says_it_with_a_link_to_their_card():
    html = page_html(run_app(sel="cku_railway"))
    assert (
        'Said by <a href="./?sel=cku_railway&amp;who=zhu_yongbiao" target="_self">Zhu Yongbiao</a>'
        ", Executive Director of the Center for Belt and Road Studies, Lanzhou University"
    ) in html


def test_the_speaker_card_lists_what_they_said_about_which_corridor():
    at = run_app(who="zhu_yongbiao", sel="horgos")
    assert not at.exception, [e.value for e in at.exception]
    assert at.header[0].value == "Zhu Yongbiao"  # the card takes the panel over the selection
    about = [m.value for m in at.markdown if m.value.startswith("**About ")]
    assert about and "China–Kyrgyzstan–Uzbekistan railway" in about[0]
    assert '<mark class="said">The technical issues of the China-Kyrgyzstan' in page_html(at)
    # Showing a corridor selects it and closes the card; closing the card shows the selection.
    show = next(b for b in at.button if b.label.startswith("Show") and "Kyrgyzstan" in b.label)
    show.click().run()
    assert _param(at, "sel") == "cku_railway" and _param(at, "who") is None
    again = run_app(who="zhu_yongbiao", sel="horgos")
    again.button(key="close-who").click().run()
    assert _param(again, "who") is None and _param(again, "sel") == "horgos"


def test_an_organisation_card_lists_its_people():
    at = run_app(who="lanzhou_university")
    assert at.header[0].value == "Lanzhou University"
    assert any(b.label == "Zhu Yongbiao" for b in at.button)


def test_the_speaker_filter_goes_to_the_link_and_keeps_what_they_said():
    at = run_app()
    at.multiselect(key="w_speaker").set_value(["serik_orazgaliyev"]).run()
    assert _param(at, "speaker") == "serik_orazgaliyev"
    counts = {m.label: m.value for m in at.metric}
    assert counts["Speakers"] == "1"
    # Orazgaliyev spoke of the Middle Corridor, not of the CKU railway.
    assert counts["Routes"] == "1"
    again = run_app(org="nazarbayev_university")
    assert {m.label: m.value for m in again.metric} == counts


def test_a_search_finds_people_and_opens_their_card():
    at = run_app(q="Orazgaliyev")
    person = next(b for b in at.button if b.label.startswith("Serik Orazgaliyev"))
    person.click().run()
    assert _param(at, "who") == "serik_orazgaliyev"
    assert at.header[0].value == "Serik Orazgaliyev"


def test_unknown_speakers_are_ignored_with_a_notice_and_clear_all_clears_them():
    at = run_app(who="nobody", speaker="zhu_yongbiao,ghost", org="lanzhou_university")
    notices = " ".join(w.value for w in at.warning)
    assert "no such person or organisation" in notices and "ghost" in notices
    at.button[[b.label for b in at.button].index("Clear all")].click().run()
    assert not {"speaker", "org", "who"} & set(at.query_params)


def test_the_sources_page_shows_who_speaks_in_each_passage():
    at = run_app(ROOT / "pages" / "1_Sources.py", src="9decb243e74ad7b3")
    html = page_html(at)
    assert (
        'Said by <a href="./?who=rahim_hakimov" target="_self">Rahim R. Hakimov</a>, deputy '
        "speaker of the Legislative Chamber of the Oliy Majlis of Uzbekistan"
    ) in html

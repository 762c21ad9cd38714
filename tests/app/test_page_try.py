"""The "Try an article" page under AppTest: a pasted text shows its mentions with their reasons,
its events, a map and a review file to download, all escaped and nothing written."""

import datetime as dt

import pytest

from tests.conftest import DATA, ROOT, folder_hashes, page_html, run_app

PAGE = ROOT / "pages" / "4_Try_an_article.py"
pytestmark = pytest.mark.apptest

TEXT = (
    "Freight on the Middle\nCorridor rose; the TITR crosses the Caspian.\n"
    "On Dec 30 a train left Khorgos's yard for 中间走廊 and Средний коридор.\n"
    "<script>alert('x')</script> <b>bold</b>"
)


def test_empty_page_asks_for_a_text():
    at = run_app(PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Paste a text" in i.value for i in at.info)


def test_pasted_text_shows_mentions_with_reasons_escaped():
    before = folder_hashes(DATA)
    at = run_app(PAGE)
    at.text_area(key="try_text").set_value(TEXT).run()
    assert not at.exception, [e.value for e in at.exception]
    html = page_html(at)
    assert '<mark class="mention"' in html and ">Khorgos</mark>" in html
    assert ">中间走廊</mark>" in html and ">Средний коридор</mark>" in html
    assert "&lt;script&gt;" in html and "<script>" not in html and "<b>bold" not in html
    assert "the name as listed, with one of its context words" in html  # TITR's reason
    rows = at.dataframe[0].value
    assert set(rows["feature_id"]) >= {"middle_corridor", "horgos"}
    assert rows.set_index("text").loc["TITR", "why"].startswith("alias “TITR”")
    assert next(m.value for m in at.metric if m.label == "Mentions") == str(len(rows))
    assert len(at.get("download_button")) == 1
    assert folder_hashes(DATA) == before  # nothing written on the server


def test_published_date_gives_a_timeline_and_a_map():
    at = run_app(PAGE)
    at.text_area(key="try_text").set_value(TEXT)
    at.date_input[0].set_value(dt.date(2025, 1, 10)).run()
    assert not at.exception, [e.value for e in at.exception]
    assert next(m.value for m in at.metric if m.label == "Dated events") == "1"
    assert len(at.get("vega_lite_chart")) == 1
    assert len(at.get("component_instance")) == 1  # the folium map
    events = at.dataframe[1].value
    assert list(events["date"]) == ["2024-12-30"]
    assert '<mark class="hit"' in page_html(at)


def test_front_matter_is_read_and_a_bad_one_reported():
    at = run_app(PAGE)
    at.text_area(key="try_text").set_value("---\npublished: 2025-01-10\n---\n" + TEXT).run()
    assert next(m.value for m in at.metric if m.label == "Dated events") == "1"
    at.text_area(key="try_text").set_value("---\ntitel: x\n---\nKhorgos").run()
    assert not at.exception
    assert any("unknown key" in e.value for e in at.error)


def test_review_file_is_offered_under_the_source_id():
    from geo.ingest import source_id

    at = run_app(PAGE)
    at.text_area(key="try_text").set_value(TEXT).run()
    assert [b.label for b in at.get("download_button")] == ["Download the review file"]
    assert any(source_id(TEXT) in c.value for c in at.caption)


def test_kazakh_text_is_read_and_the_page_says_which_languages_it_reads():
    # https://www.caravan-info.pro/kk/ytaj-yr-yzstan-zbekstan-zha-a-temir-zholy-strategijaly-serpilis
    text = "АСТАНА, 21 қаңтар 2025ж. Жалал-Абадта Қытай — Қырғызстан — Өзбекстан темір жолының"
    at = run_app(PAGE)
    assert any("Kazakh, Kyrgyz and Uzbek" in c.value for c in at.caption)
    at.text_area(key="try_text").set_value(text)
    at.date_input[0].set_value(dt.date(2025, 1, 21)).run()
    assert not at.exception, [e.value for e in at.exception]
    rows = at.dataframe[0].value
    assert "cku_railway" in set(rows["feature_id"])
    assert any("Kazakh, Kyrgyz or Uzbek endings" in why for why in rows["why"])
    assert list(at.dataframe[1].value["date"]) == ["2025-01-21"]


def test_a_huge_paste_is_cut_to_the_limit_and_the_reader_is_told():
    from geo.preview import TRY_MAX_CHARS, TRY_MAX_ROWS

    line = TEXT.replace("\n", " ") + "\n"
    pasted = line * (TRY_MAX_CHARS // len(line) + 50)
    at = run_app(PAGE)
    at.text_area(key="try_text").set_value(pasted).run()
    assert not at.exception, [e.value for e in at.exception]
    read = pasted[: pasted.rfind("\n", 0, TRY_MAX_CHARS) + 1]
    notices = [i.value for i in at.info]
    assert (
        f"The text has {len(pasted):,} characters; this page reads the first {len(read):,} (up "
        f"to {TRY_MAX_CHARS:,}). Ingest the whole text with `python -m geo ingest`."
    ) in notices
    mentions = int(next(m.value for m in at.metric if m.label == "Mentions"))
    assert mentions > TRY_MAX_ROWS
    assert (
        f"The first {TRY_MAX_ROWS:,} of {mentions:,} mentions are listed; the review file "
        "covers them all."
    ) in notices
    assert len(at.dataframe[0].value) == TRY_MAX_ROWS
    assert len(page_html(at).split("class='ca-passage'")) - 1 == TRY_MAX_ROWS
    assert f"{TRY_MAX_CHARS:,} characters" in " ".join(c.value for c in at.caption)


def test_control_characters_in_a_pasted_text_are_warned_about_with_where_they_are():
    at = run_app(PAGE)
    at.text_area(key="try_text").set_value("Trucks queue at Khorgos.\nThe\x00 yard\x1b grew.").run()
    assert not at.exception, [e.value for e in at.exception]
    (warning,) = [w.value for w in at.warning]
    assert "the text\\:2\\:4\\: warning\\: control character U\\+0000 \\(NUL\\)" in warning
    assert "the text\\:2\\:10\\: warning\\: control character U\\+001B \\(ESC\\)" in warning


def test_an_upload_is_refused_past_what_the_page_could_read():
    import tomllib

    from geo.preview import TRY_MAX_CHARS

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    limit_mb = config["server"]["maxUploadSize"]
    assert 4 * TRY_MAX_CHARS <= limit_mb * 2**20 <= 2 * 2**20  # every character fits; no more
    assert f"(up to {limit_mb} MB)" in PAGE.read_text(encoding="utf-8")

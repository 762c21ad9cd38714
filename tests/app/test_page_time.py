"""The atlas through time under AppTest: the "as of" slider is bound to the link, Play steps
through the years, the card shows the phases, the What changed page lists changes by corridor,
and an old link says what changed since it was made."""

import datetime as dt

import pytest

from geo.load import load_atlas
from tests.conftest import DATA, PAGES, ROOT, copy_data, page_html, run_app

pytestmark = pytest.mark.apptest
CHANGES = ROOT / "pages" / "5_Changes.py"


def _param(at, key):
    value = at.query_params.get(key)
    return ",".join(value) if isinstance(value, list) else value


def _metric(at, label):
    return next(m for m in at.metric if m.label == label).value


def test_the_changes_page_is_in_the_page_list():
    assert CHANGES in PAGES


def test_a_link_as_of_a_day_sets_the_slider_and_hides_later_sources(seed_dir):
    # counted on the seed atlas (tests/conftest.py), which does not grow with the corpus
    at = run_app(data_dir=seed_dir, asof="2025-07-01")
    assert not at.exception
    assert at.select_slider(key="w_asof").value == dt.date(2025, 7, 1)
    assert _metric(at, "Sources") == "1"
    assert any("1 source(s) published later are hidden" in c.value for c in at.caption)
    today = run_app(data_dir=seed_dir)
    assert today.select_slider(key="w_asof").value == dt.date.today()
    assert _metric(today, "Sources") == "2"


def test_moving_the_slider_changes_the_link_and_today_clears_it(seed_dir):
    at = run_app(data_dir=seed_dir)
    at.select_slider(key="w_asof").set_value(dt.date(2024, 12, 31)).run()
    assert _param(at, "asof") == "2024-12-31"
    assert _metric(at, "Events") == "0"  # every event is reported in 2025
    at.select_slider(key="w_asof").set_value(dt.date.today()).run()
    assert "asof" not in at.query_params


def test_play_runs_through_the_years_and_ends_on_today(seed_dir):
    # Under AppTest the page's reruns follow one another at once: the click plays it all (on
    # the seed atlas, whose few years fit AppTest's time limit for one run).
    at = run_app(data_dir=seed_dir, asof="2024-01-01")
    at.button(key="play").click().run()
    assert not at.exception
    assert "asof" not in at.query_params
    assert at.button(key="play").label.endswith("Play")


def test_clear_all_returns_to_today():
    at = run_app(asof="2024-01-01", country="KG")
    at.button[[b.label for b in at.button].index("Clear all")].click().run()
    assert "asof" not in at.query_params


def test_the_card_shows_the_phases_with_their_evidence():
    at = run_app(sel="cku_railway", asof="2024-09-01")
    html = page_html(at)
    assert "Status over time" in html
    assert '<div class="ca-seg ca-faint"' in html and "ca-seg ca-dashed ca-later" in html
    assert "<b>2024-12-27</b> under construction" in html
    assert "the groundbreaking ceremony for the China-Kyrgyzstan-Uzbekistan Railway" in html
    assert 'class="ca-asof"' in html


def test_the_changes_page_lists_changes_by_corridor():
    from geo.changes import changes_since
    from geo.filter import filter_atlas
    from geo.urlstate import ViewState

    atlas = load_atlas(DATA)
    view = filter_atlas(atlas, ViewState(countries=("KG",)))
    n = len(changes_since(atlas, dt.date(2025, 1, 1), view))
    at = run_app(CHANGES, since="2025-01-01", country="KG")
    assert not at.exception
    assert [s.value for s in at.subheader] == [f"China–Kyrgyzstan–Uzbekistan railway ({n})"]
    html = page_html(at)
    assert "began construction, marking the substantive construction phase" in html
    assert "sel=koshtobe_tunnel" in html  # each change links to the map, filters kept
    assert "country=KG" in html
    assert at.date_input(key="w_since").value == dt.date(2025, 1, 1)
    empty = run_app(CHANGES)
    assert not empty.exception and "Choose a day" in empty.info[0].value


def test_since_stays_on_its_page():
    at = run_app(since="2025-01-01")  # the map page: not its parameter
    assert not at.exception and "since" not in at.query_params


def test_an_old_link_says_what_changed_since_it_was_made(tmp_path):
    import json

    from geo.highlight import safe_text
    from geo.versions import record_version

    data = copy_data(tmp_path)
    (data / "versions.json").unlink(missing_ok=True)
    old = record_version(data, "start", "2026-01-01").version
    events = json.loads((data / "events.json").read_text(encoding="utf-8"))
    gone = events.pop()  # a version without the last event, then one with it again
    (data / "events.json").write_text(json.dumps(events), encoding="utf-8")
    older = record_version(data, "without", "2026-01-02").version
    events.append(gone)
    (data / "events.json").write_text(json.dumps(events), encoding="utf-8")
    record_version(data, "with", "2026-01-03")
    assert old != older
    at = run_app(data_dir=data, v=older)
    assert not at.exception
    expander = next(e for e in at.expander if "What changed since this link was made" in e.label)
    assert older in expander.label
    assert safe_text(gone["title"]) in page_html(at)  # as the page writes it, escaped


def test_cite_this_view_and_the_share_link_carry_the_day():
    about = run_app(ROOT / "pages" / "3_About.py", asof="2024-12-31", sel="cku_railway")
    assert "?asof=2024-12-31&sel=cku_railway&v=" in about.code[0].value
    at = run_app(asof="2024-12-31")
    assert "asof=2024-12-31" in page_html(at)  # the share link

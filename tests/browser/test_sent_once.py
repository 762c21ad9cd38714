"""Each thing is sent once, as the browser sees it: a selection and a filter change leave the map
the browser has (same frame, same Leaflet map), the timeline draws the events in view from the
published rows, and the published files come dated long ago with nothing that would stop a browser
from keeping them (see geo/publish.py)."""

from __future__ import annotations

import email.utils
import re
import urllib.request

import pytest

from devtools.browser import TIMEOUT_MS, map_frame, open_app, route_point, wait_for_map, wait_idle
from geo.filter import filter_atlas
from geo.publish import UNCHANGED_SINCE, published
from geo.screen import timeline_rows_of
from geo.urlstate import ViewState

pytestmark = pytest.mark.browser

MARK = "() => { window.__kept = (window.__kept || 0) + 1; return window.__kept; }"
ATLAS = "AtlasMap.get()"


def _open(page, url):
    open_app(page, url)
    wait_for_map(page)
    wait_idle(page)


def test_a_selection_and_a_filter_keep_the_map_the_browser_has(page, app_server):
    _open(page, f"{app_server}/?country=KG")
    assert map_frame(page).evaluate(MARK) == 1  # marks this frame's window
    point = route_point(page, "cku_railway")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function("() => location.search.includes('sel=cku_railway')", timeout=TIMEOUT_MS)
    map_frame(page).wait_for_function(
        f"() => {ATLAS}.state.selected === 'cku_railway'", timeout=TIMEOUT_MS
    )
    page.get_by_label("Country", exact=True).click()
    page.keyboard.type("Kazakh")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('KZ')", timeout=TIMEOUT_MS)
    map_frame(page).wait_for_function(f"() => {ATLAS}.state.shown !== null", timeout=TIMEOUT_MS)
    wait_idle(page)
    assert map_frame(page).evaluate(MARK) == 2  # the same window: the map was not loaded again
    assert page.locator('iframe[title="streamlit_folium.st_folium"]').count() == 1


def test_the_timeline_draws_the_events_in_view_from_the_published_rows(page, app_server, atlas):
    _open(page, f"{app_server}/?country=KG")
    markers = page.locator("[data-testid='stVegaLiteChart'] g.mark-symbol.role-mark path")
    markers.first.wait_for(timeout=TIMEOUT_MS)
    in_view = filter_atlas(atlas, ViewState(countries=("KG",))).events
    assert 0 < markers.count() == len(in_view) < len(atlas.events)


def test_published_files_are_dated_long_ago_and_may_be_kept(page, app_server, atlas):
    _open(page, app_server)
    script = map_frame(page).evaluate(
        "() => [...document.scripts].map(s => s.textContent).join('\\n')"
    )
    urls = re.findall(r'"(/app/static/layers/[^"]+\.json)"', script)
    assert len(urls) == 4  # meta, outlines, routes, sites
    urls.append(published({"timeline": timeline_rows_of(atlas)}, atlas.version).urls()["timeline"])
    for url in urls:
        with urllib.request.urlopen(app_server + url, timeout=30) as r:
            assert r.status == 200
            modified = email.utils.parsedate_to_datetime(r.headers["Last-Modified"]).timestamp()
            assert modified == UNCHANGED_SINCE  # fresh for years (a tenth of its age)
            assert "Cache-Control" not in r.headers  # which would replace that freshness

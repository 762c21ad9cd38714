"""Hostile text in the real browser: nothing executes, nothing is injected, the text is visible.

The app runs on the hostile copy of data/ from ``tests/app/test_hostile.py`` (passed to the server
through ``CORRIDOR_ATLAS_DATA``). The ``page`` fixture (conftest) aborts every non-loopback request,
so these runs also show the map drawing with no tile server and no CDN.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

from devtools.browser import TIMEOUT_MS, map_frame, open_app, wait_for_map
from tests.app.test_hostile import (
    HOSTILE_ID,
    HOSTILE_NAME,
    HOSTILE_PUBLISHER,
    HOSTILE_TITLE,
    IMG,
    MD_LINK,
    SCRIPT,
    SEARCH_WORD,
    hostile_copy,
)
from tests.conftest import require_browser, screenshot, served

pytestmark = pytest.mark.browser

# Run in every frame (the app and the map's iframe): elements our payloads would create.
INJECTED = """() => {
    const found = [];
    for (const el of document.querySelectorAll('img[onerror], svg[onload], iframe[src^="javascript" i]'))
        found.push(el.outerHTML.slice(0, 120));
    for (const el of document.querySelectorAll('script'))
        if (/^\\s*alert\\(/.test(el.textContent)) found.push(el.outerHTML.slice(0, 120));
    for (const el of document.querySelectorAll('a[href]'))
        if (/^\\s*(javascript|vbscript|data):/i.test(el.getAttribute('href')))
            found.push(el.outerHTML.slice(0, 120));
    return found;
}"""


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """The dashboard on the hostile copy (overrides conftest's server for this module)."""
    require_browser()
    data = hostile_copy(tmp_path_factory.mktemp("hostile"))
    with served("streamlit-hostile.log", env={"CORRIDOR_ATLAS_DATA": str(data)}) as url:
        yield url


def _open(page, url: str, wait_for: str) -> None:
    open_app(page, url)
    _visible_text(page, wait_for)


def _assert_nothing_ran(page) -> None:
    assert page.dialogs == []
    for frame in page.frames:
        assert frame.evaluate(INJECTED) == [], frame.url
    assert not page.locator("[data-testid='stException']").count()


def _visible_text(page, text: str) -> None:
    page.get_by_text(text, exact=False).filter(visible=True).first.wait_for(timeout=TIMEOUT_MS)


def test_dashboard_with_the_hostile_feature_selected(page, app_server):
    _open(page, f"{app_server}/?sel=horgos", "passage(s) mention it")
    frame = wait_for_map(page)  # offline
    more = page.get_by_text("more passage(s)")  # the card shows its first passages, then a fold
    if more.count():
        more.first.click()

    _visible_text(page, SCRIPT)  # the passage, literally
    _visible_text(page, HOSTILE_NAME)  # the card's heading and facts
    _visible_text(page, "⟦U+202E RIGHT-TO-LEFT OVERRIDE⟧")
    page.locator("mark.mention", has_text="Horgos").first.wait_for(timeout=TIMEOUT_MS)

    # The selected site is drawn last; hovering it opens its tooltip (innerHTML in Leaflet).
    frame.locator(".leaflet-marker-pane .atlas-site").last.hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip").first
    tooltip.wait_for(timeout=TIMEOUT_MS)
    assert HOSTILE_NAME in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0
    _assert_nothing_ran(page)
    screenshot(page, "hostile-dashboard")


def test_sources_page_shows_the_hostile_source_as_text(page, app_server):
    _open(page, f"{app_server}/Sources?src={HOSTILE_ID}", "passages,")
    _visible_text(page, HOSTILE_TITLE)  # the page title, Markdown and all, as written
    _visible_text(page, HOSTILE_PUBLISHER)
    _visible_text(page, MD_LINK)
    _visible_text(page, IMG)
    long_line = page.locator(".ca-passage", has_text="WWWWWWWWWW").first
    assert len(long_line.inner_text()) > 20_000
    assert long_line.locator("a[href='./?sel=horgos']").count() == 1  # linked inside it
    _assert_nothing_ran(page)


def test_search_in_the_hostile_passage(page, app_server):
    _open(page, f"{app_server}/?q={SEARCH_WORD}", "passage(s) match the search")
    hit = page.locator("mark.hit", has_text=SEARCH_WORD)
    hit.first.wait_for(timeout=TIMEOUT_MS)
    assert hit.count() == 1
    _visible_text(page, IMG)
    _assert_nothing_ran(page)


def test_hostile_link_parameters(page, app_server):
    params = urlencode(
        {"sel": SCRIPT, "q": SCRIPT, "country": SCRIPT, "event": MD_LINK, "v": "x" * 5000},
        quote_via=quote,
    )
    _open(page, f"{app_server}/?{params}", "no such feature")
    _visible_text(page, "Ignored selection '<script>alert(1)</script>'")
    _visible_text(page, "Ignored country '<script>alert(1)</script>'")
    page.get_by_text("Timeline").first.wait_for(timeout=TIMEOUT_MS)  # the page still works
    wait_for_map(page)
    _assert_nothing_ran(page)


def test_data_and_about_pages(page, app_server):
    _open(page, f"{app_server}/Data", "features under the current filters")
    _assert_nothing_ran(page)
    _open(page, f"{app_server}/About", "Sources and their rights")
    _visible_text(page, "<iframe src=javascript:alert(1)></iframe>")
    _assert_nothing_ran(page)


def test_map_draws_with_no_tile_server_and_no_cdn(page, app_server):
    _open(page, app_server, "Timeline")
    wait_for_map(page)
    frame = map_frame(page)
    assert frame.evaluate("() => typeof L !== 'undefined' && !!L.map")
    scripts = frame.evaluate("() => [...document.scripts].map(s => s.src).filter(Boolean)")
    assert scripts and all(s.startswith(app_server) for s in scripts), scripts
    assert all(not u.startswith(app_server) for u in page.blocked)  # only the outside was cut off
    _assert_nothing_ran(page)

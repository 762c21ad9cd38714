"""The real app in headless Chromium with the network closed: what only a browser shows.

Each test gets a page whose every request to anything but the app on 127.0.0.1 is aborted (see
``conftest.page``), so a map that needs a CDN or a tile server would fail here.
"""

from urllib.parse import parse_qs, urlparse

import pytest

from devtools.browser import (
    APP_VIEW,
    LEAFLET_MAP_JS,
    MAP_FRAME,
    TIMEOUT_MS,
    chosen,
    map_frame,
    offline_context,
    open_app,
    route_point,
    wait_for_map,
)
from tests.conftest import screenshot

pytestmark = pytest.mark.browser


def _open(page, url):
    open_app(page, url)
    return wait_for_map(page)


def test_map_draws_routes_and_sites_offline(page, app_server):
    frame = _open(page, app_server)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box and box["height"] > 300 and box["width"] > 300
    routes = frame.locator(".leaflet-overlay-pane path.leaflet-interactive:visible")
    assert routes.count() >= 3
    # At the first view only a system of its own (Horgos) is a marker; the others wait for a
    # closer zoom, and the countries are named on the map.
    assert frame.locator(".atlas-site:visible").count() >= 1
    assert frame.locator(".atlas-label.atlas-country").count() >= 5
    assert page.locator("text=Timeline").first.is_visible()
    screenshot(page, "dashboard")
    assert not page.dialogs


def test_click_on_a_route_shows_its_passages_beside_the_map(page, app_server):
    _open(page, f"{app_server}/?country=KG")
    point = route_point(page, "cku_railway")
    assert point, "the CKU railway is not on the map"
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function("() => location.search.includes('sel=')", timeout=TIMEOUT_MS)
    assert parse_qs(urlparse(page.url).query)["sel"] == ["cku_railway"]
    page.wait_for_selector("text=passage(s) mention it", timeout=TIMEOUT_MS)
    heading = page.get_by_role("heading", name="China–Kyrgyzstan–Uzbekistan railway")
    assert heading.first.is_visible()
    marks = page.locator("mark.mention")
    assert marks.count() >= 5
    assert "Kyrgyzstan" in marks.first.inner_text()
    # The map is drawn again around the selection; Streamlit briefly keeps the old frame.
    page.wait_for_function(
        f"() => document.querySelectorAll('{MAP_FRAME}').length === 1", timeout=TIMEOUT_MS
    )
    wait_for_map(page)
    screenshot(page, "dashboard-selected")
    assert not page.dialogs


def test_a_shared_url_restores_the_filtered_view(browser, page, app_server):
    _open(page, app_server)
    page.get_by_label("Country", exact=True).click()
    page.keyboard.type("Kyrgyz")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('country=KG')", timeout=TIMEOUT_MS)
    shared = page.url

    ctx = offline_context(browser)
    fresh = ctx.new_page()
    _open(fresh, shared)
    assert "Kyrgyzstan" in chosen(fresh, "Country")
    routes_metric = fresh.locator("[data-testid='stMetric']", has_text="Routes")
    assert routes_metric.locator("[data-testid='stMetricValue']").inner_text() == "1"
    assert "country=KG" in fresh.url
    screenshot(fresh, "dashboard-shared-kg")
    ctx.close()


@pytest.mark.parametrize("path", ["Sources", "Data", "About"])
def test_other_pages_render(page, app_server, path):
    page.goto(f"{app_server}/{path}")
    page.wait_for_selector(f"{APP_VIEW} h1", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    assert not page.locator("[data-testid='stException']").count()
    screenshot(page, path.lower())


def test_click_on_a_timeline_event_shows_its_evidence(page, app_server):
    _open(page, app_server)
    # An event with no other event on its day: same-day markers lie on top of each other.
    marker = page.locator(
        "[data-testid='stVegaLiteChart'] g.mark-symbol path[aria-label*='Full-scale construction begins']"
    ).first
    marker.wait_for(timeout=TIMEOUT_MS)
    marker.click(force=True)
    page.wait_for_function("() => location.search.includes('event=')", timeout=TIMEOUT_MS)
    query = parse_qs(urlparse(page.url).query)
    assert query["event"] == ["cku_railway_2025_06_30_4cd057a7"] and query["sel"] == ["cku_railway"]
    page.wait_for_selector("text=Selected event", timeout=TIMEOUT_MS)
    assert page.locator(".ca-passage", has_text="as of June 30").first.is_visible()
    # The map moves to the event's feature (without being loaded again).
    map_frame(page).wait_for_function(f"() => {LEAFLET_MAP_JS}.getZoom() >= 5", timeout=TIMEOUT_MS)
    screenshot(page, "dashboard-event")
    assert not page.dialogs

"""The real app in headless Chromium with the network closed: what only a browser shows.

Each test gets a page whose every request to anything but the app on 127.0.0.1 is aborted (see
``conftest.page``), so a map that needs a CDN or a tile server would fail here.
"""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from geo.serve import offline_context
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser
MAP = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT = 60_000


def _open(page, url):
    page.goto(url)
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=TIMEOUT)
    frame = page.frame_locator(MAP)
    frame.locator(".leaflet-overlay-pane path:visible").first.wait_for(timeout=TIMEOUT)
    return frame


def _shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_map_draws_routes_and_sites_offline(page, app_server):
    frame = _open(page, app_server)
    box = page.locator(MAP).bounding_box()
    assert box and box["height"] > 300 and box["width"] > 300
    routes = frame.locator(".leaflet-overlay-pane path.leaflet-interactive:visible")
    assert routes.count() >= 3
    assert frame.locator(".atlas-site:visible").count() >= 10
    assert page.locator("text=Timeline").first.is_visible()
    _shot(page, "dashboard")
    assert not page.dialogs


def _click_route(page, frame, feature_id):
    """Click the drawn route at the point of it farthest from every site icon, as a person
    would aim for the line rather than a marker on it."""
    point = page.frame(url=re.compile("st_folium")).evaluate(
        """(fid) => {
            const map = Object.values(window).find(v => v && v._container && v.eachLayer);
            let route = null;
            const sites = [];
            map.eachLayer(l => {
                const p = l.feature && l.feature.properties;
                if (!p) return;
                if (p.id === fid && l._latlngs) route = l;
                if (p.layer === "site" && l.getLatLng) sites.push(map.latLngToContainerPoint(l.getLatLng()));
            });
            const size = map.getSize();
            const parts = Array.isArray(route._latlngs[0]) ? route._latlngs : [route._latlngs];
            let best = null, bestGap = -1;
            for (const ll of parts) for (let i = 1; i < ll.length; i++) {
                const a = map.latLngToContainerPoint(ll[i - 1]), b = map.latLngToContainerPoint(ll[i]);
                for (let t = 0.05; t < 1; t += 0.05) {
                    const q = L.point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                    if (q.x < 60 || q.y < 20 || q.x > size.x - 60 || q.y > size.y - 40) continue;
                    const gap = Math.min(...sites.map(s => s.distanceTo(q)), 1e9);
                    if (gap > bestGap) { bestGap = gap; best = q; }
                }
            }
            return {x: best.x, y: best.y};
        }""",
        feature_id,
    )
    box = frame.locator(".leaflet-container").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_click_on_a_route_shows_its_passages_beside_the_map(page, app_server):
    frame = _open(page, f"{app_server}/?country=KG")
    _click_route(page, frame, "cku_railway")
    page.wait_for_function("() => location.search.includes('sel=')", timeout=TIMEOUT)
    assert parse_qs(urlparse(page.url).query)["sel"] == ["cku_railway"]
    page.wait_for_selector("text=passage(s) mention it", timeout=TIMEOUT)
    assert page.get_by_role("heading", name=re.compile("Kyrgyzstan")).first.is_visible()
    marks = page.locator("mark.mention")
    assert marks.count() >= 5
    assert "Kyrgyzstan" in marks.first.inner_text()
    # The map is drawn again around the selection; Streamlit briefly keeps the old frame.
    page.wait_for_function(
        f"() => document.querySelectorAll('{MAP}').length === 1", timeout=TIMEOUT
    )
    page.frame_locator(MAP).locator(".leaflet-overlay-pane path:visible").first.wait_for(
        timeout=TIMEOUT
    )
    _shot(page, "dashboard-selected")
    assert not page.dialogs


def test_a_shared_url_restores_the_filtered_view(browser, page, app_server):
    _open(page, app_server)
    page.get_by_label("Country", exact=True).click()
    page.keyboard.type("Kyrgyz")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('country=KG')", timeout=TIMEOUT)
    shared = page.url

    ctx = offline_context(browser, (app_server, app_server.replace("http", "ws", 1)))
    fresh = ctx.new_page()
    _open(fresh, shared)
    country = fresh.locator("[data-testid='stMultiSelect']", has_text="Country").first
    assert (
        "Kyrgyzstan" in country.locator("[data-testid='stMultiSelectTagsContainer']").inner_text()
    )
    routes_metric = fresh.locator("[data-testid='stMetric']", has_text="Routes")
    assert routes_metric.locator("[data-testid='stMetricValue']").inner_text() == "1"
    assert "country=KG" in fresh.url
    _shot(fresh, "dashboard-shared-kg")
    ctx.close()


@pytest.mark.parametrize("path", ["Sources", "Data", "About"])
def test_other_pages_render(page, app_server, path):
    page.goto(f"{app_server}/{path}")
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    assert not page.locator("[data-testid='stException']").count()
    _shot(page, path.lower())


def test_click_on_a_timeline_event_shows_its_evidence(page, app_server):
    _open(page, app_server)
    marker = page.locator(
        "[data-testid='stVegaLiteChart'] g.mark-symbol path[aria-label*='Groundbreaking']"
    ).first
    marker.wait_for(timeout=TIMEOUT)
    marker.click(force=True)
    page.wait_for_function("() => location.search.includes('event=')", timeout=TIMEOUT)
    query = parse_qs(urlparse(page.url).query)
    assert query["event"] == ["cku_groundbreaking"] and query["sel"] == ["cku_railway"]
    page.wait_for_selector("text=Selected event", timeout=TIMEOUT)
    assert page.locator(".ca-passage", has_text="On December 27").first.is_visible()
    # The map moves to the event's feature (without being loaded again).
    frame = page.frame(url=re.compile("st_folium"))
    frame.wait_for_function(
        "() => Object.values(window).find(v => v && v._container && v.eachLayer).getZoom() >= 5",
        timeout=TIMEOUT,
    )
    _shot(page, "dashboard-event")
    assert not page.dialogs

"""Find any corridor from the first screen, on a desk and on a phone (issue 13, the map): at the
atlas's first view every route is selected by one click on its line — at the point of the line
farthest from every marker drawn and from the other routes — a site by a click on its marker, and
each corridor by its button in the panel's list."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from devtools.browser import (
    MAP_FRAME,
    TIMEOUT_MS,
    VIEWPORTS,
    offline_context,
    open_app,
    route_point,
    settle,
    wait_for_map,
)
from tests.conftest import screenshot

pytestmark = pytest.mark.browser

ROUTES = ["cku_railway", "middle_corridor", "tianjin_freight"]
CORRIDORS = ["cku_railway", "horgos", "middle_corridor", "tianjin_freight"]


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    return request.param


@pytest.fixture()
def screen(browser, app_server, viewport):
    ctx = offline_context(browser, **VIEWPORTS[viewport])
    page = ctx.new_page()
    page.viewport = viewport  # type: ignore[attr-defined]
    yield page
    ctx.close()


def _first_view(page, url: str) -> None:
    open_app(page, url)
    wait_for_map(page)
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    settle(page)


def _tap(page, x: float, y: float) -> None:
    if page.viewport == "phone":
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)


def _selected(page, fid: str) -> None:
    """Wait until ``fid`` is the selection and its passages are shown."""
    page.wait_for_function(
        f"() => new URLSearchParams(location.search).get('sel') === '{fid}'", timeout=TIMEOUT_MS
    )
    page.get_by_text("passage(s) mention it").first.wait_for(timeout=TIMEOUT_MS)
    assert parse_qs(urlparse(page.url).query)["sel"] == [fid]


@pytest.mark.parametrize("route", ROUTES)
def test_one_click_on_a_routes_line_at_the_first_view_selects_it(screen, app_server, route):
    _first_view(screen, app_server)
    point = route_point(screen, route)
    assert point, f"{route} is not on the map's first view"
    assert point["gap"] >= 12, f"{route}: every point of its line lies under a marker: {point}"
    _tap(screen, point["x"], point["y"])
    _selected(screen, route)
    screenshot(screen, f"find-{route}-{screen.viewport}")


def test_one_click_on_the_horgos_marker_selects_horgos(screen, app_server):
    _first_view(screen, app_server)
    marker = screen.frame_locator(MAP_FRAME).locator("[data-atlas-id='horgos']")
    box = marker.bounding_box()
    assert box, "the Horgos marker is not drawn at the first view"
    _tap(screen, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    _selected(screen, "horgos")


def test_every_corridor_is_selected_from_the_corridor_list(screen, app_server):
    _first_view(screen, app_server)
    for fid in CORRIDORS:
        button = screen.locator(f".st-key-corridor-{fid} button")
        button.scroll_into_view_if_needed()
        button.click()
        _selected(screen, fid)
        screen.get_by_role("button", name="Clear selection").click()
        screen.wait_for_function("() => !location.search.includes('sel=')", timeout=TIMEOUT_MS)

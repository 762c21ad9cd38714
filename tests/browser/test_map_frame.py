"""One framing rule, in Chromium (issue 13, the map): a country filter fits the features in that
country (a network that spans a continent cut to it), a selection fits the feature whole however
close the reader had zoomed, and the map's position is part of the link to share, so a colleague
who opens it sees the same frame."""

from __future__ import annotations

import pytest

from devtools.browser import (
    LEAFLET_MAP_JS,
    MAP_FRAME,
    TIMEOUT_MS,
    VIEWPORTS,
    map_frame,
    offline_context,
    open_app,
    settle,
    wait_for_map,
)
from geo.draw import within_countries
from tests.conftest import screenshot

pytestmark = pytest.mark.browser

VIEW = f"""() => {{ const m = {LEAFLET_MAP_JS}, c = m.getCenter(), b = m.getBounds();
    return {{lat: c.lat, lon: c.lng, zoom: m.getZoom(),
             bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]}}; }}"""


def _open(page, url: str) -> dict:
    open_app(page, url)
    wait_for_map(page)
    settle(page)
    return map_frame(page).evaluate(VIEW)


def _contains(outer, inner) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


@pytest.fixture()
def desk(browser, app_server):
    ctx = offline_context(browser, **VIEWPORTS["desktop"])
    yield ctx.new_page()
    ctx.close()


def test_a_country_filter_fits_the_features_in_that_country(desk, app_server, atlas):
    whole = _open(desk, app_server)
    kz = _open(desk, f"{app_server}/?country=KZ")
    features = atlas.features
    in_kz = features[[("KZ" in c) for c in features["countries"]]]
    sites = in_kz[in_kz.geom_type == "Point"]
    routes = within_countries(in_kz[in_kz.geom_type != "Point"], atlas.boundaries, ["KZ"])
    assert _contains(kz["bounds"], sites.total_bounds.tolist())
    assert _contains(kz["bounds"], routes.total_bounds.tolist())
    # Cut to Kazakhstan: the Middle Corridor's ends in China and Türkiye are not what is framed.
    assert kz["zoom"] > whole["zoom"]
    tianjin = features.loc["tianjin"].geometry
    assert not (kz["bounds"][0] <= tianjin.x <= kz["bounds"][2])
    screenshot(desk, "frame-country-kz")


def test_a_selection_fits_the_feature_whole_from_any_zoom(desk, app_server, atlas):
    close = _open(desk, f"{app_server}/?map=41.0,73.0,9")
    assert close["zoom"] == 9
    button = desk.locator(".st-key-corridor-middle_corridor button")
    button.scroll_into_view_if_needed()
    button.click()
    desk.wait_for_function("() => location.search.includes('sel=middle_corridor')")
    assert "map=" not in desk.url, "a selection frames the feature, not the old position"
    frame = map_frame(desk)
    corridor = atlas.features.loc[["middle_corridor"]].total_bounds.tolist()
    frame.wait_for_function(
        f"""(c) => {{ const b = ({VIEW})().bounds;
            return b[0] <= c[0] && b[1] <= c[1] && c[2] <= b[2] && c[3] <= b[3]; }}""",
        arg=corridor,
        timeout=TIMEOUT_MS,
    )
    cku = _open(desk, f"{app_server}/?sel=cku_railway")
    assert _contains(cku["bounds"], atlas.features.loc[["cku_railway"]].total_bounds.tolist())
    assert cku["zoom"] >= 6, "a short route is shown large, not as a sliver"


def test_the_share_link_with_the_map_position_reproduces_the_frame(browser, desk, app_server):
    _open(desk, f"{app_server}/?country=KG")
    desk.frame_locator(MAP_FRAME).locator(".leaflet-control-zoom-in").click()
    desk.wait_for_function("() => location.search.includes('map=')", timeout=TIMEOUT_MS)
    settle(desk)
    moved = map_frame(desk).evaluate(VIEW)
    shared = desk.locator("#share-link").get_attribute("href")
    assert "map=" in shared and "country=KG" in shared

    ctx = offline_context(browser, **VIEWPORTS["desktop"])
    colleague = ctx.new_page()
    seen = _open(colleague, shared)
    assert seen["zoom"] == moved["zoom"]
    assert abs(seen["lat"] - moved["lat"]) < 1e-3 and abs(seen["lon"] - moved["lon"]) < 1e-3
    ctx.close()

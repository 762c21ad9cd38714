"""The atlas through time in Chromium: the map as of a day draws each feature with its status
then, the slider moves it, and Play steps through the years to today."""

import datetime as dt
import time
from urllib.parse import parse_qs, urlparse

import pytest

from devtools.browser import (
    LEAFLET_MAP_JS,
    MAP_FRAME,
    TIMEOUT_MS,
    open_app,
    wait_for_map,
    wait_idle,
)
from geo.asof import play_frames

pytestmark = pytest.mark.browser

# How the map draws each feature now: id → the class of its path (routes) or its opacity (sites).
_DRAWN_JS = f"""() => {{
    const map = {LEAFLET_MAP_JS};
    if (!map) return null;
    const out = {{}};
    map.eachLayer(l => {{
        const p = l.feature && l.feature.properties;
        if (!p || !p.id || p.layer === "boundary") return;
        const o = l.options || {{}};
        out[p.id] = [o.className || "", o.dashArray || "", String(o.opacity ?? "")].join("|");
    }});
    return out;
}}"""


def _drawn(page) -> dict[str, str] | None:
    """The features of the newest map on the page (Streamlit keeps the old one while it runs)."""
    try:
        frame = page.locator(MAP_FRAME).last.element_handle(timeout=300).content_frame()
        return frame.evaluate(_DRAWN_JS)
    except Exception:  # the map's frame is being replaced
        return None


def _asof(page) -> str | None:
    return (parse_qs(urlparse(page.url).query).get("asof") or [None])[0]


def _settle(page):
    page.wait_for_timeout(800)
    wait_idle(page)
    wait_for_map(page)
    page.wait_for_timeout(500)


def test_the_slider_redraws_the_cku_railway_under_construction(page, app_server):
    open_app(page, f"{app_server}/?asof=2024-01-01")
    _settle(page)
    before = _drawn(page)
    assert before and "middle_corridor" in before
    assert "cku_railway" not in before  # not yet agreed, let alone under construction
    slider = page.get_by_role("slider").first
    slider.focus()
    for _ in range(2):  # 2024-01-01 → 2024 (its end) → 2025
        slider.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('asof=2025-12-31')", timeout=TIMEOUT_MS)
    _settle(page)
    after = _drawn(page)
    assert after["cku_railway"].startswith("atlas-status-dashed|")
    assert after["middle_corridor"].startswith("atlas-status-solid|")


def test_play_changes_the_map_every_year_and_ends_on_today(page, app_server, atlas):
    frames = play_frames(atlas, dt.date.today())
    open_app(page, app_server)
    _settle(page)
    today = _drawn(page)
    page.get_by_role("button", name="Play").click()
    seen_asof: list[str | None] = [None]
    seen_maps: list[dict] = [today]
    deadline = time.monotonic() + 30 * len(frames)
    while time.monotonic() < deadline:
        asof, drawn = _asof(page), _drawn(page)
        if asof != seen_asof[-1]:
            seen_asof.append(asof)
        if drawn and drawn != seen_maps[-1]:
            seen_maps.append(drawn)
        done = page.get_by_role("button", name="Play").count() > 0
        if done and asof is None and len(seen_asof) > 1 and drawn == today:
            break
        page.wait_for_timeout(100)
    expected = [d.isoformat() if d else None for d in frames]
    assert seen_asof[1:] == expected  # every frame, in order, ending on today
    # The map changed at every step: a different map for each frame, the last today's.
    assert len(seen_maps) >= len(frames) + 1
    assert seen_maps[-1] == today
    assert not page.dialogs

"""The atlas through time in Chromium: the map as of a day draws each feature with its status
then, the slider restyles it without loading the map again, and Play steps through the years to
today."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest

from devtools.browser import MAP_FRAME, TIMEOUT_MS, map_frame, open_app, wait_for_map, wait_idle
from geo.asof import play_frames

pytestmark = pytest.mark.browser

# The map as of a day is checked on the seed atlas (tests/conftest.py), whose phases and years do
# not change as the corpus grows.

# What the map draws now (its script's own record, static/map/atlas-map.js): the id of every
# feature it shows, with the class it is drawn with ("" for its own look).
_DRAWN_JS = """() => {
    const a = window.AtlasMap && AtlasMap.get();
    if (!a || !a.features) return null;
    const out = {};
    a.features.forEach(f => { if (f && f.on) out[f.layer.feature.properties.id] = f.cls || ""; });
    return out;
}"""
_DASHES_JS = """(id) => {
    let dash = null;
    AtlasMap.get().groups.routes.eachLayer(l => {
        if (l.feature.properties.id === id) dash = l._path.getAttribute('stroke-dasharray');
    });
    return dash;
}"""


def _drawn(page) -> dict[str, str] | None:
    try:
        return map_frame(page).evaluate(_DRAWN_JS)
    except Exception:  # the page is between runs
        return None


def _asof(page) -> str | None:
    return (parse_qs(urlparse(page.url).query).get("asof") or [None])[0]


def _settle(page):
    page.wait_for_timeout(800)
    wait_idle(page)
    wait_for_map(page)
    page.wait_for_function(
        f"() => document.querySelectorAll('{MAP_FRAME}').length === 1", timeout=TIMEOUT_MS
    )
    map_frame(page).wait_for_function("() => window.AtlasMap && AtlasMap.get()", timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)


def _mark_the_map(page) -> None:
    """Leave a mark in the map's window: it is gone if the map is loaded again."""
    map_frame(page).evaluate("() => { window.__mark = 'kept'; }")


def _map_kept(page) -> bool:
    return map_frame(page).evaluate("() => window.__mark") == "kept"


def test_the_slider_redraws_the_cku_railway_without_loading_the_map(page, seed_server):
    open_app(page, f"{seed_server}/?asof=2024-01-01")
    _settle(page)
    before = _drawn(page)
    assert before and before["middle_corridor"] == "solid"
    assert "cku_railway" not in before  # not yet agreed, let alone under construction
    _mark_the_map(page)
    slider = page.get_by_role("slider").first
    slider.focus()
    for _ in range(2):  # 2024-01-01 → 2024 (its end) → 2025
        slider.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('asof=2025-12-31')", timeout=TIMEOUT_MS)
    map_frame(page).wait_for_function(
        "() => (AtlasMap.get().features || []).some(f => f && f.on && f.cls === 'dashed'"
        " && f.layer.feature.properties.id === 'cku_railway')",
        timeout=TIMEOUT_MS,
    )
    after = _drawn(page)
    assert after["cku_railway"] == "dashed" and after["middle_corridor"] == "solid"
    assert map_frame(page).evaluate(_DASHES_JS, "cku_railway") == "6 8"
    assert _map_kept(page)  # restyled in place: the same map, not a new one


# Recorders, so that no step is missed however busy the machine: the page notes every "asof" the
# address bar takes, the map every look a state gives it.
_RECORD_ASOF_JS = """() => {
    window.__asofs = [];
    for (const name of ["pushState", "replaceState"]) {
        const original = history[name].bind(history);
        history[name] = (...args) => {
            original(...args);
            window.__asofs.push(new URLSearchParams(location.search).get("asof"));
        };
    }
}"""
_RECORD_MAPS_JS = (
    """() => {
    const drawn = """
    + _DRAWN_JS
    + """;
    window.__maps = [];
    const apply = AtlasMap.apply;
    AtlasMap.apply = state => { apply(state); window.__maps.push(drawn()); };
}"""
)


def _changes(values: list) -> list:
    """``values`` without repeats in a row."""
    return [v for i, v in enumerate(values) if i == 0 or v != values[i - 1]]


def test_play_changes_the_map_every_year_and_ends_on_today(page, seed_server, seed_atlas):
    frames = play_frames(seed_atlas, dt.date.today())
    open_app(page, seed_server)
    _settle(page)
    today = _drawn(page)
    _mark_the_map(page)
    page.evaluate(_RECORD_ASOF_JS)
    map_frame(page).evaluate(_RECORD_MAPS_JS)
    page.get_by_role("button", name="Play").click()
    page.wait_for_function(
        "() => window.__asofs.length > 1 && location.search.indexOf('asof=') < 0",
        timeout=TIMEOUT_MS * len(frames),
    )
    page.get_by_role("button", name="Play").wait_for(timeout=TIMEOUT_MS)
    _settle(page)
    asofs = _changes([None, *page.evaluate("() => window.__asofs")])
    assert asofs[1:] == [d.isoformat() if d else None for d in frames]  # in order, to today
    # The map changed at every step — a different look for each frame, the last today's — and
    # it was never loaded again.
    looks = _changes([today, *map_frame(page).evaluate("() => window.__maps")])
    assert len(looks) == len(frames) + 1
    assert looks[-1] == today
    assert _map_kept(page)
    assert not page.dialogs


def test_a_selected_feature_keeps_the_look_of_its_status_then(page, seed_server):
    open_app(page, f"{seed_server}/?asof=2024-09-01&sel=cku_railway")  # agreed: faint
    _settle(page)
    looks = map_frame(page).evaluate(
        """() => { const out = [];
        AtlasMap.get().groups.selection.eachLayer(g => g.eachLayer(
            l => out.push([l.options.weight, l.options.opacity, l.options.dashArray || null])));
        return out; }"""
    )
    thick = [look for look in looks if look[0] == 7]
    assert thick == [[7, 0.35, None]]  # drawn thick over the others, but faint and undashed

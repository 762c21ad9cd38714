"""Debian's Chromium through Playwright, with the network closed, and what a run looks for on a page.

The browser tests, ``scripts/screenshot.py`` and the browser benchmarks all launch the same
Chromium with the same flags, give it a context that aborts every request leaving the machine,
wait for the app and its map the same way and click a route at the same kind of point. Nothing
here imports Playwright: the caller passes its Playwright object, browser or page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

CHROMIUM = os.environ.get("CORRIDOR_ATLAS_CHROMIUM", "/usr/bin/chromium")
# axe-core's single-file build (see devtools/vendor/README.md): injected by axe_violations.
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
# Without the background-networking flags Chromium keeps calling home, which a closed network
# refuses, many times a start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# The app and its websocket, on whatever loopback port the server took.
LOOPBACK = ("http://127.0.0.1", "ws://127.0.0.1")
TIMEOUT_MS = 60_000
# The two screens the atlas is checked on: a desk and a phone (an iPhone 12–15's CSS pixels,
# touch, and the page's own viewport meta honoured as a phone's browser does).
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1400, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}

APP_VIEW = "[data-testid='stAppViewContainer']"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# :visible: the first path in the pane may be a route outside the view ("M0 0").
ROUTES_DRAWN = ".leaflet-overlay-pane path:visible"
# The Leaflet map object inside the map's frame (folium names it after a random id).
LEAFLET_MAP_JS = "Object.values(window).find(v => v && v._container && v.eachLayer)"

_ROUTE_POINT_JS = f"""(fid) => {{
    const map = {LEAFLET_MAP_JS};
    let route = null;
    const sites = [], others = [];
    const shown = l => l._icon && l._icon.offsetParent !== null;  // drawn, not crowded out
    const pieces = l => (Array.isArray(l._latlngs[0]) ? l._latlngs : [l._latlngs])
        .map(ll => ll.map(x => map.latLngToContainerPoint(x)));
    map.eachLayer(l => {{
        const p = l.feature && l.feature.properties;
        if (!p) return;
        if (p.id === fid && l._latlngs) route = l;
        else if (p.layer === "route" && l._latlngs) others.push(...pieces(l));
        if (p.layer === "site" && l.getLatLng && shown(l))
            sites.push(map.latLngToContainerPoint(l.getLatLng()));
    }});
    if (!route) return null;
    const size = map.getSize();
    let best = null, bestGap = -1;
    for (const ll of pieces(route)) for (let i = 1; i < ll.length; i++) {{
        const a = ll[i - 1], b = ll[i];
        for (let t = 0.025; t < 1; t += 0.025) {{
            const q = L.point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            if (q.x < 60 || q.y < 20 || q.x > size.x - 60 || q.y > size.y - 40) continue;
            let gap = 1e9;
            for (const s of sites) gap = Math.min(gap, s.distanceTo(q));
            for (const o of others) for (let j = 1; j < o.length; j++)
                gap = Math.min(gap, L.LineUtil.pointToSegmentDistance(q, o[j - 1], o[j]));
            if (gap > bestGap) {{ bestGap = gap; best = q; }}
        }}
    }}
    return best && {{x: best.x, y: best.y, gap: bestGap}};
}}"""


def chromium_missing() -> str | None:
    """Why the browser runs cannot start here (and how to fix it), or None when they can."""
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


def launch_chromium(playwright, executable: str = CHROMIUM):
    """Debian's Chromium, headless, through Playwright's ``executable_path``."""
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


def offline_context(
    browser, allowed: tuple[str, ...] = LOOPBACK, blocked: list[str] | None = None, **kwargs
):
    """A browser context that aborts every request not starting with one of ``allowed`` (the
    loopback address by default; ``data:``, ``blob:`` and ``about:`` always pass); aborted
    addresses are appended to ``blocked``. ``kwargs`` go to ``new_context``."""
    ctx = browser.new_context(**{"viewport": {"width": 1500, "height": 1000}, **kwargs})
    prefixes = (*allowed, "data:", "blob:", "about:")

    def guard(route):
        if route.request.url.startswith(prefixes):
            return route.continue_()
        if blocked is not None:
            blocked.append(route.request.url)
        return route.abort()

    ctx.route("**/*", guard)
    return ctx


# A proxy that is not there: every address but the loopback one (bypassed) fails to connect.
NO_PROXY_THERE = "http://127.0.0.1:9"


def cached_offline_context(browser, **kwargs):
    """A browser context with the network closed that keeps its HTTP cache, as a reader's
    browser does: every request leaving the machine goes to a proxy that does not exist.
    (:func:`offline_context` intercepts requests instead, which turns Chromium's cache off.)
    Pages opened in it share one cache; ``kwargs`` go to ``new_context``."""
    return browser.new_context(
        **{
            "viewport": {"width": 1500, "height": 1000},
            "proxy": {"server": NO_PROXY_THERE, "bypass": "127.0.0.1,localhost"},
            **kwargs,
        }
    )


def open_app(page, url: str, timeout_ms: float = TIMEOUT_MS) -> None:
    """Go to ``url`` and wait until Streamlit has put up the page's container."""
    page.goto(url)
    page.wait_for_selector(APP_VIEW, timeout=timeout_ms)


def wait_for_map(page, timeout_ms: float = TIMEOUT_MS):
    """Wait until the map has drawn a route; return its frame's locator."""
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(ROUTES_DRAWN).first.wait_for(state="visible", timeout=timeout_ms)
    return frame


def map_frame(page):
    """The map's frame (a ``Frame``, for ``evaluate``; :func:`wait_for_map` gives a locator)."""
    return page.frame(url=re.compile("st_folium"))


def wait_idle(page, timeout_ms: float = TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished the run (its status widget says nothing is running)."""
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
                 || !document.querySelector('[data-testid="stStatusWidget"]').innerText
                       .match(/Running|Stop/)""",
        timeout=timeout_ms,
    )


def settle(page, timeout_ms: float = TIMEOUT_MS) -> None:
    """Wait until the page has stopped changing: Streamlit has drawn something and is not running,
    the fonts are loaded, every chart is drawn, and the page's elements have stayed the same for
    a second (polled, so a slow machine only waits longer) — before a screenshot or a
    measurement of layout."""
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    page.wait_for_function(
        """() => {
            const status = document.querySelector('[data-testid="stStatusWidget"]');
            const ready = document.querySelector("[data-testid='stMainBlockContainer'] "
                                                  + "[data-testid='stElementContainer']")
                && !(status && status.innerText.match(/Running|Stop/))
                && document.fonts.status === "loaded"
                && [...document.querySelectorAll("[data-testid='stVegaLiteChart']")]
                     .every(c => c.querySelector("svg, canvas"))
                && !document.querySelector("[data-testid='stSkeleton']");
            const shape = ready && document.querySelectorAll("*").length + ":"
                + document.body.innerText.length;
            const s = window.__caSettle || (window.__caSettle = {shape: null, since: 0});
            if (shape !== s.shape) { s.shape = shape; s.since = Date.now(); return false; }
            return Boolean(shape) && Date.now() - s.since >= 1000;
        }""",
        timeout=timeout_ms,
        polling=200,
    )


def full_screenshot(page, path: str | Path, timeout_ms: float = TIMEOUT_MS) -> None:
    """The whole page as a PNG at ``path``. Streamlit scrolls inside its main container, not the
    document, so Playwright's ``full_page`` sees one screen: the window is made as tall as the
    content for the picture, then given back its height."""
    size = page.viewport_size
    tall = page.evaluate(
        """() => Math.max(window.innerHeight, ...["stMain", "stSidebarContent"].map(id =>
               (document.querySelector(`[data-testid='${id}']`) || {}).scrollHeight || 0))"""
    )
    if tall > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": tall})
        settle(page, timeout_ms)
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)


def axe_violations(target, tags: tuple[str, ...] = ()) -> list[dict]:
    """Run axe-core on the document of ``target`` (a page or a frame; its own frames are
    checked separately) and return its violations as ``{id, impact, help, nodes}``, ``nodes``
    naming up to five of the elements found. ``tags`` restricts the rules (e.g. ``wcag2aa``)."""
    if not target.evaluate("() => Boolean(window.axe)"):
        target.add_script_tag(path=str(AXE_JS))
    return target.evaluate(
        """async (tags) => {
            const options = {iframes: false, resultTypes: ["violations"]};
            if (tags.length) options.runOnly = {type: "tag", values: tags};
            const result = await axe.run(document, options);
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }""",
        list(tags),
    )


def chosen(scope, label: str) -> str:
    """The values chosen in the multiselect labelled ``label`` inside ``scope`` (a page or a
    locator), as its tags show them."""
    box = scope.locator("[data-testid='stMultiSelect']", has_text=label).first
    return box.locator("[data-testid='stMultiSelectTagsContainer']").inner_text()


def route_point(page, feature_id: str) -> dict[str, float] | None:
    """Where on the page a person would click route ``feature_id``: the point of the drawn line
    farthest from every site icon drawn and from the other routes (aiming for the line, not a
    marker on it or a stretch it shares), away from the map's edges and controls; ``gap`` is
    that distance in pixels. None when the map has no such route or none of it is in view."""
    point = map_frame(page).evaluate(_ROUTE_POINT_JS, feature_id)
    if point is None:
        return None
    box = page.frame_locator(MAP_FRAME).locator(".leaflet-container").bounding_box()
    return {"x": box["x"] + point["x"], "y": box["y"] + point["y"], "gap": point["gap"]}

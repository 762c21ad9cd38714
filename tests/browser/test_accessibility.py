"""Accessibility and the phone, in Chromium: axe-core in every page and in the map's frame, the
keyboard path through the atlas, and a layout that fits 390×844.

axe-core is vendored (``devtools/vendor/``, see its README) and injected into each document; a
violation of impact "serious" or "critical" fails, and so does a heading out of order (axe calls
that "moderate", the issue asks for it). A violation that stays for a known reason is listed in
:data:`KNOWN` with that reason — and the test fails when it no longer occurs, so the list cannot
outlive its reasons.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from devtools.browser import (
    MAP_FRAME,
    TIMEOUT_MS,
    VIEWPORTS,
    axe_violations,
    map_frame,
    offline_context,
    open_app,
    settle,
    wait_for_map,
)
from tests.conftest import screenshot

pytestmark = pytest.mark.browser

PAGES = {
    "map": "/",
    "map with a selection, an event and a search": (
        "/?sel=cku_railway&event=cku_groundbreaking&q=tunnels"
    ),
    "map with a search that finds nothing": "/?q=tunel",
    "sources": "/Sources",
    "data": "/Data",
    "about": "/About",
    "try an article": "/Try_an_article",
}
FAILING_IMPACTS = {"serious", "critical"}
ALSO_FAILING = {"heading-order"}
KNOWN: dict[tuple[str, str], str] = {}


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    return request.param


@pytest.fixture()
def screen(browser, app_server, viewport):
    """A page at ``viewport`` (desktop or phone), offline like the ``page`` fixture."""
    ctx = offline_context(browser, **VIEWPORTS[viewport])
    yield ctx.new_page()
    ctx.close()


def _open(page, url: str, with_map: bool = True) -> None:
    open_app(page, url)
    if with_map:
        wait_for_map(page)
    settle(page)


def test_axe_finds_no_serious_violation_in_any_page_or_the_map(screen, app_server, viewport):
    found: list[tuple[str, str, dict]] = []  # (page, where, violation)
    for name, path in PAGES.items():
        is_map = path.startswith("/?") or path == "/"
        _open(screen, app_server + path, with_map=is_map)
        found += [(name, "page", v) for v in axe_violations(screen)]
        if is_map:
            found += [(name, "map frame", v) for v in axe_violations(map_frame(screen))]
    failing = [
        f"{name} ({where}): {v['id']} [{v['impact']}] {v['help']} — {v['nodes']}"
        for name, where, v in found
        if (v["impact"] in FAILING_IMPACTS or v["id"] in ALSO_FAILING)
        and (where, v["id"]) not in KNOWN
    ]
    assert not failing, "\n".join(failing)
    gone = [k for k in KNOWN if not any((w, v["id"]) == k for _n, w, v in found)]
    assert not gone, f"known exceptions that no longer occur, remove them from KNOWN: {gone}"


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return {id: e.id, tag: e.tagName, text: e.innerText || "",
                           inPanel: Boolean(e.closest(".st-key-panel"))}; }"""
    )


def test_the_keyboard_path_skips_the_map_and_selects_a_corridor(page, app_server):
    _open(page, app_server)
    first = page.evaluate(
        """() => document.querySelector("[data-testid='stMain']")
                   .querySelector("a[href], button, input, iframe, [tabindex='0']").className"""
    )
    assert "ca-skip" in first, "the skip link is the first stop of the page's content"
    skip = page.locator("a.ca-skip")
    skip.focus()
    box = skip.bounding_box()
    assert box and box["width"] > 0 and box["x"] >= 0, "the focused skip link is shown"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'ca-panel'", timeout=TIMEOUT_MS)
    for _ in range(12):  # from the panel's top to the corridor list, never through the map
        page.keyboard.press("Tab")
        now = _focused(page)
        assert now["tag"] != "IFRAME" and now["inPanel"], now
        if "China–Kyrgyzstan–Uzbekistan railway" in now["text"]:
            break
    else:
        pytest.fail("Tab did not reach the corridor list")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('sel=cku_railway')", timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.activeElement.id === 'ca-panel'", timeout=TIMEOUT_MS)
    assert page.get_by_role("heading", name="China–Kyrgyzstan–Uzbekistan railway").is_visible()
    screenshot(page, "keyboard-corridor-selected")


def test_the_timeline_has_a_list_of_its_events_for_the_keyboard(page, app_server):
    _open(page, app_server)
    fold = page.locator("[data-testid='stExpander'] summary", has_text="events as a list")
    fold.focus()
    page.keyboard.press("Enter")
    event = page.get_by_role("button", name="Groundbreaking ceremony", exact=False).first
    event.wait_for(timeout=TIMEOUT_MS)
    event.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => location.search.includes('event=cku_groundbreaking')", timeout=TIMEOUT_MS
    )
    page.wait_for_function("() => document.activeElement.id === 'ca-evidence'", timeout=TIMEOUT_MS)


def _in_view(page, selector: str) -> bool:
    return page.evaluate(
        f"""() => {{ const r = document.querySelector("{selector}").getBoundingClientRect();
                    return r.top >= 0 && r.top < window.innerHeight && r.height > 0; }}"""
    )


def test_after_a_click_on_the_timeline_its_evidence_is_on_screen(screen, app_server, viewport):
    _open(screen, app_server)
    marker = screen.locator(
        "[data-testid='stVegaLiteChart'] g.mark-symbol "
        "path[aria-label*='Groundbreaking ceremony of the China-Kyrgyzstan-Uzbekistan']"
    ).first
    marker.wait_for(timeout=TIMEOUT_MS)
    marker.scroll_into_view_if_needed()
    marker.click(force=True)
    screen.wait_for_function("() => location.search.includes('event=')", timeout=TIMEOUT_MS)
    assert parse_qs(urlparse(screen.url).query)["event"] == ["cku_groundbreaking"]
    screen.wait_for_function(
        """() => { const e = document.getElementById('ca-evidence');
                   if (!e) return false;
                   const r = e.getBoundingClientRect();
                   return r.top >= -1 && r.top < window.innerHeight - 100; }""",
        timeout=TIMEOUT_MS,
    )
    assert "On December 27" in screen.locator("#ca-evidence").inner_text()
    screenshot(screen, f"timeline-click-{viewport}")


# ------------------------------------------------------------------------------------ the phone


@pytest.fixture()
def phone(browser, app_server):
    ctx = offline_context(browser, **VIEWPORTS["phone"])
    yield ctx.new_page()
    ctx.close()


_OFF_THE_RIGHT = """() => {
    const width = document.documentElement.clientWidth;
    const main = document.querySelector("[data-testid='stMain']");
    // Elements inside a box that scrolls sideways (a table, a code block) may be wider, and so
    // may those inside a box that clips them and itself fits (a slider's hidden input).
    const scrolls = e => e !== main && (["auto", "scroll"].includes(getComputedStyle(e).overflowX)
        || (["hidden", "clip"].includes(getComputedStyle(e).overflowX)
            && e.getBoundingClientRect().right <= width + 1));
    return [...main.querySelectorAll("*")].filter(e => {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1) return false;
        for (let p = e.parentElement; p && p !== main; p = p.parentElement)
            if (scrolls(p)) return false;
        return !scrolls(e);
    }).map(e => e.tagName + "." + (e.getAttribute("class") || "").slice(0, 40)
               + " right=" + Math.round(e.getBoundingClientRect().right)).slice(0, 8);
}"""


@pytest.mark.parametrize(
    "path", ["/", "/?sel=cku_railway&event=cku_groundbreaking", "/?q=tunnels"]
)
def test_the_map_page_fits_a_phone(phone, app_server, path):
    _open(phone, app_server + path)
    assert phone.evaluate(_OFF_THE_RIGHT) == []
    assert not phone.locator("[data-testid='stAppDeployButton']").count(), "no Deploy for readers"
    boxes = phone.evaluate(
        """() => [...document.querySelectorAll("[data-testid='stMain'] *")]
                   .filter(e => ["auto", "scroll"].includes(getComputedStyle(e).overflowY)
                                && e.scrollHeight > e.clientHeight + 1)
                   .map(e => e.className.slice(0, 60) + " " + e.clientHeight + "px")"""
    )
    assert boxes == [], "no scroll box inside the page on a phone"
    panel_top = phone.locator(".st-key-panel").bounding_box()["y"]
    map_box = phone.locator(MAP_FRAME).bounding_box()
    assert panel_top >= map_box["y"] + map_box["height"], "the passages follow the map"
    frame = map_frame(phone)
    overlap = frame.evaluate(
        """() => { const a = document.querySelector('.leaflet-control-scale').getBoundingClientRect();
                   const b = document.querySelector('.leaflet-control-attribution')
                                     .getBoundingClientRect();
                   return !(a.right <= b.left || b.right <= a.left
                            || a.bottom <= b.top || b.bottom <= a.top); }"""
    )
    assert not overlap, "the scale bar lies over the attribution"
    screenshot(phone, "phone-map" + path.replace("/", "-").replace("?", "").replace("&", "-"))


def test_the_timeline_tooltip_stays_on_a_phone(phone, app_server):
    _open(phone, app_server)
    markers = phone.locator("[data-testid='stVegaLiteChart'] g.mark-symbol path")
    rightmost = max(
        range(markers.count()), key=lambda i: (markers.nth(i).bounding_box() or {"x": 0})["x"]
    )
    markers.nth(rightmost).scroll_into_view_if_needed()
    markers.nth(rightmost).hover(force=True)
    tip = phone.locator("#vg-tooltip-element.visible")
    tip.wait_for(timeout=TIMEOUT_MS)
    box = tip.bounding_box()
    width = VIEWPORTS["phone"]["viewport"]["width"]
    assert box["x"] >= -1 and box["x"] + box["width"] <= width + 1, box


@pytest.mark.parametrize("path", ["/Sources", "/Data", "/About", "/Try_an_article"])
def test_the_other_pages_fit_a_phone(phone, app_server, path):
    _open(phone, app_server + path, with_map=False)
    assert phone.evaluate(_OFF_THE_RIGHT) == []
    assert phone.locator("h1").count() == 1
    if path == "/Sources":
        title = phone.locator("h2").first.inner_text()
        headings = phone.locator("h1, h2, h3").all_inner_texts()
        assert headings.count(title) == 1 and title != "Sources"

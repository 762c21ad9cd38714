"""The map's own script (static/map/atlas-map.js) in Chromium, without Streamlit: a map made by
geo.draw is rendered to a page whose /app/static/ files are served from disk, and the states that
geo.draw.state makes are applied to it — what is drawn, hidden, restyled, selected, framed, and
which click is reported."""

from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import urlparse

import pytest

from devtools import ROOT
from geo.draw import (
    atlas_map,
    build_map,
    classes_of,
    frame_of,
    map_parts,
    map_state,
    shown_bits,
)
from geo.draw.frame import PADDING_PX
from geo.draw.state import pack_codes
from geo.draw.style import SELECTED_HALO
from geo.publish import published

pytestmark = pytest.mark.browser

PAGE = "http://atlas.test/map.html"
ATLAS = "AtlasMap.get()"


@pytest.fixture
def show(browser, tmp_path):
    """``show(folium_map)`` opens the map in a fresh page and waits until its parts are drawn;
    /app/static/layers/ is served from ``tmp_path`` (where a test writes layer files)."""
    contexts = []

    def open_map(m):
        html = m.get_root().render()
        ctx = browser.new_context(viewport={"width": 900, "height": 700})
        contexts.append(ctx)

        def serve(route):
            path = urlparse(route.request.url).path
            if path == "/map.html":
                return route.fulfill(body=html, content_type="text/html")
            if path.startswith("/app/static/layers/"):
                return route.fulfill(path=tmp_path / path.removeprefix("/app/static/layers/"))
            if path.startswith("/app/static/"):
                return route.fulfill(path=ROOT / "static" / path.removeprefix("/app/static/"))
            return route.abort()  # tiles: the network is closed

        ctx.route("**/*", serve)
        page = ctx.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(e))
        page.errors = errors
        page.goto(PAGE)
        page.wait_for_function(f"() => window.AtlasMap && {ATLAS}")
        page.evaluate(f"() => {ATLAS}.ready")
        return page

    yield open_map
    for ctx in contexts:
        ctx.close()


def apply(page, state: dict) -> None:
    page.evaluate("s => AtlasMap.apply(s)", state)


def drawn_ids(page) -> list[str]:
    """Ids of the routes and sites on the map (not the selection drawn over them)."""
    return page.evaluate(
        f"""() => {{
        const a = {ATLAS}, ids = [];
        ["routes", "sites"].forEach(g => a.groups[g].eachLayer(l => ids.push(l.feature.properties.id)));
        return ids.sort();
    }}"""
    )


def legend_rows(page) -> dict[str, bool]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.atlas-legend div[data-legend]')]
            .map(r => [r.dataset.legend + ':' + r.dataset.value, r.style.display !== 'none']))"""
    )


@pytest.fixture
def plain(routes, sites, boundaries, colors):
    return build_map(routes, sites, boundaries, colors=colors, tiles_online=False)


def test_routes_sites_outlines_and_legend_are_drawn(show, plain, routes, sites):
    page = show(plain)
    assert drawn_ids(page) == sorted([*routes["id"], *sites["id"]])
    dashes = page.evaluate(
        f"""() => {{ const out = {{}};
        {ATLAS}.groups.routes.eachLayer(l => out[l.feature.properties.id] = l._path.getAttribute('stroke-dasharray'));
        return out; }}"""
    )
    assert dashes == {"cku_railway": "8 6", "khorgos_almaty": None}  # schematic / traced
    assert page.locator(".atlas-site").count() == 3
    assert page.locator(".leaflet-atlas-outlines-pane path").count() == 2
    assert all(legend_rows(page).values())
    assert not page.errors


def test_a_state_hides_features_and_their_legend_rows(show, plain, routes, sites):
    page = show(plain)
    ids = [*routes["id"], *sites["id"]]
    apply(page, map_state("", shown=shown_bits(ids, ["khorgos_almaty", "aktau"])))
    assert drawn_ids(page) == ["aktau", "khorgos_almaty"]
    rows = legend_rows(page)
    assert rows["project:middle_corridor"] and rows["kind:port"] and rows["route:"]
    assert not rows["project:<img src=x onerror=alert(2)>"]
    assert not rows["kind:dry_port"] and not rows["quality:schematic"]
    apply(page, map_state(""))
    assert drawn_ids(page) == sorted(ids) and all(legend_rows(page).values())


def test_classes_restyle_single_features(show, plain, routes, sites):
    page = show(plain)
    ids = [*routes["id"], *sites["id"]]
    apply(
        page, map_state("", classes=classes_of(ids, {"khorgos_almaty": "dashed", "aktau": "faint"}))
    )
    looks = page.evaluate(
        f"""() => {{ const a = {ATLAS}, out = {{}};
        a.groups.routes.eachLayer(l => out[l.feature.properties.id] = l._path.getAttribute('stroke-dasharray'));
        a.groups.sites.eachLayer(l => out[l.feature.properties.id] = l.options.opacity);
        return out; }}"""
    )
    assert looks == {
        "khorgos_almaty": "6 8",
        "cku_railway": "8 6",
        "aktau": 0.35,
        "torugart": 1,
        "khorgos_gateway": 1,
    }


def test_codes_unpack_as_python_packed_them(show, plain):
    page = show(plain)
    rng = random.Random(7)
    for bits in (1, 2, 4, 8):
        for count in (1, 7, 8, 9, 33):
            codes = [rng.randrange(2**bits) for _ in range(count)]
            got = page.evaluate(
                "([t, b, n]) => Array.from(AtlasMap.decodeCodes(t, b, n))",
                [pack_codes(codes, bits), bits, count],
            )
            assert got == codes, (bits, count)


def _margins(page) -> dict:
    """The selected route's pixel margins to the map's edges, now and one zoom closer."""
    return page.evaluate(
        f"""() => {{
        const a = {ATLAS}, map = a.map, size = map.getSize();
        let route = null;
        a.groups.selection.eachLayer(g => g.eachLayer(l => {{ if (l.options.interactive !== false) route = l; }}));
        const b = route.getBounds(), out = {{}};
        for (const dz of [0, 1]) {{
            const z = map.getZoom() + dz, c = map.project(map.getCenter(), z);
            const nw = map.project(b.getNorthWest(), z), se = map.project(b.getSouthEast(), z);
            out[dz] = [nw.x - (c.x - size.x / 2), c.x + size.x / 2 - se.x,
                       nw.y - (c.y - size.y / 2), c.y + size.y / 2 - se.y];
        }}
        return out; }}"""
    )


def test_the_selection_is_drawn_over_the_others_and_shown_whole(show, plain, routes, sites):
    page = show(plain)
    ids = [*routes["id"], *sites["id"]]
    state = map_state(
        "",
        shown=shown_bits(ids, ["khorgos_almaty"]),  # the selection is drawn even when hidden
        selected="cku_railway",
        frame=frame_of(routes, sites, "cku_railway"),
    )
    apply(page, state)
    drawn = page.evaluate(
        f"""() => {{ const out = [];
        {ATLAS}.groups.selection.eachLayer(g => g.eachLayer(l => out.push(
            [l.feature.properties.id, l.options.weight, l.options.interactive !== false])));
        return out; }}"""
    )
    assert drawn == [["cku_railway", 12, False], ["cku_railway", 7, True]]  # casing, then route
    margins = _margins(page)
    assert min(margins["0"]) >= PADDING_PX - 1  # whole, with the padding clear
    assert min(margins["1"]) < PADDING_PX  # one zoom closer it would not be
    apply(page, map_state("", selected="torugart", frame=frame_of(routes, sites, "torugart")))
    assert page.evaluate(f"() => {ATLAS}.map.getZoom()") == 7  # a site: SITE_ZOOM
    assert SELECTED_HALO in page.locator(".atlas-site").last.inner_html()  # on its halo


def test_a_state_for_other_layers_is_ignored(show, tmp_path, routes, sites, boundaries, colors):
    parts = map_parts(routes, sites, boundaries, colors=colors)
    files = published(parts.json, "v1")
    files.write(tmp_path)
    page = show(atlas_map(parts, version="v1", urls=files.urls(), tiles_online=False))
    apply(page, map_state("v0", selected="cku_railway"))
    assert page.evaluate(f"() => {ATLAS}.groups.selection.getLayers().length") == 0
    apply(page, map_state("v1", selected="cku_railway"))
    assert page.evaluate(f"() => {ATLAS}.groups.selection.getLayers().length") == 2


def test_a_click_on_a_feature_is_reported_at_once_and_counted(show, plain, routes, sites):
    page = show(plain)
    page.evaluate(
        """() => { window.sent = [];
        window.__GLOBAL_DATA__ = {returned_objects: ["last_active_drawing"], previous_data: null};
        window.Streamlit = {setComponentValue: v => window.sent.push(v)}; }"""
    )
    apply(page, map_state("", frame=frame_of(routes, sites)))
    path = page.locator(".leaflet-overlay-pane path.leaflet-interactive").first
    path.click(force=True)
    path.click(force=True)
    sent = page.evaluate("() => window.sent")
    assert [s["clicks"] for s in sent] == [1, 2]
    assert sent[0]["last_active_drawing"]["properties"]["layer"] == "route"
    # streamlit-folium's own report of the same click would find nothing new to send
    assert page.evaluate("() => window.__GLOBAL_DATA__.previous_data") == {
        "last_active_drawing": sent[1]["last_active_drawing"]
    }
    page.locator(".leaflet-atlas-outlines-pane path").first.click(
        force=True
    )  # a country: no report
    assert len(page.evaluate("() => window.sent")) == 2


def test_many_sites_are_dots_on_one_canvas(show, routes, sites, boundaries, colors, monkeypatch):
    import geo.draw.layers

    monkeypatch.setattr(geo.draw.layers, "MAX_ICON_SITES", 1)
    page = show(build_map(routes, sites, boundaries, colors=colors, selected="aktau"))
    assert page.locator(".atlas-site").count() == 0
    assert page.locator("canvas").count() == 1
    radius = page.evaluate(
        f"() => {ATLAS}.groups.selection.getLayers()[0].getLayers()[0].options.radius"
    )
    assert radius == 8


def test_the_parts_are_fetched_from_their_files(show, tmp_path, routes, sites, boundaries, colors):
    parts = map_parts(routes, sites, boundaries, colors=colors)
    files = published(parts.json, "v1")
    files.write(tmp_path)
    page = show(atlas_map(parts, version="v1", urls=files.urls(), tiles_online=False))
    apply(page, map_state("v1", selected="cku_railway"))
    assert drawn_ids(page) == sorted([*routes["id"], *sites["id"]])
    assert page.evaluate(f"() => {ATLAS}.groups.selection.getLayers().length") == 2
    assert not page.errors


def test_a_resize_refits_until_the_reader_moves_the_map(show, plain, routes, sites):
    page = show(plain)
    apply(
        page,
        map_state("", selected="khorgos_almaty", frame=frame_of(routes, sites, "khorgos_almaty")),
    )
    zoom = page.evaluate(f"() => {ATLAS}.map.getZoom()")
    narrow = "() => { document.querySelector('.folium-map').style.width = '300px'; }"
    page.evaluate(narrow)
    page.wait_for_function(f"() => {ATLAS}.map.getZoom() < {zoom}")  # refitted to the new width
    page.evaluate("() => { document.querySelector('.folium-map').style.width = '100%'; }")
    page.wait_for_function(f"() => {ATLAS}.map.getZoom() === {zoom}")
    page.locator(".folium-map").dispatch_event("wheel")  # the reader touches the map
    page.evaluate(narrow)
    page.wait_for_timeout(300)
    assert page.evaluate(f"() => {ATLAS}.map.getZoom()") == zoom  # the reader's view is kept


def test_no_map_file_is_missing(routes, sites, boundaries, colors):
    """Every address the script of a map loads from /app/static/ is a file in static/."""
    from geo.draw.assets import loaded_urls

    m = build_map(routes, sites, boundaries, colors=colors)
    for url in loaded_urls(m):
        if url.startswith("/app/static/"):
            assert (ROOT / "static" / urlparse(url).path.removeprefix("/app/static/")).is_file()
    assert Path(ROOT / "static" / "map" / "atlas-map.js").is_file()


# ------------------------------------------------------------------ finding things (issue 13)

SENT = """() => { window.sent = [];
    window.__GLOBAL_DATA__ = {returned_objects: ["last_active_drawing"], previous_data: null};
    window.Streamlit = {setComponentValue: v => window.sent.push(v)}; }"""


def _sent_ids(page) -> list[str]:
    return page.evaluate("() => window.sent.map(s => s.last_active_drawing.properties.id)")


def test_a_click_near_a_line_selects_it_and_where_two_run_together_offers_both(
    show, routes, sites, boundaries, colors
):
    # A third route along the first one's line: a click there is offered both.
    twin = routes.iloc[[0]].assign(id="twin", name="Twin <b>line</b>")
    both = type(routes)(
        [*routes.itertuples(index=False), *twin.itertuples(index=False)], crs=routes.crs
    )
    page = show(build_map(both, sites, boundaries, colors=colors, tiles_online=False))
    page.evaluate(SENT)
    apply(page, map_state("", frame=frame_of(routes, sites, "cku_railway")))
    at = page.evaluate(
        f"""() => {{ const map = {ATLAS}.map, r = map.getContainer().getBoundingClientRect();
        const p = map.latLngToContainerPoint([40.3, 73.5]);
        return [r.left + p.x, r.top + p.y - 9]; }}"""
    )
    page.mouse.click(*at)  # 9 px off the CKU line: still the line
    assert _sent_ids(page) == ["cku_railway"]
    apply(page, map_state("", frame=frame_of(routes, sites, "khorgos_almaty")))
    at = page.evaluate(
        f"""() => {{ const map = {ATLAS}.map, r = map.getContainer().getBoundingClientRect();
        const p = map.latLngToContainerPoint([43.725, 78.68]);
        return [r.left + p.x, r.top + p.y]; }}"""
    )
    page.mouse.click(*at)
    choice = page.locator(".atlas-choice button")
    assert choice.all_inner_texts() == ["Khorgos–Almaty", "Twin <b>line</b>"]  # text, not HTML
    choice.nth(1).click()
    assert _sent_ids(page) == ["cku_railway", "twin"]
    assert not page.errors


def test_routes_and_sites_are_named_and_act_on_enter_and_space(show, plain, routes, sites):
    page = show(plain)
    page.evaluate(SENT)
    apply(page, map_state("", frame=frame_of(routes, sites, "torugart")))  # zoom 7: all sites
    route = page.locator("path[data-atlas-id='cku_railway']")
    assert route.get_attribute("aria-label") == "<script>alert(1)</script> (railway)"
    assert route.get_attribute("role") == "button"
    route.focus()
    page.keyboard.press("Enter")
    site = page.locator("[data-atlas-id='torugart']")
    assert site.get_attribute("aria-label") == "Torugart (border crossing)"
    site.focus()
    page.keyboard.press("Space")
    assert _sent_ids(page) == ["cku_railway", "torugart"]
    # Country outlines are no Tab stop and no click target.
    outlines = page.locator(".leaflet-atlas-outlines-pane path")
    assert outlines.count() == 2
    assert (
        outlines.evaluate_all(
            "ps => ps.filter(p => p.tabIndex >= 0 || "
            "getComputedStyle(p).pointerEvents !== 'none').length"
        )
        == 0
    )


def test_sites_are_drawn_from_the_zoom_of_their_rank_and_names_where_they_fit(
    show, plain, routes, sites
):
    page = show(plain)
    shown = "() => [...document.querySelectorAll('.atlas-site')].filter(e => e.offsetParent).length"
    apply(page, map_state("", frame={"center": [42, 70], "zoom": 3}))
    assert page.evaluate(shown) == 0  # a project's sites wait for zoom 5; the routes stand alone
    names = page.locator(".atlas-label.atlas-country").evaluate_all(
        "ls => ls.map(l => l.textContent)"
    )
    assert "Kazakhstan" in names and "<script>alert(1)</script>" in names  # as text
    apply(page, map_state("", frame=frame_of(routes, sites, "torugart")))
    assert page.evaluate(shown) == 3
    assert "Torugart" in page.locator(".atlas-label.atlas-place").all_inner_texts()
    boxes = page.locator(".atlas-label").evaluate_all(
        "ls => ls.map(l => { const r = l.getBoundingClientRect(); "
        "return [r.left, r.top, r.right, r.bottom]; })"
    )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_a_tooltip_stays_inside_and_closes_when_the_selection_changes(show, plain, routes, sites):
    page = show(plain)
    apply(page, map_state("", frame=frame_of(routes, sites, "khorgos_almaty")))
    # Hover the route's east end, at the map's right edge: the tooltip is kept inside.
    at = page.evaluate(
        f"""() => {{ const map = {ATLAS}.map, r = map.getContainer().getBoundingClientRect();
        const p = map.latLngToContainerPoint([44.115, 80.1]);
        return [r.left + p.x, r.top + p.y, r.right]; }}"""
    )
    page.mouse.move(at[0], at[1])
    tip = page.locator(".leaflet-tooltip")
    tip.wait_for()
    box = tip.bounding_box()
    assert box["x"] + box["width"] <= at[2]
    apply(page, map_state("", selected="torugart"))  # chosen elsewhere (the panel)
    tip.wait_for(state="detached")  # it fades out


def test_the_atlas_map_shows_its_own_legend_in_full_screen_only(
    show, tmp_path, plain, routes, sites, boundaries, colors
):
    parts = map_parts(routes, sites, boundaries, colors=colors)
    published(parts.json, "v1").write(tmp_path)
    # The page draws the legend under this map.
    page = show(
        atlas_map(parts, version="v1", urls=published(parts.json, "v1").urls(), tiles_online=False)
    )
    assert not page.locator(".atlas-legend").is_visible()
    page.evaluate(f"() => {ATLAS}.map.fire('enterFullscreen')")
    assert page.locator(".atlas-legend").is_visible()
    assert show(plain).locator(".atlas-legend").is_visible()  # a map with no legend beside it

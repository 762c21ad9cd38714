"""The view lives in the URL: a reader who sets filters and a selection, then walks through every
page with the sidebar's navigation, finds the same view on each page and back on the map."""

from urllib.parse import parse_qs, urlparse

import pytest

from devtools.browser import TIMEOUT_MS, chosen, wait_idle
from geo.filter import filter_atlas
from geo.urlstate import ViewState

pytestmark = pytest.mark.browser
VIEW = {"country": ["KG"], "from": ["2024-01-01"], "to": ["2025-12-31"], "sel": ["cku_railway"]}


def _settled(page):
    """Wait until the app has finished its run (no "Running…" status)."""
    page.wait_for_timeout(800)
    wait_idle(page)


def _view_in(url: str) -> dict[str, list[str]]:
    query = parse_qs(urlparse(url).query)
    return {k: v for k, v in query.items() if k in VIEW}


def test_round_trip_through_every_page_keeps_the_view(page, app_server, atlas):
    in_view = filter_atlas(atlas, ViewState(countries=("KG",)))
    page.goto(f"{app_server}/?country=KG&from=2024-01-01&to=2025-12-31&sel=cku_railway")
    page.wait_for_selector("[data-testid='stSidebarNav']", timeout=TIMEOUT_MS)
    _settled(page)
    nav = page.locator("[data-testid='stSidebarNav']")
    for name, path, heading in (
        ("About", "/About", "About Corridor Atlas"),
        ("Sources", "/Sources", None),
        ("Data", "/Data", "Data"),
        ("Map", "/", "Corridor Atlas"),
    ):
        nav.get_by_text(name, exact=True).click()
        page.wait_for_url(f"**{path}?*", timeout=TIMEOUT_MS)
        _settled(page)
        assert _view_in(page.url) == VIEW, (name, page.url)
        if heading:
            assert page.locator("h1").first.inner_text() == heading
        if name == "About":
            assert "/?country=KG&from=2024-01-01&to=2025-12-31&sel=cku_railway&v=" in (
                page.locator("[data-testid='stCode']").inner_text()
            )
        if name == "Data":
            caption = f"{len(in_view.features)} of {len(atlas.features)} features under"
            assert page.get_by_text(caption).is_visible()
    sidebar = page.locator("[data-testid='stSidebar']")
    assert chosen(sidebar, "Country") == "Kyrgyzstan"
    dates = sidebar.locator("[data-testid='stDateInput'] input")
    assert [dates.nth(i).input_value() for i in range(2)] == ["2024-01-01", "2025-12-31"]
    assert page.get_by_role("heading", name="China–Kyrgyzstan–Uzbekistan railway").is_visible()
    assert not page.dialogs

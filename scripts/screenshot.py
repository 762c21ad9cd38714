#!/usr/bin/env python3
"""Screenshot every page of the app with the network closed, in headless Chromium, on a desk and
on a phone.

    python scripts/screenshot.py [--out DIR] [--query "sel=cku_railway"] [--viewport phone]
                                 [--page map --page sources]
    python scripts/screenshot.py --view "map-asof-2024=?asof=2024-01-01@1400x900" ...

Starts the app on a free loopback port, blocks every request that does not go to it (so the
pictures show what an offline reader sees) and writes one PNG per page and viewport, named
``<page>-<viewport>.png`` (``map-desktop.png``, ``sources-phone.png``, …). The README shows
``docs/screenshots/map-desktop.png``, made with ``--query "sel=cku_railway"``. With ``--view``
(repeatable: ``NAME=PATH?QUERY@WIDTHxHEIGHT``) it shoots only those views, each at its own window
size (the time views in ``docs/screenshots/`` are made this way: README.md, Development).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from devtools import ROOT  # noqa: E402
from devtools.browser import (  # noqa: E402
    CHROMIUM,
    VIEWPORTS,
    full_screenshot,
    launch_chromium,
    offline_context,
    open_app,
    settle,
    wait_for_map,
)
from devtools.serve import StreamlitServer  # noqa: E402

# page name → URL path; the map page is the only one that takes the --query.
PAGES = {
    "map": "",
    "sources": "Sources",
    "data": "Data",
    "about": "About",
    "try": "Try_an_article",
    "changes": "Changes",
}

DOC_VIEWS = {
    # name: (path and query, window — a viewport's name for the whole page, or WxH for one
    # window's worth —, the tab to open first or None)
    "map-asof-2000": ("?asof=2000-12-31", "desktop", None),
    "map-asof-2020": ("?asof=2020-12-31", "desktop", None),
    "map-asof-2025": ("?asof=2025-12-31&sel=cku_railway", "desktop", None),
    "changes-since-2025": ("Changes?since=2025-01-01", "1400x1400", None),
    "cku-card": ("?sel=cku_railway", "1400x1400", "Figures"),
    "cku-card-phone": ("?sel=cku_railway", "390x2400", None),
    "speaker-card": ("?who=sadyr_japarov", "1400x1200", None),
    "timeline": ("?from=1990-01-01", "1400x2000", None),
    "search-khorgos": ("?q=Khorgos", "1400x1400", None),
}
"""Named views for the docs (``--docs``), each as ``<name>.png``."""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--query", default="", help="query string for the map page, without '?'")
    ap.add_argument("--viewport", choices=list(VIEWPORTS), action="append")
    ap.add_argument("--page", choices=list(PAGES), action="append")
    ap.add_argument("--suffix", default="", help="added to each file name (e.g. '-search')")
    ap.add_argument("--chromium", default=CHROMIUM)
    ap.add_argument(
        "--view",
        action="append",
        default=[],
        metavar="NAME=PATH?QUERY@WxH",
        help="shoot only this view (repeatable), e.g. 'map-2024=?asof=2024-01-01@1400x900'",
    )
    ap.add_argument(
        "--click",
        default=None,
        metavar="TEXT",
        help="with --view: click the tab whose label starts with TEXT before the shot "
        "(e.g. 'Figures' for a card's figures)",
    )
    ap.add_argument(
        "--docs",
        action="store_true",
        help="every screenshot of docs/screenshots/: each page at each viewport (the map with "
        "the CKU railway selected) and the named views of DOC_VIEWS",
    )
    args = ap.parse_args()
    if args.view:
        return shoot_views(args)
    if args.docs:
        args.query = args.query or "sel=cku_railway"
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with StreamlitServer(ROOT / "dashboard.py") as server, sync_playwright() as p:
        browser = launch_chromium(p, args.chromium)
        for vp in args.viewport or list(VIEWPORTS):
            ctx = offline_context(browser, **VIEWPORTS[vp])
            page = ctx.new_page()
            for name in args.page or list(PAGES):
                query = f"?{args.query}" if args.query and name == "map" else ""
                open_app(page, f"{server.url}/{PAGES[name]}{query}")
                if name == "map":
                    wait_for_map(page)
                settle(page)
                target = out / f"{name}-{vp}{args.suffix}.png"
                full_screenshot(page, target)
                print(target)
            ctx.close()
        for name, (where, window, tab) in DOC_VIEWS.items() if args.docs else ():
            whole = window in VIEWPORTS
            if whole:
                ctx = offline_context(browser, **VIEWPORTS[window])
            else:
                width, height = (int(n) for n in window.split("x"))
                ctx = offline_context(browser, viewport={"width": width, "height": height})
            page = ctx.new_page()
            open_app(page, f"{server.url}/{where}")
            if where.startswith("?"):
                wait_for_map(page)
            settle(page)
            if tab:
                open_tab(page, tab)
            target = out / f"{name}.png"
            if whole:
                full_screenshot(page, target)
            else:
                page.screenshot(path=str(target))
            print(target)
            ctx.close()
        browser.close()
    return 0


def open_tab(page, label: str) -> None:
    """Click the tab whose label starts with ``label`` and scroll it to the top of its panel."""
    tab = page.get_by_role("tab", name=re.compile(rf"^{re.escape(label)}"))
    tab.click()
    tab.evaluate("el => el.scrollIntoView({block: 'start'})")  # inside its panel
    settle(page)


def shoot_views(args: argparse.Namespace) -> int:
    """One PNG per ``--view`` (the map's views wait for the map), at its own window size."""
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with StreamlitServer(ROOT / "dashboard.py") as server, sync_playwright() as p:
        browser = launch_chromium(p, args.chromium)
        for view in args.view:
            name, _, rest = view.partition("=")
            where, _, size = rest.rpartition("@")
            width, height = (int(n) for n in size.split("x"))
            ctx = offline_context(browser, viewport={"width": width, "height": height})
            page = ctx.new_page()
            open_app(page, f"{server.url}/{where}")
            if where.startswith("?") or not where:
                wait_for_map(page)
            settle(page)
            if args.click:
                open_tab(page, args.click)
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=False)
            print(target)
            ctx.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

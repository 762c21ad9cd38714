#!/usr/bin/env python3
"""Screenshot every page of the app with the network closed, in headless Chromium.

    python scripts/screenshot.py [--out DIR] [--query "country=KG&sel=cku_railway"]
    python scripts/screenshot.py --view "map-asof-2024=?asof=2024-01-01@1400x900" ...

Starts the app on a free loopback port, blocks every request that does not go to it (so the
pictures show what an offline reader sees) and writes one PNG per page. ``docs/screenshots/dashboard.png``,
shown in the README, is made with ``--query "sel=cku_railway"``. With ``--view`` (repeatable:
``NAME=PATH?QUERY@WIDTHxHEIGHT``) it shoots only those views, each at its own window size (the
time views in ``docs/screenshots/`` are made this way: README.md, Development).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from devtools import ROOT  # noqa: E402
from devtools.browser import (  # noqa: E402
    CHROMIUM,
    launch_chromium,
    offline_context,
    open_app,
    wait_for_map,
)
from devtools.serve import StreamlitServer  # noqa: E402

PAGES = {
    "dashboard": "",
    "sources": "Sources",
    "data": "Data",
    "about": "About",
    "try": "Try_an_article",
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--query", default="", help="query string for the dashboard, without '?'")
    ap.add_argument("--chromium", default=CHROMIUM)
    ap.add_argument(
        "--view",
        action="append",
        default=[],
        metavar="NAME=PATH?QUERY@WxH",
        help="shoot only this view (repeatable), e.g. 'map-2024=?asof=2024-01-01@1400x900'",
    )
    args = ap.parse_args()
    if args.view:
        return shoot_views(args)
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with StreamlitServer(ROOT / "dashboard.py") as server, sync_playwright() as p:
        browser = launch_chromium(p, args.chromium)
        ctx = offline_context(browser, viewport={"width": 1500, "height": 1100})
        page = ctx.new_page()
        for name, path in PAGES.items():
            query = f"?{args.query}" if args.query and name == "dashboard" else ""
            open_app(page, f"{server.url}/{path}{query}")
            page.wait_for_load_state("networkidle")
            if name == "dashboard":
                wait_for_map(page)
            time.sleep(1.5)
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()
    return 0


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
            page.wait_for_load_state("networkidle")
            if where.startswith("?") or not where:
                wait_for_map(page)
            time.sleep(3)
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=False)
            print(target)
            ctx.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

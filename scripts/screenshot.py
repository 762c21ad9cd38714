#!/usr/bin/env python3
"""Screenshot every page of the app with the network closed, in headless Chromium.

    python scripts/screenshot.py [--out DIR] [--query "country=KG&sel=cku_railway"]

Starts the app on a free loopback port, blocks every request that does not go to it (so the
pictures show what an offline reader sees) and writes one PNG per page. ``docs/screenshots/dashboard.png``,
shown in the README, is made with ``--query "sel=cku_railway"``.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"dashboard": "", "sources": "Sources", "data": "Data", "about": "About"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the app did not start at {url}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--query", default="", help="query string for the dashboard, without '?'")
    ap.add_argument(
        "--chromium", default=os.environ.get("CORRIDOR_ATLAS_CHROMIUM", "/usr/bin/chromium")
    )
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(url)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=args.chromium,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                ],
            )
            ctx = browser.new_context(viewport={"width": 1500, "height": 1100})
            ctx.route(
                "**/*",
                lambda r: (
                    r.continue_()
                    if r.request.url.startswith((url, url.replace("http", "ws"), "data:", "blob:"))
                    else r.abort()
                ),
            )
            page = ctx.new_page()
            for name, path in PAGES.items():
                query = f"?{args.query}" if args.query and name == "dashboard" else ""
                page.goto(f"{url}/{path}{query}")
                page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=30000)
                page.wait_for_load_state("networkidle")
                if name == "dashboard":
                    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
                    frame.locator(".leaflet-overlay-pane path:visible").first.wait_for(
                        timeout=30000
                    )
                time.sleep(1.5)
                target = out / f"{name}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

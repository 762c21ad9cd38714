"""What a person waits for in a real browser: the map drawn after navigation, passages after a click.

Headless Chromium (``/usr/bin/chromium``) through Playwright; every request that is not to the
app on 127.0.0.1 is aborted. For each data folder, ``dashboard.py`` and the minimal page
``bench/minimal_map.py`` (the same map and nothing else) are served one after the other, each
with ``python -m streamlit run`` on a free loopback port. After one warm-up visit (which loads
the atlas into the server's cache), each sample opens a fresh browser context and measures:

- *navigation → routes drawn*: from ``page.goto`` to the first visible ``path`` in the
  ``.leaflet-overlay-pane`` of the ``st_folium`` iframe;
- *click → passages shown* (dashboard only): once the app is idle, a click on a route (at the
  point the browser tests click, ``devtools.browser.route_point``, once the map has stopped
  refitting) until the route's passages (``.ca-passage``) are visible beside the map.

Medians of ``--reps`` samples (5; ``--quick`` 3; at 100× ``--reps-100x``, 3, since one sample
takes about a minute there).

    python -m bench.browser [--quick] [--scales 10 100]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.common import data_folders, footer, goal, header, print_table, served_app
from devtools.browser import (
    launch_chromium,
    offline_context,
    route_point,
    wait_for_map,
    wait_idle,
)
from devtools.serve import StreamlitServer

# The panel's passages (or its note that there are none) for the selected feature.
PASSAGES_SHOWN = ".ca-passage, :text('No passage of the sources mentions it')"
TIMEOUT_MS = 180_000
ROUTE = {"real": "cku_railway"}
SYNTHETIC_ROUTE = "syn_route_0050"
GOAL_RATIO, GOAL_CLICK_S = 1.2, 1.0


def _navigate(page, url: str) -> float:
    t = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    wait_for_map(page, TIMEOUT_MS)
    return time.perf_counter() - t


def _settled_point(page, feature_id: str) -> dict[str, float]:
    """Where the route is on screen once the map has stopped moving (it refits after resizing)."""
    last = None
    for _ in range(50):
        point = route_point(page, feature_id)
        if point is None:
            raise RuntimeError(f"route {feature_id!r} is not on the map")
        if last and abs(point["x"] - last["x"]) < 1 and abs(point["y"] - last["y"]) < 1:
            return point
        last = point
        page.wait_for_timeout(300)
    return last


def _click_route(page, feature_id: str) -> float:
    point = _settled_point(page, feature_id)
    t = time.perf_counter()
    page.mouse.click(point["x"], point["y"])
    page.locator(PASSAGES_SHOWN).first.wait_for(state="visible", timeout=TIMEOUT_MS)
    return time.perf_counter() - t


def measure(browser, app: str, label: str, folder: Path, reps: int) -> dict[str, object]:
    route = ROUTE.get(label, SYNTHETIC_ROUTE)
    with tempfile.TemporaryDirectory() as tmp:
        script, env = served_app(Path(tmp), app, folder)
        with StreamlitServer(script, Path(tmp), env) as server:
            nav, click = [], []
            for i in range(reps + 1):  # the first visit is a warm-up (cold server cache)
                ctx = offline_context(browser)
                page = ctx.new_page()
                try:
                    n = _navigate(page, server.url)
                    c = None
                    if app == "dashboard":
                        wait_idle(page, TIMEOUT_MS)
                        c = _click_route(page, route)
                    if i:
                        nav.append(n)
                        if c is not None:
                            click.append(c)
                finally:
                    ctx.close()
    return {
        "nav": statistics.median(nav),
        "nav_spread": (min(nav), max(nav)),
        "click": statistics.median(click) if click else None,
        "click_spread": (min(click), max(click)) if click else None,
        "n": reps,
    }


def _row(label: str, app: str, r: dict[str, object] | str) -> list[object]:
    if isinstance(r, str):  # the measurement failed: say why instead of a number
        return [label, app, r, "", "", "", ""]
    spread = "{:.2f}–{:.2f}"
    return [
        label,
        app,
        r["nav"],
        spread.format(*r["nav_spread"]),
        "-" if r["click"] is None else r["click"],
        "-" if r["click"] is None else spread.format(*r["click_spread"]),
        r["n"],
    ]


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="3 samples instead of 5")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument(
        "--reps-100x", type=int, default=3, help="samples at 100× (one takes about a minute)"
    )
    p.add_argument("--scales", type=int, nargs="*", default=[10, 100])
    args = p.parse_args(argv)
    reps = 3 if args.quick else args.reps
    header("Browser: navigation → routes drawn, click → passages", "bench.browser")
    folders = data_folders(args.scales)
    rows, goals = [], []
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for label, folder in folders:
                res: dict[str, dict[str, object] | str] = {}
                for app in ("dashboard", "minimal"):
                    n = min(reps, args.reps_100x) if label == "100x" else reps
                    try:
                        res[app] = measure(browser, app, label, folder, n)
                    except Exception as e:  # a timeout at scale is a result too
                        res[app] = f"failed: {type(e).__name__}: {str(e).splitlines()[0][:80]}"
                    rows.append(_row(label, app, res[app]))
                    print(f"{label} {app}: {rows[-1][2:]}", file=sys.stderr, flush=True)
                d, m = res["dashboard"], res["minimal"]
                if isinstance(d, str) or isinstance(m, str):
                    goals.append([label, "-", "**not met** (failed)", "-", "-"])
                    continue
                ratio = d["nav"] / m["nav"]
                goals.append(
                    [
                        label,
                        f"{ratio:.2f}×",
                        goal(ratio <= GOAL_RATIO),
                        d["click"],
                        goal(d["click"] < GOAL_CLICK_S),
                    ]
                )
        finally:
            browser.close()
    print_table(
        ["data", "app", "nav → routes s", "min–max", "click → passages s", "min–max", "n"],
        rows,
    )
    print_table(
        ["data", "dashboard / minimal (nav)", f"≤ {GOAL_RATIO}×", "click → passages s", "< 1 s"],
        goals,
    )
    footer()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

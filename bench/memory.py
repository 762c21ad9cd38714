"""Server memory (RSS) with 1 to 20 browser sessions open on the dashboard.

For each data folder one dashboard server is started (``python -m streamlit run`` on a free
loopback port). Browser sessions (each its own Playwright context, every non-loopback request
aborted) are opened one after another and kept open; each waits until the script's run has
finished (the timeline's heading is on the page and the status widget is idle). The server does
all its work for each session (it runs the script, builds and sends the map) but the browser
does not draw the map: Leaflet's script is blocked, because drawing the 100× map takes Chromium
about a minute per page and twenty of them would take longer than the benchmark should. The server's resident memory is read (psutil if installed, else
``/proc/<pid>/status``) before any session, after 1, 5, 10 and 20 sessions, and 10 s after all
of them are closed. Issue 15's target: at 100×, the RSS with 20 sessions at most twice the RSS
with one.

    python -m bench.memory [--quick] [--scales 10 100] [--sessions 20]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.browser import TIMEOUT_MS
from bench.common import data_folders, footer, goal, header, print_table, served_app
from devtools.browser import launch_chromium, offline_context, wait_idle
from devtools.serve import StreamlitServer

CHECKPOINTS = (1, 5, 10, 20)
GOAL_RATIO = 2.0  # issue 15: at 100×, RSS with 20 sessions at most twice the RSS with one


def measure(browser, folder: Path, sessions: int) -> dict[str, float]:
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        script, env = served_app(Path(tmp), "dashboard", folder)
        with StreamlitServer(script, Path(tmp), env) as server:
            out["idle"] = server.rss_mib()
            contexts = []
            try:
                for n in range(1, sessions + 1):
                    ctx = offline_context(browser)
                    ctx.route("**/vendor/leaflet-*/leaflet.js", lambda route: route.abort())
                    contexts.append(ctx)
                    page = ctx.new_page()
                    page.goto(server.url, wait_until="commit", timeout=TIMEOUT_MS)
                    page.get_by_text("Timeline", exact=True).first.wait_for(timeout=TIMEOUT_MS)
                    wait_idle(page, TIMEOUT_MS)
                    if n in CHECKPOINTS or n == sessions:
                        time.sleep(1)
                        out[str(n)] = server.rss_mib()
            finally:
                for ctx in contexts:
                    ctx.close()
            time.sleep(10)
            out["closed"] = server.rss_mib()
    return out


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="5 sessions instead of 20")
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--scales", type=int, nargs="*", default=[10, 100])
    args = p.parse_args(argv)
    sessions = 5 if args.quick else args.sessions
    header("Server memory with browser sessions open", "bench.memory")
    marks = [str(n) for n in CHECKPOINTS if n < sessions] + [str(sessions)]
    rows, goals = [], []
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for label, folder in data_folders(args.scales):
                r = measure(browser, folder, sessions)
                per_session = (r[str(sessions)] - r["1"]) / max(sessions - 1, 1)
                rows.append([label, r["idle"], *(r[m] for m in marks), per_session, r["closed"]])
                ratio = r[str(sessions)] / r["1"]
                goals.append(
                    [
                        label,
                        f"{r[str(sessions)]:,.0f} / {r['1']:,.0f} MiB = {ratio:.2f}×",
                        goal(ratio <= GOAL_RATIO) if label == "100x" else "(goal is for 100x)",
                    ]
                )
        finally:
            browser.close()
    print_table(
        [
            "data",
            "no session MiB",
            *(f"{m} session(s) MiB" for m in marks),
            "MiB per extra session",
            "10 s after closing all MiB",
        ],
        rows,
    )
    print_table(
        ["data", f"RSS with {sessions} sessions / with 1", f"≤ {GOAL_RATIO:.0f}× (at 100×)"], goals
    )
    footer()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

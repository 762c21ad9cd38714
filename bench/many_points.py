"""The map page on a folder of many valid tiny points (issue 11): time and memory with the map's
cap (``geo.mapcap.MAP_MAX_FEATURES``) and without it.

The folder is the real atlas plus N tiny sites (``devtools/tiny_points.py``; 100,000 by default,
in ``$CORRIDOR_ATLAS_BENCH_DATA/tiny-<N>``). Each row runs in a fresh process, so that its peak
resident memory (``ru_maxrss``) is its own:

- *load* — :func:`geo.load.load_atlas` (checking every file, then building the atlas): what the
  page does once per data folder behind its "Loading the atlas" spinner;
- *map page* — the dashboard under AppTest: the first run (which loads the atlas, computes the
  view and writes the map's layer files), then a rerun of the same view and one with a filter
  (``kind=railway``); the bytes of the map's layer files (what the browser fetches) and of the
  largest message the page sends; and what the page says above the map.

With ``--browser``, the dashboard is also served (``streamlit run``, cap set in its launcher)
and opened in Chromium (network closed) twice: the first opening waits for the server to load
the atlas; the second, timed, goes from navigation to the map's first visible route, then to the
end of the run, and reads the map frame's JavaScript heap.

Times are CPU seconds of the process (``resource.getrusage``; wall time on a shared machine says
more about the neighbours), with the wall time beside them.

    python -m bench.many_points [--points 100000] [--quick] [--uncapped] [--browser]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, SYNTH_ROOT, footer, header, print_table

UNCAPPED = 10**9


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_load(folder: Path) -> dict:
    from geo.load import load_atlas

    cpu, wall = _cpu(), time.time()
    atlas = load_atlas(folder)
    return {
        "features": len(atlas.features),
        "cpu_s": _cpu() - cpu,
        "wall_s": time.time() - wall,
        "rss_mib": _rss_mib(),
    }


def measure_page(folder: Path, cap: int) -> dict:
    import geo.mapcap
    from devtools import ROOT as REPO
    from devtools.headless import app_test
    from ui import data

    geo.mapcap.MAP_MAX_FEATURES = cap
    at = app_test(REPO / "dashboard.py", folder, timeout=3600)
    cpu, wall = _cpu(), time.time()
    at.run()
    first_cpu, first_wall = _cpu() - cpu, time.time() - wall
    assert not at.exception, [e.value for e in at.exception]
    notice = next((c.value for c in at.caption if c.value.startswith("The map draws")), "")
    cpu = _cpu()
    at.run()
    rerun_cpu = _cpu() - cpu
    at.query_params["kind"] = "railway"
    cpu = _cpu()
    at.run()
    filter_cpu = _cpu() - cpu
    rss = _rss_mib()
    atlas = data._load(str(folder))  # what the page loaded and drew: cached, not made again
    parts = data._parts(str(folder), atlas.version)[0]
    return {
        "first_cpu_s": first_cpu,
        "first_wall_s": first_wall,
        "rerun_cpu_s": rerun_cpu,
        "filter_cpu_s": filter_cpu,
        "drawn": len(parts.ids),
        "layers_mb": sum(len(j.encode()) for j in parts.json.values()) / 1e6,
        "rss_mib": rss,
        "notice": notice,
    }


def measure_browser(folder: Path, cap: int) -> dict:
    """Chromium on the served dashboard with the map's cap ``cap`` (see the module's doc)."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from bench.common import served_app
    from devtools.browser import (
        launch_chromium,
        map_frame,
        offline_context,
        open_app,
        wait_for_map,
        wait_idle,
    )
    from devtools.serve import StreamlitServer

    slow = 1_800_000  # ms: loading 100,000 points on a busy machine takes minutes
    with tempfile.TemporaryDirectory() as tmp:
        script, env = served_app(Path(tmp), "dashboard", folder)
        script.write_text(
            f"import geo.mapcap\ngeo.mapcap.MAP_MAX_FEATURES = {cap}\n" + script.read_text()
        )
        with StreamlitServer(script, Path(tmp), env) as server, sync_playwright() as pw:
            browser = launch_chromium(pw)
            try:
                warm = offline_context(browser).new_page()
                open_app(warm, server.url, slow)
                wait_for_map(warm, slow)
                wait_idle(warm, slow)
                page = offline_context(browser).new_page()
                start = time.time()
                open_app(page, server.url, slow)
                wait_for_map(page, slow)
                drawn = time.time() - start
                wait_idle(page, slow)
                idle = time.time() - start
                heap = map_frame(page).evaluate("() => performance.memory.usedJSHeapSize")
            finally:
                browser.close()
            return {
                "drawn_s": drawn,
                "idle_s": idle,
                "heap_mb": heap / 1e6,
                "server_mib": server.rss_mib(),
            }


def _child(args: list[str]) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.many_points", *args],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode:
        raise SystemExit(f"bench.many_points {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--points", type=int, default=100_000, help="tiny sites added to the atlas")
    p.add_argument("--quick", action="store_true", help="5,000 points, and the cap at 1,000")
    p.add_argument("--cap", type=int, help="the map's cap (default geo.mapcap.MAP_MAX_FEATURES)")
    p.add_argument("--uncapped", action="store_true", help="also run the page without the cap")
    p.add_argument("--browser", action="store_true", help="also time the map in Chromium")
    p.add_argument("--one", choices=["load", "page", "browser"], help=argparse.SUPPRESS)
    p.add_argument("--folder", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.one:
        folder = Path(args.folder)
        measure = {"load": measure_load, "page": measure_page, "browser": measure_browser}
        result = (
            measure[args.one](folder) if args.one == "load" else measure[args.one](folder, args.cap)
        )
        print(json.dumps(result))
        return 0

    from devtools.tiny_points import tiny_points_folder
    from geo.mapcap import MAP_MAX_FEATURES

    points = 5_000 if args.quick else args.points
    cap = args.cap or (1_000 if args.quick else MAP_MAX_FEATURES)
    folder = SYNTH_ROOT / f"tiny-{points}" / "data"
    if not (folder / "corridors.geojson").is_file():
        tiny_points_folder(points, folder)
    header(f"The map page with {points:,} tiny points added", "bench.many_points")
    load = _child(["--one", "load", "--folder", str(folder)])
    print(
        f"Load ({load['features']:,} features): {load['cpu_s']:.1f} CPU s, "
        f"{load['wall_s']:.1f} s wall, peak RSS {load['rss_mib']:,.0f} MiB.\n"
    )
    rows, notice = [], ""
    for c in [cap, *([UNCAPPED] if args.uncapped else [])]:
        r = _child(["--one", "page", "--folder", str(folder), "--cap", str(c)])
        rows.append(
            [
                "no cap" if c == UNCAPPED else f"cap {c:,}",
                f"{r['drawn']:,}",
                r["layers_mb"],
                r["first_cpu_s"],
                r["first_wall_s"],
                r["rerun_cpu_s"],
                r["filter_cpu_s"],
                round(r["rss_mib"]),
            ]
        )
        notice = notice or r["notice"]
    print_table(
        [
            "map",
            "features drawn",
            "layer files MB",
            "first run CPU s (load included)",
            "first run wall s",
            "rerun CPU s",
            "filter CPU s",
            "peak RSS MiB",
        ],
        rows,
    )
    print(f"\nThe page says, with the cap: “{notice}”\n" if notice else "")
    if args.browser:
        rows = []
        for c in [cap, *([UNCAPPED] if args.uncapped else [])]:
            r = _child(["--one", "browser", "--folder", str(folder), "--cap", str(c)])
            rows.append(
                [
                    "no cap" if c == UNCAPPED else f"cap {c:,}",
                    r["drawn_s"],
                    r["idle_s"],
                    r["heap_mb"],
                    round(r["server_mib"]),
                ]
            )
        print_table(
            [
                "map",
                "navigation → first route drawn s",
                "navigation → run finished s",
                "map frame JS heap MB",
                "server RSS MiB",
            ],
            rows,
        )
        print()
    footer()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

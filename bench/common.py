"""Helpers shared by the benchmark scripts: the machine line, tables, timing and the launcher of
the apps they serve. The server and the browser themselves come from :mod:`devtools`, as for the
tests.

Nothing here is timed itself; every script prints its own table through :func:`print_table`.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path

from devtools import DATA, ROOT
from devtools.headless import DATA_DIR_KEY

SYNTH_ROOT = Path(os.environ.get("CORRIDOR_ATLAS_BENCH_DATA", "/tmp/corridor-atlas-bench"))


# ------------------------------------------------------------------------------ what ran where


def machine() -> str:
    """One line: date, CPUs, CPU model, RAM, Python and the versions that matter here."""
    model = "unknown CPU"
    mem_gib = 0.0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gib = int(line.split()[1]) / 1024**2
                break
    except OSError:
        pass
    versions = []
    for name in ("streamlit", "streamlit-folium", "folium", "geopandas", "shapely", "pandas"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        tree = f"commit {commit}" + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        tree = "commit unknown"  # fmt: skip
    # Other work on the machine skews every number: the load average says how much there was.
    load = "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    return (
        f"{now} · {tree} · {os.cpu_count()} CPU ({model}) · {mem_gib:.0f} GiB · {load} · "
        f"Python {platform.python_version()} · " + ", ".join(versions)
    )


def header(title: str, module: str) -> None:
    """The table's title, the command that made it and the machine it ran on."""
    cmd = " ".join(["python -m", module, *sys.argv[1:]])
    print(f"## {title}\n\n`{cmd}` — {machine()}\n", flush=True)


def footer() -> None:
    print("Load average at the end: {:.1f} {:.1f} {:.1f}\n".format(*os.getloadavg()), flush=True)


# --------------------------------------------------------------------------------- the tables


def print_table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A Markdown table, so the output can be pasted into BENCHMARKS.md as it is."""
    rows = [[_cell(v) for v in row] for row in rows]
    widths = [
        max(len(c), *(len(r[i]) for r in rows)) if rows else len(c) for i, c in enumerate(columns)
    ]
    print("| " + " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)) + " |")
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for r in rows:
        print("| " + " | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) + " |")
    print(flush=True)


def _cell(v: object) -> str:
    if isinstance(v, float):
        return f"{v:,.1f}" if abs(v) >= 10 else f"{v:.2f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def goal(ok: bool) -> str:
    return "met" if ok else "**not met**"


def target(name: str, data: str, measured: str, wanted: str, met: bool) -> list[str]:
    """One target of issue 15 as measured: a row for a script's table of targets (target, data,
    measured, goal, met / not met).

    >>> target("click → passages", "100x", "0.42 s", "≤ 0.5 s", True)
    ['click → passages', '100x', '0.42 s', '≤ 0.5 s', 'met']
    """
    return [name, data, measured, wanted, goal(met)]


# ------------------------------------------------------------------------------------- timing


def median_ms(samples: Sequence[float]) -> float:
    return statistics.median(samples) * 1000


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


# ----------------------------------------------------------------------------- data folders


def data_folders(scales: Sequence[int]) -> list[tuple[str, Path]]:
    """("real", data/) and ("10x", …) for each scale, generating the synthetic folder if needed."""
    from bench.synth import ensure_synthetic

    out = [("real", DATA)]
    for scale in scales:
        out.append((f"{scale}x", ensure_synthetic(scale)))
    return out


# ----------------------------------------------------------------------- what the server runs


def served_app(tmp: Path, app: str, folder: Path) -> tuple[Path, dict[str, str]]:
    """A launcher for ``app`` ("dashboard", "naive" or "minimal") showing ``folder``, in ``tmp``.

    Streamlit serves ``static/`` from beside the main script and reads ``.streamlit/`` from the
    working directory, so ``tmp`` gets links to the repository's ``static/`` and ``pages/`` and a
    copy of its config. The dashboard reads its data folder from ``st.session_state["_data_dir"]``
    only, so its launcher puts ``$CORRIDOR_ATLAS_DATA`` there before running ``dashboard.py``.
    Returns (script, extra environment); run the server with ``cwd=tmp``.
    """
    scripts = {
        "dashboard": ROOT / "dashboard.py",
        "naive": ROOT / "bench" / "naive_dashboard.py",
        "minimal": ROOT / "bench" / "minimal_map.py",
    }
    (tmp / ".streamlit").mkdir(parents=True, exist_ok=True)
    (tmp / ".streamlit" / "config.toml").write_bytes(
        (ROOT / ".streamlit" / "config.toml").read_bytes()
    )
    for name in ("static", "pages") if app == "dashboard" else ("static",):
        if not (tmp / name).exists():
            (tmp / name).symlink_to(ROOT / name)
    script = tmp / f"{app}_app.py"
    script.write_text(
        "import os\nimport runpy\n\nimport streamlit as st\n\n"
        f'st.session_state.setdefault({DATA_DIR_KEY!r}, os.environ["CORRIDOR_ATLAS_DATA"])\n'
        f'runpy.run_path({str(scripts[app])!r}, run_name="__main__")\n'
    )
    return script, {"CORRIDOR_ATLAS_DATA": str(folder)}

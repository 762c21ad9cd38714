"""Helpers shared by the benchmark scripts: the machine line, tables, timing and a local server.

Nothing here is timed itself; every script prints its own table through :func:`print_table`.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CHROMIUM = os.environ.get("CORRIDOR_ATLAS_CHROMIUM", "/usr/bin/chromium")
SYNTH_ROOT = Path(os.environ.get("CORRIDOR_ATLAS_BENCH_DATA", "/tmp/corridor-atlas-bench"))
LOOPBACK = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")


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


# ------------------------------------------------------------------------------ a local server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """``streamlit run`` on a free loopback port, stopped (by its own pid) on exit.

    ``env`` is added to the environment; ``cwd`` is where the app and its ``.streamlit/`` live.
    """

    def __init__(self, script: Path, cwd: Path, env: dict[str, str] | None = None, log=None):
        self.script, self.cwd, self.env, self.log = script, cwd, env or {}, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> StreamlitServer:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(self.script),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=self.cwd,
            env={**os.environ, "PYTHONPATH": str(ROOT), **self.env},
            stdout=self.log or subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"streamlit did not become healthy at {self.url}")

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def rss_mib(self) -> float:
        """Resident memory of the server process (psutil if installed, else /proc)."""
        assert self.proc is not None
        try:
            import psutil

            return psutil.Process(self.proc.pid).memory_info().rss / 1024**2
        except ImportError:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")


def launch_chromium(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
        ],
    )


def offline_context(browser, **kwargs):
    """A browser context that aborts every request that would leave the machine."""
    ctx = browser.new_context(viewport={"width": 1500, "height": 1000}, **kwargs)

    def guard(route):
        if route.request.url.startswith(LOOPBACK):
            return route.continue_()
        return route.abort()

    ctx.route("**/*", guard)
    return ctx


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
        'st.session_state.setdefault("_data_dir", os.environ["CORRIDOR_ATLAS_DATA"])\n'
        f'runpy.run_path({str(scripts[app])!r}, run_name="__main__")\n'
    )
    return script, {"CORRIDOR_ATLAS_DATA": str(folder)}

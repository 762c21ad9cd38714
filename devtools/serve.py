"""Serve the app on a free loopback port for the browser tests, the screenshots and the benchmarks.

``streamlit run`` on 127.0.0.1, used once it answers its health check, stopped by its own pid.
Nothing here imports Streamlit (it runs in a child process).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from devtools import ROOT


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """``streamlit run SCRIPT`` on a free loopback port; a context manager.

    >>> with StreamlitServer(ROOT / "dashboard.py") as server:  # doctest: +SKIP
    ...     print(server.url)

    ``env`` is added to the environment (e.g. ``{"CORRIDOR_ATLAS_DATA": "/tmp/copy"}``); ``cwd``
    is where ``.streamlit/`` is read from (the repository by default); ``log`` a file for the
    server's output.
    """

    def __init__(
        self,
        script: Path = ROOT / "dashboard.py",
        cwd: Path = ROOT,
        env: dict[str, str] | None = None,
        log=None,
        timeout: float = 90.0,
    ):
        self.script, self.cwd, self.env, self.log, self.timeout = (
            script,
            cwd,
            env or {},
            log,
            timeout,
        )
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
        deadline = time.monotonic() + self.timeout
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
        raise RuntimeError(f"streamlit did not become healthy at {self.url} in {self.timeout}s")

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

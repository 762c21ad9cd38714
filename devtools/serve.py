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
from collections.abc import Callable
from pathlib import Path

from devtools import ROOT


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(
    url: str,
    proc: subprocess.Popen,
    name: str,
    timeout: float,
    why_exited: Callable[[], str] | None = None,
) -> None:
    """Return once Streamlit's health check at ``url`` answers (directly or through a proxy);
    raise a one-line ``RuntimeError`` if ``proc`` exits first (with ``why_exited()`` if given)
    or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            why = f": {why_exited()}" if why_exited else ""
            raise RuntimeError(f"{name} exited with {proc.returncode}{why}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{name} did not become healthy at {url} in {timeout}s")


class StreamlitServer:
    """``streamlit run SCRIPT`` on a free loopback port; a context manager.

    >>> with StreamlitServer(ROOT / "dashboard.py") as server:  # doctest: +SKIP
    ...     print(server.url)

    ``env`` is added to the environment (e.g. ``{"CORRIDOR_ATLAS_DATA": "/tmp/copy"}``); ``cwd``
    is where ``.streamlit/`` is read from (the repository by default); ``log`` a file for the
    server's output. ``own_session`` starts it in a session of its own (``setsid``): Linux's
    autogroup scheduler then gives it its own share of a busy machine's CPU, as a container
    would have, and a Ctrl-C in the terminal reaches it only through whoever started it.
    """

    def __init__(
        self,
        script: Path = ROOT / "dashboard.py",
        cwd: Path = ROOT,
        env: dict[str, str] | None = None,
        log=None,
        timeout: float = 90.0,
        own_session: bool = False,
    ):
        self.script, self.cwd, self.env, self.log, self.timeout = (
            script,
            cwd,
            env or {},
            log,
            timeout,
        )
        self.own_session = own_session
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> StreamlitServer:
        self.start()
        try:
            self.wait_until_healthy()
        except BaseException:  # Ctrl-C while waiting, too: never leave the server running
            self.__exit__()
            raise
        return self

    def start(self) -> None:
        """Start the server without waiting for it (so that several can start at once)."""
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
            start_new_session=self.own_session,
        )

    def wait_until_healthy(self) -> None:
        """Return once the server answers its health check; raise if it exits or never does."""
        assert self.proc is not None, "start() first"
        wait_until_healthy(self.url, self.proc, "streamlit", self.timeout)

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

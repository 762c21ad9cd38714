#!/usr/bin/env python3
"""The README's two commands, for any machine with Python 3.11+:

    python3 tasks.py run     install the app and start the dashboard
    python3 tasks.py test    install the app with its test tools and run the whole test suite

Outside a virtual environment, both create ``.venv`` here and work inside it, so nothing is
installed into the system Python. Installs use ``constraints.txt`` for reproducible versions.
Extra arguments go to streamlit (run) or pytest (test): ``python3 tasks.py test -k urlstate``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def _in_venv() -> bool:
    return sys.prefix != sys.base_prefix


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _reexec_in_venv() -> None:
    if _in_venv():
        return
    if not _venv_python().exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    os.execv(str(_venv_python()), [str(_venv_python()), __file__, *sys.argv[1:]])


def _pip_install(target: str) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "-c",
            str(ROOT / "constraints.txt"),
            "-e",
            target,
        ],
        check=True,
        cwd=ROOT,
    )


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    _reexec_in_venv()
    task, extra = argv[0], argv[1:]
    if task == "run":
        _pip_install(".")
        cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", *extra]
    else:
        _pip_install(".[test]")
        cmd = [sys.executable, "-m", "pytest", *extra]
    return subprocess.call(cmd, cwd=ROOT)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

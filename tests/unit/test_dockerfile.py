"""The Dockerfile, checked without Docker (the machine that wrote it had no engine): every file it
COPYs exists, the app's files are all in the image, its pip command is the one ``tasks.py run``
uses, and it runs as a non-root user with a health check."""

from __future__ import annotations

import re
import shlex

import pytest

import tasks
from tests.conftest import ROOT

DOCKERFILE = ROOT / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) for every instruction, continuation lines joined."""
    out: list[tuple[str, str]] = []
    pending = ""
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        pending += line.rstrip("\\").strip() + " "
        if not line.endswith("\\"):
            word, _, rest = pending.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
            pending = ""
    return out


def copied() -> list[str]:
    """The sources of every COPY from the build context."""
    sources = []
    for word, args in instructions():
        if word == "COPY" and not args.startswith("--from"):
            sources += shlex.split(args)[:-1]
    return sources


def test_every_file_the_image_copies_exists():
    missing = [src for src in copied() if not (ROOT / src).exists()]
    assert missing == []


@pytest.mark.parametrize("needed", ["dashboard.py", "ui/", "pages/", "static/", "data/", "geo/"])
def test_the_image_has_what_the_app_runs_on(needed):
    assert needed in copied()


def test_the_image_has_every_file_the_screens_read():
    # e.g. the Data page shows ROOT / "docs" / "methodology.md"
    read = set()
    for py in [ROOT / "dashboard.py", *(ROOT / "ui").glob("*.py"), *(ROOT / "pages").glob("*.py")]:
        for parts in re.findall(r'ROOT((?:\s*/\s*"[^"]+")+)', py.read_text(encoding="utf-8")):
            read.add("/".join(re.findall(r'"([^"]+)"', parts)))
    assert "docs/methodology.md" in read  # the search finds what it should
    sources = [src.rstrip("/") for src in copied()]
    not_copied = [p for p in read if not any(p == s or p.startswith(f"{s}/") for s in sources)]
    assert not_copied == []


def test_its_pip_command_is_the_one_tasks_py_run_uses(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.subprocess, "run", lambda cmd, **kw: calls.append(cmd))
    tasks._pip_install(".")
    ours = [arg if arg != str(ROOT / "constraints.txt") else "constraints.txt" for arg in calls[0]]
    ours = ["python" if arg == tasks.sys.executable else arg for arg in ours]

    pip_runs = [shlex.split(a) for w, a in instructions() if w == "RUN" and "pip install" in a]
    assert len(pip_runs) == 1
    # The image's install only adds that pip keeps no download cache in the layer.
    assert [arg for arg in pip_runs[0] if arg != "--no-cache-dir"] == ours


def test_it_runs_as_a_user_who_is_not_root_with_a_health_check():
    words = dict(instructions())
    assert words["USER"] not in ("root", "0")
    assert "/_stcore/health" in words["HEALTHCHECK"]
    assert '"streamlit", "run", "dashboard.py"' in words["CMD"]

"""What the tests share: the paths, the real atlas (loaded once), a private copy of data/, the
command line, a page under AppTest, folder hashes, and a running app in Chromium.

Markers: a test that runs a page under AppTest (:func:`run_app`) is marked ``apptest``; a test
that drives Chromium (the ``page`` fixture) is marked ``browser``. Both are checked when the
test runs, so ``-m "not browser"`` and ``-m "not apptest"`` leave out exactly those tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from devtools import DATA, ROOT
from devtools.browser import (
    chromium_missing,
    full_screenshot,
    launch_chromium,
    offline_context,
)
from devtools.headless import app_test
from devtools.serve import StreamlitServer

TESTS = ROOT / "tests"
ARTIFACTS = TESTS / "artifacts"
DASHBOARD = ROOT / "dashboard.py"
PAGES = [DASHBOARD, *sorted((ROOT / "pages").glob("*.py"))]
GEO = [sys.executable, "-m", "geo"]  # the command line, as a curator runs it


# ------------------------------------------------------------------------------------ the data


@pytest.fixture(scope="session")
def atlas():
    from geo.load import load_atlas

    return load_atlas(DATA)


def copy_data(dest: Path) -> Path:
    """A copy of data/ at ``dest / "data"``; returns it."""
    copy = dest / "data"
    shutil.copytree(DATA, copy)
    return copy


SEEDS = ("9decb243e74ad7b3", "f2840b807d95501f")
"""The two seed interviews the atlas began with."""


def seed_data(dest: Path) -> Path:
    """A copy of data/ at ``dest / "data"`` restricted to the two seed interviews (:data:`SEEDS`):
    their sources, passages, events, links, figures and attributions, and the curated phases of
    their events — a small real atlas that does not grow with the corpus, for tests that count
    what a view holds on a given day."""
    copy = copy_data(dest)
    for f in (copy / "sources").iterdir():
        if f.stem not in SEEDS:
            f.unlink()

    def edit(name: str, change) -> None:
        path = copy / name
        path.write_text(json.dumps(change(json.loads(path.read_text("utf-8"))), ensure_ascii=False))

    def kept(record: dict) -> bool:
        spans = [v for v in record.values() if isinstance(v, dict) and "source" in v]
        spans += [v["span"] for v in record.values() if isinstance(v, dict) and "span" in v]
        return all(s["source"] in SEEDS for s in spans)

    edit("events.json", lambda evs: [e for e in evs if kept(e)])
    events = {e["id"] for e in json.loads((copy / "events.json").read_text("utf-8"))}
    edit("links.json", lambda d: {k: [r for r in v if kept(r)] for k, v in d.items()})
    edit("phases.json", lambda d: {k: [r for r in v if r["event"] in events] for k, v in d.items()})
    for name in ("figures.json", "attributions.json", "people.json"):
        edit(name, lambda rows: [r for r in rows if kept(r)])
    (copy / "versions.json").unlink(missing_ok=True)
    return copy


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory) -> Path:
    """The folder of :func:`seed_data`, made once (tests must not change it)."""
    return seed_data(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="session")
def seed_atlas(seed_dir):
    """The atlas of :func:`seed_data`, loaded once."""
    from geo.load import load_atlas

    return load_atlas(seed_dir)


@pytest.fixture()
def data_copy(tmp_path):
    """A private copy of data/ that a test may break."""
    return copy_data(tmp_path)


def folder_hashes(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (its path relative to ``folder``) with the SHA-256 of its
    bytes: compare two calls to show that nothing was written."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ------------------------------------------------------------------------------ the command line


def run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """``python -m geo ARGS`` in the repository, its output captured as text."""
    return subprocess.run([*GEO, *args], cwd=ROOT, capture_output=True, text=True, **kwargs)


# ------------------------------------------------------------------------------- AppTest pages

_current: dict[str, pytest.Item] = {}


def pytest_runtest_setup(item: pytest.Item) -> None:
    _current["test"] = item


def run_app(page: Path = DASHBOARD, data_dir: Path | None = None, **params):
    """Run ``page`` under AppTest with the link's query ``params``, on ``data_dir`` (data/ when
    None); returns the ``AppTest`` after its first run."""
    test = _current.get("test")
    if test is not None and test.get_closest_marker("apptest") is None:
        pytest.fail(f"{test.nodeid} runs a page under AppTest: mark it @pytest.mark.apptest")
    at = app_test(page, data_dir)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def page_html(at) -> str:
    """Everything the page put in ``st.html`` elements, one element a line."""
    return "\n".join(h.value for h in at.get("html"))


# ------------------------------------------------------------------------------------ Chromium


def skip_unless_ci(why: str | None, tests: str) -> None:
    """When ``why`` says a tool is missing: skip (on a user's machine) or fail (in CI, which
    installs it)."""
    if why:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{tests} must run in CI: {why}")
        pytest.skip(why)


def require_browser() -> None:
    """Skip (on a user's machine) or fail (in CI) when the browser tests cannot run."""
    skip_unless_ci(chromium_missing(), "browser tests")


@contextmanager
def served(log_name: str, env: dict[str, str] | None = None):
    """The dashboard on a free loopback port, its output in tests/artifacts/<log_name>."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with open(ARTIFACTS / log_name, "w") as log, StreamlitServer(env=env, log=log) as server:
        yield server.url


@pytest.fixture(scope="session")
def app_server():
    """The dashboard on a free loopback port; yields its base URL."""
    require_browser()
    with served("streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def seed_server(seed_dir):
    """The dashboard on the seed atlas (:func:`seed_data`); yields its base URL."""
    require_browser()
    with served("streamlit-seed.log", env={"CORRIDOR_ATLAS_DATA": str(seed_dir)}) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture()
def page(request, browser, app_server):
    """A fresh browser page whose every non-loopback request is blocked (offline, no CDN)."""
    if request.node.get_closest_marker("browser") is None:
        pytest.fail(f"{request.node.nodeid} drives Chromium: mark it @pytest.mark.browser")
    blocked: list[str] = []
    ctx = offline_context(browser, blocked=blocked)
    pg = ctx.new_page()
    pg.blocked = blocked  # type: ignore[attr-defined]
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def screenshot(page, name: str) -> None:
    """The whole page as tests/artifacts/<name>.png, to look at after a run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    full_screenshot(page, ARTIFACTS / f"{name}.png")

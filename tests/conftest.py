"""Shared fixtures: the real atlas (loaded once) and a running app for the browser tests."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest

from devtools import DATA, ROOT
from devtools.browser import chromium_missing, launch_chromium, offline_context
from devtools.serve import StreamlitServer

TESTS = ROOT / "tests"
ARTIFACTS = TESTS / "artifacts"


@pytest.fixture(scope="session")
def atlas():
    from geo.load import load_atlas

    return load_atlas(DATA)


@pytest.fixture()
def data_copy(tmp_path):
    """A private copy of data/ that a test may break."""
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


def require_browser() -> None:
    """Skip (on a user's machine) or fail (in CI) when the browser tests cannot run."""
    why = chromium_missing()
    if why:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"browser tests must run in CI: {why}")
        pytest.skip(why)


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
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture()
def page(browser, app_server):
    """A fresh browser page whose every non-loopback request is blocked (offline, no CDN)."""
    blocked: list[str] = []
    ctx = offline_context(browser, blocked=blocked)
    pg = ctx.new_page()
    pg.blocked = blocked  # type: ignore[attr-defined]
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    ctx.close()

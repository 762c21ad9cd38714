"""The app without a browser: a page under Streamlit's AppTest on a chosen data folder, and what
``st_folium`` would send to the browser for a map.

The page tests and ``bench/rerun.py`` run pages under AppTest; the map tests and
``bench/payload.py`` read what the map component is given.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

# Where the pages read their data folder from when it is set (ui/state.py): a test or benchmark
# points a session at a broken, hostile or synthetic copy without touching the environment.
DATA_DIR_KEY = "_data_dir"


def app_test(script: Path, data_dir: Path | None = None, timeout: float = 60.0):
    """``script`` under ``AppTest``, not yet run, showing ``data_dir`` (data/ when None)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=timeout)
    if data_dir is not None:
        at.session_state[DATA_DIR_KEY] = str(data_dir)
    return at


def st_folium_args(fmap, **kwargs) -> dict:
    """The arguments ``st_folium(fmap, **kwargs)`` gives its frontend component (``script``,
    ``html``, ``header``, ``js_links``, ``css_links``, …), captured without running Streamlit."""
    import streamlit_folium

    sent: dict = {}

    def component(**args):
        sent.update(args)
        return args.get("default")

    real = streamlit_folium._component_func
    streamlit_folium._component_func = component
    try:
        # Outside a Streamlit run it warns "missing ScriptRunContext" on every call.
        with contextlib.redirect_stderr(io.StringIO()):
            streamlit_folium.st_folium(fmap, **kwargs)
    finally:
        streamlit_folium._component_func = real
    return sent

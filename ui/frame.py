"""Every page's frame: the navigation, the page settings, the atlas (or its error page) and the
view read from the link — so each page file starts with one call and then lays out its screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from geo.load import Atlas
from geo.urlstate import ViewState
from ui import data
from ui import state as S
from ui import widgets as W

ROOT = Path(__file__).resolve().parent.parent
ICON = "🛤️"
# (file under pages/, title in the navigation, URL path) — the paths are those of the first
# version's pages, so links made then still open the same page.
PAGES = (
    ("1_Sources.py", "Sources", "Sources"),
    ("2_Data.py", "Data", "Data"),
    ("3_About.py", "About", "About"),
    ("4_Try_an_article.py", "Try an article", "Try_an_article"),
    ("5_Changes.py", "What changed", "Changes"),
)


def navigate(map_page: Callable[[], None]) -> None:
    """Run the page the reader asked for; the map (``map_page``) is the home page."""
    pages = [st.Page(map_page, title="Map", icon=":material/map:", default=True)]
    pages += [st.Page(ROOT / "pages" / f, title=t, url_path=u) for f, t, u in PAGES]
    st.navigation(pages).run()


def page(title: str, *, filters: bool = False, own: str | None = None) -> tuple[Atlas, ViewState]:
    """Start a page: its settings, the atlas (or the error page listing every data problem), and
    the view from the link, with the sidebar filters when ``filters``. ``own``: the name of the
    page's own link parameters (see :data:`geo.urlstate.PARAMS`)."""
    st.set_page_config(
        page_title=title if title == "Corridor Atlas" else f"{title} · Corridor Atlas",
        page_icon=ICON,
        layout="wide",
    )
    W.inject_css()
    atlas = data.atlas_or_stop()
    state = S.view(own)
    if filters:
        W.sidebar_filters(atlas, state)
    W.show_notices(atlas)
    return atlas, state

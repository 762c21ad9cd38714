"""The dashboard's screen written the naive way, as the baseline for bench/rerun.py and browser.py.

The same screen as ``dashboard.py`` (:func:`geo.screen.main_screen`, the same widgets, panel and
timeline), but nothing is cached: every rerun reads and checks the data folder again
(``load_atlas``), filters it, rebuilds the whole map with the selection drawn into it and sends it
again. Do not improve this file: it is what we measure against. The data folder is
``st.session_state["_data_dir"]`` (AppTest) or ``$CORRIDOR_ATLAS_DATA``.
"""

import streamlit as st
from streamlit_folium import st_folium

from geo.draw import build_map, clicked_feature_id
from geo.load import load_atlas
from geo.screen import main_screen
from geo.timeline import SELECTION
from ui import data
from ui import state as S
from ui import widgets as W

st.set_page_config(page_title="Corridor Atlas (naive)", layout="wide")
W.inject_css()
atlas = load_atlas(data.data_dir())
state = S.view()
W.sidebar_filters(atlas, state)
screen = main_screen(atlas, state)
pal = screen.palette

st.title("Corridor Atlas", anchor=False)


def _on_map_click() -> None:
    fid = clicked_feature_id(st.session_state.get("map"))
    if fid in atlas.props:
        S.select(fid)


map_col, panel_col = st.columns([3, 2], gap="medium")
with map_col:
    fmap = build_map(
        screen.map.routes,
        screen.map.sites,
        atlas.boundaries,
        colors=pal.colors,
        selected=state.selected,
        project_labels=pal.names,
    )
    st_folium(
        fmap,
        key="map",
        height=560,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        on_change=_on_map_click,
    )
    st.html(f"<div class='ca-legend'>{screen.map.legend}</div>")

with panel_col, st.container(height=620, border=False):
    if screen.selection:
        W.selection_panel(atlas, screen.selection, screen.event)
    else:
        W.overview_panel(atlas, screen.in_view, screen.event)

st.subheader("Timeline", anchor=False)
if screen.timeline_spec:
    st.vega_lite_chart(
        screen.timeline_spec,
        width="stretch",
        key="timeline",
        selection_mode=SELECTION,
        on_select="rerun",
    )

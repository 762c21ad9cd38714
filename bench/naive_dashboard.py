"""The dashboard's screen written the naive way, as the baseline for bench/rerun.py and browser.py.

Same widgets, map, panel and timeline as ``dashboard.py``, but nothing is cached: every rerun
reads and checks the data folder again (``load_atlas``), filters it, rebuilds the whole map and
sends it. The URL is not synchronised. Do not improve this file: it is what we measure against.
The data folder is ``st.session_state["_data_dir"]`` (AppTest) or ``$CORRIDOR_ATLAS_DATA``.
"""

import os

import streamlit as st
from streamlit_folium import st_folium

from geo.draw import build_map, clicked_feature_id, legend_html, project_colors
from geo.filter import filter_atlas, with_selected
from geo.load import DEFAULT_DATA_DIR, load_atlas
from geo.timeline import SELECTION, default_window, timeline_chart, timeline_frame
from ui import state as S
from ui import widgets as W

st.set_page_config(page_title="Corridor Atlas (naive)", layout="wide")
W.inject_css()
data_dir = st.session_state.get("_data_dir") or os.environ.get("CORRIDOR_ATLAS_DATA")
atlas = load_atlas(data_dir or DEFAULT_DATA_DIR)
W.sidebar_filters(atlas)
state = S.current_state(atlas)
view = filter_atlas(atlas, state.filters)
names = W.project_names(atlas)
colors = project_colors(names)
selected = state.selected

st.title("Corridor Atlas", anchor=False)


def _on_map_click() -> None:
    fid = clicked_feature_id(st.session_state.get("map"))
    if fid in atlas.props:
        S.select(fid)


map_col, panel_col = st.columns([3, 2], gap="medium")
with map_col:
    shown = with_selected(view.features, atlas.features, selected)
    routes, sites = shown[shown["is_route"]], shown[~shown["is_route"]]
    fmap = build_map(
        routes, sites, atlas.boundaries, colors=colors, selected=selected, project_labels=names
    )
    st_folium(
        fmap,
        key="map",
        height=560,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked_tooltip"],
        on_change=_on_map_click,
    )
    st.html(
        f"<div class='ca-legend'>{legend_html(routes, sites, colors, names, svg_as_img=True)}</div>"
    )

with panel_col, st.container(height=620, border=False):
    if selected:
        W.selection_panel(atlas, selected, state)
    else:
        W.overview_panel(atlas, view, state)

st.subheader("Timeline", anchor=False)
frame = timeline_frame(view.events, {k: v.title for k, v in atlas.sources.items()}, names)
if len(frame):
    start, end, _earlier = default_window(frame)
    frame = frame[frame["end"] >= start]
    st.altair_chart(
        timeline_chart(
            frame, {names[p]: c for p, c in colors.items() if p in names}, window=(start, end)
        ),
        width="stretch",
        key="timeline",
        selection_mode=SELECTION,
        on_select="rerun",
    )

"""Corridor Atlas — the map, the timeline and the source passages side by side."""

import streamlit as st
from streamlit_folium import st_folium

from geo.draw import (
    build_map,
    clicked_feature_id,
    legend_html,
    project_colors,
    selection_layer,
    view_of,
)
from geo.filter import events_of, with_selected
from geo.timeline import (
    SELECTION,
    default_window,
    selected_event_id,
    timeline_frame,
    with_highlight,
)
from ui import state as S
from ui import widgets as W

atlas, state, view = W.filtered_page("Corridor Atlas")
names = W.project_names(atlas)
colors = project_colors(names)
selected = state.selected

st.title("Corridor Atlas", anchor=False)
st.caption(
    "Transport corridors between China and Central Asia — where they run, what happened "
    "when, and who said so."
)
W.show_notices()
if S.link_version() and S.link_version() != atlas.version:
    st.info(
        f"This link was made on data version {S.link_version()}; the atlas now shows version "
        f"{atlas.version}, so some details may differ."
    )
W.share_link(state)


def _on_map_click() -> None:
    fid = clicked_feature_id(st.session_state.get("map"))
    if fid in atlas.props:
        S.select(fid)


def _on_timeline_click() -> None:
    eid = selected_event_id(st.session_state.get("timeline"))
    if eid is not None:
        ev = atlas.events.set_index("id").loc[eid]
        S.select(ev["features"][0] if len(ev["features"]) else st.session_state.get(S.K_SEL), eid)


map_col, panel_col = st.columns([3, 2], gap="medium")
# The panel first: its passages reach the browser before the map's heavier payload.
with panel_col, st.container(height=620, border=False):
    if state.query:
        W.search_results(atlas, state.query)
    if selected:
        W.selection_panel(atlas, selected, state)
    else:
        W.overview_panel(atlas, view, state)

with map_col:
    if selected and selected not in view.features.index:
        st.caption("The selected feature is outside the current filters; it is drawn anyway.")
    shown = with_selected(view.features, atlas.features, selected)
    routes, sites = shown[shown["is_route"]], shown[~shown["is_route"]]
    # The map is the same for every selection: the selection is drawn over it and the view
    # moved to it without the map being built and loaded again. A new map (new filters) fits
    # its first view to the selection of that moment.
    fmap = build_map(
        routes,
        sites,
        atlas.boundaries,
        colors=colors,
        project_labels=names,
        outlines=S.outlines(atlas),
        fit_to=S.map_fit_target(state),
    )
    center, zoom = view_of(routes, sites, selected)
    st_folium(
        fmap,
        key="map",
        height=560,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked_tooltip"],
        on_change=_on_map_click,
        feature_group_to_add=selection_layer(routes, sites, selected, colors, names),
        center=center,
        zoom=zoom,
    )
    st.html(
        f"<div class='ca-legend'>{legend_html(routes, sites, colors, names, svg_as_img=True)}</div>"
    )

st.subheader("Timeline", anchor=False)
highlight = set(events_of(atlas, selected)["id"]) if selected else set()
if state.event:
    highlight.add(state.event)
frame = timeline_frame(view.events, {k: v.title for k, v in atlas.sources.items()}, names)
if len(frame):
    window = None
    if not (state.filters.date_from or state.filters.date_to):
        start, end, earlier = default_window(frame)
        frame, window = frame[frame["end"] >= start], (start, end)
        if earlier:
            st.caption(
                f"{earlier} earlier event(s) before {start.year} are not drawn; choose "
                "“Events from” in the sidebar to see them."
            )
    timeline_colors = {names[p]: c for p, c in colors.items() if p in names}
    spec = S.timeline_spec(atlas, state, frame, timeline_colors, window)
    st.vega_lite_chart(
        with_highlight(spec, highlight),
        width="stretch",
        key="timeline",
        on_select=_on_timeline_click,
        selection_mode=SELECTION,
    )
else:
    st.info("No dated events in view. Widen the filters or the date range.")

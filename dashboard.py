"""Corridor Atlas — the frame of every page, and the map page: the map, the timeline and the
source passages side by side. What it shows comes from :func:`geo.screen.main_screen`."""

import streamlit as st
from streamlit_folium import st_folium

from geo.draw import clicked_feature_id, moved_to, state_layer
from geo.filter import event_target
from geo.screen import main_screen
from geo.timeline import SELECTION, selected_event_id
from ui import data, frame, playback
from ui import state as S
from ui import widgets as W


def _on_map_change() -> None:
    returned = st.session_state.get("map")
    position = moved_to(returned)
    if position is not None:
        S.move_map(position)  # part of the link to share
    elif (fid := clicked_feature_id(returned)) is not None:
        S.select(fid)


def _on_timeline_click() -> None:
    eid = selected_event_id(st.session_state.get("timeline"))
    if eid is not None:
        W.select_and_reveal(event_target(data.atlas_or_stop(), eid), eid, W.EVIDENCE_ID)


def map_page() -> None:
    _map_page()
    playback.next_frame_later()  # while playing: the next year, once this one is drawn


def _map_page() -> None:
    atlas, state = frame.page("Corridor Atlas", filters=True)
    screen = main_screen(atlas, state, data.shown(atlas, state))
    shown = screen.in_view

    W.skip_link()
    st.title("Corridor Atlas", anchor=False)
    st.caption(
        "Transport corridors between China and Central Asia — where they run, what happened "
        "when, and who said so."
    )
    W.share_link(state)

    map_col, panel_col = st.columns([3, 2], gap="medium")
    # The panel first: its passages reach the browser before the map's heavier payload.
    with panel_col, st.container(key="panel"):
        W.panel_anchor()
        found = screen.search
        card = screen.speaker or screen.selection
        # The card of what is chosen first, the search folded under it; with nothing chosen,
        # the search first, open, then the overview.
        if found and not card:
            with st.expander(W.search_title(found), expanded=True):
                W.search_results(atlas, found)
        if screen.speaker:
            W.speaker_panel(atlas, screen.speaker)
        elif screen.selection:
            W.selection_panel(atlas, screen.selection, screen.event)
        else:
            W.overview_panel(atlas, shown, screen.event)
        if found and card:
            with st.expander(W.search_title(found)):
                W.search_results(atlas, found)

    with map_col:
        st.html("<h2 class='ca-sr'>Map</h2>")
        playback.time_bar(atlas, state)
        with st.container():  # one element whatever it holds: the map below keeps its place
            W.as_of_note(state, shown)
            if shown.map.notice:
                st.caption(shown.map.notice)
            if screen.selection and screen.selection.outside_filters:
                st.caption("The selected feature is outside the current filters; it is drawn anyway.")
        # The map's script is the same for every view (its layers are static files that the
        # browser keeps): a rerun sends only the view's state, and the map stays.
        st_folium(
            data.atlas_map(atlas),
            key="map",
            height=560,
            use_container_width=True,
            returned_objects=["last_active_drawing"],
            on_change=_on_map_change,
            feature_group_to_add=state_layer(screen.map.state),
        )
    # Under the map and the panel, so that on a phone the passages come right after the map.
    st.html(f"<div class='ca-legend'><h2 class='ca-sr'>Map legend</h2>{screen.map.legend}</div>")

    st.header("Timeline", anchor=False)
    timeline = shown.timeline
    W.reveal_pending()
    if timeline is None:
        st.info("No dated events in view. Widen the filters or the date range.")
        return
    if timeline.earlier:
        st.caption(
            f"{timeline.earlier} earlier event(s) before {timeline.window[0].year} are not drawn; "
            "choose “Events from” in the sidebar to see them."
        )
    st.vega_lite_chart(
        screen.timeline_spec,
        width="stretch",
        key="timeline",
        on_select=_on_timeline_click,
        selection_mode=SELECTION,
    )
    with st.expander(f"The timeline's {len(timeline.frame)} events as a list"):
        W.events_list(atlas, timeline.frame.sort_values("start", ascending=False), key="timeline")


frame.navigate(map_page)

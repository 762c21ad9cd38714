"""The map page's time bar: the "as of" slider and the play button that steps it through the years.

The slider is the widget of the ``asof`` view parameter (:data:`geo.urlstate.PARAMS`), bound to the
URL like every other (``ui.state``): it stands on "today" when the view has no date. Playing keeps
the frames still to show (:func:`geo.asof.play_frames`) in the session; once the page has drawn a
frame, :func:`next_frame_later` waits :data:`FRAME_SECONDS`, moves the view to the next frame and
reruns the page; the last frame is today (the view without a date). Pressing Stop (or moving the
slider) interrupts the wait, as any click interrupts a run, and ends the playback.

Why not a fragment with ``run_every``: a fragment's timed rerun carries the browser's copy of the
widgets, in which the slider may still stand where it stood before the frame the server just set,
and the slider's callback would then take the view back.
"""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

from geo.asof import play_frames, stop_label, year_stops
from geo.load import Atlas
from geo.urlstate import BY_KEY, ViewState
from ui import state as S

FRAME_SECONDS = 0.9  # one frame per year with a change: a 30-year history plays in ~30 s
_FRAMES = "_play_frames"  # ISO dates still to show ("" for today), while playing
ASOF = BY_KEY["asof"]


def playing() -> bool:
    return _FRAMES in st.session_state


def _stop() -> None:
    st.session_state.pop(_FRAMES, None)


def _step() -> None:
    """Show the next frame (the view moves to its date), or end the playback after the last."""
    frames = st.session_state.get(_FRAMES) or []
    if not frames:
        _stop()
        return
    nxt, rest = frames[0], frames[1:]
    if rest:
        st.session_state[_FRAMES] = rest
    else:
        _stop()
    S.change(as_of=dt.date.fromisoformat(nxt) if nxt else None)


def _play(atlas: Atlas) -> None:
    """Callback of Play: the frames from the first year with a change to today, the first now."""
    frames = play_frames(atlas, dt.date.today())
    st.session_state[_FRAMES] = [d.isoformat() if d else "" for d in frames]
    _step()


def _slider_moved() -> None:
    _stop()
    S.widget_changed(ASOF.key)


def time_bar(atlas: Atlas, state: ViewState) -> None:
    """Play/Stop and the "as of" slider."""
    today = dt.date.today()
    stops = year_stops(atlas, today)
    if state.as_of is not None and state.as_of not in stops:
        stops = sorted({*stops, state.as_of})
    button, slider = st.columns([2, 7], vertical_alignment="bottom")
    if playing():
        button.button("■ Stop", key="play", on_click=_stop, width="stretch")
    else:
        button.button(
            "▶ Play",
            key="play",
            on_click=_play,
            args=(atlas,),
            width="stretch",
            help="Step through the years in which something changed, ending on today.",
        )
    slider.select_slider(
        ASOF.label,
        options=stops,
        format_func=lambda d: stop_label(d, today),
        key=S.widget_key(ASOF),
        on_change=_slider_moved,
        help=ASOF.help,
    )


def next_frame_later() -> None:
    """While playing, at the end of the page: wait, then show the next frame (a new run)."""
    if playing():
        time.sleep(FRAME_SECONDS)
        _step()
        st.rerun()

"""The view in a Streamlit session: the URL is its one source of truth.

Every run, :func:`view` reads the query string (or, when a page switch dropped it, the session's
copy of the last one), decodes it through the table in :mod:`geo.urlstate`, writes the canonical
form back to the address bar, and sets each sidebar widget's value from it. A widget never holds a
value of its own: its ``on_change`` callback turns the new value into a new view and writes that
to the URL (:func:`commit`), and the run that follows reads it back. So a value has one form
between runs (the query string) and one in a run (a :class:`~geo.urlstate.ViewState`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from geo.urlstate import (
    BY_KEY,
    PARAMS,
    Param,
    ViewState,
    cleared,
    decode,
    encode,
    link_with,
    replace,
)
from ui import data

_QUERY = "_view_query"  # the canonical query string of the last view, for page switches
_PAGE = "_view_page"
_NOTICES = "_view_notices"  # what was dropped from the link, shown until the view changes
_MADE_ON = "_view_made_on"  # the older data version the opened link was made on, until then too


def widget_key(p: Param) -> str:
    """The session key of the widget that edits parameter ``p``."""
    return f"w_{p.key}"


def _widget_value(p: Param, value: Any) -> Any:
    if p.widget == "slider":  # the time slider stands on today when the view has no date
        return value or dt.date.today()
    return list(value) if p.kind == "list" else value


def _from_widget(p: Param, value: Any) -> Any:
    if p.kind == "list":
        return tuple(sorted(value or ()))
    if p.kind == "text":
        return (value or "").strip()
    if p.widget == "slider" and value == dt.date.today():
        return None  # today is the view without a date
    if p.kind == "date":
        return value if isinstance(value, dt.date) else None
    return value or None


def _query_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def view(page: str | None = None) -> ViewState:
    """The view this run shows: decoded from the link, written back in canonical form, and
    mirrored into the widgets' state. ``page``: the page's own parameters (e.g. ``sources``)."""
    atlas = data.atlas_or_stop()
    in_url = _query_params()
    raw = in_url
    remembered = st.session_state.get(_QUERY)
    if not raw and remembered:
        # Streamlit drops the query string when the reader switches pages: the session's copy
        # of the last view puts it back.
        raw = {k: [v] for k, v in remembered.items()}
    state, notices = decode(raw, data.vocabulary(atlas), page)
    canonical = encode(state, page)
    if notices:
        st.session_state[_NOTICES] = notices
    made_on = (in_url.get(BY_KEY["v"].key) or [None])[-1]
    if made_on and made_on != atlas.version:
        st.session_state[_MADE_ON] = made_on
    if {k: ",".join(v) for k, v in in_url.items()} != canonical:
        st.query_params.from_dict(canonical)
    st.session_state[_QUERY] = canonical
    st.session_state[_PAGE] = page
    for p in PARAMS:
        if p.widget:
            st.session_state[widget_key(p)] = _widget_value(p, getattr(state, p.field))
    return state


def notices() -> list[str]:
    """What was dropped from the link the reader opened, until they change the view."""
    return list(st.session_state.get(_NOTICES) or [])


def made_on() -> str | None:
    """The data version of the link the reader opened when it is older than the atlas, until
    they change the view."""
    return st.session_state.get(_MADE_ON)


def current() -> ViewState:
    """The view of this run, as :func:`view` decoded it (for callbacks, which run before)."""
    atlas = data.atlas_or_stop()
    remembered = st.session_state.get(_QUERY) or {}
    page = st.session_state.get(_PAGE)
    return decode(remembered, data.vocabulary(atlas), page)[0]


def link(**changes: Any) -> str:
    """An in-app link to the current view with some fields changed (``link(who="zhu")``)."""
    return link_with("./", current(), **changes)


def commit(state: ViewState) -> None:
    """Make ``state`` the view: write it to the URL (the run that follows reads it back)."""
    canonical = encode(state, st.session_state.get(_PAGE))
    st.session_state[_QUERY] = canonical
    st.session_state.pop(_NOTICES, None)
    st.session_state.pop(_MADE_ON, None)
    st.query_params.from_dict(canonical)


def change(**fields: Any) -> None:
    """Callback: change some fields of the view (``change(selected="horgos")``)."""
    commit(replace(current(), **fields))


def widget_changed(key: str) -> None:
    """Callback of the widget for parameter ``key``: its new value becomes the view's."""
    p = BY_KEY[key]
    # A new filter frames what it leaves, not the position the reader had moved the map to; the
    # time slider changes no frame (the map keeps today's, geo.screen.in_view), so it keeps it.
    moved = {"map_view": None} if p.filter and p.widget != "slider" else {}
    change(**{p.field: _from_widget(p, st.session_state.get(widget_key(p)))}, **moved)


def select(feature_id: str | None, event_id: str | None = None) -> None:
    """Callback: select a feature (and an event, or none); a speaker's card gives way to it,
    and the map frames it (whatever position the reader had moved the map to)."""
    change(selected=feature_id, event=event_id, who=None, map_view=None)


def move_map(position: tuple[float, float, int]) -> None:
    """Callback: the reader moved the map; its position becomes part of the view (and of the
    link to share)."""
    change(map_view=position)


def show_speaker(person_id: str | None) -> None:
    """Callback: show a person's or organisation's card (None: close it); the selection stays,
    so closing the card shows the feature again."""
    change(who=person_id)


def clear_all() -> None:
    """Callback: every filter, the search, the selection and the event cleared."""
    commit(cleared(current()))

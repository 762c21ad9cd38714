"""Streamlit glue shared by every page: the cached atlas, the URL ↔ widget state, selection.

Everything computed comes from ``geo``; this module only moves values between the URL, the
session and the widgets.
"""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from geo.draw import outlines_geojson
from geo.filter import Filters
from geo.load import DEFAULT_DATA_DIR, Atlas, AtlasInvalid, load_atlas
from geo.search import SearchIndex
from geo.timeline import timeline_chart
from geo.urlstate import ViewState, Vocabulary, decode, encode, vocabulary

# Widget keys in st.session_state.
K_COUNTRY, K_PROJECT, K_KIND, K_STATUS, K_SOURCE = (
    "f_country",
    "f_project",
    "f_kind",
    "f_status",
    "f_source",
)
K_FROM, K_TO, K_SEL, K_EVENT, K_QUERY = "f_from", "f_to", "sel", "event", "q"
FILTER_KEYS = {
    K_COUNTRY: "countries",
    K_PROJECT: "projects",
    K_KIND: "kinds",
    K_STATUS: "statuses",
    K_SOURCE: "sources",
}
_URL_READ = "_url_read"
_NOTICES = "_url_notices"
_LINK_VERSION = "_link_version"


# The atlas is read-only and shared by every session; st.cache_data would pickle and copy it
# (geometry, the linker's automaton, the search index) on every rerun, which is the dominant cost
# of a rerun once the corpus grows, so it is cached as a resource and never mutated.
@st.cache_resource(show_spinner="Loading the atlas…")
def _load(data_dir: str) -> Atlas:
    return load_atlas(data_dir)


@st.cache_resource(show_spinner=False)
def _index(data_dir: str, version: str) -> SearchIndex:
    atlas = _load(data_dir)
    return SearchIndex(dict(zip(atlas.passages["passage_id"], atlas.passages["text"], strict=True)))


@st.cache_resource(show_spinner=False)
def _outlines(data_dir: str, version: str) -> dict:
    atlas = _load(data_dir)
    return outlines_geojson(atlas.boundaries, around=tuple(atlas.features.total_bounds))


@st.cache_data(show_spinner=False, max_entries=256)
def _timeline_spec(version: str, view_key: str, _frame: pd.DataFrame, colors: dict, window):
    return timeline_chart(_frame, colors, window=window).to_dict()


def timeline_spec(
    atlas: Atlas, state: ViewState, frame: pd.DataFrame, colors: dict, window
) -> dict:
    """The timeline's Vega-Lite spec for the events in view, built once per data version and
    filters (the frame follows from them, so it is not hashed on every rerun); highlighting is
    applied per rerun with geo.timeline.with_highlight."""
    return _timeline_spec(atlas.version, repr(state.filters), frame, colors, window)


def outlines(atlas: Atlas) -> dict:
    """The map's country outlines, simplified once per data version."""
    return _outlines(data_dir(), atlas.version)


@st.cache_resource(show_spinner=False)
def _vocab(data_dir: str, version: str) -> Vocabulary:
    return vocabulary(_load(data_dir))


def data_dir() -> str:
    """The data folder: a test's ``_data_dir`` in the session, else the ``CORRIDOR_ATLAS_DATA``
    environment variable (set by whoever starts the server; never from a request), else data/."""
    return str(
        st.session_state.get("_data_dir")
        or os.environ.get("CORRIDOR_ATLAS_DATA")
        or DEFAULT_DATA_DIR
    )


def atlas_or_stop() -> Atlas:
    """The loaded atlas, or an error page listing every data problem (never a traceback)."""
    try:
        return _load(data_dir())
    except AtlasInvalid as e:
        st.error(
            f"The atlas cannot be shown: its data has {len(e.problems)} problem(s). "
            "Fix them and run `python -m geo validate` to check."
        )
        st.dataframe(
            [{"file": p.file, "id": p.id, "problem": p.message} for p in e.problems],
            hide_index=True,
            width="stretch",
        )
        st.stop()
        raise  # unreachable: st.stop() raises


def search_index(atlas: Atlas) -> SearchIndex:
    return _index(data_dir(), atlas.version)


def read_url_once(atlas: Atlas) -> None:
    """On a session's first run, put the view named by the URL into the widgets' state."""
    if st.session_state.get(_URL_READ):
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    state, notices = decode(params, _vocab(data_dir(), atlas.version))
    f = state.filters
    for key, attr in FILTER_KEYS.items():
        st.session_state[key] = list(getattr(f, attr))
    st.session_state[K_FROM] = f.date_from
    st.session_state[K_TO] = f.date_to
    st.session_state[K_SEL] = state.selected
    st.session_state[K_EVENT] = state.event
    st.session_state[K_QUERY] = state.query
    st.session_state[_LINK_VERSION] = state.version
    st.session_state[_NOTICES] = notices
    st.session_state[_URL_READ] = True


def current_state(atlas: Atlas) -> ViewState:
    """The view the widgets describe now."""
    ss = st.session_state
    filters = Filters(
        **{attr: tuple(sorted(ss.get(key) or ())) for key, attr in FILTER_KEYS.items()},
        date_from=ss.get(K_FROM),
        date_to=ss.get(K_TO),
    )
    sel = ss.get(K_SEL)
    return ViewState(
        filters=filters,
        selected=sel if sel in atlas.props else None,
        event=ss.get(K_EVENT),
        query=(ss.get(K_QUERY) or "").strip(),
        version=atlas.version,
    )


def write_url(state: ViewState) -> None:
    """Mirror ``state`` in the address bar (only when it changed, to avoid needless reruns)."""
    wanted = encode(state)
    have = {k: ",".join(st.query_params.get_all(k)) for k in st.query_params}
    if have != wanted:
        st.query_params.from_dict(wanted)


def notices() -> list[str]:
    return list(st.session_state.get(_NOTICES) or [])


def link_version() -> str | None:
    return st.session_state.get(_LINK_VERSION)


def select(feature_id: str | None, event_id: str | None = None) -> None:
    """Callback: select a feature (and optionally an event)."""
    st.session_state[K_SEL] = feature_id
    st.session_state[K_EVENT] = event_id


def clear_filters() -> None:
    """Callback: every filter back to "all", selection and search cleared."""
    for key in FILTER_KEYS:
        st.session_state[key] = []
    st.session_state[K_FROM] = None
    st.session_state[K_TO] = None
    st.session_state[K_SEL] = None
    st.session_state[K_EVENT] = None
    st.session_state[K_QUERY] = ""


def keep_state() -> None:
    """Keep the dashboard's filters and selection while the person visits another page.

    Streamlit forgets a widget's value when a page that does not draw the widget runs; writing
    the values back into session state makes them plain state that survives the visit.
    """
    for key in (*FILTER_KEYS, K_FROM, K_TO, K_SEL, K_EVENT, K_QUERY):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def methodology_path() -> str:
    from pathlib import Path

    return str(Path(__file__).resolve().parent.parent / "docs" / "methodology.md")


def map_fit_target(state: ViewState) -> str | None:
    """The feature a map is first fitted to: the selection when the map (its filters) was made.

    The map's script must not change with the selection (that would load the map again), so the
    fit target only follows the selection when the filters change; later selections move the
    view through st_folium's center and zoom instead.
    """
    key = repr(state.filters)
    fit = st.session_state.get("_map_fit")
    if fit is None or fit[0] != key:
        fit = (key, state.selected)
        st.session_state["_map_fit"] = fit
    return fit[1]

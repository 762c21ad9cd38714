"""The atlas and what is computed from it once, cached for every session of the server.

Caching wraps pure functions of ``geo`` here and nowhere else. The atlas is read-only and shared:
``st.cache_data`` would pickle and copy it (geometry, the linker's automaton, the search index) on
every rerun, so it is cached as a resource and never mutated; so are the values built from it,
keyed by the data version (and, for a view, by its filters).
"""

from __future__ import annotations

import logging

import folium
import streamlit as st

from geo.changes import CorridorChanges, by_corridor, changes_in, changes_since
from geo.draw import MapParts
from geo.draw import atlas_map as _atlas_map
from geo.filter import vocabulary as _vocabulary
from geo.load import Atlas, AtlasInvalid, default_data_dir, load_atlas, loading_note
from geo.publish import Published, published
from geo.screen import InView, in_view, map_parts_of, palette, timeline_rows_of
from geo.urlstate import ViewState, Vocabulary, filter_key
from geo.versions import changed_since

_LOG = logging.getLogger(__name__)
_UNWRITTEN: set[str] = set()  # data versions whose static files could not be written (warned)


def data_dir() -> str:
    """The data folder: a test's ``_data_dir`` in the session, else the ``CORRIDOR_ATLAS_DATA``
    environment variable (set by whoever starts the server; never from a request), else data/."""
    return str(st.session_state.get("_data_dir") or default_data_dir())


@st.cache_resource(show_spinner=False)
def _load(folder: str) -> Atlas:
    return load_atlas(folder)


def atlas_or_stop() -> Atlas:
    """The loaded atlas, or an error page listing every data problem (never a traceback). While
    it loads (once per data folder: the spinner shows only past half a second), the page says
    how much there is to read and for how long it has been reading."""
    folder = data_dir()
    try:
        with st.spinner(loading_note(folder), show_time=True):
            return _load(folder)
    except AtlasInvalid as e:
        st.error(
            f"The atlas cannot be shown: its data has {len(e.problems)} problem(s). "
            "Fix them and run `python -m geo validate` to check."
        )
        st.dataframe(
            [{"file": p.file, "id": p.id, "problem": p.message} for p in e.problems],
            hide_index=True,
            width="stretch",
            placeholder="",
        )
        st.stop()
        raise  # unreachable: st.stop() raises


@st.cache_resource(show_spinner=False)
def _vocab(folder: str, version: str) -> Vocabulary:
    return _vocabulary(_load(folder))


def vocabulary(atlas: Atlas) -> Vocabulary:
    """The values a link may name, with their labels (once per data version)."""
    return _vocab(data_dir(), atlas.version)


@st.cache_resource(show_spinner=False)
def _parts(folder: str, version: str) -> tuple[MapParts, Published]:
    atlas = _load(folder)
    parts = map_parts_of(atlas)
    return parts, published({**parts.json, "timeline": timeline_rows_of(atlas)}, version)


def _published_urls(atlas: Atlas) -> dict[str, str] | None:
    """The addresses of what the data version publishes (the map's layers, the timeline's rows:
    :mod:`geo.publish`), written when missing (checked on every run, so a deleted folder is
    written again); None where they cannot be written, and the pages then carry them inline."""
    files = _parts(data_dir(), atlas.version)[1]
    try:
        files.write()
    except OSError as e:
        if atlas.version not in _UNWRITTEN:
            _UNWRITTEN.add(atlas.version)
            _LOG.warning("the atlas's static files cannot be written (%s); sent inline", e)
        return None
    return files.urls()


def atlas_map(atlas: Atlas) -> folium.Map:
    """The atlas's map for ``st_folium``: the same for every view; its layers are static files
    that the browser keeps (inline where they cannot be written)."""
    parts = _parts(data_dir(), atlas.version)[0]
    return _atlas_map(parts, version=atlas.version, urls=_published_urls(atlas))


@st.cache_resource(show_spinner=False, max_entries=256)
def _in_view(
    folder: str, version: str, key: tuple, timeline: str | None, _state: ViewState
) -> InView:
    return in_view(_load(folder), _state, timeline_source=timeline)


@st.cache_resource(show_spinner=False, max_entries=64)
def _changes(folder: str, version: str, key: tuple, since, _state: ViewState) -> list:
    atlas = _load(folder)
    view = shown(atlas, _state).view
    return by_corridor(changes_since(atlas, since, view), palette(atlas).names)


def changes(atlas: Atlas, state: ViewState) -> list[CorridorChanges]:
    """What changed after the view's ``since`` day among its features, by corridor (once per
    data version, filters and day)."""
    return _changes(data_dir(), atlas.version, filter_key(state), state.since, state)


@st.cache_resource(show_spinner=False)
def _since_version(folder: str, version: str, made_on: str) -> list | None:
    atlas = _load(folder)
    ids = changed_since(atlas.versions, made_on)
    return None if ids is None else by_corridor(changes_in(atlas, ids), palette(atlas).names)


def since_version(atlas: Atlas, made_on: str) -> list[CorridorChanges] | None:
    """What the data versions recorded after ``made_on`` brought, by corridor (None when the
    history does not know that version)."""
    return _since_version(data_dir(), atlas.version, made_on)


def shown(atlas: Atlas, state: ViewState) -> InView:
    """:func:`geo.screen.in_view` of the view's filters, computed once per data version and
    filters (the selection does not change it); its timeline reads the published rows."""
    urls = _published_urls(atlas)
    timeline = urls["timeline"] if urls else None
    return _in_view(data_dir(), atlas.version, filter_key(state), timeline, state)

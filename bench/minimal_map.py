"""A minimal streamlit-folium page drawing the same map as the dashboard: the browser baseline.

The atlas is loaded once (cached); each run builds the unfiltered map with ``geo.draw.build_map``
(routes, sites and country outlines, Leaflet served locally) and hands it to ``st_folium``.
Nothing else is on the page. The data folder is ``$CORRIDOR_ATLAS_DATA`` (default ``data/``).
"""

import os

import streamlit as st
from streamlit_folium import st_folium

from geo.draw import build_map, project_colors
from geo.load import DEFAULT_DATA_DIR, load_atlas

st.set_page_config(page_title="Minimal map", layout="wide")


@st.cache_resource
def _atlas(data_dir: str):
    return load_atlas(data_dir)


atlas = _atlas(os.environ.get("CORRIDOR_ATLAS_DATA") or str(DEFAULT_DATA_DIR))
features = atlas.features
fmap = build_map(
    features[features["is_route"]],
    features[~features["is_route"]],
    atlas.boundaries,
    colors=project_colors(features["project"]),
)
st_folium(fmap, key="map", height=560, use_container_width=True, returned_objects=[])

"""Data: the features in view with their measures, downloads, and how the data was made."""

import streamlit as st

from geo.export import export_csv, export_geojson, feature_table
from ui import state as S
from ui import widgets as W

atlas, state, view = W.filtered_page("Data · Corridor Atlas")
W.show_notices()

st.title("Data", anchor=False)
st.caption(
    f"{len(view.features)} of {len(atlas.features)} features under the current filters · "
    f"data version {atlas.version}"
)
st.dataframe(
    feature_table(view.features),
    hide_index=True,
    width="stretch",
    column_config={
        "length_km": st.column_config.NumberColumn("length (km)", format="%.0f"),
        "source": st.column_config.LinkColumn("coordinate source"),
    },
)
c1, c2 = st.columns(2)
c1.download_button(
    "Download GeoJSON",
    export_geojson(view.features),
    file_name=f"corridor-atlas-{atlas.version}.geojson",
    mime="application/geo+json",
    width="stretch",
)
c2.download_button(
    "Download CSV",
    export_csv(view.features),
    file_name=f"corridor-atlas-{atlas.version}.csv",
    mime="text/csv",
    width="stretch",
)

st.header("Methodology", anchor=False)
st.markdown(open(S.methodology_path(), encoding="utf-8").read())

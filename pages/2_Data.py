"""Data: the features in view with their measures, downloads, and how the data was made."""

import streamlit as st

from geo.export import export_csv, export_geojson, feature_table
from ui import data, frame

atlas, state = frame.page("Data", filters=True)
features = data.shown(atlas, state).view.features

st.title("Data", anchor=False)
st.caption(
    f"{len(features)} of {len(atlas.features)} features under the current filters · "
    f"data version {atlas.version}"
)
st.dataframe(
    feature_table(features),
    hide_index=True,
    width="stretch",
    column_config={
        "length_km": st.column_config.NumberColumn("length (km)", format="%.0f"),
        "source": st.column_config.LinkColumn("coordinate source"),
    },
)
c1, c2 = st.columns(2)
for col, fmt, payload, mime in (
    (c1, "GeoJSON", export_geojson(features), "application/geo+json"),
    (c2, "CSV", export_csv(features), "text/csv"),
):
    col.download_button(
        f"Download {fmt}",
        payload,
        file_name=f"corridor-atlas-{atlas.version}.{fmt.lower()}",
        mime=mime,
        width="stretch",
    )

st.header("Methodology", anchor=False)
st.markdown((frame.ROOT / "docs" / "methodology.md").read_text(encoding="utf-8"))

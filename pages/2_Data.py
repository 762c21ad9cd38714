"""Data: the features, events and passages in view, each as a table with its downloads (the same
rows in the same order), and how the data was made. What it shows comes from
:func:`geo.screen.data_screen`."""

import streamlit as st

from geo.screen import data_screen
from ui import data, frame
from ui import widgets as W

COLUMNS = {
    "km_by_country": "km by country",
    "length_km": st.column_config.NumberColumn("length (km)", format="%.0f"),
    "geometry_quality": "geometry",
    "geometry_source_url": st.column_config.LinkColumn("coordinate source"),
    "source_name": "source",
    "date_text": "date as written",
}

atlas, state = frame.page("Data", filters=True)
screen = data_screen(atlas, state, data.shown(atlas, state))
features, events, passages = (tab.table.rows for tab in screen.tabs)

st.title("Data", anchor=False)
st.caption(
    f"{len(features)} of {screen.total_features} features under the current filters, with "
    f"{len(events)} events and {len(passages)} passages · data version {screen.version}"
)
labels = [f"{t.table.what.capitalize()} ({len(t.table.rows)})" for t in screen.tabs]
for tab, part in zip(st.tabs(labels), screen.tabs, strict=True):
    with tab:
        W.table(part.table.screen, column_config=COLUMNS)
        for col, f in zip(st.columns(len(part.files)), part.files, strict=True):
            col.download_button(
                f"Download {f.label}", f.make, file_name=f.name, mime=f.mime, width="stretch"
            )
        st.caption(
            f"Rows {part.table.order}, in the files as on screen. The file names and the "
            "metadata (in the GeoJSON or JSON, or beside the CSV) name the filters and the data "
            "version."
        )

st.header("Methodology", anchor=False)
st.markdown((frame.ROOT / "docs" / "methodology.md").read_text(encoding="utf-8"))

"""What changed: everything new after a day — events, status changes, sources, figures — by
corridor, each with its evidence; and what changed since the data version a link was made on."""

import streamlit as st

from geo.changes import changes_json, changes_markdown
from geo.urlstate import BY_KEY
from ui import data, frame
from ui import widgets as W

atlas, state = frame.page("What changed", filters=True, own="changes")

st.title("What changed", anchor=False)
st.caption(
    "New events, status changes, new sources and new figures after a day, among the features the "
    "filters show, grouped by corridor — each with the passage that says so."
)
W.page_widget(atlas, state, BY_KEY["since"])
if state.since is None:
    st.info("Choose a day above to list what changed after it.")
    st.stop()

groups = data.changes(atlas, state)
heading = f"What changed since {state.since.isoformat()}"
c1, c2 = st.columns(2)
c1.download_button(
    "Download Markdown",
    changes_markdown(groups, heading),
    file_name=f"changes-since-{state.since}.md",
    mime="text/markdown",
    width="stretch",
)
c2.download_button(
    "Download JSON",
    changes_json(groups, since=state.since.isoformat(), data_version=atlas.version),
    file_name=f"changes-since-{state.since}.json",
    mime="application/json",
    width="stretch",
)
W.share_link(state, page="changes")
W.changes_list(atlas, state, groups)

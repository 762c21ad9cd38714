"""About: what the atlas is, its sources and their rights, and how to cite the view in the link."""

import datetime as dt

import streamlit as st

from geo.cite import citation
from geo.highlight import safe_text
from ui import frame
from ui import widgets as W

atlas, state = frame.page("About")

st.title("About Corridor Atlas", anchor=False)
st.markdown(
    "Corridor Atlas is an open-source, interactive atlas of the transport corridors between China "
    "and Central Asia — the China–Kyrgyzstan–Uzbekistan Railway, the Middle Corridor "
    "(Trans-Caspian International Transport Route), the Horgos/Khorgos border port and dry port, "
    "and the China–Central Asia freight trains. It puts *where* a corridor runs, *what happened "
    "when* and *who said so* on one screen: every link between a place and a text, and every "
    "dated event, points to an exact passage of a source."
)
st.header("Sources and their rights", anchor=False)
for sid, m in atlas.sources.items():
    st.html(
        f"<div class='ca-passage'>{W.source_line(atlas, sid)}<br>"
        f"<span class='ca-meta'>{safe_text(m.rights)}</span></div>"
    )
st.markdown(
    "Country outlines: Natural Earth (public domain). Coordinates: each feature cites its own "
    "source (see the Data page). Map tiles, when online: © OpenStreetMap contributors."
)
st.header("Cite this view", anchor=False)
st.caption(
    "The citation is of the view in this page's link (its filters and selection) and names the "
    "data version, so a reader can tell which state of the data you saw."
)
base = (st.context.url or "").split("?")[0].rsplit("/", 1)[0] + "/"
st.code(citation(state, base_url=base, accessed=dt.date.today()), language=None, wrap_lines=True)

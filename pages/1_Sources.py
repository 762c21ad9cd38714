"""Sources: each source in full, every mention highlighted and linked to its feature on the map."""

import streamlit as st

from geo.highlight import markdown_literal, safe_text
from geo.sources import annotated_passages
from geo.urlstate import link_with
from ui import frame
from ui import state as S
from ui import widgets as W

atlas, state = frame.page("Sources", own="sources")

st.title("Sources", anchor=False)
ids = list(atlas.sources)
shown = state.source_page if state.source_page in atlas.sources else ids[0]
st.selectbox(
    f"Source ({len(ids)} in the atlas)",
    ids,
    index=ids.index(shown),
    format_func=lambda s: f"{atlas.sources[s].publisher}, {atlas.sources[s].published}: "
    f"{atlas.sources[s].title}",
    key="w_src",
    on_change=lambda: S.change(source_page=st.session_state["w_src"]),
)
meta = atlas.sources[shown]
# The source's title once, whole, as the heading of what follows.
st.header(markdown_literal(meta.title), anchor=False)
st.html(f"<div class='ca-meta'>{W.source_line(atlas, shown, title=False)}</div>")
with st.expander("About this source"):
    rows = {
        "Authors": ", ".join(meta.authors) or "—",
        "Interviewer": meta.interviewer or "—",
        "Published": f"{meta.published} ({meta.published_precision} precision)",
        "How the date is known": meta.published_evidence,
        "Language": meta.language
        + (f" (translated from {meta.translated_from})" if meta.translated_from else ""),
        "Rights": meta.rights,
        "Notes": meta.notes or "—",
        "Source id": meta.id,
    }
    st.html("".join(f"<div><b>{safe_text(k)}</b>: {safe_text(v)}</div>" for k, v in rows.items()))

# A mention links to the map with its feature selected and the reader's filters kept.
passages = annotated_passages(atlas, shown, link=lambda fid: link_with("./", state, selected=fid))
n_mentions = int((atlas.mentions["source"] == shown).sum())
st.caption(
    f"{len(passages)} passages, {n_mentions} mentions of atlas features. "
    "Click a highlighted name to see it on the map."
)
for p in passages:
    st.html(
        W.said_by(p.speakers) + f"<div class='ca-passage' id='p{p.index}'>"
        f"<span class='ca-meta'>¶{p.index + 1}</span> {p.html}</div>"
    )

"""Sources: each source in full, every mention highlighted and linked to its feature on the map."""

import streamlit as st

from geo.highlight import safe_text
from geo.sources import annotated_passages
from ui import state as S
from ui import widgets as W

st.set_page_config(page_title="Sources · Corridor Atlas", page_icon="🛤️", layout="wide")
W.inject_css()
atlas = S.atlas_or_stop()
S.keep_state()

ids = list(atlas.sources)
wanted = st.query_params.get("src")
if wanted is not None and wanted not in atlas.sources:
    st.warning(W.markdown_literal(f"Ignored source {wanted[:40]!r}: not in the atlas."))
choice = st.selectbox(
    "Source",
    ids,
    index=ids.index(wanted) if wanted in atlas.sources else 0,
    format_func=lambda s: f"{atlas.sources[s].title} — {atlas.sources[s].publisher}",
)
st.query_params["src"] = choice
meta = atlas.sources[choice]
st.title(W.markdown_literal(meta.title), anchor=False)
st.html(f"<div class='ca-meta'>{W.source_line(atlas, choice)}</div>")
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

passages = annotated_passages(atlas, choice, link_base="./")
n_mentions = int((atlas.mentions["source"] == choice).sum())
st.caption(
    f"{len(passages)} passages, {n_mentions} mentions of atlas features. "
    "Click a highlighted name to see it on the map."
)
for p in passages:
    st.html(
        f"<div class='ca-passage' id='p{p.index}'>"
        f"<span class='ca-meta'>¶{p.index + 1}</span> {p.html}</div>"
    )

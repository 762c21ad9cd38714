"""Try an article: paste or upload a text and see what the atlas would find in it — nothing is
written on the server."""

import streamlit as st
from streamlit_folium import st_folium

from geo.draw import build_map, project_colors
from geo.ingest import candidates, parse_front_matter, review_json, source_id
from geo.model import LANGUAGES
from geo.preview import events_frame, marked_passages, mention_rows
from geo.timeline import timeline_chart, timeline_frame
from ui import state as S
from ui import widgets as W

st.set_page_config(page_title="Try an article · Corridor Atlas", page_icon="🛤️", layout="wide")
W.inject_css()
atlas = S.atlas_or_stop()
S.keep_state()

st.title("Try an article", anchor=False)
st.caption(
    "Paste or upload a text in English, Chinese, Russian, Kazakh, Kyrgyz or Uzbek to see the "
    "atlas features it mentions and the dates it gives. Nothing is stored: download the review "
    "file, or ingest the text with `python -m geo ingest`."
)
upload = st.file_uploader("Upload a UTF-8 .txt or .md file", type=["txt", "md"])
pasted = st.text_area("…or paste the text", key="try_text", height=220)
c1, c2 = st.columns(2)
published = c1.date_input("Published (resolves “last June”, “Jan 3”)", value=None)
language = c2.selectbox("Language", LANGUAGES)

raw = pasted
if upload is not None:
    try:
        raw = upload.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        st.error(f"The file is not UTF-8 (byte {e.start}); save it as UTF-8 and upload it again.")
        st.stop()
try:
    front, text = parse_front_matter(raw or "", "the text")
except ValueError as e:
    st.error(W.markdown_literal(str(e)))
    st.stop()
if not text.strip():
    st.info("Paste a text or upload a file to see what the atlas finds in it.")
    st.stop()

sid = source_id(text)
when = published.isoformat() if published else front.get("published")
try:
    found = candidates(text, sid, atlas.linker, when)
except ValueError as e:  # a malformed "published:" in the front matter
    st.error(W.markdown_literal(str(e)))
    st.stop()
names = W.project_names(atlas)
mentioned = list(dict.fromkeys(m.feature for m in found.mentions))

cols = st.columns(3)
cols[0].metric("Mentions", len(found.mentions))
cols[1].metric("Features", len(mentioned))
cols[2].metric("Dated events", len(found.events))
if not when:
    st.caption("No publication date: dates without a year (“Jan 3”, “last June”) are skipped.")

st.subheader("Mentions and dates", anchor=False)
for p in marked_passages(text, found, atlas.props):
    st.html(f"<div class='ca-passage'><span class='ca-meta'>¶{p.index + 1}</span> {p.html}</div>")
if not found.mentions and not found.events:
    st.info("No atlas feature or date was found in this text.")
rows = mention_rows(found, atlas.props)
if len(rows):
    st.dataframe(rows, hide_index=True, width="stretch")

left, right = st.columns(2, gap="medium")
with left:
    st.subheader("Timeline", anchor=False)
    events = events_frame(found, atlas.props)
    if len(events):
        frame = timeline_frame(events, {sid: "this article"}, names)
        colors = {names[p]: c for p, c in project_colors(names).items()}
        st.altair_chart(timeline_chart(frame, colors, height=180), width="stretch")
        st.dataframe(
            events[["id", "date", "precision", "date_text", "features", "title"]],
            hide_index=True,
            width="stretch",
        )
    else:
        st.info("No dated events.")
with right:
    st.subheader("Map", anchor=False)
    if mentioned:
        shown = atlas.features.loc[mentioned]
        fmap = build_map(
            shown[shown["is_route"]],
            shown[~shown["is_route"]],
            atlas.boundaries,
            colors=project_colors(names),
            project_labels=names,
        )
        st_folium(fmap, key="try_map", height=420, use_container_width=True, returned_objects=[])
    else:
        st.info("No atlas feature to draw.")

st.download_button(
    "Download the review file",
    data=review_json(found),
    file_name=f"{sid}.review.json",
    mime="application/json",
)
st.caption(
    f"Source id {sid}. To add it to the atlas: `python -m geo ingest FILE --lang {language} "
    "--title … --publisher … --published …`, then `python -m geo review`."
)

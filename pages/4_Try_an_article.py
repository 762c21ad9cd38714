"""Try an article: paste or upload a text and see what the atlas would find in it — nothing is
written on the server. What it shows comes from :func:`geo.screen.article_screen`."""

import streamlit as st
from streamlit_folium import st_folium

from geo.draw import build_map
from geo.highlight import markdown_literal
from geo.ingest import parse_front_matter
from geo.model import LANGUAGE_NAMES, LANGUAGES
from geo.preview import TRY_MAX_CHARS, TRY_MAX_ROWS, languages_read
from geo.screen import article_screen
from ui import frame
from ui import widgets as W

atlas, state = frame.page("Try an article")

st.title("Try an article", anchor=False)
st.caption(
    f"Paste or upload a text to see the atlas features it mentions and the dates it gives. Dates "
    f"are read in {languages_read()} (Kazakh and Uzbek in Cyrillic and Latin script). Nothing "
    "is stored: download the review file, or ingest the text with `python -m geo ingest`. "
    f"This page reads the first {TRY_MAX_CHARS:,} characters of a text and lists up to "
    f"{TRY_MAX_ROWS:,} paragraphs, mentions and events."
)
upload = st.file_uploader("Upload a UTF-8 .txt or .md file (up to 1 MB)", type=["txt", "md"])
pasted = st.text_area("…or paste the text", key="try_text", height=220)
c1, c2 = st.columns(2)
published = c1.date_input("Published (resolves “last June”, “Jan 3”)", value=None)
language = c2.selectbox("Language", LANGUAGES, format_func=LANGUAGE_NAMES.get)

raw = pasted
if upload is not None:
    try:
        raw = upload.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        st.error(f"The file is not UTF-8 (byte {e.start}); save it as UTF-8 and upload it again.")
        st.stop()
try:
    front, text = parse_front_matter(raw or "", "the text")
    if not text.strip():
        st.info("Paste a text or upload a file to see what the atlas finds in it.")
        st.stop()
    when = published.isoformat() if published else front.get("published")
    screen = article_screen(atlas, text, when)
except ValueError as e:  # malformed front matter, or a malformed "published:" in it
    st.error(markdown_literal(str(e)))
    st.stop()

for notice in screen.notices:
    st.info(notice)
if screen.warnings:
    st.warning("\n\n".join(markdown_literal(w) for w in screen.warnings))
cols = st.columns(3)
cols[0].metric("Mentions", len(screen.candidates.mentions))
cols[1].metric("Features", len(screen.features))
cols[2].metric("Dated events", len(screen.candidates.events))
if not when:
    st.caption("No publication date: dates without a year (“Jan 3”, “last June”) are skipped.")

st.subheader("Mentions and dates", anchor=False)
for p in screen.passages:
    st.html(f"<div class='ca-passage'><span class='ca-meta'>¶{p.index + 1}</span> {p.html}</div>")
if not screen.candidates.mentions and not screen.candidates.events:
    st.info("No atlas feature or date was found in this text.")
if len(screen.mentions):
    W.table(screen.mentions)

left, right = st.columns(2, gap="medium")
with left:
    st.subheader("Timeline", anchor=False)
    if screen.timeline is not None:
        st.vega_lite_chart(screen.timeline.spec, width="stretch")
        W.table(screen.events[["id", "date", "precision", "date_text", "features", "title"]])
    else:
        st.info("No dated events.")
with right:
    st.subheader("Map", anchor=False)
    if screen.map is not None:
        fmap = build_map(
            screen.map.routes,
            screen.map.sites,
            atlas.boundaries,
            colors=screen.palette.colors,
            project_labels=screen.palette.names,
        )
        st_folium(fmap, key="try_map", height=420, use_container_width=True, returned_objects=[])
    else:
        st.info("No atlas feature to draw.")

st.download_button(
    "Download the review file",
    data=screen.review_json,
    file_name=f"{screen.source_id}.review.json",
    mime="application/json",
)
st.caption(
    f"Source id {screen.source_id}. To add it to the atlas: `python -m geo ingest FILE --lang "
    f"{language} --title … --publisher … --published …`, then `python -m geo review`."
)

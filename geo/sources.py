"""Present a source: its passages as safe HTML with every mention highlighted and linked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from geo.highlight import Mark, mark_spans
from geo.load import Atlas
from geo.speakers import SpeakerLabel, speakers_of


@dataclass(frozen=True)
class AnnotatedPassage:
    index: int
    html: str
    speakers: tuple[SpeakerLabel, ...] = ()  # who speaks in it


def annotated_passages(
    atlas: Atlas, source_id: str, link: Callable[[str], str]
) -> list[AnnotatedPassage]:
    """Every passage of a source as escaped HTML in which each mention is a ``<mark>`` linking to
    ``link(feature id)`` (the map with that feature selected, e.g. made with
    :func:`geo.urlstate.link_with`), with who speaks in it."""
    passages = atlas.passages[atlas.passages["source"] == source_id].sort_values("index")
    mentions = atlas.mentions[atlas.mentions["source"] == source_id]
    by_passage = {k: g.sort_values(["start", "end"]) for k, g in mentions.groupby("passage")}
    out = []
    for p in passages.itertuples(index=False):
        marks = [
            Mark(
                m.start,
                m.end,
                "mention",
                title=atlas.props[m.feature].name if m.feature in atlas.props else m.feature,
                href=link(m.feature),
            )
            for m in by_passage.get(p.index, mentions.iloc[0:0]).itertuples(index=False)
        ]
        # Mentions of two features that overlap: the first (then the shorter) is drawn.
        out.append(
            AnnotatedPassage(
                int(p.index), mark_spans(p.text, marks), speakers_of(atlas, p.passage_id)
            )
        )
    return out

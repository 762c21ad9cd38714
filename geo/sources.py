"""Present a source: its passages as safe HTML with every mention highlighted and linked."""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlencode

from geo.highlight import safe_text
from geo.load import Atlas


@dataclass(frozen=True)
class AnnotatedPassage:
    index: int
    html: str


def annotated_passages(
    atlas: Atlas, source_id: str, link_base: str = "./"
) -> list[AnnotatedPassage]:
    """Every passage of a source as escaped HTML in which each mention is a ``<mark>`` linking to
    the dashboard with its feature selected (``link_base?sel=<feature id>``)."""
    passages = atlas.passages[atlas.passages["source"] == source_id].sort_values("index")
    mentions = atlas.mentions[atlas.mentions["source"] == source_id]
    by_passage = {k: g.sort_values(["start", "end"]) for k, g in mentions.groupby("passage")}
    out = []
    for p in passages.itertuples(index=False):
        text, parts, pos = p.text, [], 0
        for m in by_passage.get(p.index, mentions.iloc[0:0]).itertuples(index=False):
            if m.start < pos:  # overlapping mentions of two features: keep the first
                continue
            name = atlas.props[m.feature].name if m.feature in atlas.props else m.feature
            href = f"{link_base}?{urlencode({'sel': m.feature})}"
            parts.append(safe_text(text[pos : m.start]))
            parts.append(
                f'<a href="{html.escape(href)}" target="_self" title="{html.escape(name)}">'
                f'<mark class="mention">{safe_text(text[m.start : m.end])}</mark></a>'
            )
            pos = m.end
        parts.append(safe_text(text[pos:]))
        out.append(AnnotatedPassage(int(p.index), "".join(parts)))
    return out

"""What an article would bring to the atlas, shown before anything is written: its passages with
each mention and date marked and explained, its proposed events as a frame for
:mod:`geo.timeline`, and the features it mentions. Used by the "Try an article" page; pure.

Every character of the article reaches HTML through :func:`geo.highlight.mark_spans`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.highlight import Mark, mark_spans
from geo.ingest import Candidates
from geo.load import date_bounds
from geo.model import LANGUAGE_NAMES, FeatureProperties
from geo.passages import split_passages

__all__ = [
    "RULE_REASONS",
    "TRY_MAX_CHARS",
    "TRY_MAX_ROWS",
    "events_frame",
    "languages_read",
    "limited",
    "limited_rows",
    "marked_passages",
    "mention_rows",
    "reason",
]

RULE_REASONS = {
    "alias": "the name as listed",
    "plural": "an English plural of the name",
    "cyrillic_inflection": "the name with a Cyrillic case ending",
    "turkic_suffix": "the name with Kazakh, Kyrgyz or Uzbek endings on its last word",
    "spacing": "the name with its words joined otherwise (space, dash, quotation marks)",
    "international": "the name with or without the word for “international”",
    "list": "the first of two names that share their last word (“Ақтау мен Құрық порттары”)",
}
# The "Try an article" page is public: it reads at most this many characters of a text and lists
# at most this many passages, mentions and events (the review file holds every one it found), so
# that any paste costs a bounded amount of work and page (issue 11). ``python -m geo ingest``
# reads whole texts.
TRY_MAX_CHARS = 100_000
TRY_MAX_ROWS = 500
CONTEXT_REASONS = {
    "context": "with one of its context words in the same passage",
    "sentence": "a description: one of its context words is in the same sentence",
}


def languages_read() -> str:
    """The languages whose dates are read (:mod:`geo.dates.languages`), in words; names are
    found in these and in every other language the gazetteer lists.

    >>> languages_read()
    'English, Chinese, Russian, Kazakh, Kyrgyz and Uzbek'
    """
    from geo.dates.languages import LANGUAGES as READ

    names = [LANGUAGE_NAMES.get(lang.code, lang.code) for lang in READ]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def limited(text: str, max_chars: int = TRY_MAX_CHARS) -> tuple[str, str | None]:
    """The part of ``text`` the Try page reads — at most ``max_chars`` characters, ending at a
    line break when one lies in the second half of them — and a notice when that is not all.

    >>> limited("one\\ntwo\\nthree", 10)
    ('one\\ntwo\\n', 'The text has 13 characters; this page reads the first 8 (up to 10). Ingest the whole text with `python -m geo ingest`.')
    >>> limited("short", 10)
    ('short', None)
    """
    if len(text) <= max_chars:
        return text, None
    cut = text.rfind("\n", max_chars // 2, max_chars) + 1 or max_chars
    return text[:cut], (
        f"The text has {len(text):,} characters; this page reads the first {cut:,} (up to "
        f"{max_chars:,}). Ingest the whole text with `python -m geo ingest`."
    )


def limited_rows(items, what: str, max_rows: int = TRY_MAX_ROWS):
    """The first ``max_rows`` of ``items`` (a list or a frame) and a notice naming ``what`` when
    there are more.

    >>> rows, notice = limited_rows(pd.DataFrame({"a": range(3)}), "mentions", 2)
    >>> len(rows), notice
    (2, 'The first 2 of 3 mentions are listed; the review file covers them all.')
    """
    if len(items) <= max_rows:
        return items, None
    notice = f"The first {max_rows:,} of {len(items):,} {what} are listed"
    return items[:max_rows], notice + "; the review file covers them all."


def reason(alias: str, rule: str) -> str:
    """Why a mention matched, in words.

    >>> reason("Средний коридор", "cyrillic_inflection")
    'alias “Средний коридор”: the name with a Cyrillic case ending'
    >>> reason("TITR", "alias+context")
    'alias “TITR”: the name as listed, with one of its context words in the same passage'
    >>> reason("中欧(中亚)班列", "alias+sentence")
    'alias “中欧(中亚)班列”: the name as listed, a description: one of its context words is in the same sentence'
    """
    base, _, context = rule.partition("+")
    words = RULE_REASONS.get(base, base)
    if context:
        words += ", " + CONTEXT_REASONS.get(context, context)
    return f"alias “{alias}”: {words}"


def _name(props: dict[str, FeatureProperties], feature: str) -> str:
    return props[feature].name if feature in props else feature


def mention_rows(c: Candidates, props: dict[str, FeatureProperties]) -> pd.DataFrame:
    """One row per mention candidate: id, feature name and id, the text as written, passage
    number (from 1) and the reason it matched."""
    rows = [
        {
            "candidate": m.id,
            "feature": _name(props, m.feature),
            "feature_id": m.feature,
            "text": m.span.quote,
            "paragraph": m.span.passage + 1,
            "why": reason(m.alias, m.rule),
        }
        for m in c.mentions
    ]
    return pd.DataFrame(
        rows, columns=["candidate", "feature", "feature_id", "text", "paragraph", "why"]
    )


def events_frame(c: Candidates, props: dict[str, FeatureProperties]) -> pd.DataFrame:
    """The proposed events in the shape :func:`geo.timeline.timeline_frame` reads (the columns
    of ``Atlas.events`` it uses), plus the date as written."""
    rows = []
    for e in c.events:
        ev = e.event
        start, end = date_bounds(ev.date)
        projects = [p for f in ev.features if f in props and (p := props[f].project)]
        rows.append(
            {
                "id": e.id,
                "date": ev.date,
                "precision": ev.precision,
                "start": start,
                "end": end,
                "title": ev.title,
                "features": list(ev.features),
                "project": projects[0] if projects else "",
                "source": ev.evidence.source,
                "date_text": ev.date_span.quote,
            }
        )
    cols = [
        "id",
        "date",
        "precision",
        "start",
        "end",
        "title",
        "features",
        "project",
        "source",
        "date_text",
    ]
    return pd.DataFrame(rows, columns=cols)


@dataclass(frozen=True)
class MarkedPassage:
    index: int
    html: str


def marked_passages(
    text: str, c: Candidates, props: dict[str, FeatureProperties]
) -> list[MarkedPassage]:
    """Each passage as escaped HTML: mentions in ``<mark class="mention">`` and dates in
    ``<mark class="hit">``, each with a tooltip saying what it is and why, followed by its
    candidate id in superscript. Where a date lies inside a mention the mention wins.

    >>> from geo.ingest import Candidates
    >>> [p.html for p in marked_passages("a <b>", Candidates("s", None, (), ()), {})]
    ['a &lt;b&gt;']
    """
    marks: dict[int, list[Mark]] = {}
    by_span: dict[tuple[int, int, int], list] = {}
    for m in c.mentions:
        by_span.setdefault((m.span.passage, m.span.start, m.span.end), []).append(m)
    # Mentions before dates: where a date and a mention start together, the mention is drawn.
    for (passage, start, end), ms in by_span.items():
        tip = "; ".join(f"{_name(props, m.feature)} — {reason(m.alias, m.rule)}" for m in ms)
        label = ",".join(m.id for m in ms)
        marks.setdefault(passage, []).append(Mark(start, end, "mention", title=tip, label=label))
    for e in c.events:
        s = e.event.date_span
        tip = f"{e.event.date} ({e.event.precision}) — date rule {e.rule}"
        marks.setdefault(s.passage, []).append(Mark(s.start, s.end, "hit", title=tip, label=e.id))
    return [
        MarkedPassage(p.index, mark_spans(p.text, marks.get(p.index, [])))
        for p in split_passages(text)
    ]

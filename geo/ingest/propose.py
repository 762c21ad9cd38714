"""The candidates a person reviews for one source: the mentions the linker finds and the dated
events proposed from the dates it mentions, and the review file that holds them.

The review file is ``{format, source, published, mentions, events}`` (see ``docs/ingest.md``);
:func:`review_json` writes it and :func:`parse_review` reads it back after a person may have
edited event titles in it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from geo.attribute import PeopleIndex
from geo.dates import DateMention, find_dates
from geo.dates.tense import Sentences
from geo.ingest.files import dump_json
from geo.ingest.speakers import SpeakerCandidate, speaker_candidates
from geo.link import Linker
from geo.model import Event, SourceMeta, Span
from geo.passages import Passage, passage_index_at, split_passages

TITLE_MAX = 140
REVIEW_FORMAT = 1


@dataclass(frozen=True)
class MentionCandidate:
    """A detected mention awaiting review. ``span`` is what ``links.json`` suppresses when the
    mention is rejected; ``alias`` and ``rule`` say why it matched (see :mod:`geo.link`)."""

    id: str
    feature: str
    project: str | None
    span: Span
    alias: str
    rule: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "feature": self.feature,
            "project": self.project,
            "alias": self.alias,
            "rule": self.rule,
            "span": self.span.model_dump(),
        }


@dataclass(frozen=True)
class EventCandidate:
    """A dated expression proposed as an event. ``event`` is the record that joins
    ``events.json`` when accepted (its ``title`` may be edited in the review file first);
    ``rule`` is the date rule that matched (see :mod:`geo.dates`); ``support`` gives, for each of
    the event's features, the mention candidates that name it in the event's clause or sentence
    (a feature whose mentions are all rejected leaves the event)."""

    id: str
    event: Event
    rule: str
    support: dict[str, tuple[str, ...]]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "support": {f: list(ids) for f, ids in self.support.items()},
            "event": self.event.model_dump(mode="json"),
        }


@dataclass(frozen=True)
class Candidates:
    """Everything a person reviews for one source."""

    source: str
    published: str | None
    mentions: tuple[MentionCandidate, ...]
    events: tuple[EventCandidate, ...]
    speakers: tuple[SpeakerCandidate, ...] = ()


def _title(sentence: str) -> str:
    title = " ".join(sentence.split())
    if len(title) <= TITLE_MAX:
        return title
    cut = title[: TITLE_MAX - 1]
    if " " in cut[TITLE_MAX // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _event_id(features: list[str], date: str, sid: str, taken: dict[str, int]) -> str:
    """``<first feature>_<date>_<source>``, with ``_2``, ``_3``… for the next events of the
    same base (a suffixed id never equals a base, which ends with the source id)."""
    base = f"{features[0] if features else 'event'}_{re.sub(r'[^0-9]+', '_', date)}_{sid[:8]}"
    n = taken[base] = taken.get(base, 0) + 1
    return base if n == 1 else f"{base}_{n}"


def _evidence(p: Passage, sentences: Sentences, sid: str, start: int, end: int) -> Span:
    """The sentence of passage ``p`` (read by ``sentences``) around ``start..end``, trimmed of
    white space."""
    lo, hi = sentences.bounds(start, end)
    lo, hi = min(lo, start), max(hi, end)
    while lo < start and p.text[lo].isspace():
        lo += 1
    while hi > end and p.text[hi - 1].isspace():
        hi -= 1
    return Span(source=sid, passage=p.index, start=lo, end=hi, quote=p.text[lo:hi])


_CLAUSE_ENDS = ";；"


def _clause(text: str, sentence: Span, start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` around ``text[start:end]``: the sentence cut at semicolons."""
    lo = max(text.rfind(c, sentence.start, start) for c in _CLAUSE_ENDS) + 1 or sentence.start
    ends = [i for c in _CLAUSE_ENDS if (i := text.find(c, end, sentence.end)) >= 0]
    return lo, min(ends, default=sentence.end)


@dataclass
class _Named:
    """The mention candidates that name a feature in one passage, by position in it."""

    starts: list[int]
    named: list[tuple[str, str]]  # (feature, mention candidate id), in the order of ``starts``

    def add(self, start: int, feature: str, cid: str) -> None:
        self.starts.append(start)
        self.named.append((feature, cid))

    def within(self, lo: int, hi: int) -> list[tuple[str, str]]:
        return self.named[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]


def candidates(
    text: str,
    source_id: str,
    linker: Linker,
    published: str | dt.date | None,
    dates: list[DateMention] | None = None,
    *,
    people: PeopleIndex | None = None,
    meta: SourceMeta | None = None,
) -> Candidates:
    """The mentions and dated events found in ``text``, as candidates for review.

    Each mention is the linker's (:meth:`geo.link.Linker.link`) with its span inside its passage
    (a name broken across a line break is cut at the end of the line where it starts). Each date
    (:func:`geo.dates.find_dates`, resolved against ``published``) is a proposed event whose
    evidence is the sentence around it in its passage, whose title is that sentence and whose
    features are those named in its clause (the sentence cut at semicolons), else in its
    sentence — never the rest of the passage, so each event's ``support`` is bounded by its
    sentence and the review file grows with the text, not with the text times its dates.

    Parameters
    ----------
    text : the article, verbatim.
    source_id : its id (:func:`source_id`), used in every span.
    linker : the atlas's linker (``atlas.linker`` or :func:`geo.load.build_linker`).
    published : the publication date that relative dates ("last June") are resolved against.
    dates : ``find_dates(text, published)``, when the caller has it already.
    people : the atlas's people (``atlas.people_index``); with them, the speakers the text
        quotes are candidates too (:mod:`geo.ingest.speakers`).
    meta : the source's metadata (its interviewer and publisher name the interviewer's turns).

    Returns
    -------
    Candidates
        Mentions numbered ``m1, m2, …``, events ``e1, e2, …`` and speakers ``s1, s2, …`` in text
        order; the same text and gazetteer always give the same candidates.
    """
    passages = split_passages(text, source_id)
    mentions: list[MentionCandidate] = []
    in_passage: dict[int, _Named] = {}
    for m in linker.link(text):
        p = passages[m.passage]
        start, end = m.start - p.offset, min(m.end - p.offset, len(p.text))
        span = Span(
            source=source_id, passage=p.index, start=start, end=end, quote=p.text[start:end]
        )
        mentions.append(
            MentionCandidate(f"m{len(mentions) + 1}", m.feature, m.project, span, m.alias, m.rule)
        )
        cid = mentions[-1].id
        in_passage.setdefault(p.index, _Named([], [])).add(start, m.feature, cid)
        # A name broken across lines ("Middle\nCorridor") is named in the next passage too.
        q = p.index + 1
        while q < len(passages) and passages[q].offset < m.end:
            in_passage.setdefault(q, _Named([], [])).add(0, m.feature, cid)
            q += 1

    events: list[EventCandidate] = []
    taken: dict[str, int] = {}  # event id base -> events given it
    published_text = published.isoformat() if isinstance(published, dt.date) else published
    read: dict[int, Sentences] = {}  # passage -> its sentences, read once
    for d in find_dates(text, published) if dates is None else dates:
        idx = passage_index_at(passages, d.start)
        if idx is None:
            continue
        p = passages[idx]
        start, end = d.start - p.offset, d.end - p.offset
        if end > len(p.text):  # a date broken across lines cannot be a span of one passage
            continue
        date_span = Span(
            source=source_id, passage=idx, start=start, end=end, quote=p.text[start:end]
        )
        sentences = read.setdefault(idx, Sentences(p.text))
        evidence = _evidence(p, sentences, source_id, start, end)
        named = in_passage.get(idx, _Named([], []))
        named_here = named.within(*_clause(p.text, evidence, start, end)) or named.within(
            evidence.start, evidence.end
        )
        features = list(dict.fromkeys(f for f, _ in named_here))
        support = {f: tuple(cid for g, cid in named_here if g == f) for f in features}
        event = Event(
            id=_event_id(features, d.date, source_id, taken),
            date=d.date,
            precision=d.precision,
            title=_title(evidence.quote),
            features=tuple(features),
            date_span=date_span,
            evidence=evidence,
        )
        events.append(EventCandidate(f"e{len(events) + 1}", event, d.rule, support))
    speakers = speaker_candidates(text, source_id, people, meta) if people is not None else ()
    return Candidates(source_id, published_text, tuple(mentions), tuple(events), speakers)


def review_json(c: Candidates) -> str:
    """The review file of ``c``: ``{format, source, published, mentions, events, speakers}`` as
    JSON."""
    return dump_json(
        {
            "format": REVIEW_FORMAT,
            "source": c.source,
            "published": c.published,
            "mentions": [m.to_json() for m in c.mentions],
            "events": [e.to_json() for e in c.events],
            "speakers": [s.to_json() for s in c.speakers],
        }
    )


def parse_review(doc: Any, where: str) -> Candidates:
    """Read a review file's JSON back into :class:`Candidates` (after a person may have edited
    event titles in it).

    Raises
    ------
    ValueError
        Naming ``where`` and the candidate that does not parse.
    """
    if not isinstance(doc, dict) or doc.get("format") != REVIEW_FORMAT:
        raise ValueError(f"{where}: not a review file of format {REVIEW_FORMAT}")
    mentions, events, speakers = [], [], []
    cid = "?"
    try:
        for m in doc.get("mentions", []):
            cid = m.get("id", "?")
            mentions.append(
                MentionCandidate(
                    m["id"],
                    m["feature"],
                    m.get("project"),
                    Span(**m["span"]),
                    m["alias"],
                    m["rule"],
                )
            )
        for e in doc.get("events", []):
            cid = e.get("id", "?")
            support = {f: tuple(ids) for f, ids in e.get("support", {}).items()}
            events.append(EventCandidate(e["id"], Event(**e["event"]), e.get("rule", ""), support))
        for sp in doc.get("speakers", []):
            cid = sp.get("id", "?")
            speakers.append(SpeakerCandidate.from_json(sp))
    except (KeyError, TypeError, AttributeError, ValidationError) as err:
        raise ValueError(f"{where}: candidate {cid!r} does not parse: {err}") from None
    return Candidates(
        doc.get("source", ""),
        doc.get("published"),
        tuple(mentions),
        tuple(events),
        tuple(speakers),
    )

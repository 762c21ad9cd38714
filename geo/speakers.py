"""Describe the people of the atlas as the pages show them: who speaks in a passage, a speaker's
card (who they are, and what they said about which corridor), and the people a search names.

A speaker's statements are the passages where they speak (``attributions.json``), with their own
words marked; they are grouped by the corridor each passage is about — the project of every
feature the passage mentions (a tunnel of the CKU railway counts for the railway), or the feature
itself when it belongs to no project — so a passage about two corridors is listed under both, and
one that mentions none is listed apart. An organisation's card also lists what its people said.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from geo.filter import passages_with_spans
from geo.load import Atlas
from geo.model import Person
from geo.names import LANGUAGE_NAMES, country_name
from geo.normalize import normalize

__all__ = [
    "Corridor",
    "SpeakerCard",
    "SpeakerLabel",
    "people_matching",
    "speaker_card",
    "speakers_of",
]


@dataclass(frozen=True)
class SpeakerLabel:
    """A speaker as a passage names them: id, name, and who they are ("role, organisation")."""

    id: str
    name: str
    description: str

    @property
    def text(self) -> str:
        """ "Zhu Yongbiao, Executive Director of …, Lanzhou University" """
        return f"{self.name}, {self.description}" if self.description else self.name


def label_of(atlas: Atlas, person_id: str) -> SpeakerLabel:
    """How a passage names ``person_id``: the role and the organisation, where known."""
    p = atlas.people[person_id]
    org = atlas.people.get(p.organisation or "")
    parts = [x for x in (p.role, org.name if org else None) if x]
    if p.kind == "organisation":
        parts = [x for x in (org.name if org else None,) if x]
    return SpeakerLabel(p.id, p.name, ", ".join(parts))


def speakers_of(atlas: Atlas, passage_id: str) -> tuple[SpeakerLabel, ...]:
    """The people who speak in a passage, in the order they do."""
    return tuple(label_of(atlas, s) for s in atlas.speakers_by_passage.get(passage_id, ()))


@dataclass(frozen=True)
class Corridor:
    """What a speaker said about one corridor: its feature id and name, and the passages (rows
    like ``Atlas.passages`` with ``spans``, the speaker's own words in each)."""

    id: str
    name: str
    passages: pd.DataFrame


@dataclass(frozen=True)
class SpeakerCard:
    """A person or organisation and what they said.

    ``about`` lists the corridors they spoke about, the most passages first; ``other`` the
    passages that mention no feature; ``statements`` counts their passages; ``events`` are the
    ids of the events those passages report; ``members`` the people of an organisation (id,
    name)."""

    id: str
    name: str
    kind: str
    role: str | None
    organisation: tuple[str, str] | None  # (id, name)
    country: str | None
    aliases: dict[str, list[str]]
    evidence: str
    evidence_url: str | None
    members: tuple[tuple[str, str], ...]
    statements: int
    about: tuple[Corridor, ...]
    other: pd.DataFrame
    events: frozenset[str]


def _evidence(atlas: Atlas, p: Person) -> tuple[str, str | None]:
    if p.evidence.span is not None:
        span = p.evidence.span
        meta = atlas.sources.get(span.source)
        title = meta.title if meta else span.source
        return f"“{span.quote}” — {title}", meta.url if meta else None
    assert p.evidence.reference is not None
    return p.evidence.reference.citation, p.evidence.reference.url


def speaker_card(
    atlas: Atlas, person_id: str, sources: Collection[str] | None = None
) -> SpeakerCard:
    """The card of a person or organisation (only the passages of ``sources`` unless it is None:
    a view's :func:`geo.filter.allowed_sources`).
    An organisation's statements include its people's. Raises ``KeyError`` for an unknown id.
    """
    p = atlas.people[person_id]
    a = atlas.attributions
    said = a[(a["speaker"] == person_id) | (a["organisation"] == person_id)]
    if sources is not None:
        said = said[said["source"].isin(list(sources))]
    passages = passages_with_spans(atlas, said)
    spoken = set(passages["passage_id"])
    m = atlas.mentions[atlas.mentions["passage_id"].isin(spoken)]
    corridor = [proj or feat for feat, proj in zip(m["feature"], m["project"], strict=True)]
    by_corridor: dict[str, list[str]] = {}
    for cid, pid in zip(corridor, m["passage_id"], strict=True):
        if pid not in by_corridor.setdefault(cid, []):
            by_corridor[cid].append(pid)
    about = [
        Corridor(cid, atlas.props[cid].name, passages[passages["passage_id"].isin(pids)])
        for cid, pids in sorted(by_corridor.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if cid in atlas.props
    ]
    aliases: dict[str, list[str]] = {}
    for lang, text in p.names()[1:]:
        aliases.setdefault(LANGUAGE_NAMES.get(lang, lang), []).append(text)
    org = atlas.people.get(p.organisation or "")
    members = tuple((q.id, q.name) for q in atlas.people.values() if q.organisation == person_id)
    evidence, url = _evidence(atlas, p)
    reported = atlas.events[atlas.events["passage_id"].isin(spoken)]
    return SpeakerCard(
        id=p.id,
        name=p.name,
        kind=p.kind,
        role=p.role,
        organisation=(org.id, org.name) if org else None,
        country=country_name(p.country) if p.country else None,
        aliases=aliases,
        evidence=evidence,
        evidence_url=url,
        members=members,
        statements=len(passages),
        about=tuple(about),
        other=passages[~passages["passage_id"].isin(set(m["passage_id"]))],
        events=frozenset(reported["id"]),
    )


def people_matching(atlas: Atlas, query: str) -> tuple[SpeakerLabel, ...]:
    """The people and organisations whose name, aliases, role or organisation contain every word
    of ``query`` (compared normalised: case, dashes, quotes), those who speak first."""
    words = [w for w in normalize(query.replace('"', " "))[0].split() if w]
    if not words:
        return ()
    speaking = set(atlas.attributions["speaker"]) | set(atlas.attributions["organisation"])
    found = []
    for p in atlas.people.values():
        org = atlas.people.get(p.organisation or "")
        hay = " ".join([t for _lang, t in p.names()] + [p.role or "", org.name if org else ""])
        norm = normalize(hay)[0]
        if all(w in norm for w in words):
            found.append(p.id)
    found.sort(key=lambda pid: (pid not in speaking, atlas.people[pid].name))
    return tuple(label_of(atlas, pid) for pid in found)

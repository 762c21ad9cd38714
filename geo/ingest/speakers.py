"""Speaker candidates: the attributions :mod:`geo.attribute` finds in a new text, as a person
reviews them. Each is ``{id ("s1"…), speaker, name, rule, said, cue}``; ``speaker`` is the
``people.json`` id, or null when the name is not there yet (add the person, then accept: the name
is looked up again), and an accepted one joins ``attributions.json`` as
``{speaker, said, cue, rule}``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geo.attribute import PeopleIndex, find_attributions
from geo.model import SourceMeta, Span


@dataclass(frozen=True)
class SpeakerCandidate:
    id: str
    speaker: str | None
    name: str
    rule: str
    said: Span
    cue: Span

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "name": self.name,
            "rule": self.rule,
            "said": self.said.model_dump(),
            "cue": self.cue.model_dump(),
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> SpeakerCandidate:
        return cls(
            doc["id"],
            doc.get("speaker"),
            doc["name"],
            doc["rule"],
            Span(**doc["said"]),
            Span(**doc["cue"]),
        )

    def attribution(self, speaker: str) -> dict[str, Any]:
        """The record that joins ``attributions.json`` for ``speaker``."""
        return {
            "speaker": speaker,
            "said": self.said.model_dump(),
            "cue": self.cue.model_dump(),
            "rule": self.rule,
        }


def speaker_candidates(
    text: str, source_id: str, people: PeopleIndex, meta: SourceMeta | None
) -> tuple[SpeakerCandidate, ...]:
    """The attributions found in ``text`` (:func:`geo.attribute.find_attributions`), numbered
    ``s1, s2, …`` in text order."""
    found = find_attributions(text, source_id, people, meta)
    return tuple(
        SpeakerCandidate(f"s{i}", f.speaker, f.name, f.rule, f.said, f.cue)
        for i, f in enumerate(found, start=1)
    )

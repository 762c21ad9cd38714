"""Check ``people.json`` (the people and organisations whose words our sources report) and
``attributions.json`` (which words of a source each of them said).

A person or organisation fits its schema, its ``organisation`` is an organisation of the file, its
names are not blank, and its evidence span is exact. An attribution's speaker exists, its ``said``
and ``cue`` spans are exact and in one source, the cue comes no later than the words it
attributes, the cue names the speaker (one of their names, found as the linker finds names:
"По словам Садыра Жапарова" names "Садыр Жапаров") — or, for an interview turn, the speaker is the
interviewer the source's metadata names ("GT: …") — and no two attributions claim the same words.
"""

from __future__ import annotations

from geo.attribute import PeopleIndex, blank_name
from geo.model import Attribution, Person
from geo.validate.checked import (
    ATTRIBUTIONS,
    PEOPLE,
    CheckedData,
    check_model,
    read_json_list,
    unique_records,
)
from geo.validate.sources import check_span

TURN_RULES = ("interviewer_turn", "turn_continued")  # rules under which the interviewer may speak


def check_people(checked: CheckedData) -> None:
    name = checked.name(PEOPLE)
    doc = read_json_list(checked, checked.data_dir / PEOPLE, "person")
    people: dict[str, Person] = {}
    for person in unique_records(checked, Person, doc or [], name, "person"):
        people[person.id] = person
    ids = {item.get("id") for item in doc or [] if isinstance(item, dict)}
    for person in people.values():
        ok = True
        org = person.organisation
        # An organisation that is in the file but fails its own schema is reported there.
        if org in people and people[org].kind != "organisation":
            checked.problem(name, person.id, f"organisation {org!r} is not an organisation")
            ok = False
        elif org is not None and org not in ids:
            checked.problem(name, person.id, f"organisation {org!r} does not exist")
            ok = False
        for lang, text in person.names():
            if blank_name(text):
                checked.problem(name, person.id, f"{lang} name {text!r} is blank")
                ok = False
        if person.evidence.span is not None:
            before = len(checked.problems)
            check_span(checked, name, person.id, person.evidence.span, "evidence")
            ok = ok and len(checked.problems) == before
        if ok:
            checked.people[person.id] = person
        else:
            checked.rejected_people.add(person.id)
    checked.rejected_people |= {i for i in ids if isinstance(i, str)} - set(checked.people)


def _label(item: object, i: int) -> str:
    """How problems name an attribution: its speaker and passage, or its position."""
    if isinstance(item, dict) and isinstance(item.get("said"), dict):
        said = item["said"]
        return f"{item.get('speaker')} at {said.get('source')}:{said.get('passage')}"
    return f"attribution #{i}"


def check_attributions(checked: CheckedData) -> None:
    name = checked.name(ATTRIBUTIONS)
    doc = read_json_list(checked, checked.data_dir / ATTRIBUTIONS, "attribution")
    index = PeopleIndex(checked.people)
    claimed: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for i, item in enumerate(doc or []):
        aid = _label(item, i)
        a = check_model(checked, Attribution, item, name, aid)
        if a is None:
            continue
        if a.speaker not in checked.people:
            if a.speaker not in checked.rejected_people:
                checked.problem(name, aid, f"speaker {a.speaker!r} is not in people.json")
            continue
        if a.said.source not in checked.sources and (
            checked.sources_missing or a.said.source in checked.rejected_sources
        ):
            continue  # the source's own problem is reported
        before = len(checked.problems)
        check_span(checked, name, aid, a.said, "said")
        check_span(checked, name, aid, a.cue, "cue")
        if a.cue.source != a.said.source:
            checked.problem(name, aid, "cue and said must be spans of the same source")
        elif a.cue.passage > a.said.passage:
            checked.problem(
                name,
                aid,
                f"cue is in passage {a.cue.passage}, after the words it attributes "
                f"(passage {a.said.passage}); cite where the text names the speaker first",
            )
        if not index.names(a.speaker, a.cue.quote) and not _interviewer(checked, index, a):
            names = ", ".join(repr(t) for _lang, t in checked.people[a.speaker].names())
            checked.problem(
                name,
                aid,
                f"cue {a.cue.quote!r} does not name {a.speaker!r} ({names}); cite the words "
                "that name the speaker, or add the name to their aliases",
            )
        if len(checked.problems) > before:
            continue
        spans = claimed.setdefault((a.said.source, a.said.passage), [])
        other = next(
            ((s, e, who) for s, e, who in spans if a.said.start < e and s < a.said.end), None
        )
        if other is not None:
            s, e, who = other
            same = "the same words" if (s, e) == (a.said.start, a.said.end) else f"{s}..{e}"
            checked.problem(
                name,
                aid,
                f"said overlaps what {who!r} is attributed at {same}; words have one speaker",
            )
            continue
        spans.append((a.said.start, a.said.end, a.speaker))
        checked.attributions.append(a)


def _interviewer(checked: CheckedData, index: PeopleIndex, a: Attribution) -> bool:
    """Whether ``a`` is an interview turn of the interviewer its source's metadata names."""
    source = checked.sources.get(a.said.source)
    interviewer = source.meta.interviewer if source else None
    return a.rule in TURN_RULES and bool(interviewer) and index.names(a.speaker, interviewer)

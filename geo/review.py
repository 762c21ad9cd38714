"""Review what ``geo ingest`` put into ``data/inbox/``: list it, accept it into the atlas, reject it.

Accepting an item (all its candidates, or the ones chosen) changes the curated data in one
checked step:

1. the new ``events.json``, ``links.json``, ``attributions.json`` and source files are put
   together in a temporary overlay of the data folder and checked with
   :func:`geo.validate.check_data`, so an accept that would break the data writes nothing and
   reports every problem;
2. the source's text and metadata are written into ``sources/``, then ``events.json`` (accepted
   events appended, with ids unique in the file), then ``links.json`` (each rejected mention added
   to ``suppress`` with the reason ``"rejected in review"``), then ``attributions.json`` (each
   accepted speaker candidate appended), each with :func:`geo.ingest.write_atomic`;
3. the new data version is recorded in ``versions.json`` with what it added (:mod:`geo.versions`);
4. the inbox item is deleted last.

Each step leaves valid data, and accepting again after an interruption finishes the job without
duplicating anything (an event already in ``events.json`` at the same date span, a suppression
or an attribution already there and a source already in ``sources/`` are not written twice).
Accepted mentions need no record: the linker finds them again whenever the atlas loads. A speaker
candidate needs its speaker in ``people.json``: its ``speaker`` id, or else its ``name`` looked up
among the people when it is accepted (so a person added after ingest is found); an accept that
chooses a speaker nobody in ``people.json`` answers to writes nothing and names them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.attribute import PeopleIndex
from geo.ingest import (
    INBOX,
    SOURCES,
    Candidates,
    dump_json,
    inbox_paths,
    parse_review,
    source_id,
    write_atomic,
)
from geo.model import Person, SourceMeta
from geo.reading import FileRefused, read_regular, unreadable
from geo.validate import (
    ATTRIBUTIONS,
    BOUNDARIES,
    DATA_FILES,
    EVENTS,
    LINKS,
    PEOPLE,
    Problem,
    check_data,
)
from geo.versions import record_version

__all__ = [
    "REJECTED_REASON",
    "AcceptResult",
    "PendingItem",
    "ReviewError",
    "accept",
    "find_item",
    "load_item",
    "pending",
    "reject",
]

REJECTED_REASON = "rejected in review"


class ReviewError(Exception):
    """A review step that cannot be done; ``problems`` lists the data problems it would cause."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = problems or []
        super().__init__(
            message + "".join(f"\n{p}" for p in self.problems) if self.problems else message
        )


@dataclass(frozen=True)
class PendingItem:
    """One inbox item: its source's metadata, text and review candidates."""

    id: str
    meta: SourceMeta
    text: str
    candidates: Candidates


@dataclass(frozen=True)
class AcceptResult:
    source: str
    source_written: bool
    events_added: tuple[str, ...]
    suppressed: int
    already_present: int  # accepted events, suppressions or attributions the data already held
    attributions_added: int = 0


def _read(path: Path) -> bytes:
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise ReviewError(f"{path}: is missing") from None
    except (OSError, FileRefused) as e:
        raise ReviewError(f"{path}: {unreadable(e)}") from None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(_read(path).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ReviewError(f"{path}: is not valid UTF-8 JSON: {e}") from None
    except RecursionError:
        raise ReviewError(f"{path}: is not valid JSON: nested too deeply to read") from None


def pending(data_dir: str | Path) -> tuple[list[str], list[str]]:
    """The ids of the inbox items ready for review, and of incomplete ones (an interrupted ingest
    or review left some of their files: ingest the text again, or reject the id)."""
    inbox = Path(data_dir) / INBOX
    if not inbox.is_dir():
        return [], []
    ready, incomplete = [], []
    stems = {p.name.split(".", 1)[0] for p in inbox.iterdir() if not p.name.startswith(".")}
    for sid in sorted(stems):
        if all(p.exists() for p in inbox_paths(data_dir, sid)):
            ready.append(sid)
        else:
            incomplete.append(sid)
    return ready, incomplete


def find_item(data_dir: str | Path, prefix: str) -> str:
    """The full id of the pending or incomplete item whose id starts with ``prefix``."""
    ready, incomplete = pending(data_dir)
    matches = [sid for sid in ready + incomplete if sid.startswith(prefix.strip())]
    if not prefix.strip() or not matches:
        raise ReviewError(f"no inbox item {prefix!r}; `python -m geo review list` shows them")
    if len(matches) > 1:
        raise ReviewError(f"{prefix!r} names {len(matches)} inbox items: {', '.join(matches)}")
    return matches[0]


def load_item(data_dir: str | Path, sid: str) -> PendingItem:
    """Read and check one inbox item (the text must still have its id)."""
    txt, meta_path, review = inbox_paths(data_dir, sid)
    for path in (txt, meta_path, review):
        if not path.exists():
            raise ReviewError(
                f"{path}: is missing; ingest the text again or run `python -m geo review reject {sid}`"
            )
    try:
        text = _read(txt).decode("utf-8")
    except UnicodeDecodeError as e:
        raise ReviewError(f"{txt}: is not UTF-8 (byte {e.start})") from None
    if source_id(text) != sid:
        raise ReviewError(f"{txt}: the text was changed since it was ingested (its id is now "
                          f"{source_id(text)}); ingest the changed text as a new source")  # fmt: skip
    try:
        meta = SourceMeta.model_validate(_read_json(meta_path))
        cands = parse_review(_read_json(review), str(review))
    except ValueError as e:  # pydantic's ValidationError is a ValueError
        raise ReviewError(str(e)) from None
    if meta.id != sid or cands.source != sid:
        raise ReviewError(f"{meta_path}: belongs to another source ({meta.id}, {cands.source})")
    return PendingItem(sid, meta, text, cands)


def reject(data_dir: str | Path, sid: str) -> None:
    """Delete an inbox item (its review file first, so it is never half pending)."""
    txt, meta_path, review = inbox_paths(data_dir, sid)
    for path in (review, meta_path, txt):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


@contextlib.contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the data folder, so two reviews never interleave their
    read-modify-write of ``events.json`` (POSIX only; elsewhere the caller is trusted)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(data_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _people(data_dir: Path) -> PeopleIndex:
    """The people of ``people.json`` that fit their schema (the overlay check reports the rest)."""
    doc = _read_json(data_dir / PEOPLE) if (data_dir / PEOPLE).exists() else []
    people: dict[str, Person] = {}
    for item in doc if isinstance(doc, list) else []:
        with contextlib.suppress(ValueError):
            person = Person.model_validate(item)
            people[person.id] = person
    return PeopleIndex(people)


def _attributions(
    data_dir: Path, item: PendingItem, chosen: set[str], have: list[Any]
) -> tuple[list[dict[str, Any]], int]:
    """The chosen speaker candidates of ``item`` as new ``attributions.json`` records (and how
    many the data already held). Raises ReviewError naming the ones nobody answers to."""
    people = _people(data_dir)
    present_keys = {
        (a.get("speaker"), _span_key(a["said"]))
        for a in have
        if isinstance(a, dict) and isinstance(a.get("said"), dict)
    }
    added, present, unknown = [], 0, []
    for cand in item.candidates.speakers:
        if cand.id not in chosen:
            continue
        named = people.named_in(cand.name)
        speaker = cand.speaker if cand.speaker in people.people else None
        speaker = speaker or (named[0] if len(named) == 1 else None)
        if speaker is None:
            unknown.append(f"{cand.id} {cand.name!r}")
            continue
        key = (speaker, _span_key(cand.said.model_dump()))
        if key in present_keys:
            present += 1
            continue
        present_keys.add(key)
        added.append(cand.attribution(speaker))
    if unknown:
        raise ReviewError(
            f"{item.id}: no one in people.json is {', '.join(unknown)}; add them to "
            f"data/people.json (see data/README.md), or leave them out with --only"
        )
    return added, present


def _span_key(span: dict[str, Any]) -> tuple:
    return (span["source"], span["passage"], span["start"], span["end"])


def _link(src: Path, dst: Path) -> None:
    try:
        dst.symlink_to(src.resolve())
    except OSError:  # no symlinks (Windows without the privilege): copy instead
        shutil.copyfile(src, dst)


def _check_overlay(data_dir: Path, replaced: dict[str, str]) -> list[Problem]:
    """Problems of ``data_dir`` as it would be with the files in ``replaced`` (relative path →
    new content), checked without touching ``data_dir``."""
    with tempfile.TemporaryDirectory(prefix="atlas-review-") as tmp:
        overlay = Path(tmp) / data_dir.name  # problems then name the same folder as the real one
        (overlay / SOURCES).mkdir(parents=True)
        (overlay / BOUNDARIES).parent.mkdir()
        for name in DATA_FILES:
            if name not in replaced and (data_dir / name).exists():
                _link(data_dir / name, overlay / name)
        if (data_dir / SOURCES).is_dir():
            for path in (data_dir / SOURCES).iterdir():
                if not path.name.startswith(".") and f"{SOURCES}/{path.name}" not in replaced:
                    _link(path, overlay / SOURCES / path.name)
        for rel, content in replaced.items():
            (overlay / rel).write_text(content, encoding="utf-8")
        return check_data(overlay).problems


def accept(data_dir: str | Path, sid: str, only: Iterable[str] | None = None) -> AcceptResult:
    """Move an inbox item into the atlas, keeping the candidates in ``only`` (all when None).

    Mentions left out are suppressed in ``links.json``; events left out are dropped, and an
    accepted event loses a feature whose mentions in its clause or sentence were all rejected.

    Raises
    ------
    ReviewError
        When the item is missing or broken, ``only`` names an unknown candidate, or the result
        would not validate (then nothing is written; ``problems`` lists why).
    """
    data_dir = Path(data_dir)
    with _locked(data_dir):
        item = load_item(data_dir, sid)
        c = item.candidates
        ids = {m.id for m in c.mentions} | {e.id for e in c.events} | {s.id for s in c.speakers}
        chosen = set(ids) if only is None else set(only)
        unknown = sorted(chosen - ids)
        if unknown:
            raise ReviewError(
                f"{sid}: no candidate(s) {', '.join(unknown)}; "
                f"`python -m geo review show {sid}` lists them"
            )

        events_doc = _read_json(data_dir / EVENTS)
        links_doc = _read_json(data_dir / LINKS)
        if not isinstance(events_doc, list) or not isinstance(links_doc, dict):
            raise ReviewError(f"{data_dir}: events.json or links.json has the wrong shape; "
                              "run `python -m geo validate` first")  # fmt: skip
        taken_ids = {e.get("id") for e in events_doc if isinstance(e, dict)}
        have_spans = {
            _span_key(e["date_span"])
            for e in events_doc
            if isinstance(e, dict) and isinstance(e.get("date_span"), dict)
        }
        added, present = [], 0
        for cand in c.events:
            if cand.id not in chosen:
                continue
            ev = cand.event.model_dump(mode="json")
            if _span_key(ev["date_span"]) in have_spans:
                present += 1
                continue
            ev["features"] = [
                f
                for f in ev["features"]
                if f not in cand.support or any(cid in chosen for cid in cand.support[f])
            ]
            base, n = ev["id"], 1
            while ev["id"] in taken_ids:
                n += 1
                ev["id"] = f"{base}_{n}"
            taken_ids.add(ev["id"])
            added.append(ev)

        suppress = list(links_doc.get("suppress", []))
        have_suppressed = {
            (s.get("feature"), _span_key(s["span"]))
            for s in suppress
            if isinstance(s, dict) and isinstance(s.get("span"), dict)
        }
        suppressed = 0
        for m in c.mentions:
            if m.id in chosen:
                continue
            if (m.feature, _span_key(m.span.model_dump())) in have_suppressed:
                present += 1
                continue
            suppress.append(
                {"feature": m.feature, "span": m.span.model_dump(), "reason": REJECTED_REASON}
            )
            suppressed += 1

        attributions_doc = _read_json(data_dir / ATTRIBUTIONS)
        if not isinstance(attributions_doc, list):
            raise ReviewError(f"{data_dir}: attributions.json has the wrong shape; "
                              "run `python -m geo validate` first")  # fmt: skip
        attributed, also_present = _attributions(data_dir, item, chosen, attributions_doc)
        present += also_present

        replaced: dict[str, str] = {}
        src_txt = data_dir / SOURCES / f"{sid}.txt"
        src_meta = data_dir / SOURCES / f"{sid}.json"
        source_new = not (src_txt.exists() and src_meta.exists())
        if not src_txt.exists():
            replaced[f"{SOURCES}/{sid}.txt"] = item.text
        if not src_meta.exists():
            replaced[f"{SOURCES}/{sid}.json"] = dump_json(item.meta.model_dump(mode="json"))
        if added:
            replaced[EVENTS] = dump_json(events_doc + added)
        if suppressed:
            replaced[LINKS] = dump_json({**links_doc, "suppress": suppress})
        if attributed:
            replaced[ATTRIBUTIONS] = dump_json(attributions_doc + attributed)

        problems = _check_overlay(data_dir, replaced)
        if problems:
            raise ReviewError(
                f"{sid}: accepting would leave {len(problems)} problem(s) in the data; "
                "nothing was written",
                problems,
            )
        # Source first (events refer to it), then events, links, attributions; the inbox item last.
        for rel in (f"{SOURCES}/{sid}.txt", f"{SOURCES}/{sid}.json", EVENTS, LINKS, ATTRIBUTIONS):
            if rel in replaced:
                (data_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                write_atomic(data_dir / rel, replaced[rel])
        record_version(data_dir, f"review accept {sid}", dt.date.today().isoformat())
        reject(data_dir, sid)
    return AcceptResult(
        sid, source_new, tuple(e["id"] for e in added), suppressed, present, len(attributed)
    )

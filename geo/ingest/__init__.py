"""Bring a new article to the atlas: its source id and metadata, its front matter, and the review
candidates (mentions, dated events and speakers) a person accepts or rejects before anything joins
the data.

Ingesting never touches the curated files. :func:`ingest` writes three files into ``data/inbox/``:

- ``<id>.txt`` — the text, verbatim (UTF-8);
- ``<id>.json`` — its :class:`~geo.model.SourceMeta` (:func:`prepare_source`);
- ``<id>.review.json`` — the candidates (:func:`candidates`), in the format of :func:`review_json`.

:mod:`geo.review` then lists them and moves what a person accepts into ``data/sources/``,
``data/events.json`` and ``data/links.json``. Every file is written with :func:`write_atomic`, so
an interrupted ingest leaves whole files or none; re-ingesting the same text gives the same id and
writes nothing new.

The package: :mod:`~geo.ingest.files` (ids, atomic writes, inbox paths, reading a file),
:mod:`~geo.ingest.front_matter` (the ``---`` header), :mod:`~geo.ingest.metadata` (the checked
:class:`~geo.model.SourceMeta`), :mod:`~geo.ingest.propose` (the candidates and the review file),
:mod:`~geo.ingest.speakers` (the speaker candidates)
and, here, :func:`ingest`, which puts them together.
"""

from __future__ import annotations

from pathlib import Path

from geo.attribute import PeopleIndex
from geo.ingest.control import control_warnings
from geo.ingest.files import (
    INBOX,
    SOURCES,
    dump_json,
    inbox_paths,
    read_article,
    source_id,
    write_atomic,
)
from geo.ingest.front_matter import parse_front_matter
from geo.ingest.metadata import prepare_source
from geo.ingest.propose import (
    Candidates,
    EventCandidate,
    MentionCandidate,
    candidates,
    parse_review,
    review_json,
)
from geo.ingest.speakers import SpeakerCandidate
from geo.link import Linker
from geo.model import SourceMeta
from geo.reading import FileRefused, read_regular, unreadable

__all__ = [
    "INBOX",
    "SOURCES",
    "Candidates",
    "EventCandidate",
    "MentionCandidate",
    "SpeakerCandidate",
    "candidates",
    "control_warnings",
    "dump_json",
    "ingest",
    "inbox_paths",
    "parse_front_matter",
    "parse_review",
    "prepare_source",
    "read_article",
    "review_json",
    "source_id",
    "write_atomic",
]


def ingest(
    data_dir: str | Path,
    meta: SourceMeta,
    text: str,
    linker: Linker,
    people: PeopleIndex | None = None,
) -> str:
    """Put a source and its review file into ``data_dir/inbox/``, unless it is already there or
    already in the atlas. With ``people`` (the atlas's), its speakers are candidates too.

    Returns
    -------
    str
        ``"new"`` when files were written, ``"pending"`` when the inbox already holds the item
        (nothing is rewritten, so edits to its review file are kept) or ``"in_atlas"`` when
        ``data_dir/sources/`` already holds the text.
    """
    data_dir = Path(data_dir)
    if meta.id != source_id(text):
        raise ValueError(f"metadata id {meta.id!r} is not the id of the text ({source_id(text)})")
    sources = data_dir / SOURCES
    if (sources / f"{meta.id}.txt").exists() and (sources / f"{meta.id}.json").exists():
        return "in_atlas"
    txt, meta_path, review = inbox_paths(data_dir, meta.id)
    if txt.exists() and meta_path.exists() and review.exists():
        return "pending"
    txt.parent.mkdir(parents=True, exist_ok=True)
    # Text first, review file last: an item is pending only once all three exist, and a rerun
    # after an interruption completes it.
    if not txt.exists():
        write_atomic(txt, text)
    if meta_path.exists():  # left by an interrupted ingest: its metadata stands
        try:
            meta = SourceMeta.model_validate_json(read_regular(meta_path))
        except (OSError, FileRefused) as e:
            raise ValueError(f"{meta_path}: {unreadable(e)}") from None
    else:
        write_atomic(meta_path, dump_json(meta.model_dump(mode="json")))
    found = candidates(text, meta.id, linker, meta.published, people=people, meta=meta)
    write_atomic(review, review_json(found))
    return "new"

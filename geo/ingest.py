"""Bring a new article to the atlas: its source id and metadata, its front matter, and the review
candidates (mentions and dated events) a person accepts or rejects before anything joins the data.

Ingesting never touches the curated files. :func:`ingest` writes three files into ``data/inbox/``:

- ``<id>.txt`` — the text, verbatim (UTF-8);
- ``<id>.json`` — its :class:`~geo.model.SourceMeta`;
- ``<id>.review.json`` — the candidates (:func:`candidates`), in the format of :func:`review_json`.

:mod:`geo.review` then lists them and moves what a person accepts into ``data/sources/``,
``data/events.json`` and ``data/links.json``. Every file is written with :func:`write_atomic`, so
an interrupted ingest leaves whole files or none; re-ingesting the same text gives the same id and
writes nothing new.

Examples
--------
>>> meta, text = prepare_source("The Middle Corridor grew.", title="T", publisher="P",
...                             published="2025-03", lang="en")
>>> meta.id, meta.published_precision
('69638ba46b464c3d', 'month')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from geo.dates import find_dates, sentence_bounds
from geo.link import Linker
from geo.model import DATE_RE, Event, SourceMeta, Span
from geo.passages import Passage, passage_index_at, split_passages

__all__ = [
    "INBOX",
    "Candidates",
    "EventCandidate",
    "MentionCandidate",
    "candidates",
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

INBOX = "inbox"
SOURCES = "sources"
DEFAULT_RIGHTS = (
    "Quoted for reference and research with attribution; copyright stays with the publisher."
)
DEFAULT_PUBLISHED_EVIDENCE = "Given when the text was ingested (front matter or command line)."
TITLE_MAX = 140
REVIEW_FORMAT = 1

# Front-matter keys and the prepare_source() argument each one fills.
FRONT_MATTER_KEYS = {
    "title": "title",
    "publisher": "publisher",
    "published": "published",
    "url": "url",
    "lang": "lang",
    "language": "lang",
    "authors": "authors",
    "author": "authors",
    "interviewer": "interviewer",
    "rights": "rights",
    "notes": "notes",
    "translated_from": "translated_from",
    "title_supplied": "title_supplied",
    "published_evidence": "published_evidence",
}
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s+(?P<value>.*?))?\s*$")
_LIST_ITEM = re.compile(r"^\s+-\s+(?P<value>.*?)\s*$")
_LANG = re.compile(r"^[a-z]{2,3}$")


# --------------------------------------------------------------------------------- files


def source_id(text: str) -> str:
    """The atlas's id for a text: the first 16 hex digits of the SHA-256 of its UTF-8 bytes.

    >>> source_id("abc")
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that ``path`` holds either its old content or all of the new.

    The data goes to a temporary file in the same folder (named ``.<name>.<random>.tmp``, so no
    ``*.txt`` or ``*.json`` glob picks it up), is flushed and fsynced, and then replaces ``path``
    with :func:`os.replace`, which is atomic on POSIX and Windows. The folder is fsynced where the
    platform allows, so the rename itself survives a power cut. On any error the temporary file
    is removed and the error re-raised; a process killed outright may leave one behind, harmless.

    Parameters
    ----------
    path : target file; its folder must exist.
    data : bytes, or str written as UTF-8.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its rename is durable enough
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def inbox_paths(data_dir: str | Path, sid: str) -> tuple[Path, Path, Path]:
    """The text, metadata and review file of inbox item ``sid``."""
    inbox = Path(data_dir) / INBOX
    return inbox / f"{sid}.txt", inbox / f"{sid}.json", inbox / f"{sid}.review.json"


def dump_json(value: Any) -> str:
    """JSON as the atlas writes it: UTF-8 characters as written, one-space indent, final newline."""
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


# --------------------------------------------------------------------------- front matter


def _scalar(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _list(value: str) -> list[str]:
    if value.startswith("[") and value.endswith("]"):
        return [_scalar(v.strip()) for v in value[1:-1].split(",") if v.strip()]
    return [_scalar(v.strip()) for v in value.split(";") if v.strip()]


def parse_front_matter(raw: str, where: str = "text") -> tuple[dict[str, Any], str]:
    """Split a ``---``-delimited ``key: value`` header off the top of ``raw``.

    The header is a small subset of YAML: one ``key: value`` per line, values optionally quoted,
    lists written ``[a, b]``, ``a; b`` or as ``- item`` lines under an empty key, ``#`` comments.
    It ends at a line ``---`` (or ``...``); the line break after it is not part of the text.
    A text that does not start with a ``---`` line has no front matter and is returned whole.

    Returns
    -------
    (fields, text)
        ``fields`` keyed by :func:`prepare_source` argument names (``language`` becomes
        ``lang``, ``author`` becomes ``authors``); ``authors`` is a list, ``title_supplied`` a bool.

    Raises
    ------
    ValueError
        For an unclosed header, a line that is not ``key: value`` or an unknown key; the message
        names ``where`` and the line.

    Examples
    --------
    >>> parse_front_matter("---\\ntitle: 'A: B'\\nauthors: [X, Y]\\n---\\nBody\\n")
    ({'title': 'A: B', 'authors': ['X', 'Y']}, 'Body\\n')
    """
    lines = raw.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        return {}, raw
    fields: dict[str, Any] = {}
    list_key: str | None = None
    for n, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        if line.strip() in ("---", "..."):
            return fields, "\n".join(lines[n:])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LIST_ITEM.match(line)
        if item and list_key is not None:
            fields[list_key].append(_scalar(item["value"]))
            continue
        m = _KEY_LINE.match(line)
        if m is None:
            raise ValueError(
                f"{where}: front matter line {n} is not 'key: value': {line!r} "
                "(is the closing '---' missing?)"
            )
        key = m["key"].lower().replace("-", "_")
        if key not in FRONT_MATTER_KEYS:
            known = ", ".join(sorted(FRONT_MATTER_KEYS))
            raise ValueError(f"{where}: front matter line {n}: unknown key {key!r}; known: {known}")
        name, value = FRONT_MATTER_KEYS[key], m["value"] or ""
        list_key = None
        if name == "authors":
            fields[name] = _list(value)
            list_key = None if value else name
        elif name == "title_supplied":
            if value.lower() not in ("true", "false", "yes", "no"):
                raise ValueError(
                    f"{where}: front matter line {n}: title_supplied must be true/false"
                )
            fields[name] = value.lower() in ("true", "yes")
        elif value:
            fields[name] = _scalar(value)
    raise ValueError(f"{where}: front matter opened on line 1 is never closed with '---'")


def read_article(path: str | Path) -> tuple[dict[str, Any], str]:
    """Read a UTF-8 text file (a byte-order mark is dropped) and split off its front matter."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ValueError(f"{path}: cannot be read: {e.strerror or e}") from None
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: is not UTF-8 (byte {e.start}); convert it first") from None
    return parse_front_matter(raw, str(path))


# ------------------------------------------------------------------------------- metadata


def prepare_source(
    text: str,
    *,
    title: str,
    publisher: str,
    published: str,
    url: str | None = None,
    lang: str,
    authors: Iterable[str] = (),
    interviewer: str | None = None,
    rights: str = DEFAULT_RIGHTS,
    published_evidence: str = DEFAULT_PUBLISHED_EVIDENCE,
    title_supplied: bool = False,
    translated_from: str | None = None,
    notes: str | None = None,
) -> tuple[SourceMeta, str]:
    """The metadata of a new source and its text, checked as ``geo validate`` would check them.

    The text is kept verbatim; its id is :func:`source_id` of it. ``published`` is ``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD`` and sets ``published_precision``.

    Raises
    ------
    ValueError
        With every problem named: an empty text, a missing or malformed field, an impossible date.
    """
    problems = []
    if not isinstance(text, str) or not text.strip():
        problems.append("the text is empty")
    for name, value in (("title", title), ("publisher", publisher), ("published", published)):
        if not value or not str(value).strip():
            problems.append(f"{name} is missing")
    lang = (lang or "").strip().lower()
    if not _LANG.match(lang):
        problems.append(f"lang {lang!r} is not a two- or three-letter language code (en, zh, ru…)")
    published = str(published or "").strip()
    if published and not DATE_RE.match(published):
        problems.append(f"published {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    elif published:
        bits = [int(b) for b in published.split("-")]
        try:
            dt.date(bits[0], bits[1] if len(bits) > 1 else 1, bits[2] if len(bits) > 2 else 1)
        except ValueError as e:
            problems.append(f"published {published!r} is impossible: {e}")
    if problems:
        raise ValueError("; ".join(problems))
    precision = {1: "year", 2: "month", 3: "day"}[len(published.split("-"))]
    try:
        meta = SourceMeta(
            id=source_id(text),
            title=title.strip(),
            title_supplied=title_supplied,
            publisher=publisher.strip(),
            authors=tuple(a.strip() for a in authors if a and a.strip()),
            interviewer=interviewer or None,
            published=published,
            published_precision=precision,
            published_evidence=published_evidence,
            url=url or None,
            language=lang,
            translated_from=translated_from or None,
            rights=rights,
            notes=notes or None,
        )
    except ValidationError as err:
        msgs = [
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
            for e in err.errors()
        ]
        raise ValueError("; ".join(msgs)) from None
    return meta, text


# ----------------------------------------------------------------------------- candidates


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
    the event's features, the mention candidates that name it in the event's passage (a feature
    whose mentions are all rejected leaves the event)."""

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


def _title(sentence: str) -> str:
    title = " ".join(sentence.split())
    if len(title) <= TITLE_MAX:
        return title
    cut = title[: TITLE_MAX - 1]
    if " " in cut[TITLE_MAX // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _event_id(features: list[str], date: str, sid: str, taken: set[str]) -> str:
    base = f"{features[0] if features else 'event'}_{re.sub(r'[^0-9]+', '_', date)}_{sid[:8]}"
    event_id, n = base, 1
    while event_id in taken:
        n += 1
        event_id = f"{base}_{n}"
    taken.add(event_id)
    return event_id


def _evidence(p: Passage, sid: str, start: int, end: int) -> Span:
    """The sentence of passage ``p`` around ``start..end``, trimmed of white space."""
    lo, hi = sentence_bounds(p.text, start, end)
    lo, hi = min(lo, start), max(hi, end)
    while lo < start and p.text[lo].isspace():
        lo += 1
    while hi > end and p.text[hi - 1].isspace():
        hi -= 1
    return Span(source=sid, passage=p.index, start=lo, end=hi, quote=p.text[lo:hi])


def candidates(
    text: str, source_id: str, linker: Linker, published: str | dt.date | None
) -> Candidates:
    """The mentions and dated events found in ``text``, as candidates for review.

    Each mention is the linker's (:meth:`geo.link.Linker.link`) with its span inside its passage
    (a name broken across a line break is cut at the end of the line where it starts). Each date
    (:func:`geo.dates.find_dates`, resolved against ``published``) is a proposed event whose
    evidence is the sentence around it in its passage, whose title is that sentence and whose
    features are those mentioned in the same passage, the ones in the sentence first.

    Parameters
    ----------
    text : the article, verbatim.
    source_id : its id (:func:`source_id`), used in every span.
    linker : the atlas's linker (``atlas.linker`` or :func:`geo.load.build_linker`).
    published : the publication date that relative dates ("last June") are resolved against.

    Returns
    -------
    Candidates
        Mentions numbered ``m1, m2, …`` and events ``e1, e2, …`` in text order; the same text
        and gazetteer always give the same candidates.
    """
    passages = split_passages(text, source_id)
    mentions: list[MentionCandidate] = []
    in_passage: dict[int, list[tuple[int, str, str]]] = {}  # passage -> (start, feature, m id)
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
        in_passage.setdefault(p.index, []).append((start, m.feature, cid))
        # A name broken across lines ("Middle\nCorridor") is named in the next passage too.
        for q in passages[p.index + 1 :]:
            if q.offset >= m.end:
                break
            in_passage.setdefault(q.index, []).append((0, m.feature, cid))

    events: list[EventCandidate] = []
    taken: set[str] = set()
    published_text = published.isoformat() if isinstance(published, dt.date) else published
    for d in find_dates(text, published):
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
        evidence = _evidence(p, source_id, start, end)
        named = in_passage.get(idx, [])
        inside = [f for pos, f, _ in named if evidence.start <= pos < evidence.end]
        features = list(dict.fromkeys(inside + [f for _, f, _ in named]))
        support = {f: tuple(cid for _, g, cid in named if g == f) for f in features}
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
    return Candidates(source_id, published_text, tuple(mentions), tuple(events))


def review_json(c: Candidates) -> str:
    """The review file of ``c``: ``{format, source, published, mentions, events}`` as JSON."""
    return dump_json(
        {
            "format": REVIEW_FORMAT,
            "source": c.source,
            "published": c.published,
            "mentions": [m.to_json() for m in c.mentions],
            "events": [e.to_json() for e in c.events],
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
    mentions, events = [], []
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
    except (KeyError, TypeError, AttributeError, ValidationError) as err:
        raise ValueError(f"{where}: candidate {cid!r} does not parse: {err}") from None
    return Candidates(doc.get("source", ""), doc.get("published"), tuple(mentions), tuple(events))


# --------------------------------------------------------------------------------- ingest


def ingest(data_dir: str | Path, meta: SourceMeta, text: str, linker: Linker) -> str:
    """Put a source and its review file into ``data_dir/inbox/``, unless it is already there or
    already in the atlas.

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
        meta = SourceMeta.model_validate_json(meta_path.read_bytes())
    else:
        write_atomic(meta_path, dump_json(meta.model_dump(mode="json")))
    write_atomic(review, review_json(candidates(text, meta.id, linker, meta.published)))
    return "new"

"""The data version history: what each version of ``data/`` added, changed and removed.

A data version (:func:`geo.load.data_version`) is a hash of the data folder's files. The history is
kept in the folder itself, in ``versions.json``, which the hash leaves out (recording a version
must not make a new one). Each entry names a version, the day it was recorded, a note, and its
difference from the version recorded before it: the sources, events, figures and features it
added, changed or removed, each by id with a short fingerprint of its record, so that the next
entry can tell what changed again. Replaying the entries in order gives the fingerprints of the
last recorded version (:func:`replay`).

``geo review accept`` records a version after every accept; ``python -m geo versions record``
records one after a hand edit. A link carries the version it was made on (``v=``):
:func:`changed_since` says what the versions recorded after it added and changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from geo.model import VERSION_KINDS as KINDS
from geo.model import VersionEntry
from geo.validate.checked import VERSIONS

Prints = dict[str, dict[str, str]]  # kind → id → fingerprint


def _fingerprint(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _records(doc: Any) -> Iterable[tuple[str, Any]]:
    for item in doc if isinstance(doc, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            yield item["id"], item


def fingerprints(data_dir: str | Path) -> Prints:
    """The fingerprint of every source, event, figure and feature in a data folder (read as
    files: a record is its JSON; a source is its metadata and text; a feature its properties and
    geometry)."""
    data_dir = Path(data_dir)
    out: Prints = {k: {} for k in KINDS}
    for meta_path in sorted((data_dir / "sources").glob("*.json")):
        text = meta_path.with_suffix(".txt")
        body = text.read_bytes() if text.exists() else b""
        out["sources"][meta_path.stem] = _fingerprint(
            [_json(meta_path), hashlib.sha256(body).hexdigest()]
        )
    for kind, name in (("events", "events.json"), ("figures", "figures.json")):
        out[kind] = {rid: _fingerprint(r) for rid, r in _records(_json(data_dir / name))}
    corridors = _json(data_dir / "corridors.geojson") or {}
    for f in corridors.get("features", []) if isinstance(corridors, dict) else []:
        fid = (f.get("properties") or {}).get("id") if isinstance(f, dict) else None
        if isinstance(fid, str):
            out["features"][fid] = _fingerprint(f)
    return out


def replay(entries: Iterable[VersionEntry]) -> Prints:
    """The fingerprints of the last recorded version: every entry's difference applied in turn."""
    out: Prints = {k: {} for k in KINDS}
    for e in entries:
        for kind in KINDS:
            out[kind].update(e.added.get(kind, {}))
            out[kind].update(e.changed.get(kind, {}))
            for rid in e.removed.get(kind, ()):
                out[kind].pop(rid, None)
    return out


def difference(before: Prints, after: Prints) -> tuple[Prints, Prints, dict[str, list[str]]]:
    """What ``after`` added, changed and removed with respect to ``before``."""
    added: Prints = {}
    changed: Prints = {}
    removed: dict[str, list[str]] = {}
    for kind in KINDS:
        old, new = before.get(kind, {}), after.get(kind, {})
        if a := {i: h for i, h in new.items() if i not in old}:
            added[kind] = a
        if c := {i: h for i, h in new.items() if i in old and old[i] != h}:
            changed[kind] = c
        if r := sorted(set(old) - set(new)):
            removed[kind] = r
    return added, changed, removed


def read_versions(data_dir: str | Path) -> list[VersionEntry]:
    """The entries of ``versions.json`` (none when there is no such file). Raises ValueError
    for a file that does not fit :class:`~geo.model.VersionEntry`; ``geo validate`` reports it."""
    path = Path(data_dir) / VERSIONS
    if not path.exists():
        return []
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [VersionEntry.model_validate(e) for e in doc]


def record_version(data_dir: str | Path, note: str, today: str) -> VersionEntry | None:
    """Append the data folder's present version to its history with what it changed since the
    last recorded one; None (and nothing written) when that is the present version already.
    ``today``: the day recorded (``YYYY-MM-DD``)."""
    from geo.ingest import dump_json, write_atomic
    from geo.load import data_version

    data_dir = Path(data_dir)
    entries = read_versions(data_dir)
    version = data_version(data_dir)
    if entries and entries[-1].version == version:
        return None
    added, changed, removed = difference(replay(entries), fingerprints(data_dir))
    entry = VersionEntry(
        version=version,
        recorded=today,
        note=note,
        added=added,
        changed=changed,
        removed={k: tuple(v) for k, v in removed.items()},
    )
    doc = [e.model_dump(mode="json") for e in [*entries, entry]]
    write_atomic(data_dir / VERSIONS, dump_json(doc))
    return entry


def changed_since(entries: Sequence[VersionEntry], version: str) -> dict[str, set[str]] | None:
    """The ids each kind gained or changed in the versions recorded after ``version`` (None when
    the history does not know it).

    >>> e = lambda v, **a: VersionEntry(version=v * 10, recorded="2026-01-01", added=a)
    >>> changed_since([e("a", events={"x": "0"}), e("b", events={"y": "1"})], "a" * 10)["events"]
    {'y'}
    """
    known = [e.version for e in entries]
    if version not in known:
        return None
    out: dict[str, set[str]] = {k: set() for k in KINDS}
    for e in entries[known.index(version) + 1 :]:
        for kind in KINDS:
            out[kind] |= set(e.added.get(kind, {})) | set(e.changed.get(kind, {}))
            out[kind] -= set(e.removed.get(kind, ()))
    return out

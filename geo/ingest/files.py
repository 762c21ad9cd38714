"""The files of ingesting: a text's id, atomic writes, the inbox's paths, JSON as the atlas writes
it, and reading an article from disk."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo.ingest.control import control_warnings
from geo.ingest.front_matter import parse_front_matter
from geo.reading import FileRefused, read_regular, unreadable

INBOX = "inbox"
SOURCES = "sources"


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


def read_article(
    path: str | Path, warn: Callable[[str], None] | None = None
) -> tuple[dict[str, Any], str]:
    """Read a UTF-8 text file (a byte-order mark is dropped) and split off its front matter;
    ``warn`` is given a line for each control character in the file (``path:line:column: …``,
    see :mod:`geo.ingest.control`)."""
    path = Path(path)
    try:
        data = read_regular(path)
    except (OSError, FileRefused) as e:
        raise ValueError(f"{path}: {unreadable(e)}") from None
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: is not UTF-8 (byte {e.start}); convert it first") from None
    if warn is not None:
        for line in control_warnings(str(path), raw):
            warn(line)
    return parse_front_matter(raw, str(path))

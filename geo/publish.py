"""Publish what depends only on the data as static files: named by the data version and their
content, written once and atomically, served by Streamlit from ``static/`` and kept by the
browser across reruns and sessions — the map's layers (:mod:`geo.draw.layers`) and the timeline's
rows (:func:`geo.timeline.timeline_rows`).

Streamlit serves ``static/`` at ``/app/static/`` (``server.enableStaticServing``) with an ``ETag``
and a ``Last-Modified`` date but no ``Cache-Control`` (Streamlit 1.67,
``create_app_static_serving_routes``), and answers a conditional request (``If-None-Match``) with
the whole file again, never a 304 (it sends Starlette's ``FileResponse``, which does not look at
those headers). What keeps a browser from fetching a file again is therefore freshness alone.
Without ``Cache-Control`` a browser keeps a response fresh for a tenth of its age, the time since
``Last-Modified`` (RFC 9111 §4.2.2, "heuristic freshness"). A file here is named by its content,
so what that name serves never changes; its modification time is therefore set to
:data:`UNCHANGED_SINCE` (2000-01-01), which gives it years of heuristic freshness (Chromium applies
the tenth without a cap): a browser fetches each file once and then reads it from its cache, in
every session, until the data changes and the page names new files. A browser that caps heuristic
freshness fetches it again when that cap runs out. (A route of our own with
``Cache-Control: immutable`` would need ``st.App``, whose script is no longer the page:
``streamlit run dashboard.py`` on Community Cloud must stay the entry point.) Streamlit refuses
static files over 200 MiB (``MAX_APP_STATIC_FILE_SIZE``); the 100× synthetic atlas's largest file
is about 3 MB.

Several servers (replicas) may write the same files at once: each file is written to a temporary
name in the same folder and renamed over the final name, which is atomic, and its bytes depend
only on the data, so every writer writes the same thing and no reader sees half a file.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["STATIC_DIR", "STATIC_URL", "UNCHANGED_SINCE", "Published", "published"]

STATIC_DIR = Path(__file__).resolve().parents[1] / "static" / "layers"
"""Where the files go: ``static/layers/`` of the repository (git-ignored; safe to delete)."""

STATIC_URL = "/app/static/layers/"
"""Where Streamlit serves :data:`STATIC_DIR`."""

UNCHANGED_SINCE = 946_684_800.0  # 2000-01-01T00:00:00Z
"""The modification time given to every file (see the module's notes on heuristic freshness)."""

_VERSION = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
_PART = re.compile(r"^[a-z_]{1,32}$")


@dataclass(frozen=True)
class Published:
    """Parts (name → JSON text) of data ``version``, each with its file name,
    ``<version>/<part>.<sha256 prefix>.json``, relative to the static folder."""

    version: str
    json: Mapping[str, str]
    names: Mapping[str, str]

    def urls(self, base_url: str = STATIC_URL) -> dict[str, str]:
        """Part → the address the browser fetches it from."""
        return {part: base_url + name for part, name in self.names.items()}

    def write(self, folder: Path = STATIC_DIR) -> None:
        """Make sure every file is in ``folder``; write the missing ones atomically."""
        for part, name in self.names.items():
            path = folder / name
            if not path.is_file():
                write_atomically(path, self.json[part].encode("utf-8"))


def published(json: Mapping[str, str], version: str) -> Published:
    """``json`` (part name → JSON text) as the files of data ``version``.

    >>> published({"routes": "{}"}, "3f2a9c01d2").names["routes"]
    '3f2a9c01d2/routes.44136fa355b3678a.json'
    """
    if not _VERSION.match(version):
        raise ValueError(f"a data version names a folder: {version!r} is not one")
    bad = [p for p in json if not _PART.match(p)]
    if bad:
        raise ValueError(f"a part names a file: {bad[0]!r} is not one")
    names = {
        part: f"{version}/{part}.{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
        for part, text in json.items()
    }
    return Published(version=version, json=dict(json), names=names)


def write_atomically(path: Path, data: bytes, mtime: float = UNCHANGED_SINCE) -> None:
    """Write ``data`` to ``path`` so that no reader ever sees part of it: to a temporary file in
    the same folder, then renamed over ``path`` (readable by all, modified at ``mtime``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.utime(tmp, (mtime, mtime))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

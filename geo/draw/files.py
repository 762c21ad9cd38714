"""The map's parts as static files: named by the data version and their content, written once and
atomically, served by Streamlit from ``static/`` and kept by the browser across reruns and sessions.

Streamlit serves ``static/`` at ``/app/static/`` (``server.enableStaticServing``) with an ``ETag``
and a ``Last-Modified`` date but no ``Cache-Control`` (Streamlit 1.67,
``create_app_static_serving_routes``). Without ``Cache-Control`` a browser keeps a response fresh
for a tenth of its age, the time since ``Last-Modified`` (RFC 9111 §4.2.2, "heuristic
freshness"), and afterwards asks again with ``If-None-Match``, which Streamlit answers with an
empty 304. A file here is named by its content, so what that name serves never changes; its
modification time is therefore set to :data:`UNCHANGED_SINCE` (2000-01-01), which gives it years of
heuristic freshness (Chromium applies the tenth without a cap): a browser fetches each file once
and then reads it from its cache, in every session, until the data changes and the map names new
files. A browser that caps heuristic freshness still only revalidates (a 304, no body). Streamlit
refuses static files over 200 MiB (``MAX_APP_STATIC_FILE_SIZE``); the 100× synthetic atlas's
largest part is about 3 MB.

Several servers (replicas) may write the same files at once: each file is written to a temporary
name in the same folder and renamed over the final name, which is atomic, and its bytes depend
only on the data, so every writer writes the same thing and no reader sees half a file.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from geo.draw.layers import PARTS, MapParts

__all__ = ["LAYERS_DIR", "LAYERS_URL", "UNCHANGED_SINCE", "LayerFiles", "layer_files"]

LAYERS_DIR = Path(__file__).resolve().parents[2] / "static" / "layers"
"""Where the files go: ``static/layers/`` of the repository (git-ignored; safe to delete)."""

LAYERS_URL = "/app/static/layers/"
"""Where Streamlit serves :data:`LAYERS_DIR`."""

UNCHANGED_SINCE = 946_684_800.0  # 2000-01-01T00:00:00Z
"""The modification time given to every file (see the module's notes on heuristic freshness)."""

_VERSION = re.compile(r"^[0-9A-Za-z_-]{1,64}$")


@dataclass(frozen=True)
class LayerFiles:
    """The parts of a map (:class:`geo.draw.layers.MapParts`) for data ``version`` with the file
    name of each, ``<version>/<part>.<sha256 prefix>.json``, relative to the layers folder."""

    version: str
    parts: MapParts
    names: dict[str, str]

    def urls(self, base_url: str = LAYERS_URL) -> dict[str, str]:
        """Part → the address the browser fetches it from."""
        return {part: base_url + name for part, name in self.names.items()}

    def write(self, folder: Path = LAYERS_DIR) -> None:
        """Make sure every file is in ``folder``; write the missing ones atomically."""
        for part, name in self.names.items():
            path = folder / name
            if not path.is_file():
                write_atomically(path, self.parts.json[part].encode("utf-8"))


def layer_files(parts: MapParts, version: str) -> LayerFiles:
    """``parts`` as the files of data ``version``.

    >>> from geo.draw.layers import MapParts
    >>> parts = MapParts(json={p: "{}" for p in PARTS}, route_ids=(), site_ids=())
    >>> layer_files(parts, "3f2a9c01d2").names["routes"]
    '3f2a9c01d2/routes.44136fa355b3678a.json'
    """
    if not _VERSION.match(version):
        raise ValueError(f"a data version names a folder: {version!r} is not one")
    names = {
        part: f"{version}/{part}.{hashlib.sha256(parts.json[part].encode()).hexdigest()[:16]}.json"
        for part in PARTS
    }
    return LayerFiles(version=version, parts=parts, names=names)


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

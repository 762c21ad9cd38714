"""Fetch the JavaScript and CSS the map needs from the npm registry into ``static/vendor/``.

The map must draw with no CDN reachable, so the files folium would load from CDNs are served by
Streamlit itself from ``static/`` (``server.enableStaticServing``). This script is the only way
those files get there: it runs ``npm pack`` on pinned versions, copies the few files the map uses
with each package's licence, and rewrites ``static/vendor/README.md`` (file, package, licence,
sha256), so the folder can always be rebuilt and checked.

Usage::

    python scripts/vendor_assets.py            # needs npm and the npm registry

Pins live in ``PACKAGES`` below and must agree with ``geo.draw.assets.LOCAL_ASSETS``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geo.draw.assets import VENDOR_DIR  # noqa: E402


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    licence: str  # SPDX identifier, written to the README
    declared_licence: str  # the package.json "license" string, checked on every fetch
    # package-relative source path -> path under the package's vendor folder
    files: dict[str, str]

    @property
    def folder(self) -> str:
        return f"{self.name}-{self.version}"


PACKAGES = (
    Package(
        name="leaflet",
        version="1.9.4",
        licence="BSD-2-Clause",
        declared_licence="BSD-2-Clause",
        files={
            "dist/leaflet.js": "leaflet.js",
            "dist/leaflet.css": "leaflet.css",
            # leaflet.css points at these: the layer-control button and the default marker.
            "dist/images/layers.png": "images/layers.png",
            "dist/images/layers-2x.png": "images/layers-2x.png",
            "dist/images/marker-icon.png": "images/marker-icon.png",
            "dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
            "dist/images/marker-shadow.png": "images/marker-shadow.png",
            "LICENSE": "LICENSE",
        },
    ),
    Package(
        # folium.plugins.Fullscreen asks for leaflet.fullscreen@3.0.0 (Control.FullScreen.min.js
        # is a CDN-minified name; the npm package ships only the unminified file).
        name="leaflet.fullscreen",
        version="3.0.0",
        licence="MIT",
        declared_licence="MIT License",
        files={
            "Control.FullScreen.js": "Control.FullScreen.js",
            "Control.FullScreen.css": "Control.FullScreen.css",
            "icon-fullscreen.svg": "icon-fullscreen.svg",
            "LICENSE": "LICENSE",
        },
    ),
)


def npm_pack(spec: str, workdir: Path) -> Path:
    """Download ``spec`` (``name@version``) as a tarball with ``npm pack`` and return its path."""
    out = subprocess.run(
        ["npm", "pack", spec, "--json", "--silent"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    filename = json.loads(out.stdout)[0]["filename"]
    return workdir / filename


def extract_package(package: Package, workdir: Path) -> Path:
    tarball = npm_pack(f"{package.name}@{package.version}", workdir)
    target = workdir / package.folder
    with tarfile.open(tarball) as tar:
        tar.extractall(target, filter="data")
    root = target / "package"
    declared = json.loads((root / "package.json").read_text())
    if declared.get("version") != package.version:
        raise SystemExit(
            f"{package.name}: npm gave {declared.get('version')}, not {package.version}"
        )
    if declared.get("license") != package.declared_licence:
        raise SystemExit(
            f"{package.name}@{package.version}: package.json says licence "
            f"{declared.get('license')!r}, expected {package.declared_licence!r}; "
            "review the licence before vendoring"
        )
    return root


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def readme(rows: list[tuple[str, Package, str]]) -> str:
    lines = [
        "# static/vendor — third-party files the map loads",
        "",
        "Served by Streamlit at `/app/static/vendor/...` (`server.enableStaticServing`), so the",
        "map draws with no CDN. `geo.draw.assets.localize` points folium's elements at these",
        "files.",
        "",
        "Written by `python scripts/vendor_assets.py` from the npm registry; do not edit by hand.",
        "To upgrade, change the pins in that script and in `geo.draw.assets.LOCAL_ASSETS`, rerun",
        "it and run `pytest tests/unit/draw`.",
        "",
        "Not vendored on purpose: jQuery, Bootstrap, Font Awesome, glyphicons and",
        "Leaflet.awesome-markers, which `folium.Map` lists but which only `folium.Popup`,",
        "`folium.Icon`, `keep_in_front` and non-embedded GeoJSON use; the atlas draws none of them",
        "(`localize` refuses a map that does).",
        "",
        "| file | package | licence | sha256 |",
        "| --- | --- | --- | --- |",
    ]
    for rel, package, digest in rows:
        lines.append(
            f"| `{rel}` | {package.name}@{package.version} | {package.licence} | `{digest}` |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    if shutil.which("npm") is None:
        print("npm is needed: apt-get install npm", file=sys.stderr)
        return 1
    rows: list[tuple[str, Package, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for package in PACKAGES:
            root = extract_package(package, workdir)
            dest_root = VENDOR_DIR / package.folder
            if dest_root.exists():
                shutil.rmtree(dest_root)
            for src, dest in package.files.items():
                target = dest_root / dest
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(root / src, target)
                rows.append((f"{package.folder}/{dest}", package, sha256(target)))
    (VENDOR_DIR / "README.md").write_text(readme(rows))
    for rel, package, _ in rows:
        print(f"{package.name}@{package.version}\t{rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A copy of the atlas with many tiny valid sites added: the data folder of issue 11's "100,000
valid tiny points", shared by the test of the map page's cap and ``bench/many_points.py``.

Each added site is a city in a box well inside Kazakhstan (so the site-country check finds it
there), with one English alias of its own and a reference as its evidence; the folder passes
``python -m geo validate``.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from devtools import DATA

# lon/lat box in central Kazakhstan, far from every border
BOX = (66.0, 46.0, 76.0, 50.0)


def tiny_site(index: int, rng: random.Random) -> dict:
    fid = f"tiny_{index:06d}"
    lon = round(rng.uniform(BOX[0], BOX[2]), 5)
    lat = round(rng.uniform(BOX[1], BOX[3]), 5)
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": fid,
            "name": f"Tiny point {index}",
            "kind": "city",
            "project": None,
            "status": "existing",
            "status_as_of": "2025",
            "status_evidence": {
                "reference": {"citation": "synthetic: devtools/tiny_points.py", "url": None}
            },
            "aliases": {"en": [f"Tiny point {index}"]},
            "countries": ["KZ"],
            "geometry_quality": "approximate",
            "geometry_source": "synthetic: devtools/tiny_points.py",
            "geometry_source_url": None,
            "waypoints": [],
            "description": "A synthetic site for the large-folder test and benchmark.",
        },
    }


def tiny_points_folder(count: int, out: Path, seed: int = 11) -> Path:
    """``out``: a copy of data/ with ``count`` tiny sites added to its corridors.geojson."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(DATA, out, ignore=shutil.ignore_patterns("inbox"))
    path = out / "corridors.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    doc["features"].extend(tiny_site(i, rng) for i in range(count))
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out

"""Rebuild ``data/boundaries/countries.geojson`` from Natural Earth admin-0 countries.

The input is ``countries-50m.json`` of the npm package ``world-atlas@2.0.2``: Natural Earth 4.1.0
admin-0 countries at 1:50m, as TopoJSON whose features carry the ISO 3166-1 numeric code as ``id``.
The script

1. fetches the package with ``npm pack world-atlas@2.0.2`` into a temporary directory, or reads a
   ``countries-50m.json`` given on the command line;
2. reads the TopoJSON layer ``countries`` with GDAL (pyogrio) and maps each numeric id to an
   ISO 3166-1 alpha-2 code with pycountry. Features without a numeric id (Kosovo, N. Cyprus,
   Siachen Glacier, Somaliland, ...) have no ISO 3166-1 code and are dropped, so their land counts
   as "no country" in :mod:`geo.measure`, like the sea; their names are listed in the meta file.
   Parts that share a code (Australia and Ashmore and Cartier Is.) are merged; a ring that
   crosses the antimeridian (Russia's) is made continuous east of 180°;
3. keeps the countries that intersect the region box, whole (a country cut at the box's edge
   would draw a straight, rectangular coast on the map at every zoom), repairs invalid geometries
   (``make_valid``) and snaps coordinates to a 1e-4 degree grid (about 11 m) without simplifying:
   the 50m data is small enough, and neighbouring countries snap to the same vertices because the
   TopoJSON shares their borders;
4. writes ``iso_a2``, ``name`` (pycountry's common name) and ``iso_n3`` per country, sorted by
   ``iso_a2``, and ``countries.meta.json`` beside it with the source, licence, box and input hash.

Usage::

    python scripts/build_boundaries.py                      # npm pack into a temp dir
    python scripts/build_boundaries.py path/to/countries-50m.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import pycountry
import shapely

PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-50m.json"
LAYER = "countries"
# West edge at 10 W so that the China-Europe trains' western terminals (Duisburg, Hamburg, Madrid,
# London) fall inside; north edge at 75 N takes in
# Russia's Arctic coast, so a map of the whole region has no empty band at its top; south edge at
# 15 N takes in the Arabian Sea ports. A country that reaches past the box is kept whole.
DEFAULT_BBOX = (-10.0, 15.0, 135.0, 75.0)
GRID = 1e-4
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "data" / "boundaries" / "countries.geojson"
SOURCE = f"Natural Earth 4.1.0 admin-0 countries via npm {PACKAGE} countries-50m.json"


def fetch_input(workdir: Path) -> Path:
    """Download the world-atlas package with ``npm pack`` and return its countries-50m.json."""
    try:
        run = subprocess.run(
            ["npm", "pack", PACKAGE, "--silent"],
            cwd=workdir,
            capture_output=True,
            text=True,
            check=True,
        )
    except FileNotFoundError as exc:
        raise SystemExit(
            "npm is not installed; install Node.js or pass a downloaded countries-50m.json"
        ) from exc
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"npm pack {PACKAGE} failed:\n{exc.stderr}") from exc
    tarball = workdir / run.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as tar:
        tar.extract(MEMBER, workdir, filter="data")
    return workdir / MEMBER


def iso_codes(numeric_id: object) -> tuple[str, str, str] | None:
    """(alpha-2, alpha-3 numeric, name) for an ISO 3166-1 numeric id, or None if it has none."""
    if not isinstance(numeric_id, str) or not numeric_id.isdigit():
        return None
    country = pycountry.countries.get(numeric=numeric_id.zfill(3))
    if country is None:
        return None
    name = getattr(country, "common_name", None) or country.name
    return country.alpha_2, country.numeric, name


def unwrapped(geom: shapely.Geometry) -> shapely.Geometry:
    """``geom`` with each polygon that crosses the antimeridian (Russia's Chukotka: a ring from
    -180° to 180°) made continuous east of 180°, so that no edge runs across the whole map."""
    if geom.geom_type == "MultiPolygon":
        return shapely.MultiPolygon([unwrapped(p) for p in geom.geoms])
    west, _, east, _ = geom.bounds
    if geom.geom_type != "Polygon" or east - west <= 180:
        return geom
    return shapely.transform(geom, lambda xy: xy + [[360, 0]] * (xy[:, :1] < 0))


def build(src: Path, bbox: tuple[float, float, float, float]) -> tuple[gpd.GeoDataFrame, list]:
    """Read the TopoJSON at ``src`` and return the countries that meet ``bbox`` (whole) and the
    names dropped."""
    raw = gpd.read_file(src, layer=LAYER)
    if raw.crs is None:
        # TopoJSON has no CRS member; world-atlas is unprojected longitude/latitude.
        raw = raw.set_crs("EPSG:4326")
    region = shapely.box(*bbox)
    raw = raw[raw.intersects(region)]

    rows, dropped = [], []
    for numeric_id, name, geom in zip(raw["id"], raw["name"], raw.geometry, strict=True):
        codes = iso_codes(numeric_id)
        if codes is None:
            dropped.append(name)
            continue
        whole = shapely.make_valid(unwrapped(geom))
        rows.append({"iso_a2": codes[0], "iso_n3": codes[1], "name": codes[2], "geometry": whole})
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    frame = frame.dissolve(by=["iso_a2", "iso_n3", "name"], as_index=False)
    # Snapping with the default "valid_output" mode keeps every polygon valid.
    geoms = shapely.set_precision(frame.geometry.values, GRID)
    frame = frame.set_geometry(list(geoms), crs="EPSG:4326")
    frame = frame[~frame.geometry.is_empty & frame.geom_type.isin(["Polygon", "MultiPolygon"])]

    invalid = frame.loc[~frame.geometry.is_valid, "iso_a2"].tolist()
    if invalid:
        raise SystemExit(f"{src}: geometries still invalid after make_valid: {invalid}")
    if frame["iso_a2"].duplicated().any():
        raise SystemExit(f"{src}: duplicate iso_a2 after merging: {frame['iso_a2'].tolist()}")
    frame = frame.sort_values("iso_a2").reset_index(drop=True)
    return frame[["iso_a2", "name", "iso_n3", "geometry"]], sorted(dropped)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", type=Path, help="a downloaded countries-50m.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output GeoJSON")
    parser.add_argument(
        "--bbox",
        type=float,
        nargs=4,
        default=DEFAULT_BBOX,
        metavar=("WEST", "SOUTH", "EAST", "NORTH"),
        help=f"region box in degrees (default {' '.join(map(str, DEFAULT_BBOX))})",
    )
    args = parser.parse_args(argv)
    bbox = tuple(args.bbox)

    with tempfile.TemporaryDirectory() as tmp:
        src = args.input if args.input is not None else fetch_input(Path(tmp))
        if not src.is_file():
            raise SystemExit(f"{src}: no such file")
        digest = hashlib.sha256(src.read_bytes()).hexdigest()
        frame, dropped = build(src, bbox)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.unlink(missing_ok=True)
    frame.to_file(args.out, driver="GeoJSON", COORDINATE_PRECISION=4, RFC7946="YES")
    meta = {
        "source": SOURCE,
        "licence": "public domain (Natural Earth); TopoJSON packaging ISC (world-atlas)",
        "bbox": list(bbox),
        "built_by": "scripts/build_boundaries.py",
        "sha256_of_input": digest,
        "coordinate_grid_degrees": GRID,
        "simplified": False,
        "countries": len(frame),
        "dropped_without_iso_code": dropped,
    }
    meta_path = args.out.with_name(args.out.name.removesuffix(".geojson") + ".meta.json")
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    size_kb = args.out.stat().st_size / 1024
    print(f"wrote {args.out} ({len(frame)} countries, {size_kb:.0f} KB) and {meta_path.name}")
    if dropped:
        print(f"dropped (no ISO 3166-1 code): {', '.join(dropped)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

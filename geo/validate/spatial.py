"""Check where things lie: the country outlines (``boundaries/countries.geojson``) are readable and
sound, and each feature's declared ``countries`` agree with its geometry on those outlines."""

from __future__ import annotations

import io
import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape

from geo.measure import (
    LINE_TYPES,
    NO_COUNTRY,
    as_lonlat,
    countries_crossed,
    is_within_km,
    site_countries,
)
from geo.reading import FileRefused, read_regular, unreadable
from geo.validate.checked import BOUNDARIES, CORRIDORS, CheckedData, Problem

# A site must lie in one of its declared countries; one that lies in no country (the sea) may be
# this far from a declared one. 1:50m coastlines are generalised by several km, and ports stand on
# reclaimed land (Tianjin's container terminals lie ~8 km beyond the 1:50m coast). A route's end
# may be this far from a declared country it does not cross (a ferry ends at a port on a coast).
SITE_TOLERANCE_KM = 10.0
# A route must cross a country for this long to count as crossing it: schematic lines that clip a
# neighbour for a few hundred metres are not reported.
ROUTE_MIN_CROSSING_KM = 1.0
REBUILD = "rebuild it with 'python scripts/build_boundaries.py'"


def read_boundaries(
    path: str | Path, file: str | None = None
) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    """Read the country outlines and check them.

    Parameters
    ----------
    path : a GeoJSON of country polygons with ``iso_a2`` and ``name`` properties.
    file : how problems name the file (default: ``path``).

    Returns
    -------
    (GeoDataFrame or None, list of Problem)
        The countries in EPSG:4326, one row per unique ``iso_a2``, and no problems; or None and
        every problem (a country's problem names the country).

    Examples
    --------
    >>> countries, problems = read_boundaries("data/boundaries/countries.geojson")
    >>> problems, countries.loc[countries["iso_a2"] == "KZ", "name"].item()
    ([], 'Kazakhstan')
    """
    path = Path(path)
    file = str(path) if file is None else file
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        return None, [Problem(file, "-", f"boundaries file not found; {REBUILD}")]
    except (OSError, FileRefused) as e:
        return None, [Problem(file, "-", f"{unreadable(e)}; {REBUILD}")]
    try:
        frame = gpd.read_file(io.BytesIO(raw))
    except Exception as exc:  # pyogrio raises several error types for unreadable files
        # One line: pyogrio's messages may span several (an import that failed for lack of memory).
        return None, [
            Problem(file, "-", f"cannot be read as GeoJSON: {' '.join(str(exc).split())}")
        ]
    missing = [c for c in ("iso_a2", "name") if c not in frame.columns]
    if missing:
        return None, [Problem(file, "-", f"countries have no {missing} properties")]
    frame = as_lonlat(frame, file, "iso_a2")
    problems = []
    for i, (code, geom) in enumerate(zip(frame["iso_a2"], frame.geometry, strict=True)):
        if not isinstance(code, str) or len(code) != 2:
            problems.append(
                Problem(file, f"country #{i}", f"iso_a2 {code!r} is not a two-letter code")
            )
        elif geom is None or geom.is_empty:
            problems.append(Problem(file, code, "has no geometry"))
        elif geom.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(Problem(file, code, f"is a {geom.geom_type}, not a polygon"))
        elif not geom.is_valid:
            problems.append(Problem(file, code, shapely.is_valid_reason(geom)))
    for code in sorted(set(frame.loc[frame["iso_a2"].duplicated(), "iso_a2"])):
        problems.append(Problem(file, code, "iso_a2 appears more than once"))
    return (None, problems) if problems else (frame, [])


def _declared(value: object) -> tuple[str, ...]:
    """A feature's ``countries`` as a tuple of codes (lists, tuples and arrays are accepted)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(code) for code in value)


def country_problems(
    features: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    crossings: pd.DataFrame,
    file: str,
    tolerance_km: float = SITE_TOLERANCE_KM,
    min_km: float = ROUTE_MIN_CROSSING_KM,
) -> list[Problem]:
    """Compare each feature's declared ``countries`` with where its geometry lies.

    Sites: the country found by :func:`geo.measure.site_countries` (within ``tolerance_km`` for
    a site in no country) must be declared; a border crossing declares both sides and lies in
    one. Routes: every country crossed for at least ``min_km`` must be declared, and every
    declared country must be crossed for at least ``min_km`` or lie within ``tolerance_km`` of
    one of the route's ends.

    Parameters
    ----------
    features : GeoDataFrame
        Features with ``id`` and ``countries`` (a list or tuple of ISO 3166-1 alpha-2 codes).
    boundaries : GeoDataFrame
        Country polygons with an ``iso_a2`` column (see :func:`read_boundaries`).
    crossings : DataFrame
        ``geo.measure.countries_crossed(features, boundaries)``.
    file : how the problems name the features' file.

    Returns
    -------
    list of Problem
        One per disagreement, in the order of ``features``; empty when all agree.

    Examples
    --------
    >>> from shapely import Point, box
    >>> countries = gpd.GeoDataFrame({"iso_a2": ["KZ", "CN"]},
    ...                              geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs=4326)
    >>> sites = gpd.GeoDataFrame({"id": ["horgos"], "countries": [["CN"]]},
    ...                          geometry=[Point(0.5, 0.5)], crs=4326)
    >>> crossings = countries_crossed(sites, countries)
    >>> [str(p) for p in country_problems(sites, countries, crossings, "corridors.geojson")]
    ["corridors.geojson: horgos: point [0.5, 0.5] lies in KZ (0.0 km) but countries says ['CN']"]
    """
    features = as_lonlat(features, "features", "id")
    if "countries" not in features.columns:
        raise ValueError(f"features has no 'countries' column (columns: {list(features.columns)})")
    boundaries = as_lonlat(boundaries, "boundaries", "iso_a2")
    by_code = dict(zip(boundaries["iso_a2"], boundaries.geometry, strict=True))
    found = site_countries(features, boundaries, tolerance_km).set_index("feature_id")
    crossed = crossings[crossings["iso_a2"] != NO_COUNTRY]

    problems = []
    for fid, declared, geom in zip(
        features["id"], features["countries"], features.geometry, strict=True
    ):
        says = list(_declared(declared))

        def problem(message: str, fid: str = fid) -> None:
            problems.append(Problem(file, fid, message))

        if fid in found.index:
            code, km = found.at[fid, "iso_a2_found"], found.at[fid, "distance_km"]
            where = f"point [{round(geom.x, 4)}, {round(geom.y, 4)}]"
            if code is None:
                problem(
                    f"{where} lies in no country nor within {tolerance_km} km of one, "
                    f"but countries says {says}"
                )
            elif code not in says:
                place = "lies in" if km == 0 else "is outside every country; nearest is"
                problem(f"{where} {place} {code} ({km:.1f} km) but countries says {says}")
            continue
        if geom is None or geom.geom_type not in LINE_TYPES:
            continue
        mine = crossed[crossed["feature_id"] == fid]
        route_km = dict(zip(mine["iso_a2"], mine["km"], strict=True))
        for code, km in route_km.items():
            if km >= min_km and code not in says:
                problem(f"route crosses {code} for {km:.1f} km but countries says {says}")
        ends = [
            point for part in shapely.get_parts(geom) for point in (part.coords[0], part.coords[-1])
        ]
        for code in says:
            if route_km.get(code, 0.0) >= min_km:
                continue
            if code not in by_code:
                problem(
                    f"countries says {code!r} but the boundaries have no such country "
                    "(outside their box?)"
                )
            elif not any(is_within_km(lon, lat, by_code[code], tolerance_km) for lon, lat in ends):
                problem(
                    f"countries says {code!r} but the route crosses it for "
                    f"{route_km.get(code, 0.0):.1f} km and neither end is within "
                    f"{tolerance_km} km of it"
                )
    return problems


def check_boundaries(checked: CheckedData) -> None:
    checked.boundaries, problems = read_boundaries(
        checked.data_dir / BOUNDARIES, checked.name(BOUNDARIES)
    )
    checked.problems.extend(problems)


def check_countries(checked: CheckedData) -> None:
    """The features that passed their own checks, against the boundaries (when those are sound);
    keeps the km of each route in each country for loading."""
    if checked.boundaries is None:
        return
    props = [checked.props[f["properties"]["id"]] for f in checked.features]
    frame = gpd.GeoDataFrame(
        {"id": [p.id for p in props], "countries": [list(p.countries) for p in props]},
        geometry=[shape(f["geometry"]) for f in checked.features],
        crs="EPSG:4326",
    )
    checked.crossings = countries_crossed(frame, checked.boundaries)
    checked.problems.extend(
        country_problems(frame, checked.boundaries, checked.crossings, checked.name(CORRIDORS))
    )

"""Check ``corridors.geojson``: each feature's properties and geometry (well-formed, in range,
plausible for the atlas's region, the right type for its kind), the references between features
(projects, waypoints and the schematic line's vertex at each) and that no alias is claimed twice."""

from __future__ import annotations

import math
from typing import Any

from geo.model import ROUTE_KINDS, FeatureProperties
from geo.normalize import normalize
from geo.validate.checked import (
    CORRIDORS,
    GAZETTEER,
    CheckedData,
    check_model,
    date_problem,
    read_json,
)
from geo.validate.sources import check_span

# Where the atlas's features may lie: a point outside this box is a typo or swapped lon/lat.
REGION_LON = (10.0, 140.0)
REGION_LAT = (15.0, 60.0)
# How near (in degrees) a schematic line's vertex must be to the waypoint it is drawn through.
WAYPOINT_TOLERANCE_DEG = 0.01


def _positions(geometry: dict[str, Any]) -> list[Any]:
    t, c = geometry.get("type"), geometry.get("coordinates")
    if t == "Point":
        return [c]
    if t in ("LineString", "MultiPoint"):
        return list(c or [])
    if t in ("MultiLineString", "Polygon"):
        return [p for part in (c or []) for p in (part or [])]
    if t == "MultiPolygon":
        return [p for poly in (c or []) for ring in (poly or []) for p in (ring or [])]
    return []


def geometry_problems(geometry: Any, kind: str | None) -> list[str]:
    """Messages for a GeoJSON geometry that is malformed, empty, out of range or implausible.

    >>> geometry_problems({"type": "Point", "coordinates": [39.47, 75.99]}, "city")
    ['coordinates [39.47, 75.99] look like [latitude, longitude]; GeoJSON wants [lon, lat]']
    """
    if not isinstance(geometry, dict):
        return ["geometry is missing (null); every feature needs one"]
    gtype = geometry.get("type")
    allowed = ("LineString", "MultiLineString") if kind in ROUTE_KINDS else ("Point",)
    if gtype not in ("Point", "LineString", "MultiLineString"):
        return [
            f"geometry type {gtype!r} is not supported; use Point, LineString or MultiLineString"
        ]
    msgs = []
    if kind is not None and gtype not in allowed:
        msgs.append(f"a {kind} needs {' or '.join(allowed)} geometry, not {gtype}")
    coords = geometry.get("coordinates")
    if coords is not None and not isinstance(coords, list):
        return msgs + [f"coordinates {coords!r} are not a list of numbers"]
    if not coords:
        return msgs + ["geometry is empty (no coordinates)"]
    if gtype == "LineString":
        parts = [coords]
    elif gtype == "MultiLineString":
        parts = coords
    else:
        parts = [[coords]]
    for part in parts:
        if not isinstance(part, list) or (gtype != "Point" and len(part) < 2):
            msgs.append("a line needs at least two positions")
            continue
        pos_msgs = [m for pos in part for m in _position_problems(pos)]
        msgs.extend(pos_msgs)
        if gtype != "Point" and not pos_msgs and len({tuple(pos[:2]) for pos in part}) < 2:
            msgs.append("a line needs at least two distinct positions")
    return msgs


def _position_problems(pos: Any) -> list[str]:
    if (
        not isinstance(pos, list)
        or len(pos) not in (2, 3)
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in pos)
    ):
        return [f"position {pos!r} is not [longitude, latitude]"]
    lon, lat = pos[0], pos[1]
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return [f"position {pos!r} is not finite"]
    if not -180 <= lon <= 180:
        return [f"coordinates {pos!r}: longitude {lon} is outside [-180, 180]"]
    if not -90 <= lat <= 90:
        return [f"coordinates {pos!r}: latitude {lat} is outside [-90, 90]"]
    in_region = REGION_LON[0] <= lon <= REGION_LON[1] and REGION_LAT[0] <= lat <= REGION_LAT[1]
    swapped = REGION_LON[0] <= lat <= REGION_LON[1] and REGION_LAT[0] <= lon <= REGION_LAT[1]
    if not in_region:
        if swapped:
            return [
                f"coordinates {pos!r} look like [latitude, longitude]; GeoJSON wants [lon, lat]"
            ]
        return [
            f"coordinates {pos!r} are outside the atlas region "
            f"(lon {REGION_LON[0]}..{REGION_LON[1]}, lat {REGION_LAT[0]}..{REGION_LAT[1]})"
        ]
    return []


def check_corridors(checked: CheckedData) -> None:
    """Each feature on its own: a unique id, its properties, its geometry, its status date."""
    name = checked.name(CORRIDORS)
    doc = read_json(checked, checked.data_dir / CORRIDORS)
    checked.corridors_unread = True
    if doc is None:
        return
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        checked.problem(name, "-", "is not a GeoJSON FeatureCollection")
        return
    if not isinstance(doc.get("features"), list):
        checked.problem(name, "-", "has no 'features' list")
        return
    checked.corridors_unread = False
    seen: set[str] = set()
    for i, feat in enumerate(doc["features"]):
        fid = f"feature #{i}"
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            checked.problem(name, fid, "is not a GeoJSON Feature")
            continue
        props = feat.get("properties")
        if not isinstance(props, dict):
            checked.problem(name, fid, "has no properties object")
            continue
        if isinstance(props.get("id"), str) and props["id"]:
            fid = props["id"]
        else:
            if isinstance(feat.get("id"), str) and feat["id"]:
                fid = feat["id"]  # name it by its top-level id, and spare its dependants
                checked.rejected_features.add(fid)
            checked.problem(name, fid, "has no 'id' property")
            continue
        if fid in seen:
            checked.problem(name, fid, "duplicate id: another feature already uses it")
            continue
        seen.add(fid)
        model = check_model(checked, FeatureProperties, props, name, fid)
        geo_msgs = geometry_problems(feat.get("geometry"), props.get("kind"))
        if "id" in feat and feat["id"] != fid:
            geo_msgs.append(f"the Feature's id {feat['id']!r} differs from properties.id")
        if model is not None:
            bad_date = date_problem(model.status_as_of)
            if bad_date:
                geo_msgs.append(f"status_as_of: {bad_date}")
        for m in geo_msgs:
            checked.problem(name, fid, m)
        if model is not None and not geo_msgs:
            checked.props[fid] = model
            checked.features.append(feat)
        else:
            checked.rejected_features.add(fid)


def check_feature_references(checked: CheckedData) -> None:
    """Projects and waypoints name features; a schematic route lists its waypoints and has a
    vertex at each; a status's evidence span is in its passage."""
    name = checked.name(CORRIDORS)
    points = {
        f["properties"]["id"]: f["geometry"]["coordinates"]
        for f in checked.features
        if f["geometry"]["type"] == "Point"
    }
    for feat in checked.features:
        p = checked.props[feat["properties"]["id"]]
        if p.project is not None and not checked.feature_exists(p.project):
            checked.problem(name, p.id, f"project {p.project!r} is not a feature id")
        line_positions = _positions(feat["geometry"]) if p.kind in ROUTE_KINDS else []
        for w in p.waypoints:
            if w in checked.rejected_features:
                continue
            if w not in points:
                checked.problem(name, p.id, f"waypoint {w!r} is not the id of a Point feature")
            elif p.geometry_quality == "schematic" and not any(
                abs(pos[0] - points[w][0]) <= WAYPOINT_TOLERANCE_DEG
                and abs(pos[1] - points[w][1]) <= WAYPOINT_TOLERANCE_DEG
                for pos in line_positions
            ):
                checked.problem(
                    name, p.id, f"schematic line has no vertex at its waypoint {w!r} {points[w]}"
                )
        if p.geometry_quality == "schematic" and p.kind in ROUTE_KINDS and not p.waypoints:
            checked.problem(
                name, p.id, "a schematic route must list the waypoints it is drawn through"
            )
        if p.status_evidence.span is not None:
            check_span(checked, name, p.id, p.status_evidence.span, "status_evidence")


def check_aliases(checked: CheckedData) -> None:
    """No alias is blank once normalised, nor claimed by two features unless declared shared."""
    name = checked.name(CORRIDORS)
    shared = {normalize(a)[0] for a in checked.gazetteer.shared_aliases}
    owner: dict[str, str] = {}
    for fid, p in checked.props.items():
        for _lang, text, _ctx in p.alias_entries():
            key = normalize(text)[0].strip()
            if not key:
                checked.problem(name, fid, f"alias {text!r} is blank once normalised")
                continue
            other = owner.setdefault(key, fid)
            if other != fid and key not in shared:
                checked.problem(
                    name,
                    fid,
                    f"alias {text!r} is also claimed by {other!r}; declare it in "
                    f"{GAZETTEER} shared_aliases if both are meant",
                )

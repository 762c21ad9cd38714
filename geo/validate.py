"""Check a data folder: every file parses, every record fits its schema, every reference resolves
and every evidence span is exactly present in its passage.

Problems are collected, never raised one by one, so a curator sees all of them at once; each names
the file, the record id and what is wrong (``data/corridors.geojson: horgos: ...``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from geo.model import (
    ROUTE_KINDS,
    Event,
    FeatureProperties,
    Gazetteer,
    LinkOverrides,
    SourceMeta,
    Span,
)
from geo.normalize import normalize
from geo.passages import Passage, split_passages

CORRIDORS = "corridors.geojson"
EVENTS = "events.json"
LINKS = "links.json"
GAZETTEER = "gazetteer.json"
SOURCES = "sources"
BOUNDARIES = "boundaries/countries.geojson"

# Where the atlas's features may lie: a point outside this box is a typo or swapped lon/lat.
REGION_LON = (10.0, 140.0)
REGION_LAT = (15.0, 60.0)
WAYPOINT_TOLERANCE_DEG = 0.01


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    id: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.id}: {self.message}"


@dataclass
class RawSource:
    meta: SourceMeta
    text: str
    passages: list[Passage]


@dataclass
class CheckedData:
    """What a data folder holds once parsed, with every problem found on the way."""

    data_dir: Path
    features: list[dict[str, Any]] = field(default_factory=list)  # GeoJSON features that parsed
    props: dict[str, FeatureProperties] = field(default_factory=dict)
    sources: dict[str, RawSource] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    links: LinkOverrides = field(default_factory=LinkOverrides)
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    problems: list[Problem] = field(default_factory=list)
    # Ids of records that exist but failed their own checks: a reference to one is not reported
    # again as "does not exist", so the report names the cause once instead of every dependant.
    rejected_features: set[str] = field(default_factory=set)
    rejected_sources: set[str] = field(default_factory=set)
    # A file that could not be read at all: what refers into it is not checked.
    corridors_unread: bool = False
    sources_missing: bool = False

    def problem(self, file: str, id_: str, message: str) -> None:
        self.problems.append(Problem(file, id_ or "-", message))

    def feature_exists(self, fid: str) -> bool:
        """True for a valid feature and for one whose own problems are already reported."""
        return self.corridors_unread or fid in self.props or fid in self.rejected_features


def _rel(data_dir: Path, path: Path) -> str:
    try:
        return str(Path(data_dir.name) / path.relative_to(data_dir))
    except ValueError:
        return str(path)


def _read_json(checked: CheckedData, path: Path) -> Any | None:
    name = _rel(checked.data_dir, path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        checked.problem(name, "-", "file is missing")
        return None
    except OSError as e:
        checked.problem(name, "-", f"cannot be read: {e.strerror or e}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        checked.problem(name, "-", f"is not UTF-8 (byte {e.start}: {raw[e.start : e.start + 1]!r})")
        return None
    if not text.strip():
        checked.problem(name, "-", "is empty")
        return None
    duplicates: list[str] = []
    try:
        doc = json.loads(text, object_pairs_hook=lambda pairs: _no_duplicates(pairs, duplicates))
    except json.JSONDecodeError as e:
        checked.problem(name, "-", f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}")
        return None
    except RecursionError:
        checked.problem(name, "-", "invalid JSON: nested too deeply to read")
        return None
    for key in dict.fromkeys(duplicates):
        checked.problem(
            name, "-", f"key {key!r} appears twice in one object; JSON keeps only the last value"
        )
    return None if duplicates else doc


def _no_duplicates(pairs: list[tuple[str, Any]], duplicates: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            duplicates.append(key)
        out[key] = value
    return out


def _pydantic_messages(err: ValidationError) -> list[str]:
    out = []
    for e in err.errors():
        where = ".".join(str(p) for p in e["loc"])
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "literal_error":  # pydantic does not say what it got
            msg = f"got {e['input']!r}; {msg[0].lower()}{msg[1:]}"
        out.append(f"{where}: {msg}" if where else msg)
    return out


def _model(checked: CheckedData, model: type[BaseModel], data: Any, file: str, id_: str):
    try:
        return model.model_validate(data)
    except ValidationError as err:
        for msg in _pydantic_messages(err):
            checked.problem(file, id_, msg)
        return None


# --- corridors.geojson -------------------------------------------------------------------------


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


def _check_geometry(geometry: Any, kind: str | None) -> list[str]:
    """Messages for a GeoJSON geometry that is malformed, empty, out of range or implausible."""
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
        pos_msgs = [m for pos in part for m in _check_position(pos)]
        msgs.extend(pos_msgs)
        if gtype != "Point" and not pos_msgs and len({tuple(pos[:2]) for pos in part}) < 2:
            msgs.append("a line needs at least two distinct positions")
    return msgs


def _check_position(pos: Any) -> list[str]:
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


def _check_corridors(checked: CheckedData) -> None:
    path = checked.data_dir / CORRIDORS
    name = _rel(checked.data_dir, path)
    doc = _read_json(checked, path)
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
        model = _model(checked, FeatureProperties, props, name, fid)
        geo_msgs = _check_geometry(feat.get("geometry"), props.get("kind"))
        if "id" in feat and feat["id"] != fid:
            geo_msgs.append(f"the Feature's id {feat['id']!r} differs from properties.id")
        if model is not None:
            bad_date = _valid_date(model.status_as_of)
            if bad_date:
                geo_msgs.append(f"status_as_of: {bad_date}")
        for m in geo_msgs:
            checked.problem(name, fid, m)
        if model is not None and not geo_msgs:
            checked.props[fid] = model
            checked.features.append(feat)
        else:
            checked.rejected_features.add(fid)


def _check_feature_references(checked: CheckedData) -> None:
    name = str(Path(checked.data_dir.name) / CORRIDORS)
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
            _check_span(checked, name, p.id, p.status_evidence.span, "status_evidence")


def _check_aliases(checked: CheckedData) -> None:
    name = str(Path(checked.data_dir.name) / CORRIDORS)
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


# --- sources ------------------------------------------------------------------------------------


def _check_sources(checked: CheckedData) -> None:
    folder = checked.data_dir / SOURCES
    if not folder.is_dir():
        checked.problem(_rel(checked.data_dir, folder), "-", "folder is missing")
        checked.sources_missing = True
        return
    texts = {p.stem: p for p in folder.glob("*.txt")}
    metas = {p.stem: p for p in folder.glob("*.json")}
    checked.rejected_sources.update(texts.keys() | metas.keys())
    for stem in sorted(set(texts) - set(metas)):
        checked.problem(_rel(checked.data_dir, texts[stem]), stem, "has no metadata file beside it")
    for stem in sorted(set(metas) - set(texts)):
        checked.problem(_rel(checked.data_dir, metas[stem]), stem, "has no text file beside it")
    for stem in sorted(set(texts) & set(metas)):
        source = _check_source(checked, texts[stem], metas[stem])
        if source is not None:
            checked.sources[stem] = source
            checked.rejected_sources.discard(stem)


def _check_source(checked: CheckedData, text_path: Path, meta_path: Path) -> RawSource | None:
    stem = text_path.stem
    mname = _rel(checked.data_dir, meta_path)
    data = _read_json(checked, meta_path)
    if data is None:
        return None
    meta = _model(checked, SourceMeta, data, mname, stem)
    if meta is None:
        return None
    if meta.id != stem:
        checked.problem(mname, stem, f"id {meta.id!r} does not match its file name {stem!r}")
        return None
    bad_date = _valid_date(meta.published)
    if bad_date:
        checked.problem(mname, stem, f"published: {bad_date}")
        return None
    tname = _rel(checked.data_dir, text_path)
    try:
        raw = text_path.read_bytes()
    except OSError as e:
        checked.problem(tname, stem, f"cannot be read: {e.strerror or e}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        checked.problem(
            tname, stem, f"is not UTF-8 (byte {e.start}: {raw[e.start : e.start + 1]!r})"
        )
        return None
    if not text.strip():
        checked.problem(tname, stem, "is empty")
        return None
    digest = hashlib.sha256(raw).hexdigest()[:16]
    if digest != stem:
        checked.problem(
            tname,
            stem,
            f"text does not match its id (its SHA-256 begins {digest}): it was changed after "
            "import; restore the original text, or import the new text as a new source",
        )
        return None
    return RawSource(meta, text, split_passages(text, stem))


def _check_span(checked: CheckedData, file: str, id_: str, span: Span, what: str) -> None:
    src = checked.sources.get(span.source)
    if src is None and (checked.sources_missing or span.source in checked.rejected_sources):
        return  # the source's own problem is reported
    if src is None:
        checked.problem(file, id_, f"{what}: source {span.source!r} does not exist")
        return
    if span.passage >= len(src.passages):
        checked.problem(
            file,
            id_,
            f"{what}: passage {span.passage} does not exist "
            f"(source {span.source!r} has {len(src.passages)} passages)",
        )
        return
    text = src.passages[span.passage].text
    found = text[span.start : span.end]
    if found != span.quote:
        hint = text.find(span.quote)
        where = (
            f"; the quote is at {hint}..{hint + len(span.quote)}"
            if hint >= 0
            else ("; the quote is nowhere in that passage")
        )
        checked.problem(
            file,
            id_,
            f"{what}: passage text at {span.start}..{span.end} is {found!r}, "
            f"not the quote {span.quote!r}{where}",
        )


# --- events, links, gazetteer -------------------------------------------------------------------


def _valid_date(value: str) -> str | None:
    for part in value.split("/"):
        bits = [int(b) for b in part.split("-")]
        try:
            dt.date(bits[0], bits[1] if len(bits) > 1 else 1, bits[2] if len(bits) > 2 else 1)
        except ValueError as e:
            return f"date {value!r} is impossible: {e}"
    if "/" in value:
        start, end = value.split("/")
        # Compare the first day the start can mean with the last day the end can mean.
        first = [int(b) for b in start.split("-")] + [1, 1][: 3 - len(start.split("-"))]
        last = [int(b) for b in end.split("-")] + [12, 31][len(end.split("-")) - 1 :]
        if last < first:
            return f"range {value!r} ends before it starts"
    return None


def _check_events(checked: CheckedData) -> None:
    path = checked.data_dir / EVENTS
    name = _rel(checked.data_dir, path)
    doc = _read_json(checked, path)
    if doc is None:
        return
    if not isinstance(doc, list):
        checked.problem(name, "-", "must be a JSON list of events")
        return
    seen: set[str] = set()
    for i, item in enumerate(doc):
        eid = (
            item.get("id")
            if isinstance(item, dict) and isinstance(item.get("id"), str)
            else (f"event #{i}")
        )
        ev = _model(checked, Event, item, name, eid)
        if ev is None:
            continue
        if ev.id in seen:
            checked.problem(name, ev.id, "duplicate id: another event already uses it")
            continue
        seen.add(ev.id)
        bad_date = _valid_date(ev.date)
        if bad_date:
            checked.problem(name, ev.id, bad_date)
            continue
        for f in ev.features:
            if not checked.feature_exists(f):
                checked.problem(name, ev.id, f"feature {f!r} does not exist")
        _check_span(checked, name, ev.id, ev.date_span, "date_span")
        _check_span(checked, name, ev.id, ev.evidence, "evidence")
        if (ev.date_span.source, ev.date_span.passage) != (ev.evidence.source, ev.evidence.passage):
            checked.problem(name, ev.id, "date_span and evidence must be in the same passage")
        checked.events.append(ev)


def _check_links(checked: CheckedData) -> None:
    path = checked.data_dir / LINKS
    name = _rel(checked.data_dir, path)
    doc = _read_json(checked, path)
    if doc is None:
        return
    links = _model(checked, LinkOverrides, doc, name, "-")
    if links is None:
        return
    for what, items in (("add", links.add), ("suppress", links.suppress)):
        for i, item in enumerate(items):
            lid = f"{what}[{i}] {item.feature}"
            if not checked.feature_exists(item.feature):
                checked.problem(name, lid, f"feature {item.feature!r} does not exist")
            _check_span(checked, name, lid, item.span, "span")
    checked.links = links


def _check_gazetteer(checked: CheckedData) -> None:
    path = checked.data_dir / GAZETTEER
    name = _rel(checked.data_dir, path)
    doc = _read_json(checked, path)
    if doc is None:
        return
    gaz = _model(checked, Gazetteer, doc, name, "-")
    if gaz is not None:
        checked.gazetteer = gaz


def check_data(data_dir: str | Path) -> CheckedData:
    """Parse and check every file of a data folder.

    Parameters
    ----------
    data_dir : path of the folder (``data/``)

    Returns
    -------
    CheckedData
        The records that parsed and ``problems``, empty when the folder is valid.

    Examples
    --------
    >>> checked = check_data("data")
    >>> [str(p) for p in checked.problems]
    []
    """
    data_dir = Path(data_dir)
    checked = CheckedData(data_dir=data_dir)
    if not data_dir.is_dir():
        checked.problem(str(data_dir), "-", "data folder is missing or not a folder")
        return checked
    _check_gazetteer(checked)
    _check_sources(checked)
    _check_corridors(checked)
    _check_feature_references(checked)
    _check_aliases(checked)
    _check_events(checked)
    _check_links(checked)
    return checked


def validate(data_dir: str | Path) -> list[Problem]:
    """Every problem in a data folder, sorted by file and id; empty when it is valid."""
    return sorted(check_data(data_dir).problems)


def format_problems(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)

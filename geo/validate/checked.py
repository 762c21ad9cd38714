"""What checking a data folder collects — :class:`Problem` records in a :class:`CheckedData` —
and the readers every file's check shares (JSON, pydantic models, dates)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from geo.model import (
    Attribution,
    Event,
    FeatureProperties,
    Figure,
    Gazetteer,
    LinkOverrides,
    Person,
    SourceMeta,
    VersionEntry,
)
from geo.passages import Passage
from geo.reading import FileRefused, read_regular, unreadable

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from geo.phases import History

# The files of a data folder, relative to it.
CORRIDORS = "corridors.geojson"
EVENTS = "events.json"
LINKS = "links.json"
GAZETTEER = "gazetteer.json"
FIGURES = "figures.json"
PHASES = "phases.json"
PEOPLE = "people.json"
ATTRIBUTIONS = "attributions.json"
VERSIONS = "versions.json"  # the data version history: not data, and not in the version's hash
SOURCES = "sources"
BOUNDARIES = "boundaries/countries.geojson"
# Every file of a data folder besides ``sources/`` (a review checks them all together).
DATA_FILES = (
    CORRIDORS,
    GAZETTEER,
    EVENTS,
    LINKS,
    FIGURES,
    PHASES,
    PEOPLE,
    ATTRIBUTIONS,
    BOUNDARIES,
)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the data: the file (named from the data folder), the record's id
    (``-`` for the file as a whole) and what is wrong.

    >>> str(Problem("data/events.json", "cku_launch", "feature 'atlantis' does not exist"))
    "data/events.json: cku_launch: feature 'atlantis' does not exist"
    """

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
    figures: list[Figure] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    attributions: list[Attribution] = field(default_factory=list)
    # The country outlines, once read and checked; None when they could not be.
    boundaries: gpd.GeoDataFrame | None = None
    # Km of each route in each country (geo.measure.countries_crossed), computed by the spatial
    # check and kept so that loading does not measure again.
    crossings: pd.DataFrame | None = None
    # Feature id → its status history (geo.phases), made by the phases check.
    histories: dict[str, History] = field(default_factory=dict)
    versions: list[VersionEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Ids of records that exist but failed their own checks: a reference to one is not reported
    # again as "does not exist", so the report names the cause once instead of every dependant.
    rejected_features: set[str] = field(default_factory=set)
    rejected_sources: set[str] = field(default_factory=set)
    rejected_events: set[str] = field(default_factory=set)
    rejected_people: set[str] = field(default_factory=set)
    # A file that could not be read at all: what refers into it is not checked.
    corridors_unread: bool = False
    events_unread: bool = False
    sources_missing: bool = False

    def problem(self, file: str, id_: str, message: str) -> None:
        self.problems.append(Problem(file, id_ or "-", message))

    def name(self, relative: str) -> str:
        """How problems name a file of the folder: ``data/events.json``."""
        return rel(self.data_dir, self.data_dir / relative)

    def feature_exists(self, fid: str) -> bool:
        """True for a valid feature and for one whose own problems are already reported."""
        return self.corridors_unread or fid in self.props or fid in self.rejected_features


def rel(data_dir: Path, path: Path) -> str:
    """``path`` named from the data folder's own name (``data/sources/x.txt``)."""
    try:
        return str(Path(data_dir.name) / path.relative_to(data_dir))
    except ValueError:
        return str(path)


def read_json(checked: CheckedData, path: Path) -> Any | None:
    """The JSON document in ``path``, or None after recording why it cannot be used."""
    name = rel(checked.data_dir, path)
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        checked.problem(name, "-", "file is missing")
        return None
    except (OSError, FileRefused) as e:
        checked.problem(name, "-", unreadable(e))
        return None
    text = decode_utf8(checked, name, "-", raw)
    if text is None:
        return None
    duplicates: list[str] = []
    try:
        doc = json.loads(
            text,
            object_pairs_hook=lambda pairs: _no_duplicates(pairs, duplicates),
            parse_int=_integer,
        )
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
    if doc is None:  # a caller reads None as "already reported": say it here
        checked.problem(name, "-", "holds JSON null, not the object or list it should")
    return None if duplicates else doc


# An integer with more digits than this is beyond every float (1.8e308), and one of 4,300 digits
# or more is refused by Python's int() itself: both are read as an infinite number that says
# what it was, so that a check reports "position [10000000…(401 digits), 44.2] is not finite".
_FLOAT_DIGITS = 308


class HugeInteger(float):
    """An integer too large for any float, read from JSON: infinite, shown by its first digits
    and its length.

    >>> HugeInteger("1" + "0" * 400)
    10000000…(401 digits)
    """

    digits: str

    def __new__(cls, digits: str) -> HugeInteger:
        self = super().__new__(cls, "-inf" if digits.startswith("-") else "inf")
        self.digits = digits
        return self

    def __repr__(self) -> str:
        return f"{self.digits[:8]}…({len(self.digits.lstrip('-'))} digits)"


def _integer(digits: str) -> int | float:
    return HugeInteger(digits) if len(digits) > _FLOAT_DIGITS else int(digits)


def read_json_list(checked: CheckedData, path: Path, what: str) -> list[Any] | None:
    r"""The JSON list in ``path``, or None after recording why it cannot be used (it is missing,
    unreadable, or not a list of ``what``\ s)."""
    doc = read_json(checked, path)
    if doc is not None and not isinstance(doc, list):
        checked.problem(rel(checked.data_dir, path), "-", f"must be a JSON list of {what}s")
        return None
    return doc


def decode_utf8(checked: CheckedData, name: str, id_: str, raw: bytes) -> str | None:
    """``raw`` as UTF-8 text, or None after recording that it is not UTF-8 or is empty."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        checked.problem(name, id_, f"is not UTF-8 (byte {e.start}: {raw[e.start : e.start + 1]!r})")
        return None
    if not text.strip():
        checked.problem(name, id_, "is empty")
        return None
    return text


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


def check_model(checked: CheckedData, model: type[BaseModel], data: Any, file: str, id_: str):
    """``data`` as a ``model``, or None after recording each field that does not fit."""
    try:
        return model.model_validate(data)
    except ValidationError as err:
        for msg in _pydantic_messages(err):
            checked.problem(file, id_, msg)
        return None


def unique_records(
    checked: CheckedData, model: type[M], doc: list[Any], file: str, what: str
) -> Iterator[M]:
    """The items of the JSON list ``doc`` that fit ``model`` and whose ``id`` no earlier item
    took; each problem is recorded under the item's id (or ``<what> #<index>`` without one)."""
    seen: set[str] = set()
    for i, item in enumerate(doc):
        rid = item.get("id") if isinstance(item, dict) else None
        record = check_model(
            checked, model, item, file, rid if isinstance(rid, str) and rid else f"{what} #{i}"
        )
        if record is None:
            continue
        if record.id in seen:
            checked.problem(file, record.id, f"duplicate id: another {what} already uses it")
            continue
        seen.add(record.id)
        yield record


def date_problem(value: str) -> str | None:
    """Why a date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``START/END``) is impossible, or None.

    A range is compared by the days it can mean: ``2025-06-10/2025-06`` ends on June 30.

    >>> date_problem("2025-06-10/2025-06") is None
    True
    >>> date_problem("2025-02-30")
    "date '2025-02-30' is impossible: day is out of range for month"
    """
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

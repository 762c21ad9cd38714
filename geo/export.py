"""Export the features in view as GeoJSON or CSV, with their measures."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd

from geo.highlight import safe_url

EXPORT_COLUMNS = [
    "id",
    "name",
    "kind",
    "project",
    "status",
    "status_as_of",
    "countries",
    "crossed",
    "length_km",
    "geometry_quality",
    "geometry_source",
    "geometry_source_url",
    "description",
]


def _plain(features: gpd.GeoDataFrame) -> pd.DataFrame:
    out = pd.DataFrame(features[EXPORT_COLUMNS]).copy()
    out["length_km"] = out["length_km"].round(1)
    return out


def export_geojson(features: gpd.GeoDataFrame) -> str:
    """An RFC 7946 FeatureCollection of ``features`` (lists stay lists, NaN becomes null)."""
    plain = _plain(features)
    out = []
    for (_, row), geom in zip(plain.iterrows(), features.geometry, strict=True):
        props = {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        out.append({"type": "Feature", "properties": props, "geometry": geom.__geo_interface__})
    return (
        json.dumps({"type": "FeatureCollection", "features": out}, ensure_ascii=False, default=list)
        + "\n"
    )


def export_csv(features: gpd.GeoDataFrame) -> str:
    """One row per feature; list columns joined with ``;``; geometry as WKT."""
    plain = _plain(features)
    for col in ("countries", "crossed"):
        plain[col] = [";".join(v) for v in plain[col]]
    plain["geometry_wkt"] = [g.wkt for g in features.geometry]
    return plain.to_csv(index=False, lineterminator="\n")


def feature_table(features: gpd.GeoDataFrame) -> pd.DataFrame:
    """The Data page's table: one row per feature with its measures, lists shown as text."""
    out = pd.DataFrame(
        {
            "id": features["id"],
            "name": features["name"],
            "kind": features["kind"],
            "project": features["project"],
            "status": features["status"],
            "countries": [", ".join(c) for c in features["countries"]],
            "crosses": [", ".join(c) for c in features["crossed"]],
            "length_km": features["length_km"].round(1),
            "geometry": features["geometry_quality"],
            # A LinkColumn makes any string a link: only plain http(s) addresses become one.
            "source": [
                safe_url(u) if isinstance(u, str) else None for u in features["geometry_source_url"]
            ],
        }
    )
    # Routes first (they carry the measures), then sites; each by project and name.
    order = out.assign(_site=~features["is_route"].to_numpy()).sort_values(
        ["_site", "project", "name"], kind="stable"
    )
    return order.drop(columns="_site").reset_index(drop=True)

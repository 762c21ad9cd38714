"""Bytes sent to the browser for the map, against the raw GeoJSON of the features in view.

The map's bytes are the arguments the dashboard hands to the ``st_folium`` component (the
rendered Leaflet ``script``, ``html`` and ``header``), captured by replacing the component
function while ``st_folium`` runs outside Streamlit, for the same map the dashboard builds
(``geo.draw.build_map`` with the view's routes and sites, the country outlines and the project
colours). They are sent again on every rerun that changes the map (a filter, a selection).

"Raw" is a compact RFC 7946 FeatureCollection of the same routes and sites with the properties
the map uses (``geo.draw.FEATURE_COLUMNS``) and their stored coordinates. Both are gzipped
(level 6; Streamlit's websocket deflates its messages similarly). The outlines (country
boundaries, the base map) are measured as the same map with no route and no site ("empty
map"), since they are sent whatever the view.

    python -m bench.payload [--scales 10 100]
"""

from __future__ import annotations

import argparse
import gzip
import json

from bench.common import data_folders, footer, goal, header, print_table
from devtools.headless import st_folium_args

GOAL_RATIO = 1.5
_OUTLINES: dict[int, dict] = {}


def map_args(atlas, features, selected=None) -> dict[str, object]:
    """The ``st_folium`` component's arguments for the dashboard's map of ``features``."""
    from geo.draw import build_map, outlines_geojson, project_colors

    # As the dashboard does (ui.data.outlines): the outlines simplified once per data version.
    if id(atlas) not in _OUTLINES:
        _OUTLINES.clear()
        _OUTLINES[id(atlas)] = outlines_geojson(
            atlas.boundaries, around=tuple(atlas.features.total_bounds)
        )
    names = {p: atlas.props[p].name for p in sorted(set(atlas.features["project"]) - {""})}
    routes, sites = features[features["is_route"]], features[~features["is_route"]]
    fmap = build_map(
        routes,
        sites,
        atlas.boundaries,
        colors=project_colors(names),
        selected=selected,
        project_labels=names,
        outlines=_OUTLINES[id(atlas)],
    )
    return st_folium_args(fmap, key="map", height=560, use_container_width=True)


def sent_bytes(args: dict[str, object]) -> bytes:
    return "".join(str(args.get(k) or "") for k in ("script", "html", "header")).encode()


def raw_geojson(features) -> bytes:
    from geo.draw import FEATURE_COLUMNS

    out = []
    for row, geom in zip(
        features[list(FEATURE_COLUMNS)].itertuples(index=False), features.geometry, strict=True
    ):
        props = {
            k: (v if isinstance(v, str) else None)
            for k, v in zip(FEATURE_COLUMNS, row, strict=True)
        }
        out.append({"type": "Feature", "properties": props, "geometry": geom.__geo_interface__})
    doc = {"type": "FeatureCollection", "features": out}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


def _gz(b: bytes) -> int:
    return len(gzip.compress(b, compresslevel=6))


def main(argv: list[str] | None = None) -> int:
    from geo.filter import filter_atlas
    from geo.load import load_atlas
    from geo.urlstate import ViewState

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scales", type=int, nargs="*", default=[10, 100])
    p.add_argument("--quick", action="store_true", help="(no effect: nothing is repeated)")
    args = p.parse_args(argv)
    header("Payload: the map's bytes against the raw GeoJSON in view", "bench.payload")
    rows, goals = [], []
    for label, folder in data_folders(args.scales):
        atlas = load_atlas(folder)
        # The map with no route and no site: the outlines (the base map) and Leaflet's setup,
        # the same for every view.
        base = _gz(sent_bytes(map_args(atlas, atlas.features.iloc[0:0])))
        for view_name, filters in (
            ("all", ViewState()),
            ("country KZ", ViewState(countries=("KZ",))),
        ):
            features = filter_atlas(atlas, filters).features
            sent = sent_bytes(map_args(atlas, features))
            raw = raw_geojson(features)
            ratio = _gz(sent) / _gz(raw)
            without = (_gz(sent) - base) / _gz(raw)
            rows.append(
                [
                    label,
                    view_name,
                    len(features),
                    f"{len(sent) / 1e3:,.0f}",
                    f"{_gz(sent) / 1e3:,.0f}",
                    f"{len(raw) / 1e3:,.0f}",
                    f"{_gz(raw) / 1e3:,.0f}",
                    f"{base / 1e3:,.0f}",
                    f"{ratio:.1f}×",
                    f"{without:.1f}×",
                ]
            )
            goals.append([label, view_name, f"{ratio:.1f}×", goal(ratio <= GOAL_RATIO)])
    print_table(
        [
            "data",
            "view",
            "features",
            "map KB",
            "map KB gz",
            "raw KB",
            "raw KB gz",
            "empty map KB gz",
            "map / raw (gz)",
            "(map − empty map) / raw",
        ],
        rows,
    )
    print_table(["data", "view", "map / raw (gz)", f"≤ {GOAL_RATIO}×"], goals)
    footer()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

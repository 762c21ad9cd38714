"""How much the map draws: past :data:`MAP_MAX_FEATURES` features, a chosen part of them, and a
notice that says so (issue 11: a folder of 100,000 valid points must not take the page down).

The map's layers are made once per data version (:func:`geo.screen.map_parts_of`), so the part
drawn is chosen once per data version too, not per view: every route, then the sites that belong
to a project, then an even sample of the other sites (the same one on every run: it is ordered
by a hash of each id). A view shows those of its features that are in that part; the notice says
how many of the view's features that is. The Data page lists and exports them all.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

__all__ = ["MAP_MAX_FEATURES", "drawn_on_map", "map_notice"]

# What a browser draws and a rerun sends without making the page slow: the 100× synthetic atlas
# (1,000 routes, 10,000 sites) is the largest measured to load (BENCHMARKS.md §2).
MAP_MAX_FEATURES = 10_000


def _stable_order(ids: pd.Series) -> np.ndarray:
    """A pseudo-random order of ``ids`` that is the same on every run and machine (pandas hashes
    with a fixed key)."""
    return pd.util.hash_pandas_object(ids.astype(str), index=False).to_numpy()


def drawn_on_map(features: gpd.GeoDataFrame, max_features: int | None = None) -> gpd.GeoDataFrame:
    """The rows of ``features`` (shaped like ``Atlas.features``) that the map draws, in their
    order: all of them up to ``max_features`` (:data:`MAP_MAX_FEATURES` when None); past it,
    routes first, then the sites of a project, then an even sample of the other sites.

    >>> import geopandas as gpd
    >>> f = gpd.GeoDataFrame({"id": ["r", "a", "b", "c"], "is_route": [True, False, False, False],
    ...                       "project": ["p", "", "p", ""]})
    >>> list(drawn_on_map(f, 2)["id"]), len(drawn_on_map(f))
    (['r', 'b'], 4)
    """
    limit = MAP_MAX_FEATURES if max_features is None else max_features
    if len(features) <= limit:
        return features
    rank = np.where(features["is_route"], 0, np.where(features["project"].fillna("") != "", 1, 2))
    order = np.lexsort((_stable_order(features["id"]), rank))[:limit]
    return features.iloc[np.sort(order)]


def map_notice(in_view: int, drawn: int, max_features: int | None = None) -> str | None:
    """What the page says when the map draws ``drawn`` of the ``in_view`` features of a view
    (None when it draws them all).

    >>> map_notice(100_041, 9_990, 10_000)
    'The map draws 9,990 of the 100,041 features in view. Past 10,000 features it draws every route, the sites of each project and an even sample of the other sites, so that the page stays quick; the Data page lists and exports them all.'
    >>> map_notice(12, 12) is None
    True
    """
    if drawn >= in_view:
        return None
    limit = MAP_MAX_FEATURES if max_features is None else max_features
    return (
        f"The map draws {drawn:,} of the {in_view:,} features in view. Past {limit:,} features "
        "it draws every route, the sites of each project and an even sample of the other sites, "
        "so that the page stays quick; the Data page lists and exports them all."
    )

"""Which feature a click on the map named, or where the reader moved the map, from the value
``st_folium`` returns.

For a click only ``last_active_drawing`` is read: streamlit-folium (and the map's script) put
there the clicked GeoJSON feature as Leaflet's ``toGeoJSON()`` gives it, with the properties
:mod:`geo.draw.layers` wrote. When the reader has moved the map, the map's script reports
``{"moved": "lat,lon,zoom", ...}`` instead (:func:`moved_to`); nothing else in the returned value
(the tooltip, the bounds) is needed, so a page may leave those out of ``returned_objects``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.draw.layers import ROUTE_LAYER, SITE_LAYER
from geo.model import ID_RE
from geo.urlstate import map_position


def clicked_feature_id(returned: Mapping[str, Any] | None) -> str | None:
    """The id of the route or site that was clicked, from the value ``st_folium`` returned.

    A click on a country outline, a value from before any click, or anything malformed gives
    ``None``. ``last_active_drawing`` keeps the last clicked feature until another feature is
    clicked, so compare with the previous value to see a new click.

    Parameters
    ----------
    returned : mapping or None
        What ``st_folium(..., returned_objects=["last_active_drawing"])`` returned, or the
        value Streamlit keeps under the map's ``key`` in ``st.session_state``.

    Returns
    -------
    str or None
        A well-formed feature id; whether the atlas has it is the caller's to check.

    Examples
    --------
    >>> clicked_feature_id({"last_active_drawing": {"type": "Feature",
    ...     "properties": {"id": "horgos", "layer": "site"}, "geometry": None}})
    'horgos'
    >>> clicked_feature_id({"last_active_drawing": None}) is None
    True
    """
    if not isinstance(returned, Mapping) or returned.get("moved"):
        return None
    drawing = returned.get("last_active_drawing")
    if not isinstance(drawing, Mapping):
        return None
    properties = drawing.get("properties")
    if not isinstance(properties, Mapping) or properties.get("layer") not in (
        ROUTE_LAYER,
        SITE_LAYER,
    ):
        return None
    feature_id = properties.get("id")
    if isinstance(feature_id, str) and ID_RE.match(feature_id):
        return feature_id
    return None


def moved_to(returned: Mapping[str, Any] | None) -> tuple[float, float, int] | None:
    """Where the reader moved the map (``lat, lon, zoom``), when the value ``st_folium``
    returned is the map script's report of a move; ``None`` for a click or anything malformed.

    >>> moved_to({"moved": "41.3,74.5,6", "last_active_drawing": None})
    (41.3, 74.5, 6)
    >>> moved_to({"moved": "41.3,74.5"}) is None, moved_to({"clicks": 1}) is None
    (True, True)
    """
    if not isinstance(returned, Mapping) or not isinstance(returned.get("moved"), str):
        return None
    return map_position(returned["moved"])

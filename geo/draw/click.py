"""Which feature a click on the map named, from the value ``st_folium`` returns.

Only ``last_active_drawing`` is read: streamlit-folium puts there the clicked GeoJSON feature as
Leaflet's ``toGeoJSON()`` gives it, with the properties :mod:`geo.draw.layers` wrote. Nothing else
in the returned value (the tooltip, the bounds, the zoom) is needed, so a page may leave those
out of ``returned_objects``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.draw.layers import ROUTE_LAYER, SITE_LAYER
from geo.model import ID_RE


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
    if not isinstance(returned, Mapping):
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

"""Draw the atlas map: routes, sites and country outlines as one folium map that needs no network.

The map is built for streamlit-folium: every clickable feature is a GeoJSON feature whose
properties carry its ``id``, so the value ``st_folium`` returns after a click names the feature
(:func:`clicked_feature_id`). Every text from the data is HTML-escaped before it reaches a tooltip
or the legend, and the Leaflet files are served by the app itself.

The map is drawn in the browser by the atlas's own script (``static/map/atlas-map.js``) from its
*parts* — the outlines, routes and sites as GeoJSON and their look — which depend only on the data,
and a small *state* — which features are shown and how, the selection, the frame — which is all a
rerun changes. The parts are inline (:func:`build_map`) or static files fetched once
(:func:`atlas_map`, :mod:`geo.publish`), and the state then follows with each rerun
(:func:`state_layer`).

One job per module:

- :mod:`geo.draw.build` — :func:`build_map` and :func:`atlas_map`, the folium map;
- :mod:`geo.draw.layers` — the parts: outlines, routes, sites and their look, as JSON;
- :mod:`geo.draw.state` — what a rerun sends: shown features, classes, selection, frame;
- :mod:`geo.draw.style` — colours, line dashes, site icons, the legend and its CSS;
- :mod:`geo.draw.frame` — where the map looks: one padding and zoom rule for every fit;
- :mod:`geo.draw.click` — which feature a click named;
- :mod:`geo.draw.inputs` — the GeoDataFrames drawn from, checked at the boundary;
- :mod:`geo.draw.assets` — the vendored Leaflet files in place of CDNs.
"""

from geo.draw.build import atlas_map, build_map
from geo.draw.click import clicked_feature_id, moved_to
from geo.draw.frame import frame_around, frame_at, frame_of, within_countries
from geo.draw.inputs import FEATURE_COLUMNS
from geo.draw.layers import MapParts, map_parts, outlines_geojson
from geo.draw.state import classes_of, map_state, shown_bits, state_layer
from geo.draw.style import PROJECT_PALETTE, SITE_ICONS, legend_html, project_colors

__all__ = [
    "FEATURE_COLUMNS",
    "PROJECT_PALETTE",
    "SITE_ICONS",
    "MapParts",
    "atlas_map",
    "build_map",
    "classes_of",
    "clicked_feature_id",
    "frame_around",
    "frame_at",
    "frame_of",
    "legend_html",
    "map_parts",
    "map_state",
    "moved_to",
    "outlines_geojson",
    "project_colors",
    "shown_bits",
    "state_layer",
    "within_countries",
]

"""Draw the atlas map: routes, sites and country outlines as one folium map that needs no network.

The map is built for streamlit-folium: every clickable feature is a GeoJSON feature whose
properties carry its ``id``, so the value ``st_folium`` returns after a click names the feature
(:func:`clicked_feature_id`). Every text from the data is HTML-escaped before it reaches a tooltip
or the legend, and the Leaflet files are served by the app itself.

One job per module:

- :mod:`geo.draw.build` — :func:`build_map`, the whole map from routes, sites and outlines;
- :mod:`geo.draw.layers` — the GeoJSON layers (outlines, routes, sites, the selection);
- :mod:`geo.draw.style` — colours, line dashes, site icons, the legend and its CSS;
- :mod:`geo.draw.frame` — where the map looks: one padding and zoom rule for every fit;
- :mod:`geo.draw.click` — which feature a click named;
- :mod:`geo.draw.inputs` — the GeoDataFrames drawn from, checked at the boundary;
- :mod:`geo.draw.assets` — the vendored Leaflet files in place of CDNs.
"""

from geo.draw.build import build_map
from geo.draw.click import clicked_feature_id
from geo.draw.frame import view_of
from geo.draw.inputs import FEATURE_COLUMNS
from geo.draw.layers import outlines_geojson, selection_layer
from geo.draw.style import PROJECT_PALETTE, SITE_ICONS, legend_html, project_colors

__all__ = [
    "FEATURE_COLUMNS",
    "PROJECT_PALETTE",
    "SITE_ICONS",
    "build_map",
    "clicked_feature_id",
    "legend_html",
    "outlines_geojson",
    "project_colors",
    "selection_layer",
    "view_of",
]

"""How the map looks: project colours, line dashes, site icons, the legend and its CSS.

Everything here is plain data or text (Leaflet path options, inline SVG, HTML): :func:`look` hands
it to the map's script (``static/map/atlas-map.js``), which styles every feature from its
properties, and a page beside the map draws the same marks from the same definitions. Text from the
data is HTML-escaped before it reaches the legend.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd

from geo.draw.inputs import text

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision
# deficiencies. Ordered so that the first colours read best as thin lines on a light map
# (yellow and black come last).
PROJECT_PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
UNKNOWN_PROJECT_COLOR = "#7F7F7F"

SEA_COLOR = "#DCE6EC"
LAND_COLOR = "#FAF8F3"
OUTLINE_COLOR = "#8A9099"
SELECTED_HALO = "#FFC20A"
INK = "#2B2F36"  # site icons, dots and the legend's line samples

OUTLINE_STYLE = {"color": OUTLINE_COLOR, "weight": 1, "fillColor": LAND_COLOR, "fillOpacity": 1.0}
ROUTE_STYLE = {"weight": 3.5, "opacity": 1.0, "lineCap": "round", "lineJoin": "round"}
SELECTED_ROUTE = {"weight": 7, "opacity": 1.0}  # drawn over the others, on the casing
SELECTION_CASING = {"color": "#FFFFFF", "weight": 12, "opacity": 0.9, "lineCap": "round"}
# Past MAX_ICON_SITES sites (geo.draw.layers), sites are dots on one canvas.
DOT_STYLE = {"radius": 3.5, "weight": 1, "color": "#FFFFFF", "fillColor": INK, "fillOpacity": 0.9}
SELECTED_DOT = {"radius": 8}

RANK_ZOOM = (0, 5, 6)
"""The zoom from which a site of each rank (:func:`geo.draw.layers.site_rank`) is drawn: a system
of its own always, a project's sites from zoom 5, places of context from zoom 6. Below it the
routes stand alone, each clickable on its line at the atlas's first view (zoom 2–3)."""

CLICK_TOLERANCE_PX = 12
"""How far from a route's line a click (or tap) still selects it, in pixels."""

STYLE_CLASSES: dict[str, dict] = {
    "faint": {"opacity": 0.35, "fillOpacity": 0.35, "dashArray": None},
    "dashed": {"dashArray": "6 8"},
    "solid": {"dashArray": None},
}
"""Looks a map state may give single features on top of their own (Leaflet path options; a site
icon takes only the opacity): for a map drawn as of a date, "faint" for a proposed line, "dashed"
for one under construction, "solid" for one in operation — a line's own dashes (its geometry
quality) give way, so that dashes mean construction only. See :mod:`geo.draw.state`."""

TILES = {
    "name": "OpenStreetMap",
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "options": {
        "maxZoom": 19,
        "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
        " contributors",
    },
}
"""The optional online base layer (the only address outside the app that the map may ask)."""

# How a route's geometry_quality shows: its dash pattern and the note in its tooltip.
DASH_BY_QUALITY = {"schematic": "8 6", "approximate": "2 6"}
ROUTE_NOTES = {
    "schematic": "schematic line: drawn between the places it links, not along the track",
    "approximate": "approximate alignment",
}

_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")

# Site icons: inline SVG (no icon font, no image file), 24 px, dark shapes with a white edge so
# they read on tiles and on the plain outlines. No xmlns: inline SVG in HTML does not need it.
SITE_ICONS: dict[str, str] = {
    "port": (
        f'<circle cx="10" cy="10" r="8.5" fill="#fff" stroke="{INK}" stroke-width="2"/>'
        f'<path d="M10 5v9M7 7.5h6M5.5 11a4.5 4.5 0 0 0 9 0" fill="none" stroke="{INK}" '
        'stroke-width="1.8" stroke-linecap="round"/>'
    ),
    "dry_port": (
        f'<rect x="2" y="4" width="16" height="12" rx="1" fill="{INK}" stroke="#fff" '
        'stroke-width="1.5"/>'
        '<path d="M6.5 6.5v7M10 6.5v7M13.5 6.5v7" stroke="#fff" stroke-width="1.3"/>'
    ),
    "border_crossing": (
        f'<path d="M10 1.5 18.5 10 10 18.5 1.5 10Z" fill="{INK}" stroke="#fff" '
        'stroke-width="1.5"/>'
        '<path d="M10 5.5v9" stroke="#fff" stroke-width="1.6"/>'
    ),
    "station": f'<circle cx="10" cy="10" r="7" fill="#fff" stroke="{INK}" stroke-width="3.5"/>',
    "tunnel": (
        f'<path d="M2 18V10a8 8 0 0 1 16 0v8Z" fill="{INK}" stroke="#fff" stroke-width="1.5"/>'
        '<path d="M6 18v-7a4 4 0 0 1 8 0v7Z" fill="#fff"/>'
    ),
    "city": f'<circle cx="10" cy="10" r="5.5" fill="{INK}" stroke="#fff" stroke-width="2"/>',
    "logistics_hub": (
        f'<path d="M10 1.5 17.4 5.75v8.5L10 18.5 2.6 14.25v-8.5Z" fill="{INK}" stroke="#fff" '
        'stroke-width="1.5"/>'
        '<circle cx="10" cy="10" r="2.6" fill="#fff"/>'
    ),
}
_UNKNOWN_SITE_ICON = (
    f'<circle cx="10" cy="10" r="5" fill="{OUTLINE_COLOR}" stroke="#fff" stroke-width="2"/>'
)

CSS = f"""
.leaflet-container {{ background: {SEA_COLOR}; }}
.atlas-site svg {{ display: block; overflow: visible; }}
.atlas-site:focus-visible {{ outline: 3px solid #0072B2; outline-offset: 1px; border-radius: 50%; }}
path.leaflet-interactive:focus {{ outline: none; }}
path.leaflet-interactive:focus-visible {{ stroke: #0072B2; stroke-opacity: 1; }}
.atlas-crowded {{ display: none !important; }}
.atlas-label {{
  white-space: nowrap; pointer-events: none; color: {INK};
  font: 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff;
}}
.atlas-label.atlas-country {{
  color: #4A525C; font-size: 11px; letter-spacing: 0.06em; text-transform: uppercase;
}}
.atlas-choice {{ font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }}
.atlas-choice button {{
  display: block; width: 100%; margin: 4px 0 0; padding: 6px 8px; text-align: left;
  font: inherit; color: #1F2933; background: #F3F5F7; border: 1px solid #8A9099;
  border-radius: 4px; cursor: pointer;
}}
/* The page shows the legend under the map: the map's own legend is for full screen. */
.atlas-page-legend .atlas-legend {{ display: none; }}
.atlas-page-legend.atlas-full .atlas-legend {{ display: block; }}
.atlas-legend {{
  background: rgba(255, 255, 255, 0.94); color: #1F2933; padding: 8px 10px;
  border-radius: 6px; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
  font: 12px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  max-height: 60vh; overflow-y: auto;
}}
.atlas-legend summary {{ cursor: pointer; font-weight: 600; }}
.atlas-legend[open] summary {{ margin-bottom: 4px; }}
.atlas-legend h4 {{ margin: 6px 0 3px; font-size: 12px; font-weight: 600; }}
.atlas-legend h4:first-child {{ margin-top: 0; }}
.atlas-legend div {{ display: flex; align-items: center; gap: 6px; white-space: nowrap; }}
.atlas-legend svg {{ flex: none; }}
/* On a narrow map the attribution reaches the left edge: the scale bar stands above it. */
@media (max-width: 520px) {{ .leaflet-bottom.leaflet-left {{ bottom: 22px; }} }}
"""
"""The map's own CSS: the sea behind the outlines, the site icons and the legend control."""


def project_colors(projects: Iterable[Any]) -> dict[str, str]:
    """Give each project a colour from :data:`PROJECT_PALETTE` (Okabe–Ito).

    Pass every project of the atlas, not only those left by a filter, so that a project keeps
    its colour when the filter changes. Projects are sorted, so the result does not depend on
    their order; empty values are skipped. Past eight projects the palette repeats.

    Examples
    --------
    >>> project_colors(["middle_corridor", "cpec", None, "cpec"])
    {'cpec': '#0072B2', 'middle_corridor': '#D55E00'}
    """
    names = sorted({name for p in projects if (name := text(p))})
    return {name: PROJECT_PALETTE[i % len(PROJECT_PALETTE)] for i, name in enumerate(names)}


def check_colors(colors: Mapping[str, str]) -> None:
    """Raise ``ValueError`` unless every colour is ``#rgb`` or ``#rrggbb``.

    The colours go into the page's script and SVG as they are, so nothing else is let through.

    >>> check_colors({"cku": "red;background:url(x)"})
    Traceback (most recent call last):
    ...
    ValueError: colors['cku'] = 'red;background:url(x)' is not a #rrggbb colour
    """
    for project, color in colors.items():
        if not isinstance(color, str) or not _HEX_COLOR.match(color):
            raise ValueError(f"colors[{project!r}] = {color!r} is not a #rrggbb colour")


def site_icon(kind: str, selected: bool) -> dict:
    """``L.divIcon`` options of a site: its kind's shape, larger with a halo when selected.

    >>> site_icon("port", False)["iconSize"], site_icon("port", True)["iconSize"]
    ([24, 24], [34, 34])
    """
    size = 34 if selected else 24
    return {
        "html": site_svg(kind, size=size, selected=selected),
        "iconSize": [size, size],
        "iconAnchor": [size // 2, size // 2],
        "className": "atlas-site",
    }


def site_svg(kind: str, *, size: int, selected: bool) -> str:
    """The inline SVG of a site's icon (a grey dot for an unknown kind)."""
    shape = SITE_ICONS.get(kind, _UNKNOWN_SITE_ICON)
    halo = (
        f'<circle cx="10" cy="10" r="10.5" fill="{SELECTED_HALO}" opacity="0.85"/>'
        if selected
        else ""
    )
    return f'<svg width="{size}" height="{size}" viewBox="-1 -1 22 22">{halo}{shape}</svg>'


def _line_svg(color: str, dash: str | None) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="28" height="10"><line x1="2" y1="5" x2="26" y2="5" stroke="{color}" '
        f'stroke-width="3.5" stroke-linecap="round"{dash_attr}/></svg>'
    )


def legend_html(
    routes: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    colors: Mapping[str, str],
    labels: Mapping[str, str] | None = None,
    *,
    svg_as_img: bool = False,
    heading: str = "h4",
) -> str:
    """The legend's HTML (escaped): project colours, line styles and site icons in view.

    The map carries it as a collapsible control (for full screen), showing the rows of what it
    draws (each row names its project, line quality or site kind in ``data-`` attributes); a
    page can show it beside the map.

    Parameters
    ----------
    routes, sites : GeoDataFrame
        What the map shows (columns ``project`` and ``geometry_quality``; ``kind``).
    colors : mapping of str to str
        Project to colour, as given to :func:`geo.draw.build_map`.
    labels : mapping of str to str, optional
        Project id to the name shown (the id itself by default).
    svg_as_img : bool
        Wrap each swatch in an ``<img>`` data URI, for pages whose HTML sanitiser drops inline
        SVG (Streamlit's ``st.html``).
    heading : str
        The tag of the legend's headings, to fit the headings of the page around it.

    Examples
    --------
    >>> from shapely import Point
    >>> sites = gpd.GeoDataFrame({"kind": ["port"]}, geometry=[Point(51, 43)], crs=4326)
    >>> legend_html(sites.iloc[0:0], sites, {})[:91]
    '<h4 data-section="sites">Sites</h4><div data-section="sites" data-legend="kind" data-value='
    """
    if svg_as_img:
        return _INLINE_SVG.sub(
            _svg_img, legend_html(routes, sites, colors, labels, heading=heading)
        )
    labels = labels or {}
    parts: list[str] = []
    projects = sorted({text(p) for p in routes["project"]} - {""}) if len(routes) else []
    if projects:
        parts.append(_heading("projects", "Projects", heading))
        for project in projects:
            color = colors.get(project, UNKNOWN_PROJECT_COLOR)
            label = html.escape(labels.get(project, project))
            parts.append(_row("projects", "project", project, _line_svg(color, None) + label))
    if len(routes):
        qualities = set(routes["geometry_quality"].map(text))
        parts.append(_heading("line", "Line", heading))
        parts.append(_row("line", "route", "", _line_svg(INK, None) + "surveyed or traced"))
        for quality, dash in DASH_BY_QUALITY.items():
            if quality in qualities:
                parts.append(_row("line", "quality", quality, _line_svg(INK, dash) + quality))
    kinds = sorted({text(k) for k in sites["kind"]}) if len(sites) else []
    if kinds:
        parts.append(_heading("sites", "Sites", heading))
        for kind in kinds:
            label = html.escape(kind.replace("_", " "))
            icon = site_svg(kind, size=16, selected=False)
            parts.append(_row("sites", "kind", kind, icon + label))
    return "".join(parts)


def _heading(section: str, title: str, tag: str = "h4") -> str:
    return f'<{tag} data-section="{section}">{title}</{tag}>'


def _row(section: str, key: str, value: str, content: str) -> str:
    """A legend row; the map's script shows it while a drawn feature has ``key`` = ``value``."""
    return (
        f'<div data-section="{section}" data-legend="{key}" data-value="{html.escape(value)}">'
        f"{content}</div>"
    )


_INLINE_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def _svg_img(match: re.Match) -> str:
    svg = match.group().replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return f'<img alt="" src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}">'


def look(
    colors: Mapping[str, str],
    kinds: Iterable[str],
    legend: str,
    max_icon_sites: int,
) -> dict:
    """Everything the map's script needs to draw features from their properties: the colours by
    project, the line styles, the site icons (for ``kinds`` and any unknown kind), the dots past
    ``max_icon_sites`` sites, the classes a state may give, the CSS and the legend's HTML.

    >>> look({"p": "#0072B2"}, ["port"], "", 1500)["icons"].keys()
    dict_keys(['', 'port'])
    """
    check_colors(colors)
    kinds = sorted({text(k) for k in kinds} - {""})
    return {
        "colors": dict(colors),
        "unknown_color": UNKNOWN_PROJECT_COLOR,
        "route": ROUTE_STYLE,
        "dash": DASH_BY_QUALITY,
        "selected_route": SELECTED_ROUTE,
        "casing": SELECTION_CASING,
        "outline": OUTLINE_STYLE,
        "icons": {k: site_icon(k, False) for k in ["", *kinds]},
        "selected_icons": {k: site_icon(k, True) for k in ["", *kinds]},
        "dot": DOT_STYLE,
        "selected_dot": SELECTED_DOT,
        "max_icon_sites": max_icon_sites,
        "classes": STYLE_CLASSES,
        "rank_zoom": RANK_ZOOM,
        "tolerance": CLICK_TOLERANCE_PX,
        "css": CSS,
        "legend": legend,
    }

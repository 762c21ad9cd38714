"""Point a folium map at the Leaflet files vendored in ``static/vendor/`` instead of CDNs.

folium elements name the JavaScript and CSS they need in ``default_js`` / ``default_css`` as
``(name, CDN URL)`` pairs; the atlas's own map script (``static/map/``, :func:`own_asset_url`) is
named by its local address from the start. streamlit-folium collects those URLs and its frontend loads the scripts
one after another, awaiting each; a script that fails to load stops the map before it is drawn and
the map's frame stays 0 px high. With no network but the app's own server, every one of those URLs
must therefore be a file that Streamlit serves from ``static/`` (``server.enableStaticServing``).

:func:`localize` rewrites the lists of one map's elements (never folium's classes) and refuses a
map whose elements need a file the atlas does not vendor; :func:`loaded_urls` lists every address
a rendered map would fetch, for tests.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import branca
import folium

__all__ = [
    "DEFAULT_BASE_URL",
    "LOCAL_ASSETS",
    "OWN_BASE_URL",
    "OWN_DIR",
    "VENDOR_DIR",
    "LocalAsset",
    "MissingAssetError",
    "loaded_urls",
    "localize",
    "own_asset_url",
]

VENDOR_DIR = Path(__file__).resolve().parents[2] / "static" / "vendor"
"""Where ``scripts/vendor_assets.py`` writes the files (served at ``/app/static/vendor/``)."""

DEFAULT_BASE_URL = "/app/static/vendor/"

OWN_DIR = Path(__file__).resolve().parents[2] / "static" / "map"
"""The atlas's own map script, written by hand (served at ``/app/static/map/``)."""

OWN_BASE_URL = "/app/static/map/"


@dataclass(frozen=True)
class LocalAsset:
    """What the atlas serves in place of one folium asset.

    ``path`` is relative to ``static/vendor/``. ``upstream`` is a pattern the CDN URL folium
    asks for must match, so that a folium upgrade that moves to another major version of a
    library fails loudly instead of silently getting the old file.
    """

    path: str
    upstream: str


LOCAL_ASSETS: dict[str, LocalAsset] = {
    # folium.Map
    "leaflet": LocalAsset("leaflet-1.9.4/leaflet.js", r"/leaflet@1\.9\.\d+/dist/leaflet\.js$"),
    "leaflet_css": LocalAsset(
        "leaflet-1.9.4/leaflet.css", r"/leaflet@1\.9\.\d+/dist/leaflet\.css$"
    ),
    # folium.plugins.Fullscreen (its JS and CSS names differ in case: "Fullscreen"/"FullScreen")
    "Control.Fullscreen.js": LocalAsset(
        "leaflet.fullscreen-3.0.0/Control.FullScreen.js",
        r"/leaflet\.fullscreen@3\.\d+\.\d+/Control\.FullScreen(\.min)?\.js$",
    ),
    "Control.FullScreen.css": LocalAsset(
        "leaflet.fullscreen-3.0.0/Control.FullScreen.css",
        r"/leaflet\.fullscreen@3\.\d+\.\d+/Control\.FullScreen\.css$",
    ),
}

# folium.Map lists these for every map, but only folium.Icon (awesome markers), folium.Popup
# ($(...) in its template), Map.keep_in_front ($(document).ready) and GeoJson(embed=False)
# ($.ajax) use them. They are dropped from folium.Map only; any other element that asks for one
# of these names is refused like any unknown asset.
MAP_ASSETS_DROPPED = frozenset(
    {
        "jquery",
        "bootstrap",
        "awesome_markers",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers_font_css",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)


def own_asset_url(name: str) -> str:
    """The address of ``static/map/<name>``, with a hash of its content in the query, so that a
    browser never runs an old copy after the file changed.

    >>> own_asset_url("atlas-map.js").startswith("/app/static/map/atlas-map.js?v=")
    True
    """
    digest = hashlib.sha256((OWN_DIR / name).read_bytes()).hexdigest()[:12]
    return f"{OWN_BASE_URL}{name}?v={digest}"


class MissingAssetError(ValueError):
    """A map element needs a JavaScript or CSS file that is not vendored in static/vendor/."""


def localize(m: folium.Map, base_url: str = DEFAULT_BASE_URL) -> folium.Map:
    """Make every element of ``m`` load its JS and CSS from ``base_url`` instead of a CDN.

    Each element's ``default_js`` / ``default_css`` is replaced on the instance, so other maps
    and folium's classes are untouched. Call it after the last element is added.

    Parameters
    ----------
    m : folium.Map
        The map, with all its children.
    base_url : str
        Where ``static/vendor/`` is served; ``"/app/static/vendor/"`` for Streamlit's static
        serving. Prefix it with ``server.baseUrlPath`` when the app runs under one.

    Returns
    -------
    folium.Map
        ``m`` itself.

    Raises
    ------
    MissingAssetError
        If an element needs a file the atlas does not vendor, or one of the files dropped from
        ``folium.Map`` (jQuery for popups, awesome markers for ``folium.Icon``, ...).

    Examples
    --------
    >>> import folium
    >>> m = localize(folium.Map(tiles=None))
    >>> m.default_js
    [('leaflet', '/app/static/vendor/leaflet-1.9.4/leaflet.js')]
    """
    if not isinstance(m, folium.Map):
        raise TypeError(f"localize needs a folium.Map, got {type(m).__name__}")
    if not base_url.endswith("/"):
        base_url += "/"
    for element in _walk(m):
        _refuse_users_of_dropped_assets(m, element)
        if isinstance(element, branca.colormap.ColorMap):
            raise MissingAssetError(
                f"{type(element).__name__} makes streamlit-folium load d3 from a CDN; "
                "draw the legend as HTML instead (see geo.draw.style.legend_html)"
            )
        if isinstance(element, folium.elements.JSCSSMixin):
            element.default_js = _local_links(m, element, element.default_js, base_url)
            element.default_css = _local_links(m, element, element.default_css, base_url)
    return m


def loaded_urls(m: folium.Map) -> list[str]:
    """Every address the browser would fetch for ``m``: scripts, styles, images and tiles.

    Renders the map and collects, in order and without repeats, the JS and CSS links that
    streamlit-folium passes to its frontend, ``src``/``href``/``url(...)`` addresses in the
    rendered HTML, the URL templates of tile layers, and what an element's script fetches itself
    (its ``fetches``: the map's parts and its tiles, :class:`geo.draw.build.AtlasLayers`).
    """
    html = m.get_root().render()
    urls: list[str] = []
    for element in _walk(m):
        if isinstance(element, folium.elements.JSCSSMixin):
            urls += [url for _, url in element.default_js]
            urls += [url for _, url in element.default_css]
        if isinstance(element, folium.raster_layers.TileLayer):
            urls.append(element.tiles)
        urls += getattr(element, "fetches", [])
    urls += re.findall(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    urls += re.findall(r"""url\(\s*["']?([^"')]+)["']?\s*\)""", html)
    return list(dict.fromkeys(u for u in urls if not u.startswith(("#", "data:"))))


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _local_links(m, element, links, base_url):
    local = []
    for name, url in links:
        if url.startswith((base_url, OWN_BASE_URL)):  # already local
            local.append((name, url))
            continue
        if isinstance(element, folium.Map) and name in MAP_ASSETS_DROPPED:
            continue
        asset = LOCAL_ASSETS.get(name)
        if asset is None:
            raise MissingAssetError(
                f"{type(element).__name__} needs {name!r} ({url}), which is not vendored in "
                "static/vendor/; add it to scripts/vendor_assets.py and "
                "geo.draw.assets.LOCAL_ASSETS, or draw without this element"
            )
        if not re.search(asset.upstream, url):
            raise MissingAssetError(
                f"{type(element).__name__} now asks for {name!r} at {url}, but static/vendor/ "
                f"has {asset.path}; vendor the matching version with scripts/vendor_assets.py"
            )
        local.append((name, base_url + asset.path))
    return local


def _refuse_users_of_dropped_assets(m, element):
    need = None
    if isinstance(element, folium.Icon):
        need = "Leaflet.awesome-markers and Font Awesome (folium.Icon); use folium.DivIcon"
    elif isinstance(element, folium.Popup):
        need = "jQuery (folium.Popup); use a Tooltip"
    elif isinstance(element, folium.GeoJson | folium.TopoJson) and not element.embed:
        need = "jQuery (GeoJson with embed=False); embed the data"
    elif element is m and m.objects_to_stay_in_front:
        need = "jQuery (Map.keep_in_front); order layers with panes instead"
    if need:
        raise MissingAssetError(f"the map needs {need}, which the atlas does not vendor")

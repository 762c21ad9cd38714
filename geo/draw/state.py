"""The map's state: the little that changes from one rerun to the next, sent to a map that stays.

A map's parts (outlines, routes, sites, their look: :mod:`geo.draw.layers`) are the same for every
view of a data version, so the map's script is too, and the browser keeps the map between reruns
(:func:`geo.draw.atlas_map`). What a view changes travels separately, as a *state*
(:func:`map_state`): which features are drawn, the class each one is drawn with, the selected
feature and the frame to show. :func:`state_layer` wraps it for ``st_folium(...,
feature_group_to_add=...)``, which streamlit-folium evaluates in the map's frame without reloading
the map; its one line, ``AtlasMap.apply(state)``, hands the state to the map's script
(``static/map/atlas-map.js``).

Features are numbered routes first, then sites, in the order of the map's parts
(:attr:`geo.draw.layers.MapParts.ids`). ``shown`` gives one bit per feature (:func:`shown_bits`);
``classes`` a few bits per feature (:func:`classes_of`), each base64: 11,041 features take 1.9 KB
of text for ``shown`` and 3.7 KB for four classes. Both are ``None`` when they change nothing (all
drawn, no class), so the state of an unfiltered view is a few hundred bytes.
"""

from __future__ import annotations

import base64
from collections.abc import Collection, Mapping, Sequence

import folium
import numpy as np
from branca.element import MacroElement
from folium.template import Template

from geo.draw.layers import script_json
from geo.draw.style import STYLE_CLASSES

__all__ = ["classes_of", "map_state", "pack_codes", "shown_bits", "state_layer"]

CODE_BITS = (1, 2, 4, 8)


def pack_codes(codes: Sequence[int], bits: int) -> str:
    """``codes`` (each below ``2 ** bits``) packed ``bits`` to a code from the most significant
    bit of each byte, as base64; the map's script unpacks them (``AtlasMap.decodeCodes``).

    >>> pack_codes([1, 0, 1, 1, 0, 0, 0, 0, 1], 1)  # 10110000 1(0000000)
    'sIA='
    >>> pack_codes([3, 0, 2], 2)  # 11 00 10 (00)
    'yA=='
    """
    if bits not in CODE_BITS:
        raise ValueError(f"bits must be one of {CODE_BITS}, not {bits}")
    array = np.asarray(codes, dtype=np.uint8)
    if len(array) and int(array.max()) >= 2**bits:
        raise ValueError(f"a code does not fit in {bits} bit(s): {int(array.max())}")
    unpacked = np.unpackbits(array[:, None], axis=1)[:, 8 - bits :]
    return base64.b64encode(np.packbits(unpacked.ravel()).tobytes()).decode("ascii")


def shown_bits(ids: Sequence[str], shown: Collection[str]) -> str | None:
    """One bit per feature of ``ids`` (the parts' order), set for those in ``shown``; ``None``
    when every one is shown.

    >>> shown_bits(["a", "b", "c"], {"a", "c"}), shown_bits(["a", "b"], ["b", "a", "z"])
    ('oA==', None)
    """
    # A set, not numpy's isin: on arrays of strings isin compares every pair (144 s for 10,000
    # drawn features and a view of 100,041); this is linear in both.
    keep = shown if isinstance(shown, (set, frozenset)) else set(shown)
    drawn = np.fromiter((i in keep for i in ids), dtype=np.uint8, count=len(ids))
    return None if drawn.all() else pack_codes(drawn, 1)


def classes_of(ids: Sequence[str], classes: Mapping[str, str]) -> dict | None:
    """The ``classes`` of a map state: feature id → class name (a key of
    :data:`geo.draw.style.STYLE_CLASSES`) for the features of ``ids`` that have one; ``None``
    when none has.

    >>> classes_of(["a", "b", "c"], {"c": "faint", "a": "dashed"})  # 01 00 10 (00)
    {'bits': 2, 'codes': 'SA==', 'names': ['', 'dashed', 'faint']}
    """
    unknown = sorted(set(classes.values()) - set(STYLE_CLASSES))
    if unknown:
        raise ValueError(f"unknown map class(es) {', '.join(unknown)}; see STYLE_CLASSES")
    names = ["", *sorted(set(classes.values()))]
    if len(names) == 1:
        return None
    bits = next(b for b in CODE_BITS if 2**b >= len(names))
    code = {name: i for i, name in enumerate(names)}
    codes = [code[classes.get(i, "")] for i in ids]
    return {"bits": bits, "codes": pack_codes(codes, bits), "names": names}


def map_state(
    version: str,
    *,
    shown: str | None = None,
    classes: dict | None = None,
    selected: str | None = None,
    frame: dict | None = None,
) -> dict:
    """The state of a map whose parts were made for data ``version``.

    Parameters
    ----------
    version : str
        The data version of the map's parts; the map's script ignores a state for another one.
    shown : str, optional
        :func:`shown_bits`; ``None`` draws every feature.
    classes : dict, optional
        :func:`classes_of`; ``None`` draws each feature with its own look.
    selected : str, optional
        The id of the feature drawn over the others (even one ``shown`` leaves out).
    frame : dict, optional
        :func:`geo.draw.frame_of`: what to show; the map keeps its view when it is ``None`` or
        the frame it fitted last.

    Examples
    --------
    >>> map_state("3f2a9c01d2", selected="horgos")
    {'version': '3f2a9c01d2', 'shown': None, 'classes': None, 'selected': 'horgos', 'frame': None}
    """
    return {
        "version": version,
        "shown": shown,
        "classes": classes,
        "selected": selected,
        "frame": frame,
    }


class _ApplyState(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            AtlasMap.apply({{ this.state_json }});
        {% endmacro %}
        """
    )

    def __init__(self, state: dict):
        super().__init__()
        self._name = "MapState"
        self.state_json = script_json(state)


def state_layer(state: dict) -> folium.FeatureGroup:
    """``state`` as a feature group for ``st_folium(..., feature_group_to_add=...)``: it draws
    nothing itself; the script it carries applies the state to the map already in the browser.

    >>> group = state_layer(map_state("v1", selected="horgos"))
    >>> [c._name for c in group._children.values()]
    ['MapState']
    """
    group = folium.FeatureGroup(name="Map state", control=False)
    _ApplyState(state).add_to(group)
    return group

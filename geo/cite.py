"""Cite a view of the atlas: a ready reference naming the view's link and the data version."""

from __future__ import annotations

import datetime as dt

from geo.urlstate import ViewState, share_url

TITLE = "Corridor Atlas: transport corridors between China and Central Asia"


def citation(state: ViewState, base_url: str, accessed: dt.date) -> str:
    """A plain-text citation of ``state``.

    >>> from geo.urlstate import ViewState
    >>> text = citation(ViewState(version="ab12"), "https://atlas.example/", dt.date(2026, 1, 2))
    >>> text.endswith("(data version ab12). https://atlas.example/?v=ab12 (accessed 2026-01-02).")
    True
    """
    url = share_url(base_url, state)
    return (
        f"Corridor Atlas contributors. {TITLE} (data version {state.version or 'unknown'}). "
        f"{url} (accessed {accessed.isoformat()})."
    )

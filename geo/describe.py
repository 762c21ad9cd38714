"""Describe what the panel shows: a feature's card and the overview of a view, as plain values."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import pycountry

from geo.load import Atlas

if TYPE_CHECKING:
    from geo.filter import View

LANGUAGE_NAMES = {
    "en": "English",
    "zh": "Chinese",
    "ru": "Russian",
    "kk": "Kazakh",
    "ky": "Kyrgyz",
    "uz": "Uzbek",
    "tr": "Turkish",
    "az": "Azerbaijani",
    "ka": "Georgian",
}


def country_name(code: str) -> str:
    """Common English name of an ISO alpha-2 code (``KG`` → ``Kyrgyzstan``)."""
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


@dataclass
class Card:
    id: str
    name: str
    kind: str
    project: str
    project_name: str
    status: str
    status_as_of: str
    status_evidence: str
    status_evidence_url: str | None
    aliases: dict[str, list[str]]
    countries: list[str]
    crossed_km: list[tuple[str, float]]  # (country name, km) for routes, longest first
    water_km: float
    length_km: float | None
    geometry_quality: str
    geometry_source: str
    geometry_source_url: str | None
    description: str
    members: list[tuple[str, str]]  # (id, name) of the project's other features
    waypoints: list[tuple[str, str]]  # (id, name) of the sites a schematic route is drawn through


def feature_card(atlas: Atlas, feature_id: str) -> Card:
    """The card of one feature. Raises ``KeyError`` for an unknown id."""
    p = atlas.props[feature_id]
    row = atlas.features.loc[feature_id]
    ev = p.status_evidence
    if ev.span is not None:
        meta = atlas.sources.get(ev.span.source)
        title = meta.title if meta else ev.span.source
        evidence, evidence_url = f"“{ev.span.quote}” — {title}", meta.url if meta else None
    else:
        assert ev.reference is not None
        evidence, evidence_url = ev.reference.citation, ev.reference.url
    aliases: dict[str, list[str]] = {}
    for lang, text, _ctx in p.alias_entries()[1:]:
        aliases.setdefault(LANGUAGE_NAMES.get(lang, lang), [])
        if text not in aliases[LANGUAGE_NAMES.get(lang, lang)]:
            aliases[LANGUAGE_NAMES.get(lang, lang)].append(text)
    crossings = atlas.crossings[atlas.crossings["feature_id"] == feature_id]
    crossed = [
        (country_name(iso), round(float(km), 1))
        for iso, km in zip(crossings["iso_a2"], crossings["km"], strict=True)
        if isinstance(iso, str) and iso
    ]
    water = float(crossings.loc[~crossings["iso_a2"].fillna("").astype(bool), "km"].sum())
    project = p.project or ""
    members = atlas.features[(atlas.features["project"] == p.id) & (atlas.features["id"] != p.id)]
    length = row["length_km"]
    return Card(
        id=p.id,
        name=p.name,
        kind=p.kind.replace("_", " "),
        project=project,
        project_name=atlas.props[project].name if project in atlas.props else "—",
        status=p.status.replace("_", " "),
        status_as_of=p.status_as_of,
        status_evidence=evidence,
        status_evidence_url=evidence_url,
        aliases=aliases,
        countries=[country_name(c) for c in p.countries],
        crossed_km=crossed,
        water_km=round(water, 1),
        length_km=None
        if length is None or (isinstance(length, float) and math.isnan(length))
        else round(float(length), 1),
        geometry_quality=p.geometry_quality,
        geometry_source=p.geometry_source,
        geometry_source_url=p.geometry_source_url,
        description=p.description,
        members=list(zip(members["id"], members["name"], strict=True)),
        waypoints=[(w, atlas.props[w].name) for w in p.waypoints if w in atlas.props],
    )


def overview(view: View) -> dict[str, int]:
    """Counts for the panel when nothing is selected."""
    f = view.features
    return {
        "routes": int(f["is_route"].sum()),
        "sites": int((~f["is_route"]).sum()),
        "passages": int(view.passages.shape[0]),
        "sources": int(view.mentions["source"].nunique()),
        "events": int(view.events.shape[0]),
    }


def latest_events(view: View, n: int = 5) -> pd.DataFrame:
    """The ``n`` most recent events in view, newest first."""
    return view.events.sort_values(["end", "start"], ascending=False).head(n)

"""Describe what the panel shows: a feature's card and the overview of a view, as plain values."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from geo.figures import Measured, MetricGroup, compare_figures
from geo.load import Atlas
from geo.measure import main_line_km
from geo.names import LANGUAGE_NAMES, country_name

if TYPE_CHECKING:
    from geo.filter import View


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
    figures: list[MetricGroup]  # the sources' figures side by side, with what we measured
    branches: int = 1  # the lines a route is drawn as (a network has several)
    main_line_km: float | None = None  # a network's main east–west line (geo.measure)
    no_passage_reason: str | None = None  # why no source mentions it (the curators' note)


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
    length = (
        None if length is None or (isinstance(length, float) and math.isnan(length)) else length
    )
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
        length_km=None if length is None else float(length),
        geometry_quality=p.geometry_quality,
        geometry_source=p.geometry_source,
        geometry_source_url=p.geometry_source_url,
        description=p.description,
        no_passage_reason=p.no_passage_reason,
        members=list(zip(members["id"], members["name"], strict=True)),
        waypoints=[(w, atlas.props[w].name) for w in p.waypoints if w in atlas.props],
        figures=feature_figures(atlas, feature_id, length, crossings),
        **network_of(row.geometry),
    )


def network_of(geometry) -> dict:
    """``branches`` and ``main_line_km`` of a route drawn as ``geometry`` (a network of lines
    has several branches and a main east–west line; see :func:`length_label`)."""
    parts = len(geometry.geoms) if geometry.geom_type == "MultiLineString" else 1
    main = main_line_km(geometry)
    return {"branches": parts, "main_line_km": None if main is None else round(main, 1)}


def feature_figures(
    atlas: Atlas, feature_id: str, length_km: float | None, crossings: pd.DataFrame
) -> list[MetricGroup]:
    """The sources' figures about a feature, compared (:func:`geo.figures.compare_figures`),
    with a route's length and km per country as measured along its drawing."""
    p = atlas.props[feature_id]
    measured = None
    if length_km is not None:
        by_country = {
            iso: float(km)
            for iso, km in zip(crossings["iso_a2"], crossings["km"], strict=True)
            if isinstance(iso, str) and iso
        }
        measured = Measured(float(length_km), by_country, p.geometry_quality)
    sources = {sid: (m.publisher, m.published) for sid, m in atlas.sources.items()}
    rows = atlas.figures[atlas.figures["feature"] == feature_id]
    return compare_figures(rows, sources, measured)


def length_label(
    length_km: float | None, branches: int = 1, main_line_km: float | None = None
) -> str | None:
    """A route's length as the panel writes it (None for a feature without one). A network of
    several lines says so, and gives its main east–west line (:func:`geo.measure.main_line_km`),
    so that the sum of its branches does not read like the length of a route.

    >>> length_label(421.4), length_label(float("nan"))
    ('421 km as drawn', None)
    >>> length_label(10901.73, 11, 7228.2)
    '10,902 km of lines in 11 branches; main east–west line 7,228 km'
    """
    if length_km is None or (isinstance(length_km, float) and math.isnan(length_km)):
        return None
    if branches <= 1:
        return f"{length_km:,.0f} km as drawn"
    label = f"{length_km:,.0f} km of lines in {branches} branches"
    return label if main_line_km is None else f"{label}; main east–west line {main_line_km:,.0f} km"


def overview(view: View, speakers_by_passage: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Counts for the panel when nothing is selected (``speakers``: the people who speak in the
    passages in view, from ``Atlas.speakers_by_passage``)."""
    f = view.features

    def speakers(pid: str) -> tuple[str, ...]:
        return speakers_by_passage.get(pid, ())

    return {
        "routes": int(f["is_route"].sum()),
        "sites": int((~f["is_route"]).sum()),
        "passages": int(view.passages.shape[0]),
        "sources": int(view.mentions["source"].nunique()),
        "events": int(view.events.shape[0]),
        "speakers": int(len({s for pid in view.passages["passage_id"] for s in speakers(pid)})),
    }


def latest_events(view: View, n: int = 5) -> pd.DataFrame:
    """The ``n`` most recent events in view, newest first."""
    return view.events.sort_values(["end", "start"], ascending=False).head(n)


def atlas_counts(atlas: Atlas) -> dict:
    """What the atlas holds, counted (``python -m geo describe`` prints it).

    Keys: ``features``, ``sources``, ``passages``, ``events``, ``figures``, ``people`` and
    ``organisations`` (of ``people.json``), ``speakers`` (those with words attributed to them),
    ``attributions``; ``languages``
    (sources per language code of the text held, the most first); ``translated_from`` (sources
    held in translation, per original language); ``events_per_system`` (for each project, the
    events that concern it or one of its features, as :func:`geo.filter.events_of` counts them);
    ``figures_per_metric``.
    """
    languages = Counter(m.language for m in atlas.sources.values())
    projects = [p for p in atlas.features["project"].unique() if p and p in atlas.props]
    return {
        "features": len(atlas.features),
        "sources": len(atlas.sources),
        "passages": len(atlas.passages),
        "events": len(atlas.events),
        "figures": len(atlas.figures),
        "people": sum(p.kind == "person" for p in atlas.people.values()),
        "organisations": sum(p.kind == "organisation" for p in atlas.people.values()),
        "speakers": int(atlas.attributions["speaker"].nunique()),
        "attributions": len(atlas.attributions),
        "languages": dict(languages.most_common()),
        "translated_from": dict(
            Counter(m.translated_from for m in atlas.sources.values() if m.translated_from)
        ),
        "events_per_system": {p: len(atlas.event_rows.get(p, [])) for p in projects},
        "figures_per_metric": {
            m: int(n) for m, n in Counter(atlas.figures["metric"]).most_common()
        },
    }

"""Filter the atlas to what a view shows: features, the passages that mention them, their events.

Rules (documented on the Data page's methodology too):

- country: a route matches when its geometry crosses the country (computed from the boundaries),
  a site when the country is one of its countries;
- project, kind, status: the feature's value is one of those chosen;
- source: the feature is mentioned in one of the chosen sources; passages and events come only
  from those sources;
- date range: events that overlap the range; features are not hidden by dates (many have none);
- as of a day (:mod:`geo.asof`): each feature with the status it had then (the status filter
  chooses among those), features not there yet left out; only sources published by then, their
  passages, and their events that had begun by then;
- speaker, organisation: the passages where one of the chosen people speaks (for an organisation,
  one of its people or the organisation itself; with both, a speaker of both); features are those
  these passages mention, events those they report;
- an empty choice means "all".
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.asof import features_on, published_by, statuses_on
from geo.load import Atlas
from geo.model import KINDS, STATUSES
from geo.names import country_name
from geo.urlstate import ViewState, Vocabulary


@dataclass
class View:
    features: gpd.GeoDataFrame
    mentions: pd.DataFrame
    passages: pd.DataFrame
    events: pd.DataFrame


def spoken_passages(atlas: Atlas, f: ViewState) -> set[str] | None:
    """The ids of the passages where the chosen speakers (and people of the chosen organisations)
    speak; None when the view chooses neither."""
    if not (f.speakers or f.organisations):
        return None
    a = atlas.attributions
    mask = pd.Series(True, index=a.index)
    if f.speakers:
        mask &= a["speaker"].isin(f.speakers)
    if f.organisations:
        mask &= a["organisation"].isin(f.organisations) | a["speaker"].isin(f.organisations)
    return set(a.loc[mask, "passage_id"])


def _feature_mask(
    atlas: Atlas, feats: gpd.GeoDataFrame, f: ViewState, spoken: set[str] | None
) -> pd.Series:
    mask = pd.Series(True, index=feats.index)
    if f.countries:
        wanted = set(f.countries)
        mask &= pd.Series(
            [
                bool(wanted & set(crossed if is_route else countries))
                for crossed, countries, is_route in zip(
                    feats["crossed"], feats["countries"], feats["is_route"], strict=True
                )
            ],
            index=feats.index,
            dtype=bool,
        )
    if f.projects:
        mask &= feats["project"].isin(f.projects)
    if f.kinds:
        mask &= feats["kind"].isin(f.kinds)
    if f.statuses:
        mask &= feats["status"].isin(f.statuses)
    if f.sources:
        mentioned = set(atlas.mentions.loc[atlas.mentions["source"].isin(f.sources), "feature"])
        mask &= feats["id"].isin(mentioned)
    if spoken is not None:
        mentioned = set(atlas.mentions.loc[atlas.mentions["passage_id"].isin(spoken), "feature"])
        mask &= feats["id"].isin(mentioned)
    if spoken is not None:
        mentioned = set(atlas.mentions.loc[atlas.mentions["passage_id"].isin(spoken), "feature"])
        mask &= feats["id"].isin(mentioned)
    return mask


def _events_in(
    atlas: Atlas,
    f: ViewState,
    feature_ids: set[str],
    narrowed: bool,
    sources: set[str] | None,
    spoken: set[str] | None,
) -> pd.DataFrame:
    ev = atlas.events
    mask = pd.Series(True, index=ev.index)
    if sources is not None:
        mask &= ev["source"].isin(sources)
    if spoken is not None:
        mask &= ev["passage_id"].isin(spoken)
    if f.as_of is not None:
        mask &= ev["start"] <= pd.Timestamp(f.as_of)
    if f.date_from is not None:
        mask &= ev["end"] >= pd.Timestamp(f.date_from)
    if f.date_to is not None:
        mask &= ev["start"] <= pd.Timestamp(f.date_to)
    if narrowed:
        # With features filtered, an event is in view when it concerns one of them.
        mask &= pd.Series(
            [bool(feature_ids & set(fs)) for fs in ev["features"]], index=ev.index, dtype=bool
        )
    return ev[mask]


def filter_atlas(atlas: Atlas, filters: ViewState) -> View:
    """The features, mentions, passages and events in view under the filter parameters of
    ``filters`` (its selection, search and other fields are not looked at)."""
    features = atlas.features
    if filters.as_of is not None:
        features = features_on(features, statuses_on(atlas, filters.as_of))
    spoken = spoken_passages(atlas, filters)
    feats = features[_feature_mask(atlas, features, filters, spoken)]
    ids = set(feats["id"])
    narrowed = bool(filters.countries or filters.projects or filters.kinds or filters.statuses)
    sources = allowed_sources(atlas, filters)
    mentions = atlas.mentions[atlas.mentions["feature"].isin(ids)]
    if sources is not None:
        mentions = mentions[mentions["source"].isin(sources)]
    if spoken is not None:
        mentions = mentions[mentions["passage_id"].isin(spoken)]
    passages = atlas.passages[atlas.passages["passage_id"].isin(set(mentions["passage_id"]))]
    events = _events_in(atlas, filters, ids, narrowed, sources, spoken)
    return View(features=feats, mentions=mentions, passages=passages, events=events)


def allowed_sources(atlas: Atlas, filters: ViewState) -> set[str] | None:
    """The sources a view may quote — those chosen, and of them those published by its "as of"
    day — or None for all."""
    allowed = set(filters.sources) if filters.sources else None
    if filters.as_of is not None:
        known = published_by(atlas, filters.as_of)
        allowed = known if allowed is None else allowed & known
    return allowed


def passages_mentioning(
    atlas: Atlas, feature_id: str, sources: Collection[str] | None = None
) -> pd.DataFrame:
    """Every passage that mentions ``feature_id`` with the mention offsets, in source order;
    only from ``sources`` unless it is None (a view's :func:`allowed_sources`).

    Columns: ``passage_id``, ``source``, ``index``, ``text`` and ``spans`` (a list of
    ``(start, end)`` offsets of the feature's mentions in the passage).
    """
    m = atlas.mentions[atlas.mentions["feature"] == feature_id]
    if sources is not None:
        m = m[m["source"].isin(list(sources))]
    return passages_with_spans(atlas, m)


def passages_with_spans(atlas: Atlas, spans_of: pd.DataFrame) -> pd.DataFrame:
    """The passages that ``spans_of`` (rows with ``passage_id``, ``start`` and ``end``: mentions,
    attributions) fall in, in source order, each with its ``spans`` (sorted ``(start, end)``)."""
    # A plain dict, filled row by row: groupby() on no rows gives an empty DataFrame, which map()
    # rejects, and a groupby per selection cost ~0.1 s on the real atlas.
    spans: dict[str, list] = {}
    for pid, start, end in zip(
        spans_of["passage_id"], spans_of["start"], spans_of["end"], strict=True
    ):
        spans.setdefault(pid, []).append((start, end))
    for found in spans.values():
        found.sort()
    out = atlas.passages[atlas.passages["passage_id"].isin(spans)].copy()
    out["spans"] = out["passage_id"].map(spans)
    return out.sort_values(["source", "index"]).reset_index(drop=True)


def events_of(atlas: Atlas, feature_id: str) -> pd.DataFrame:
    """The events that concern ``feature_id`` or, for a project, any of its features."""
    return atlas.events.iloc[atlas.event_rows.get(feature_id, [])]


def event_target(atlas: Atlas, event_id: str) -> str | None:
    """The feature that choosing an event selects — wherever it is chosen (timeline, list, link):
    the first feature the event concerns; None for a context event (a summit) that names none.
    """
    if event_id not in atlas.events_by_id.index:
        return None
    features = atlas.events_by_id.at[event_id, "features"]
    return features[0] if len(features) else None


def vocabulary(atlas: Atlas) -> Vocabulary:
    """The values a link may name in ``atlas``, each with the label a widget shows for it, in
    display order (countries and projects by name, kinds and statuses in the model's order,
    sources by publication date, people by name: ``speakers`` and ``organisations`` those who
    speak, ``people`` everyone)."""
    f = atlas.features
    names = dict(zip(f["id"], f["name"], strict=True))
    projects = sorted(set(f["project"]) - {""}, key=lambda p: names.get(p, p))
    present_kinds, present_statuses = set(f["kind"]), set(f["status"])
    # A status a feature had in the past can be chosen too (with "as of" a date).
    present_statuses |= {p.status for h in atlas.histories.values() for p in h.phases}
    sources = sorted(atlas.sources.values(), key=lambda m: (m.published, m.publisher))
    people = atlas.people
    speaking = set(atlas.attributions["speaker"])
    orgs = (set(atlas.attributions["organisation"]) | speaking) & {
        pid for pid, p in people.items() if p.kind == "organisation"
    }
    return Vocabulary(
        {
            "countries": {c: country_name(c) for c in sorted(atlas.countries, key=country_name)},
            "projects": {p: names.get(p, p) for p in projects},
            "kinds": {k: k.replace("_", " ") for k in KINDS if k in present_kinds},
            "statuses": {s: s.replace("_", " ") for s in STATUSES if s in present_statuses},
            "sources": {m.id: f"{m.publisher}, {m.published}" for m in sources},
            "features": names,
            "events": dict(zip(atlas.events["id"], atlas.events["title"], strict=True)),
            "speakers": {pid: people[pid].name for pid in sorted(speaking, key=_by_name(people))},
            "organisations": {pid: people[pid].name for pid in sorted(orgs, key=_by_name(people))},
            "people": {pid: people[pid].name for pid in sorted(people, key=_by_name(people))},
        },
        version=atlas.version,
    )


def _by_name(people: dict):
    return lambda pid: (people[pid].name.casefold(), pid)


def with_selected(
    shown: gpd.GeoDataFrame, features: gpd.GeoDataFrame, selected: str | None
) -> gpd.GeoDataFrame:
    """``shown`` plus the selected feature when the filters hid it (a selection stays visible)."""
    if not selected or selected in shown.index or selected not in features.index:
        return shown
    return pd.concat([shown, features.loc[[selected]]])

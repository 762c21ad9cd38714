"""Check the curated records beside the map: ``events.json`` (dates, features, the date and
evidence spans), ``links.json`` (curated links and suppressions) and ``gazetteer.json``."""

from __future__ import annotations

from geo.model import Event, Gazetteer, LinkOverrides
from geo.validate.checked import (
    EVENTS,
    GAZETTEER,
    LINKS,
    CheckedData,
    check_model,
    date_problem,
    read_json,
    read_json_list,
    unique_records,
)
from geo.validate.sources import check_span


def check_gazetteer(checked: CheckedData) -> None:
    doc = read_json(checked, checked.data_dir / GAZETTEER)
    if doc is None:
        return
    gaz = check_model(checked, Gazetteer, doc, checked.name(GAZETTEER), "-")
    if gaz is not None:
        checked.gazetteer = gaz


def check_events(checked: CheckedData) -> None:
    name = checked.name(EVENTS)
    doc = read_json_list(checked, checked.data_dir / EVENTS, "event")
    checked.events_unread = doc is None
    for ev in unique_records(checked, Event, doc or [], name, "event"):
        bad_date = date_problem(ev.date)
        if bad_date:
            checked.problem(name, ev.id, bad_date)
            continue
        for f in ev.features:
            if not checked.feature_exists(f):
                checked.problem(name, ev.id, f"feature {f!r} does not exist")
        check_span(checked, name, ev.id, ev.date_span, "date_span")
        check_span(checked, name, ev.id, ev.evidence, "evidence")
        if (ev.date_span.source, ev.date_span.passage) != (ev.evidence.source, ev.evidence.passage):
            checked.problem(name, ev.id, "date_span and evidence must be in the same passage")
        checked.events.append(ev)
    # Events that exist but failed their own checks: what refers to them is not blamed again.
    named = {item.get("id") for item in doc or [] if isinstance(item, dict)}
    checked.rejected_events |= {i for i in named if isinstance(i, str)} - {
        e.id for e in checked.events
    }


def check_links(checked: CheckedData) -> None:
    name = checked.name(LINKS)
    doc = read_json(checked, checked.data_dir / LINKS)
    if doc is None:
        return
    links = check_model(checked, LinkOverrides, doc, name, "-")
    if links is None:
        return
    for what, items in (("add", links.add), ("suppress", links.suppress)):
        for i, item in enumerate(items):
            lid = f"{what}[{i}] {item.feature}"
            if not checked.feature_exists(item.feature):
                checked.problem(name, lid, f"feature {item.feature!r} does not exist")
            check_span(checked, name, lid, item.span, "span")
    checked.links = links

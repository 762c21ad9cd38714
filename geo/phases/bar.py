"""A feature's phases as the card draws them: a bar of segments, each with its dates, its share of
the bar and the event and source that began it (plain values; ``ui/widgets.py`` draws them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from geo.phases.history import PRESENT, History


@dataclass(frozen=True)
class Segment:
    status: str
    start: dt.date
    end: dt.date | None  # None: it still holds
    left: float  # where it begins on the bar, 0..1
    share: float  # how much of the bar it takes, 0..1
    date: str  # the transition's date as written
    origin: str  # rule, curated or present (geo.phases.history)
    event: str | None
    event_title: str
    evidence: str  # the event's evidence quote, or the present status's evidence
    source: str  # the title of the source that reports it
    why: str  # the rule and its words, or the curator's reason
    after_view: bool  # it begins after the day the view is as of


@dataclass(frozen=True)
class PhaseBar:
    start: dt.date
    end: dt.date
    segments: tuple[Segment, ...]
    marker: float | None  # where the view's day stands on the bar, 0..1 (None: no day or off it)
    note: str | None  # the present status disagrees with the events, when it does


def phase_bar(
    history: History,
    events: pd.DataFrame,
    source_titles: Mapping[str, str],
    today: dt.date,
    as_of: dt.date | None = None,
    present_evidence: str = "",
) -> PhaseBar | None:
    """The bar of ``history`` from its first phase to ``today`` (or its last phase, if later);
    None when no phase is dated. ``events``: ``Atlas.events_by_id``.

    >>> from geo.phases import Transition, build_history, day_bounds
    >>> t = Transition("f", "agreed", "2020", *day_bounds("2020"), "curated", None, "r")
    >>> bar = phase_bar(build_history("f", [t]), pd.DataFrame(), {}, dt.date(2022, 1, 1))
    >>> [(s.status, s.left, s.share) for s in bar.segments]
    [('agreed', 0.0, 1.0)]
    """
    if not history.dated:
        return None
    first = history.phases[0].start
    end = max(today, history.phases[-1].start + dt.timedelta(days=1))
    span = (end - first).days or 1
    segments = []
    for p in history.phases:
        t = p.transition
        until = p.end or end
        if t.event is not None and t.event in events.index:
            ev = events.loc[t.event]
            title, evidence = str(ev["title"]), str(ev["evidence"])
            source = source_titles.get(ev["source"], str(ev["source"]))
        else:
            title, evidence, source = "", present_evidence if t.origin == PRESENT else "", ""
        why = f"{t.rule}: “{t.words}”" if t.words else t.rule
        segments.append(
            Segment(
                status=p.status,
                start=p.start,
                end=p.end,
                left=(p.start - first).days / span,
                share=max(0, (until - p.start).days) / span,
                date=t.date,
                origin=t.origin,
                event=t.event,
                event_title=title,
                evidence=evidence,
                source=source,
                why=why,
                after_view=as_of is not None and p.start > as_of,
            )
        )
    marker = None
    if as_of is not None and first <= as_of <= end:
        marker = (as_of - first).days / span
    return PhaseBar(first, end, tuple(segments), marker, history.disagreement)

"""Draw dated events as an Altair timeline: one row per project, coloured like the map.

An event's precision is visible: a day is a dot, a month, a year or a range is a bar over the
whole period it covers with a hollow marker at its start, so "June 2025" is never drawn as if it
were June 1. The selection parameter ``event`` (a click on a marker) carries the event id back to
the app.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

SELECTION = "event"
NO_PROJECT = "(context)"
CONTEXT_COLOR = "#7f7f7f"


def timeline_frame(
    events: pd.DataFrame,
    source_titles: dict[str, str],
    project_names: dict[str, str],
) -> pd.DataFrame:
    """The plain frame the chart draws: one row per event with its period and labels."""
    rows = []
    for ev in events.itertuples(index=False):
        project = ev.project
        rows.append(
            {
                "id": ev.id,
                "title": ev.title,
                "date": ev.date,
                "precision": ev.precision,
                "start": ev.start,
                "end": ev.end + pd.Timedelta(days=1),  # the period ends at the end of its last day
                "project": project_names.get(project, project) if project else NO_PROJECT,
                "source": source_titles.get(ev.source, ev.source),
                "shape": "circle" if ev.precision == "day" else "stroke",
            }
        )
    cols = [
        "id",
        "title",
        "date",
        "precision",
        "start",
        "end",
        "project",
        "source",
        "shape",
    ]
    return pd.DataFrame(rows, columns=cols)


def default_window(frame: pd.DataFrame, years: int = 4) -> tuple[pd.Timestamp, pd.Timestamp, int]:
    """The period the chart shows when no date range is chosen: all events, unless they span
    more than ``years`` years, then the last ``years`` years up to the latest event (a 1991 event
    would otherwise squeeze every recent one into a few pixels). Returns (start, end, the number
    of events that end before the start)."""
    first, last = frame["start"].min(), frame["end"].max()
    pad = pd.Timedelta(days=20)
    if last - first <= pd.Timedelta(days=365 * years):
        return first - pad, last + pad, 0
    start = pd.Timestamp(last.year - years + 1, 1, 1)
    return start, last + pad, int((frame["end"] < start).sum())


HIGHLIGHT = "highlighted"


def timeline_chart(
    frame: pd.DataFrame,
    colors: dict[str, str],
    height: int = 220,
    window: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    highlight: tuple[str, ...] | list[str] = (),
) -> alt.LayerChart:
    """An Altair chart of ``frame`` (from :func:`timeline_frame`); ``colors`` maps the project
    label shown on the chart to its colour (the map's palette). The events whose ids are in
    ``highlight`` are outlined and the others dimmed, through the Vega-Lite parameter
    :data:`HIGHLIGHT`, so that a page can change the highlight without rebuilding the chart
    (see :func:`with_highlight`)."""
    domain = list(colors)
    if (frame["project"] == NO_PROJECT).any() and NO_PROJECT not in colors:
        domain.append(NO_PROJECT)
    rng = [colors.get(d, CONTEXT_COLOR) for d in domain]
    color = alt.Color(
        "project:N",
        scale=alt.Scale(domain=domain, range=rng),
        legend=alt.Legend(title="Project", orient="bottom"),
    )
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("date:N", title="Date"),
        alt.Tooltip("precision:N", title="Precision"),
        alt.Tooltip("source:N", title="Source"),
    ]
    hl = alt.param(name=HIGHLIGHT, value=list(highlight))
    is_hl = f"indexof({HIGHLIGHT}, datum.id) >= 0"
    opacity = alt.condition(
        f"length({HIGHLIGHT}) > 0 && !({is_hl})", alt.value(0.25), alt.value(0.95)
    )
    y = alt.Y("project:N", title=None, sort=domain, axis=alt.Axis(labelLimit=220))
    scale = (
        alt.Scale(domain=[w.isoformat() for w in window], clamp=False) if window else alt.Undefined
    )
    base = alt.Chart(frame)
    periods = (
        base.transform_filter("datum.precision != 'day'")
        .mark_bar(height=12, cornerRadius=3, clip=True)
        .encode(
            x=alt.X("start:T", title=None, scale=scale),
            x2="end:T",
            y=y,
            color=color,
            opacity=opacity,
            tooltip=tooltip,
        )
    )
    pick = alt.selection_point(name=SELECTION, fields=["id"], on="click", clear="dblclick")
    markers = (
        base.mark_point(filled=True, size=110, stroke="black", clip=True)
        .encode(
            x="start:T",
            y=y,
            color=color,
            opacity=opacity,
            shape=alt.Shape(
                "precision:N",
                legend=alt.Legend(title="Precision", orient="bottom"),
                scale=alt.Scale(
                    domain=["day", "month", "year", "range"],
                    range=["circle", "triangle-right", "square", "diamond"],
                ),
            ),
            strokeWidth=alt.condition(is_hl, alt.value(2.5), alt.value(0)),
            tooltip=tooltip,
        )
        .add_params(pick)
    )
    return alt.layer(periods, markers).add_params(hl).properties(height=height, width="container")


def with_highlight(spec: dict, event_ids: list[str] | tuple[str, ...] | set[str]) -> dict:
    """A copy of a chart's Vega-Lite ``spec`` (``timeline_chart(...).to_dict()``) with other
    events highlighted: only the parameter changes, so the spec can be built once and cached.

    >>> spec = {"params": [{"name": "highlighted", "value": []}], "layer": []}
    >>> with_highlight(spec, {"b", "a"})["params"]
    [{'name': 'highlighted', 'value': ['a', 'b']}]
    """
    out = dict(spec)
    out["params"] = [
        {**p, "value": sorted(event_ids)} if p.get("name") == HIGHLIGHT else p
        for p in spec.get("params", [])
    ]
    return out


def selected_event_id(selection_state: object) -> str | None:
    """The event id in the value ``st.altair_chart(on_select="rerun")`` returns, if any."""
    try:
        chosen = selection_state["selection"][SELECTION]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    if isinstance(chosen, list) and chosen and isinstance(chosen[0], dict):
        value = chosen[0].get("id")
        return value if isinstance(value, str) else None
    return None

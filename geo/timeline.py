"""Draw dated events as an Altair timeline: one row per project, coloured like the map.

An event's precision is visible: a day is a dot, a month, a year or a range is a bar over the
whole period it covers with a marker at its start, so "June 2025" is never drawn as if it were
June 1. Each row is labelled with its project's name over the row (not beside it, so a phone's
narrow chart keeps its width for time), the axis is labelled in years (:func:`axis_ticks`), and the
colour legend lists only the projects drawn and wraps to the chart's width. The selection
parameter ``event`` (a click on a marker) carries the event id back to the app; the parameters
:data:`HIGHLIGHT` (the selected feature's events, outlined) and :data:`FOCUS` (the chosen event:
larger, ringed and on a dashed line across the chart) are set by :func:`with_highlight`.

A chart carries its rows, or names a file holding the rows of every event of the atlas
(:func:`timeline_rows`, published once per data version by :mod:`geo.publish`) and shows those in
view through the parameter :data:`IN_VIEW` (:func:`in_view_bits`), so that a rerun sends a
spec of a few kilobytes instead of the rows again.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence

import altair as alt
import numpy as np
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
    frame = pd.DataFrame(rows, columns=cols)
    frame["lane"] = lanes(frame)
    return frame


def lanes(frame: pd.DataFrame) -> list[int]:
    """For each event, its place among the events of its row that begin on the same day (0, 1,
    2, …), so that markers of the same day are drawn apart, each one clickable.

    >>> f = pd.DataFrame({"project": ["a", "a", "b", "a"],
    ...                   "start": pd.to_datetime(["2024-12-27"] * 3 + ["2025-01-01"])})
    >>> lanes(f)
    [0, 1, 0, 0]
    """
    if frame.empty:
        return []
    return frame.groupby(["project", "start"], sort=False).cumcount().tolist()


LANE_OFFSET = "(datum.lane > 0 ? (datum.lane <= 2 ? 0.22 : 0.33) * (datum.lane % 2 ? 1 : -1) : 0)"
""":func:`lane_offset` as a Vega expression of ``datum.lane``."""


def lane_offset(lane: int) -> float:
    """How far (in rows) a marker of ``lane`` lies from its row's line: below, above, further
    below, further above — never as far as the next row.

    >>> [lane_offset(n) for n in range(5)]
    [0.0, 0.22, -0.22, 0.33, -0.33]
    """
    if lane == 0:
        return 0.0
    step = 0.22 if lane <= 2 else 0.33
    return step if lane % 2 else -step


def default_window(frame: pd.DataFrame, years: int = 4) -> tuple[pd.Timestamp, pd.Timestamp, int]:
    """The period the chart shows when no date range is chosen: from the first event to the last,
    padded so the markers at the ends are whole — unless the events span more than ``years``
    years, then from the first event of the last ``years`` years (a 1991 event would otherwise
    squeeze every recent one into a few pixels). Returns (start, end, the number of events that
    end before the start and are not drawn).

    >>> f = pd.DataFrame({"start": pd.to_datetime(["1991-01-01", "2024-06-01", "2025-05-01"]),
    ...                   "end": pd.to_datetime(["1991-01-02", "2024-06-02", "2025-05-02"])})
    >>> [str(d.date()) if hasattr(d, "date") else d for d in default_window(f)]
    ['2024-05-12', '2025-05-22', 1]
    """
    last = frame["end"].max()
    cut = pd.Timestamp(last.year - years + 1, 1, 1)
    drawn = frame[frame["end"] >= cut] if frame["start"].min() < cut else frame
    first = max(drawn["start"].min(), cut) if len(drawn) < len(frame) else drawn["start"].min()
    pad = max(pd.Timedelta(days=20), (last - first) * 0.03)
    return first - pad, last + pad, len(frame) - len(drawn)


def axis_ticks(start: pd.Timestamp, end: pd.Timestamp) -> tuple[list[dict], str]:
    """Where the time axis has labels and how they read: each year's first day ("2025") when the
    period holds two or more; otherwise each quarter's ("Apr 2025"), so a short period still has
    labels. Returns Vega-Lite DateTime objects and a time format.

    >>> axis_ticks(pd.Timestamp("2023-11-01"), pd.Timestamp("2025-02-01"))
    ([{'year': 2024, 'month': 1, 'date': 1}, {'year': 2025, 'month': 1, 'date': 1}], '%Y')
    >>> axis_ticks(pd.Timestamp("2025-02-10"), pd.Timestamp("2025-08-01"))[1]
    '%b %Y'
    """
    years = [pd.Timestamp(y, 1, 1) for y in range(start.year, end.year + 1)]
    inside = [d for d in years if start <= d <= end]
    fmt = "%Y"
    if len(inside) < 2:
        quarters = pd.date_range(start.to_period("Q").start_time, end, freq="QS")
        inside, fmt = [d for d in quarters if start <= d <= end], "%b %Y"
    return [{"year": d.year, "month": d.month, "date": 1} for d in inside], fmt


HIGHLIGHT = "highlighted"
FOCUS = "focused"
TEXT_COLOR = "#1F2933"
IN_VIEW = "inview"
ROW = "i"  # each row's position among the rows of its file (timeline_rows)

# Whether row ROW is in view: its bit in IN_VIEW (hexadecimal, four rows a digit, the first row
# in the digit's highest bit; "" when every row is).
_IN_VIEW_TEST = (
    f"{IN_VIEW} == '' || floor(parseInt(substring({IN_VIEW}, floor(datum.{ROW} / 4), "
    f"floor(datum.{ROW} / 4) + 1), 16) / pow(2, 3 - datum.{ROW} % 4)) % 2 == 1"
)


def timeline_rows(frame: pd.DataFrame) -> str:
    """The rows of ``frame`` (from :func:`timeline_frame`, every event of the atlas) as the JSON
    a chart's ``source`` names, each with its position (:data:`ROW`), dates written as Altair
    writes them into a chart.

    >>> frame = pd.DataFrame({"id": ["a"], "start": [pd.Timestamp("2024-12-27")]})
    >>> timeline_rows(frame)
    '[{"id":"a","start":"2024-12-27T00:00:00","i":0}]'
    """
    rows = alt.utils.sanitize_pandas_dataframe(frame.assign(**{ROW: range(len(frame))}))
    return json.dumps(rows.to_dict(orient="records"), ensure_ascii=False, separators=(",", ":"))


def in_view_bits(ids: Sequence[str], shown: Collection[str]) -> str:
    """The events of ``ids`` (the order of :func:`timeline_rows`) that are in ``shown``, as the
    value of :data:`IN_VIEW`: one bit an event, in hexadecimal; "" when every one is.

    >>> in_view_bits(["a", "b", "c", "d", "e"], {"a", "d", "e"}), in_view_bits(["a"], ["a"])
    ('98', '')
    """
    bits = np.isin(np.asarray(ids, dtype=object), list(shown))
    return "" if bits.all() else np.packbits(bits).tobytes().hex()


def timeline_chart(
    frame: pd.DataFrame,
    colors: dict[str, str],
    height: int = 220,
    window: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    highlight: tuple[str, ...] | list[str] = (),
    *,
    source: str | None = None,
    shown: str = "",
) -> alt.LayerChart:
    """An Altair chart of ``frame`` (from :func:`timeline_frame`); ``colors`` maps the project
    label shown on the chart to its colour (the map's palette). The events whose ids are in
    ``highlight`` are outlined and the others dimmed, through the Vega-Lite parameter
    :data:`HIGHLIGHT`, so that a page can change the highlight without rebuilding the chart
    (see :func:`with_highlight`); the event in :data:`FOCUS` is marked apart from them.

    With ``source`` (the address of :func:`timeline_rows` of every event) the chart reads its
    rows from there and draws those that ``shown`` (:func:`in_view_bits`) names; ``frame`` is
    then only the rows in view, for the projects the chart lists."""
    if "lane" not in frame:  # a frame made elsewhere (the Try page's proposed events)
        frame = frame.assign(lane=lanes(frame))
    domain = list(colors)
    if (frame["project"] == NO_PROJECT).any() and NO_PROJECT not in colors:
        domain.append(NO_PROJECT)
    rng = [colors.get(d, CONTEXT_COLOR) for d in domain]
    drawn = [d for d in domain if (frame["project"] == d).any()]
    # The legends wrap to the chart's width: one column on a phone.
    wrap = {"columns": {"expr": "width < 460 ? 1 : 2"}, "labelLimit": {"expr": "width - 40"}}
    color = alt.Color(
        "project:N",
        scale=alt.Scale(domain=domain, range=rng),
        legend=alt.Legend(title="Project", orient="bottom", values=drawn, **wrap),
    )
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("date:N", title="Date"),
        alt.Tooltip("precision:N", title="Precision"),
        alt.Tooltip("source:N", title="Source"),
    ]
    hl = alt.param(name=HIGHLIGHT, value=list(highlight))
    focus = alt.param(name=FOCUS, value=[])
    is_hl = f"indexof({HIGHLIGHT}, datum.id) >= 0"
    is_focus = f"indexof({FOCUS}, datum.id) >= 0"
    opacity = alt.condition(
        f"length({HIGHLIGHT}) > 0 && !({is_hl}) && !({is_focus})", alt.value(0.25), alt.value(0.95)
    )
    # Rows are named by text over each row (below), not by axis labels beside the chart. A row
    # is a number (its place in ``drawn``, the first at the top) so that markers of the same day
    # can lie a little apart within it (:func:`lanes`).
    row = f"indexof({json.dumps(drawn)}, datum.project)"
    y = alt.Y(
        "y:Q",
        title=None,
        axis=None,
        scale=alt.Scale(domain=[len(drawn) - 0.5, -0.75], nice=False, zero=False),
    )
    if window is None:
        window = (frame["start"].min(), frame["end"].max())
    ticks, fmt = axis_ticks(*window)
    x_axis = alt.Axis(values=ticks, format=fmt, title=None, labelFlush=False)
    scale = alt.Scale(domain=[w.isoformat() for w in window], clamp=False)
    base = alt.Chart() if source else alt.Chart(frame)
    if source:
        base = base.transform_filter(_IN_VIEW_TEST)
    base = base.transform_calculate(y=f"{row} + {LANE_OFFSET}")
    periods = (
        base.transform_filter("datum.precision != 'day'")
        # A thick rule, not a bar: the rows are numbers (see ``y``), and a bar would stand on 0.
        .mark_rule(strokeWidth=12, strokeCap="round", clip=True)
        .encode(
            x=alt.X("start:T", axis=x_axis, scale=scale),
            x2="end:T",
            y=y,
            color=color,
            opacity=opacity,
            tooltip=tooltip,
        )
    )
    focus_line = (
        base.transform_filter(is_focus)
        # aria=False: a line with no text of its own, which a screen reader would read as an
        # unnamed image (the marker it stands on is named by its tooltip).
        .mark_rule(strokeDash=[4, 3], strokeWidth=1.5, color=TEXT_COLOR, clip=True, aria=False)
        .encode(x=alt.X("start:T", axis=x_axis, scale=scale))
    )
    pick = alt.selection_point(name=SELECTION, fields=["id"], on="click", clear="dblclick")
    markers = (
        base.mark_point(filled=True, stroke=TEXT_COLOR, clip=True)
        .encode(
            x=alt.X("start:T", axis=x_axis, scale=scale),
            y=y,
            color=color,
            opacity=opacity,
            shape=alt.Shape(
                "precision:N",
                legend=alt.Legend(title="Precision", orient="bottom", **wrap),
                scale=alt.Scale(
                    domain=["day", "month", "year", "range"],
                    range=["circle", "triangle-right", "square", "diamond"],
                ),
            ),
            size=alt.condition(is_focus, alt.value(300), alt.value(110)),
            strokeWidth=alt.when(is_focus)
            .then(alt.value(3.5))
            .when(is_hl)
            .then(alt.value(2))
            .otherwise(alt.value(0)),
            tooltip=tooltip,
        )
        .add_params(pick)
    )
    names = (
        alt.Chart(pd.DataFrame({"project": drawn, "y": range(len(drawn))}))
        .mark_text(align="left", baseline="bottom", dy=-10, fontSize=12, color=TEXT_COLOR)
        .encode(x=alt.value(0), y=y, text="project:N")
    )
    layers = (periods, focus_line, markers, names)
    chart = alt.layer(*layers, data=alt.UrlData(source)) if source else alt.layer(*layers)
    params = (hl, focus, alt.param(name=IN_VIEW, value=shown)) if source else (hl, focus)
    return (
        chart.add_params(*params)
        # The plot keeps its height (up to ``height``, by rows) and the legends come under it:
        # Streamlit's default "fit" would squeeze the rows to make room for the legends.
        .properties(
            height=min(height, 40 + 45 * len(drawn)),
            width="container",
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        )
        # Two legends under the chart go one above the other, not side by side off a phone.
        .configure_legend(
            layout={"expr": "{bottom: {anchor: 'start', direction: 'vertical'}}"},
            labelColor=TEXT_COLOR,
            titleColor=TEXT_COLOR,
            labelFontSize=12,
        )
        .configure_axis(labelColor=TEXT_COLOR, labelFontSize=12)
    )


def with_highlight(
    spec: dict,
    event_ids: list[str] | tuple[str, ...] | set[str] | frozenset[str],
    focus: str | None = None,
) -> dict:
    """A copy of a chart's Vega-Lite ``spec`` (``timeline_chart(...).to_dict()``) with other
    events highlighted and ``focus`` (the chosen event) marked: only the parameters change, so
    the spec can be built once and cached.

    >>> spec = {"params": [{"name": "highlighted", "value": []}, {"name": "focused", "value": []}]}
    >>> with_highlight(spec, {"b", "a"}, "a")["params"]
    [{'name': 'highlighted', 'value': ['a', 'b']}, {'name': 'focused', 'value': ['a']}]
    """
    values = {HIGHLIGHT: sorted(event_ids), FOCUS: [focus] if focus else []}
    out = dict(spec)
    out["params"] = [
        {**p, "value": values[p["name"]]} if p.get("name") in values else p
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

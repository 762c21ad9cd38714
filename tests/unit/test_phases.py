"""Status as phases: ordering, intervals and their checks, on tiny hand-made transitions."""

import datetime as dt

import pytest

from geo.phases import (
    CURATED,
    PRESENT,
    RULE,
    Phase,
    Transition,
    build_history,
    check_history,
    day_bounds,
    status_at,
)

D = dt.date


def t(status, date, origin=RULE, event="auto", out_of_order=None):
    return Transition(
        "f",
        status,
        date,
        *day_bounds(date),
        origin,
        None if event is None else (f"e_{status}_{date}" if event == "auto" else event),
        "test",
        out_of_order=out_of_order,
    )


def spans(history):
    return [(p.status, str(p.start), p.end and str(p.end)) for p in history.phases]


def phase(status, start, end, **kw):
    return Phase(status, start, end, t(status, start.isoformat(), **kw))


# ------------------------------------------------------------------------------ building


def test_transitions_in_any_order_make_consecutive_intervals():
    h = build_history(
        "f",
        [t("operational", "2012-12-22"), t("proposed", "1997"), t("under_construction", "2009")],
    )
    assert spans(h) == [
        ("proposed", "1997-01-01", "2009-01-01"),
        ("under_construction", "2009-01-01", "2012-12-22"),
        ("operational", "2012-12-22", None),
    ]
    assert check_history(h.phases) == []


def test_a_derived_move_back_is_skipped_with_its_reason():
    h = build_history("f", [t("operational", "2012"), t("agreed", "2024-06-06")])
    assert spans(h) == [("operational", "2012-01-01", None)]
    assert [(s.status, why) for s, why in h.skipped] == [
        ("agreed", "goes back from operational to agreed")
    ]


def test_a_curated_move_back_is_applied_and_must_say_why():
    without = build_history("f", [t("operational", "2012"), t("planned", "2020", CURATED)])
    assert spans(without)[-1] == ("planned", "2020-01-01", None)
    assert check_history(without.phases) == [
        "planned from 2020-01-01 goes back from operational to planned without saying why "
        "(out_of_order)"
    ]
    with_reason = build_history(
        "f", [t("operational", "2012"), t("planned", "2020", CURATED, out_of_order="rebuilt")]
    )
    assert check_history(with_reason.phases) == []


def test_phases_may_be_skipped():
    h = build_history("f", [t("proposed", "1997"), t("operational", "2016")])
    assert [p.status for p in h.phases] == ["proposed", "operational"]
    assert check_history(h.phases) == []


def test_overlapping_dates_follow_the_declared_order():
    # "2024" contains June 6: the agreement comes first, and the groundbreaking, which cannot
    # be placed inside the year, takes effect on the year's last day.
    h = build_history("f", [t("under_construction", "2024"), t("agreed", "2024-06-06")])
    assert spans(h) == [
        ("agreed", "2024-06-06", "2024-12-31"),
        ("under_construction", "2024-12-31", None),
    ]
    assert check_history(h.phases) == []


def test_the_more_precise_of_two_overlapping_dates_begins_a_phase():
    h = build_history("f", [t("operational", "2025"), t("operational", "2025-05-20")])
    assert spans(h) == [("operational", "2025-05-20", None)]
    assert [(s.date, why) for s, why in h.skipped] == [("2025", "already operational")]


def test_a_repeated_status_is_one_phase():
    h = build_history("f", [t("under_construction", "2024-12-27"), t("under_construction", "2025")])
    assert spans(h) == [("under_construction", "2024-12-27", None)]
    assert [why for _, why in h.skipped] == ["already under_construction"]


def test_suspension_and_resumption():
    h = build_history(
        "f",
        [t("operational", "2016"), t("suspended", "2020-02-01"), t("operational", "2020-08-01")],
    )
    assert [p.status for p in h.phases] == ["operational", "suspended", "operational"]
    assert check_history(h.phases) == []
    # resuming below the phase the suspension interrupted is a move back
    back = build_history("f", [t("operational", "2016"), t("suspended", "2020"), t("agreed", "2021")])
    assert [p.status for p in back.phases] == ["operational", "suspended"]


def test_a_cancelled_project_is_revived_only_by_curation():
    h = build_history("f", [t("proposed", "1997"), t("cancelled", "2001"), t("agreed", "2024")])
    assert [p.status for p in h.phases] == ["proposed", "cancelled"]
    assert "only a curated transition" in h.skipped[0][1]


# ------------------------------------------------------------------------- the present status


def test_the_present_status_wins_from_its_date_when_it_differs():
    h = build_history(
        "f", [t("agreed", "2024-06-06"), t("under_construction", "2025-06", PRESENT, event=None)]
    )
    assert spans(h) == [
        ("agreed", "2024-06-06", "2025-06-01"),
        ("under_construction", "2025-06-01", None),
    ]
    assert h.disagreement == (
        "corridors.geojson says under_construction as of 2025-06; the events say agreed "
        "(from 2024-06-06)"
    )
    assert check_history(h.phases) == []


def test_a_present_status_that_agrees_adds_nothing():
    h = build_history(
        "f", [t("operational", "2012"), t("operational", "2025-11", PRESENT, event=None)]
    )
    assert spans(h) == [("operational", "2012-01-01", None)]
    assert h.disagreement is None


# ---------------------------------------------------------------------------- status at a date


def test_status_at_is_none_before_the_first_dated_phase_and_then_follows_the_phases():
    h = build_history("f", [t("agreed", "2024-06-06"), t("under_construction", "2024-12-27")])
    assert status_at(h, D(2024, 1, 1)) is None
    assert status_at(h, D(2024, 6, 6)) == "agreed"
    assert status_at(h, D(2024, 12, 26)) == "agreed"
    assert status_at(h, D(2025, 1, 1)) == "under_construction"


def test_an_undated_feature_has_its_present_status_at_every_date():
    h = build_history("f", [t("operational", "2023-09", PRESENT, event=None)])
    assert not h.dated
    assert status_at(h, D(1990, 1, 1)) == status_at(h, D(2030, 1, 1)) == "operational"


# ------------------------------------------------------------------------------------ checks


def test_check_finds_overlapping_intervals():
    phases = [
        phase("agreed", D(2024, 1, 1), D(2024, 12, 31)),
        phase("under_construction", D(2024, 6, 1), None),
    ]
    assert check_history(phases) == [
        "agreed from 2024-01-01 overlaps under_construction from 2024-06-01"
    ]


def test_check_finds_an_open_interval_before_another():
    phases = [phase("agreed", D(2024, 1, 1), None), phase("operational", D(2025, 1, 1), None)]
    assert check_history(phases) == ["agreed from 2024-01-01 overlaps operational from 2025-01-01"]


def test_check_finds_a_gap():
    phases = [
        phase("agreed", D(2024, 1, 1), D(2024, 3, 1)),
        phase("under_construction", D(2024, 6, 1), None),
    ]
    assert check_history(phases) == [
        "agreed from 2024-01-01 ends on 2024-03-01 but under_construction begins on 2024-06-01: "
        "a gap"
    ]


def test_check_finds_an_interval_that_ends_before_it_starts():
    phases = [phase("agreed", D(2024, 6, 1), D(2024, 1, 1))]
    assert check_history(phases) == ["agreed from 2024-06-01: ends on 2024-01-01, before it starts"]


def test_check_finds_a_transition_without_an_event():
    phases = [phase("proposed", D(1997, 1, 1), None, origin=CURATED, event=None)]
    assert check_history(phases) == ["proposed from 1997-01-01: the transition cites no event"]


def test_check_finds_a_move_back_without_a_reason():
    phases = [
        phase("operational", D(2012, 1, 1), D(2020, 1, 1)),
        phase("proposed", D(2020, 1, 1), None),
    ]
    assert check_history(phases) == [
        "proposed from 2020-01-01 goes back from operational to proposed without saying why "
        "(out_of_order)"
    ]


def test_check_finds_a_status_that_is_not_a_phase():
    assert check_history([phase("existing", D(2012, 1, 1), None)]) == [
        "existing from 2012-01-01: 'existing' is not a phase"
    ]


@pytest.mark.parametrize(
    "date, first, last",
    [
        ("2024", D(2024, 1, 1), D(2024, 12, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2024-12", D(2024, 12, 1), D(2024, 12, 31)),
        ("2025-04-03/2025-04-04", D(2025, 4, 3), D(2025, 4, 4)),
    ],
)
def test_day_bounds(date, first, last):
    assert day_bounds(date) == (first, last)

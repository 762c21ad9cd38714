"""``bench/load_test.py`` measures what it says: its comparison computes the ratio from the runs
it is given and judges it against the target, and (with nginx) a tiny load through two replicas
completes with no error and one session on each replica. No timing is asserted."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from bench.load_test import TARGET_RATIO, Result, Run, print_comparison, server_warnings
from tests.conftest import ROOT


def a_run(replicas: int, interactions: int, wall: float, errors: int = 0) -> Run:
    result = Result(
        latencies={"all interactions": [1.0, 2.0, 3.0]},
        errors=["timeout"] * errors,
        interactions=interactions,
        sessions=Counter({f"r{i + 1}": 1 for i in range(replicas)}),
    )
    cpu = {f"r{i + 1}": wall for i in range(replicas)}
    cpu |= {"nginx": 0.0, "load generator": 0.1 * wall, "everything else": 0.0, "idle": 0.0}
    label = f"{replicas} replica(s) behind nginx"
    return Run(label, replicas, True, result, [], wall, (1.0, 2.0, 2.0), cpu)


def target_row(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("| throughput of 2"))


@pytest.mark.parametrize(
    ("two_replicas_wall", "ratio", "status"),
    [
        (50.0, "2.00×", "met"),
        (100.0 / TARGET_RATIO, f"{TARGET_RATIO:.2f}×", "met"),
        (80.0, "1.25×", "**not met**"),
    ],
)
def test_the_ratio_is_two_replicas_throughput_over_one(capsys, two_replicas_wall, ratio, status):
    print_comparison([a_run(1, 200, 100.0), a_run(2, 200, two_replicas_wall)], expected=200)
    row = target_row(capsys.readouterr().out)
    assert row.split("|")[2].strip().startswith(f"{ratio} (")
    assert row.split("|")[3].strip() == status


def test_errors_or_missing_interactions_fail_the_run_target(capsys):
    runs = [a_run(1, 200, 100.0), a_run(2, 199, 50.0), a_run(2, 200, 50.0, errors=1)]
    print_comparison(runs, expected=200)
    rows = [line for line in capsys.readouterr().out.splitlines() if ": 0 errors, 200 of" in line]
    assert [row.split("|")[3].strip() for row in rows] == ["met", "**not met**", "**not met**"]


def test_the_cpu_table_gives_each_process_in_cores(capsys):
    print_comparison([a_run(1, 200, 100.0), a_run(2, 200, 50.0)], expected=200)
    out = capsys.readouterr().out
    header = next(
        line for line in out.splitlines() if line.startswith("| site") and "wall (s)" in line
    )
    assert [c.strip() for c in header.split("|")[1:-1]] == [
        *("site", "wall (s)", "r1", "r2", "nginx", "load generator", "everything else", "idle")
    ]
    one = next(
        line for line in out.splitlines() if line.startswith("| 1 replica(s)") and "-" in line
    )
    assert [c.strip() for c in one.split("|")[3:6]] == ["1.00", "-", "0.00"]


def test_a_tiny_load_through_two_replicas_keeps_each_session_on_one(nginx):
    proc = subprocess.run(
        [sys.executable, "-m", "bench.load_test", "--replicas", "2"]
        + ["--clients", "2", "--steps", "2", "--deadline", "240"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "| sessions per replica " in proc.stdout
    assert "r1 1, r2 1" in proc.stdout  # one new session to each, in turn
    assert "| interactions completed                       | 4 of 4" in proc.stdout
    assert "session split" not in proc.stdout


def test_runs_of_the_same_count_are_pooled(capsys):
    # 1, 2, 2, 1 replicas: 400 interactions in 200 s against 400 in 100 s.
    runs = [a_run(1, 200, 120.0), a_run(2, 200, 40.0), a_run(2, 200, 60.0), a_run(1, 200, 80.0)]
    print_comparison(runs, expected=200)
    assert (
        target_row(capsys.readouterr().out).split("|")[2].strip().startswith("2.00× (4.00 vs 2.00")
    )


def test_server_warnings_are_the_warning_and_error_lines_without_their_time():
    logs = [
        "2026-12-01 23:20:26.250 INFO streamlit.web: Uvicorn server started\n"
        "2026-12-01 23:20:26.546 WARNING streamlit.web: Rejecting WebSocket connection",
        "2026-12-01 23:21:00.001 ERROR uvicorn.error: closing handshake failed\n  detail",
    ]
    assert server_warnings(logs) == [
        "WARNING streamlit.web: Rejecting WebSocket connection",
        "ERROR uvicorn.error: closing handshake failed",
    ]

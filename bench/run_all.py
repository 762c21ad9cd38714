"""Run every benchmark, one after the other, each in its own process; print their tables.

    python -m bench.run_all [--quick] [--only rerun browser ...] [--out results.md]

``replicas`` is the load test against 1 and 2 replicas behind nginx (``bench/load_test.py``).

The synthetic atlases are generated first (``bench.synth``, reused while nothing changed); the
run ends with every row of the tables that ends in met or not met, one list of the targets.
Run on a quiet machine: the benchmarks share its cores with whatever else runs, and each table
records the load average at its start and end.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT

BENCHMARKS = (
    "synth",
    "rerun",
    "browser",
    "payload",
    "throughput",
    "memory",
    "long_paragraph",
    "replicas",
)
# Issue 15's load: 60 sessions against 1, then 2 replicas behind nginx (needs nginx installed).
REPLICAS = ["--replicas", "1", "2", "--clients", "60", "--steps", "20", "--deadline", "1500"]


VERDICTS = ("met", "**not met**")  # the last cell of a target's row (bench.common.goal)


def verdicts(tables: str) -> list[str]:
    """The rows of a benchmark's Markdown tables that end in a verdict, cells joined by " | ".

    >>> verdicts("| goal | measured | status |\\n| --- | --- | --- |\\n"
    ...          "| linker ≥ 20 MB/s | 2.3 MB/s | **not met** |\\n| a | b | met |\\n| c | d | e |")
    ['linker ≥ 20 MB/s | 2.3 MB/s | **not met**', 'a | b | met']
    """
    rows = []
    for line in tables.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if cells[-1] in VERDICTS:
                rows.append(" | ".join(cells))
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="fewer repetitions in every benchmark")
    p.add_argument("--only", nargs="*", choices=BENCHMARKS, default=list(BENCHMARKS))
    p.add_argument("--out", type=Path, help="also write the tables to this file")
    args = p.parse_args(argv)
    out = args.out.open("w") if args.out else None
    failed = []
    targets: list[tuple[str, str]] = []
    for name in args.only:
        cmd = [sys.executable, "-m", f"bench.{name}"]
        if name == "replicas":
            cmd = [sys.executable, "-m", "bench.load_test", *REPLICAS]
        if name == "synth":
            cmd += ["--scale", "10", "--scale", "100", "--validate"]
        elif args.quick:
            cmd.append("--quick")
        t = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        lines = [
            line for line in proc.stdout.splitlines() if "missing ScriptRunContext" not in line
        ]
        text = "\n".join(lines).rstrip() + f"\n\n({name}: {time.perf_counter() - t:.0f} s)\n\n"
        if proc.returncode:
            failed.append(name)
            text += f"**bench.{name} failed** (exit {proc.returncode}):\n\n```\n{proc.stderr[-4000:]}\n```\n\n"
        targets += [(name, row) for row in verdicts(text)]
        print(text, flush=True)
        if out:
            out.write(text)
            out.flush()
    summary = "## Every target, as measured above\n\n" + "".join(
        f"- {name}: {row}\n" for name, row in targets
    )
    print(summary, flush=True)
    if out:
        out.write(summary)
        out.close()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

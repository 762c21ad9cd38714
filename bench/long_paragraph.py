"""One long paragraph: time, peak memory and output at 1×, 2× and 4× its length (issue 11).

The paragraph is the seed sources' passages that name a feature and give a date (2 KB: 14
mentions, 8 dates with and without a year, English and Chinese), joined on one line and repeated
to the size asked for. Each size
runs in a fresh process, so its peak resident memory (``ru_maxrss``) is its own; within that
process the atlas is loaded first (its memory is the "atlas" column) and then, for the text:

- *ingest* — :func:`geo.ingest.candidates` and :func:`geo.ingest.review_json`, what
  ``python -m geo ingest`` computes (the review file's size is the "review" column);
- *Try page* — :func:`geo.screen.article_screen`, what the "Try an article" page computes (it
  reads the first ``geo.preview.TRY_MAX_CHARS`` characters, so its columns stay flat past them);
- the peak of Python allocations during each (``tracemalloc``, in a separate call, so tracing does
  not slow the timed ones).

Times are CPU seconds of the process (``time.process_time``, which other work on a shared machine
disturbs less than wall time), the fastest of ``--reps`` calls, after a first call on a short
text.

Linear work shows as time, memory and review size doubling with the text: the "×" columns divide
each row by the 1× row.

    python -m bench.long_paragraph [--quick] [--base-kb 250] [--published 2025-06-18]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc

from bench.common import DATA, ROOT, footer, header, print_table

FACTORS = (1, 2, 4)


def paragraph(size_bytes: int, atlas, published: str) -> str:
    """The seed sources' passages that name a feature and give a date, joined on one line and
    repeated to at least ``size_bytes`` of UTF-8."""
    from geo.dates import find_dates

    unit = " ".join(
        line.strip()
        for path in sorted((DATA / "sources").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and atlas.linker.link(line) and find_dates(line, published)
    )
    copies = -(-size_bytes // len(unit.encode("utf-8")))
    return " ".join([unit] * copies)


def _cpu(fn) -> float:
    """The CPU seconds ``fn()`` takes: less disturbed than wall time on a shared machine."""
    t = time.process_time()
    fn()
    return time.process_time() - t


def _peak_mib(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def one(size_bytes: int, published: str, reps: int) -> dict[str, float]:
    """Measure one size in this process (the parent runs each size in a fresh one)."""
    from geo.ingest import candidates, review_json, source_id
    from geo.load import load_atlas
    from geo.screen import article_screen

    atlas = load_atlas(DATA)
    atlas_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = paragraph(size_bytes, atlas, published)
    sid = source_id(text)

    def ingest(text: str = text) -> str:
        return review_json(candidates(text, sid, atlas.linker, published))

    ingest(paragraph(1, atlas, published))  # the first call compiles and caches what it needs
    review = ingest()
    found = candidates(text, sid, atlas.linker, published)
    ingest_s = min(_cpu(ingest) for _ in range(reps))
    try_s = min(_cpu(lambda: article_screen(atlas, text, published)) for _ in range(reps))
    return {
        "kb": len(text.encode("utf-8")) / 1000,
        "mentions": len(found.mentions),
        "events": len(found.events),
        "ingest_s": ingest_s,
        "try_s": try_s,
        "review_mb": len(review.encode("utf-8")) / 1e6,
        "ingest_peak": _peak_mib(ingest),
        "try_peak": _peak_mib(lambda: article_screen(atlas, text, published)),
        "atlas_mib": atlas_mib,
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="a 60 KB paragraph instead of 250 KB")
    p.add_argument("--base-kb", type=int, default=250, help="the 1× size in KB of UTF-8")
    p.add_argument("--published", default="2025-06-18")
    p.add_argument("--reps", type=int, default=3, help="timed calls per size (the fastest counts)")
    p.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one size, in a child process
    args = p.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.published, args.reps)))
        return 0
    base = 60 if args.quick else args.base_kb
    header("One long paragraph: ingest and the Try page at 1×, 2×, 4×", "bench.long_paragraph")
    results = []
    for factor in FACTORS:
        proc = subprocess.run(
            [sys.executable, "-m", "bench.long_paragraph", "--one", str(base * 1000 * factor),
             "--published", args.published, "--reps", str(1 if args.quick else args.reps)],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        results.append(json.loads(proc.stdout.splitlines()[-1]))
    first = results[0]
    rows = []
    for factor, r in zip(FACTORS, results, strict=True):
        rows.append(
            [
                f"{factor}×",
                round(r["kb"]),
                r["mentions"],
                r["events"],
                r["ingest_s"],
                f"{r['ingest_s'] / first['ingest_s']:.1f}×",
                r["try_s"],
                f"{r['try_s'] / first['try_s']:.1f}×",
                r["review_mb"],
                f"{r['review_mb'] / first['review_mb']:.1f}×",
                r["ingest_peak"],
                r["try_peak"],
                f"{r['try_peak'] / first['try_peak']:.1f}×",
                round(r["rss_mib"] - r["atlas_mib"]),
            ]
        )
    print_table(
        [
            "input",
            "KB",
            "mentions",
            "events",
            "ingest CPU s",
            "×",
            "Try page CPU s",
            "×",
            "review MB",
            "×",
            "ingest peak MiB",
            "Try peak MiB",
            "×",
            "RSS over atlas MiB",
        ],
        rows,
    )
    print(
        "Peak MiB: Python allocations during the call (tracemalloc). RSS over atlas: the "
        "process's peak resident memory minus its peak after loading the atlas.\n"
    )
    footer()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

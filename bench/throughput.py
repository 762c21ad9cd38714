"""Linker and date resolver throughput (MB/s of UTF-8 text) on 1,000 to 100,000 articles.

The articles are synthetic (``bench.synth.article_texts``: about 3 KB each, English with some
Russian and Chinese sentences, mentioning the features of the 100× synthetic atlas and dates),
made and processed in batches of 1,000 so memory stays bounded. The linker is built as the
loader builds it (``geo.load.build_linker``) from the 100× atlas's gazetteer (about 52,000
aliases) and, for comparison, from the real one. Only the calls to ``Linker.link`` and
``find_dates`` are timed, in CPU seconds of this process (other work on a shared machine shifts
them less than wall time; the work is single-threaded, so on a quiet machine they are the same).

The naive way is one compiled regular expression per alias (case-insensitive, on word
boundaries), each searched over the article: it is too slow for the full corpus, so it runs on
the first articles until ``--naive-seconds`` (20 s) have passed, and the linker is compared with
it on those same articles.

The stored sources: every text of ``data/sources`` (real articles in English, Russian, Chinese,
Kazakh, Kyrgyz and Uzbek, far fewer mentions per KB than the synthetic ones), linked with the
100× gazetteer and dated, timed in CPU seconds (the fewest of three passes).

One long text: the same articles joined into a single text of 0.25, 1 and 4 MB (``--long-mb``),
linked (100× gazetteer) and dated in one call each, timed in CPU seconds (the fewest of three
calls). A megabyte must take seconds, and 4 MB no more per megabyte than 1 MB (within 25 %): work
that grew with the square of the text's length would take hours. (The 5-second bound used to sit
in a unit test, ``tests/unit/test_link.py``.)

    python -m bench.throughput [--quick] [--sizes 1000 10000 100000] [--long-mb 0.1 1 4]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from bench.common import DATA, footer, goal, header, print_table

BATCH = 1000
PUBLISHED = "2025-06-18"
GOAL_MBPS, GOAL_VS_NAIVE = 20.0, 10.0
GOAL_LINEAR = 0.75  # slowest MB/s over fastest, across sizes
GOAL_LONG_S = 5.0  # one megabyte in one text (the bound a unit test used to hold)


def linker_for(folder: Path):
    from geo.load import build_linker
    from geo.validate import check_data

    checked = check_data(folder)
    if checked.problems:
        raise RuntimeError(
            f"{folder}: {len(checked.problems)} problem(s); run python -m geo validate"
        )
    return build_linker(checked)


def naive_patterns(linker) -> list[tuple[str, re.Pattern[str]]]:
    """One regular expression per alias: what one writes first."""
    return [
        (e.feature, re.compile(r"(?<!\w)" + re.escape(e.text) + r"(?!\w)", re.IGNORECASE))
        for e in linker._entries
    ]


def naive_link(patterns, text: str) -> int:
    return sum(1 for _fid, pattern in patterns for _ in pattern.finditer(text))


def run_size(count: int, targets, linker) -> dict[str, float]:
    from bench.synth import article_texts
    from geo.dates import find_dates

    size = link_s = dates_s = 0.0
    mentions = dates = 0
    batch: list[str] = []

    def flush() -> None:
        nonlocal link_s, dates_s, mentions, dates
        t = time.process_time()
        for text in batch:
            mentions += len(linker.link(text))
        link_s += time.process_time() - t
        t = time.process_time()
        for text in batch:
            dates += len(find_dates(text, PUBLISHED))
        dates_s += time.process_time() - t
        batch.clear()

    for text in article_texts(count, targets):
        size += len(text.encode())
        batch.append(text)
        if len(batch) == BATCH:
            flush()
    flush()
    return {
        "mb": size / 1e6,
        "link_s": link_s,
        "dates_s": dates_s,
        "mentions": mentions,
        "dates": dates,
    }


def long_text(mb: float, targets) -> str:
    """Synthetic articles joined into one text of about ``mb`` megabytes."""
    from bench.synth import article_texts

    parts, size = [], 0
    for text in article_texts(int(mb * 1e6 / 3000) + 1, targets):
        parts.append(text)
        size += len(text.encode()) + 1
        if size >= mb * 1e6:
            break
    return "\n".join(parts)


def _fastest_cpu(fn, reps: int) -> tuple[float, object]:
    """The fewest CPU seconds of ``reps`` calls of ``fn``, and its result. CPU time, not wall
    time: other work on the machine then shifts the figures less."""
    best, out = float("inf"), None
    for _ in range(reps):
        t = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t)
    return best, out


def run_long(sizes_mb: list[float], targets, linker, reps: int = 3) -> list[dict[str, float]]:
    """The linker and the date finder, one call each, on each single long text."""
    from geo.dates import find_dates

    out = []
    for mb in sizes_mb:
        text = long_text(mb, targets)
        link_s, mentions = _fastest_cpu(lambda text=text: linker.link(text), reps)
        dates_s, dates = _fastest_cpu(lambda text=text: find_dates(text, PUBLISHED), reps)
        size = len(text.encode()) / 1e6
        out.append(
            {
                "mb": size,
                "link_s": link_s,
                "mentions": len(mentions),
                "dates_s": dates_s,
                "dates": len(dates),
            }
        )
    return out


def run_sources(linker, reps: int = 3) -> dict[str, float]:
    """The linker and the date finder over every stored source text, CPU seconds."""
    from geo.dates import find_dates

    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "sources").glob("*.txt"))]
    link_s, mentions = _fastest_cpu(lambda: [linker.link(t) for t in texts], reps)
    dates_s, dates = _fastest_cpu(lambda: [find_dates(t, PUBLISHED) for t in texts], reps)
    return {
        "texts": len(texts),
        "mb": sum(len(t.encode()) for t in texts) / 1e6,
        "link_s": link_s,
        "mentions": sum(map(len, mentions)),
        "dates_s": dates_s,
        "dates": sum(map(len, dates)),
    }


_TIMING_COLUMNS = (
    "MB",
    "link CPU s",
    "link MB/s",
    "mentions",
    "dates CPU s",
    "dates MB/s",
    "dates",
)
"""The columns after a table's first: its size and what :func:`_timings` gives."""


def _timings(r: dict[str, float]) -> list[float]:
    """Seconds, MB/s and count found, of the linker and then of the date finder."""
    return [
        r["link_s"], r["mb"] / r["link_s"], r["mentions"],
        r["dates_s"], r["mb"] / r["dates_s"], r["dates"],
    ]  # fmt: skip


def long_text_goals(runs: list[dict[str, float]]) -> list[list[str]]:
    """A megabyte in one text is linked and dated in seconds, and a longer text costs no more
    per megabyte than one of about a megabyte."""
    if not runs:
        return []
    one = min(runs, key=lambda r: abs(r["mb"] - 1))
    last = max(runs, key=lambda r: r["mb"])
    rows = [
        [
            f"one text of {one['mb']:.1f} MB: linked and dated in < {GOAL_LONG_S:.0f} s each",
            f"link {one['link_s']:.2f} s, dates {one['dates_s']:.2f} s",
            goal(max(one["link_s"], one["dates_s"]) < GOAL_LONG_S),
        ]
    ]
    if last["mb"] > one["mb"]:
        link = (last["mb"] / last["link_s"]) / (one["mb"] / one["link_s"])
        dates = (last["mb"] / last["dates_s"]) / (one["mb"] / one["dates_s"])
        rows.append(
            [
                f"one text: MB/s at {last['mb']:.1f} MB within 25% of at {one['mb']:.1f} MB",
                f"link {link:.2f}, dates {dates:.2f} (ratio of MB/s)",
                goal(min(link, dates) >= GOAL_LINEAR),
            ]
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    from bench.synth import article_texts, ensure_synthetic, targets_of

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="1,000 and 10,000 articles only")
    p.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    p.add_argument("--naive-seconds", type=float, default=20.0)
    p.add_argument("--long-mb", type=float, nargs="*", default=[0.25, 1.0, 4.0])
    args = p.parse_args(argv)
    sizes = [1000, 10_000] if args.quick else args.sizes
    long_mb = [1.0, 4.0] if args.quick else args.long_mb
    header("Linker and date resolver throughput", "bench.throughput")

    folder = ensure_synthetic(100)
    targets = targets_of(folder)
    gazetteers = {"100x": linker_for(folder), "real": linker_for(DATA)}

    rows = []
    for count in sizes:
        r = run_size(count, targets, gazetteers["100x"])
        rows.append([f"{count:,}", f"{r['mb']:.1f}", *_timings(r)])
    print(f"Linker: 100× gazetteer, {len(gazetteers['100x']._entries):,} aliases.\n")
    print_table(
        ["articles", *_TIMING_COLUMNS],
        rows,
    )

    # The naive loop, on as many of the first articles as fit in the time allowed.
    vs = []
    for name, linker in gazetteers.items():
        patterns = naive_patterns(linker)
        sample, mb, naive_s = [], 0.0, 0.0
        for text in article_texts(max(sizes), targets):
            t = time.process_time()
            naive_link(patterns, text)
            naive_s += time.process_time() - t
            sample.append(text)
            mb += len(text.encode()) / 1e6
            if naive_s >= args.naive_seconds or len(sample) >= 2000:
                break
        t = time.process_time()
        for text in sample:
            linker.link(text)
        link_s = time.process_time() - t
        ratio = (mb / link_s) / (mb / naive_s)
        vs.append(
            [
                name,
                f"{len(patterns):,}",
                len(sample),
                f"{mb / naive_s:.3g}",
                f"{mb / link_s:.3g}",
                f"{ratio:.0f}×",
                goal(ratio >= GOAL_VS_NAIVE),
            ]
        )
    print_table(
        [
            "gazetteer",
            "aliases",
            "articles",
            "naive MB/s",
            "linker MB/s",
            "linker / naive",
            "≥ 10×",
        ],
        vs,
    )
    src = run_sources(gazetteers["100x"])
    print(
        f"The stored sources ({src['texts']} texts of data/sources), 100× gazetteer: "
        "CPU seconds, the fewest of three passes.\n"
    )
    print_table(
        ["texts", *_TIMING_COLUMNS],
        [[src["texts"], f"{src['mb']:.2f}", *_timings(src)]],
    )
    long_runs = run_long(long_mb, targets, gazetteers["100x"])
    print("One long text, 100× gazetteer: one call each, the fewest CPU seconds of three.\n")
    print_table(
        ["MB", "link CPU s", "link MB/s", "mentions", "dates CPU s", "dates MB/s", "dates"],
        [[f"{r['mb']:.2f}", *_timings(r)] for r in long_runs],
    )

    link_rates = [float(r[3]) for r in rows]
    date_rates = [float(r[6]) for r in rows]
    print_table(
        ["goal", "measured", "status"],
        [
            [
                f"linker ≥ {GOAL_MBPS:.0f} MB/s",
                f"{min(link_rates):.1f}–{max(link_rates):.1f} MB/s",
                goal(min(link_rates) >= GOAL_MBPS),
            ],
            [
                f"dates ≥ {GOAL_MBPS:.0f} MB/s",
                f"{min(date_rates):.1f}–{max(date_rates):.1f} MB/s",
                goal(min(date_rates) >= GOAL_MBPS),
            ],
            [
                "linear growth (MB/s within ±25% across sizes)",
                f"link {min(link_rates) / max(link_rates):.2f}, dates {min(date_rates) / max(date_rates):.2f} (min/max)",
                goal(
                    min(link_rates) / max(link_rates) >= GOAL_LINEAR
                    and min(date_rates) / max(date_rates) >= GOAL_LINEAR
                ),
            ],
            *long_text_goals(long_runs),
        ],
    )
    footer()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

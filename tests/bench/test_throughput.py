"""``bench/throughput.py`` counts what it times: the stored sources' row holds every text of
``data/sources``, their UTF-8 size and the mentions and dates the linker and the date finder
return for them. No timing is asserted."""

from __future__ import annotations

from bench.throughput import run_sources
from geo.dates import find_dates
from geo.link import GazetteerEntry, Linker
from tests.conftest import DATA


def test_the_stored_sources_row_counts_every_text_and_what_was_found():
    linker = Linker([GazetteerEntry("horgos", None, "Horgos", "en")])
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "sources").glob("*.txt"))]
    row = run_sources(linker, reps=1)
    assert row["texts"] == len(texts) > 0
    assert row["mb"] == sum(len(t.encode()) for t in texts) / 1e6
    assert row["mentions"] == sum(len(linker.link(t)) for t in texts) > 0
    assert row["dates"] == sum(len(find_dates(t, "2025-06-18")) for t in texts) > 0

"""Score the linker and the date resolver against a hand annotation (a gold file, see
:mod:`geo.validate.gold`), overall and per language.

Mentions
    A found mention is ``(start, end, feature)``. **Exact**: it counts as correct when a gold
    mention has the same span and the same feature. **Overlap** (lenient): when its span overlaps
    a gold mention of the same feature ("Хоргоса" for a gold "КПП Хоргоса"). Each gold item is
    matched at most once and each found item at most once; overlap pairs are made greedily, the
    largest overlap first.
Dates
    A found date is a span. **Exact** and **overlap** span scores as for mentions (no feature).
    Among the overlap pairs, **date accuracy** is the share whose resolved ``date`` equals the
    gold one and **precision accuracy** the share whose ``precision`` does; **correct recall** is
    the share of gold dates found with an overlapping span *and* the right date — the end-to-end
    figure a timeline depends on.

Precision, recall and F1 are micro-averaged: counts are summed over the documents of a language
(and over all documents for "all") before dividing. A ratio with nothing to divide by is None.

Examples
--------
>>> from geo.link import GazetteerEntry, Linker
>>> from geo.model import GoldDocument
>>> doc = GoldDocument(id="d", url=None, language="en", published="2025-06-18",
...     text="Khorgos opened on June 6.", dates=[],
...     mentions=[{"feature": "horgos", "start": 0, "end": 7, "text": "Khorgos"}])
>>> s = evaluate([doc], Linker([GazetteerEntry("horgos", None, "Khorgos", "en")]))["all"]
>>> s.mentions.exact.recall, s.dates.exact.predicted
(1.0, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from geo.dates import find_dates
from geo.link import Linker
from geo.model import GoldDocument

__all__ = ["Counts", "DateScores", "MentionScores", "Scores", "evaluate", "scores_tables"]

Item = tuple[int, int, str]  # start, end, and the feature (mentions) or the date (dates)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Counts:
    """How many items the gold has, how many were found, and how many of them match."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def to_json(self) -> dict:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class MentionScores:
    exact: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)

    def add(self, other: MentionScores) -> None:
        self.exact.add(other.exact)
        self.overlap.add(other.overlap)

    def to_json(self) -> dict:
        return {"exact": self.exact.to_json(), "overlap": self.overlap.to_json()}


@dataclass
class DateScores:
    exact: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)
    date_correct: int = 0  # overlap pairs whose resolved date is the gold date
    precision_correct: int = 0  # overlap pairs whose precision is the gold precision

    def add(self, other: DateScores) -> None:
        self.exact.add(other.exact)
        self.overlap.add(other.overlap)
        self.date_correct += other.date_correct
        self.precision_correct += other.precision_correct

    @property
    def date_accuracy(self) -> float | None:
        return _ratio(self.date_correct, self.overlap.matched)

    @property
    def precision_accuracy(self) -> float | None:
        return _ratio(self.precision_correct, self.overlap.matched)

    @property
    def correct_recall(self) -> float | None:
        return _ratio(self.date_correct, self.overlap.gold)

    def to_json(self) -> dict:
        return {
            "exact": self.exact.to_json(),
            "overlap": self.overlap.to_json(),
            "date_accuracy": self.date_accuracy,
            "precision_accuracy": self.precision_accuracy,
            "correct_recall": self.correct_recall,
        }


@dataclass
class Scores:
    """The scores of a group of documents (one language, or all)."""

    documents: int = 0
    mentions: MentionScores = field(default_factory=MentionScores)
    dates: DateScores = field(default_factory=DateScores)

    def add(self, other: Scores) -> None:
        self.documents += other.documents
        self.mentions.add(other.mentions)
        self.dates.add(other.dates)

    def to_json(self) -> dict:
        return {
            "documents": self.documents,
            "mentions": self.mentions.to_json(),
            "dates": self.dates.to_json(),
        }


def _overlap_pairs(gold: Sequence[Item], found: Sequence[Item], same_key: bool) -> list:
    """One-to-one pairs ``(gold item, found item)`` of overlapping spans, largest overlap first;
    with ``same_key`` only items with the same third field (the feature) pair."""
    candidates = []
    for i, (gs, ge, gk) in enumerate(gold):
        for j, (fs, fe, fk) in enumerate(found):
            overlap = min(ge, fe) - max(gs, fs)
            if overlap > 0 and (not same_key or gk == fk):
                candidates.append((-overlap, i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_found:
            used_gold.add(i)
            used_found.add(j)
            pairs.append((gold[i], found[j]))
    return pairs


def _score_document(doc: GoldDocument, linker: Linker) -> Scores:
    gold_m = sorted({(m.start, m.end, m.feature) for m in doc.mentions})
    found_m = sorted({(m.start, m.end, m.feature) for m in linker.link(doc.text)})
    mentions = MentionScores(
        Counts(len(gold_m), len(found_m), len(set(gold_m) & set(found_m))),
        Counts(len(gold_m), len(found_m), len(_overlap_pairs(gold_m, found_m, True))),
    )
    gold_d = sorted({(d.start, d.end, f"{d.date} {d.precision}") for d in doc.dates})
    found_d = sorted(
        {(d.start, d.end, f"{d.date} {d.precision}") for d in find_dates(doc.text, doc.published)}
    )
    exact_spans = {(s, e) for s, e, _ in gold_d} & {(s, e) for s, e, _ in found_d}
    pairs = _overlap_pairs(gold_d, found_d, False)
    dates = DateScores(
        Counts(len(gold_d), len(found_d), len(exact_spans)),
        Counts(len(gold_d), len(found_d), len(pairs)),
        date_correct=sum(g[2].split()[0] == f[2].split()[0] for g, f in pairs),
        precision_correct=sum(g[2].split()[1] == f[2].split()[1] for g, f in pairs),
    )
    return Scores(1, mentions, dates)


def evaluate(documents: Iterable[GoldDocument], linker: Linker) -> dict[str, Scores]:
    """Scores per language (sorted by code) and for ``"all"`` documents, which comes first."""
    by_language: dict[str, Scores] = {}
    total = Scores()
    for doc in documents:
        scores = _score_document(doc, linker)
        by_language.setdefault(doc.language, Scores()).add(scores)
        total.add(scores)
    return {"all": total, **dict(sorted(by_language.items()))}


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def scores_tables(scores: dict[str, Scores]) -> str:
    """Two Markdown tables, mentions then dates, one row per group of :func:`evaluate`."""
    lines = [
        "Mentions (exact: same span and feature; overlap: overlapping span, same feature)",
        "",
        "| language | docs | gold | found | P | R | F1 | overlap P | overlap R | overlap F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for lang, s in scores.items():
        e, o = s.mentions.exact, s.mentions.overlap
        lines.append(
            f"| {lang} | {s.documents} | {e.gold} | {e.predicted} | {_f(e.precision)} | "
            f"{_f(e.recall)} | {_f(e.f1)} | {_f(o.precision)} | {_f(o.recall)} | {_f(o.f1)} |"
        )
    lines += [
        "",
        "Dates (span P/R exact and overlapping; date and precision accuracy among overlapping "
        "pairs; correct R: gold dates found with the right date)",
        "",
        "| language | gold | found | span P | span R | overlap P | overlap R | date acc | "
        "precision acc | correct R |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for lang, s in scores.items():
        d = s.dates
        lines.append(
            f"| {lang} | {d.exact.gold} | {d.exact.predicted} | {_f(d.exact.precision)} | "
            f"{_f(d.exact.recall)} | {_f(d.overlap.precision)} | {_f(d.overlap.recall)} | "
            f"{_f(d.date_accuracy)} | {_f(d.precision_accuracy)} | {_f(d.correct_recall)} |"
        )
    return "\n".join(lines)

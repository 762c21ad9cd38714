"""Check gold files: hand annotations that the linker and the date resolver are scored against
(``python -m geo evaluate``, :mod:`geo.evaluate`).

A gold file is a JSON list of :class:`~geo.model.GoldDocument`: each document carries its own
text, so a gold file is self-contained and can score texts the atlas has never seen. Every
mention and date is a span of that text with code-point offsets, and its ``text`` must be exactly
``document.text[start:end]``; mentions name existing features; dates are possible and written as
their precision says.
"""

from __future__ import annotations

from pathlib import Path

from geo.model import GoldDocument
from geo.validate.checked import CheckedData, date_problem, read_json, rel, unique_records

GOLD = "gold"  # the folder of gold files in a data folder


def read_gold(checked: CheckedData, path: Path) -> list[GoldDocument]:
    """The valid documents of the gold file ``path``; each problem is recorded on ``checked``
    (named by the file, then the document id and the item: ``mentions[3]``)."""
    name = rel(checked.data_dir, path)
    doc = read_json(checked, path)
    if doc is None:
        return []
    if not isinstance(doc, list):
        checked.problem(name, "-", "must be a JSON list of documents")
        return []
    documents: list[GoldDocument] = []
    for gold in unique_records(checked, GoldDocument, doc, name, "document"):
        before = len(checked.problems)
        for what, items in (("mentions", gold.mentions), ("dates", gold.dates)):
            for k, span in enumerate(items):
                where = f"{what}[{k}]"
                if not span.start < span.end <= len(gold.text):
                    checked.problem(
                        name,
                        gold.id,
                        f"{where}: offsets {span.start}-{span.end} are not a span of the text "
                        f"({len(gold.text)} characters)",
                    )
                elif gold.text[span.start : span.end] != span.text:
                    checked.problem(
                        name,
                        gold.id,
                        f"{where}: text[{span.start}:{span.end}] is "
                        f"{gold.text[span.start : span.end]!r}, not {span.text!r}",
                    )
        for k, m in enumerate(gold.mentions):
            if not checked.feature_exists(m.feature):
                checked.problem(
                    name, gold.id, f"mentions[{k}]: feature {m.feature!r} does not exist"
                )
        for k, d in enumerate(gold.dates):
            bad = date_problem(d.date)
            if bad:
                checked.problem(name, gold.id, f"dates[{k}]: {bad}")
        if gold.published is not None and (bad := date_problem(gold.published)):
            checked.problem(name, gold.id, f"published: {bad}")
        if len(checked.problems) == before:
            documents.append(gold)
    return documents


def check_gold(checked: CheckedData) -> None:
    """Check every ``gold/*.json`` of the data folder (there may be none)."""
    for path in sorted((checked.data_dir / GOLD).glob("*.json")):
        read_gold(checked, path)

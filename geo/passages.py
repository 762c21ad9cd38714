"""Split a source text into passages: a passage is one non-empty line.

Passage ids are stable as long as the text is kept verbatim: ``"<source id>:<index>"``, where the
index counts non-empty lines from 0.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Passage:
    source: str
    index: int
    offset: int  # code-point offset of the passage's first character in the source text
    text: str

    @property
    def id(self) -> str:
        return passage_id(self.source, self.index)


def passage_id(source: str, index: int) -> str:
    """The stable id of passage ``index`` of ``source``.

    >>> passage_id("9decb243e74ad7b3", 3)
    '9decb243e74ad7b3:3'
    """
    return f"{source}:{index}"


def split_passages(text: str, source: str = "") -> list[Passage]:
    """Every non-empty line of ``text`` as a :class:`Passage`, with its offset in ``text``.

    Lines are split on ``"\\n"`` only (a ``"\\r"`` before it stays part of the line's text but a
    line of white space alone is not a passage).

    >>> [(p.index, p.offset, p.text) for p in split_passages("\\nA b\\n\\nC")]
    [(0, 1, 'A b'), (1, 6, 'C')]
    """
    out: list[Passage] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Passage(source=source, index=len(out), offset=offset, text=line))
        offset += len(line) + 1
    return out


def passage_index_at(passages: list[Passage], position: int) -> int | None:
    """Index of the passage containing code-point ``position`` of the source text, if any."""
    lo, hi = 0, len(passages) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        p = passages[mid]
        if position < p.offset:
            hi = mid - 1
        elif position >= p.offset + len(p.text):
            lo = mid + 1
        else:
            return mid
    return None

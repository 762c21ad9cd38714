"""Find passages by words or phrases, across all sources and scripts, through an inverted index.

Words of alphabetic scripts are indexed whole (normalised like the linker's text: case, dashes,
quotes); Chinese, Japanese and Korean text has no spaces, so it is indexed by character bigrams
(and single characters, for one-character queries). A query's terms must all occur (AND);
``"quoted phrases"`` must occur as written. Building is linear in the corpus; a query touches only
the postings of its terms, so it stays fast as the corpus grows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from geo.normalize import normalize

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def _terms(norm: str) -> set[str]:
    """Index terms of normalised text: whole words, and CJK unigrams and bigrams."""
    out: set[str] = set()
    for m in _WORD.finditer(norm):
        w = m.group()
        if any(_is_cjk(c) for c in w):
            run = [c for c in w]
            for i, c in enumerate(run):
                if _is_cjk(c):
                    out.add(c)
                    if i + 1 < len(run) and _is_cjk(run[i + 1]):
                        out.add(c + run[i + 1])
            for part in re.split(_CJK.pattern, w):
                if part:
                    out.add(part)
        else:
            out.add(w)
    return out


@dataclass(frozen=True)
class Hit:
    key: str  # the caller's id of the passage
    spans: tuple[tuple[int, int], ...]  # where the query's terms are, in the original text


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...]  # normalised single terms (words, or CJK strings)
    phrases: tuple[str, ...]  # normalised phrases that must occur as written


def parse_query(query: str) -> Query:
    """Split a query into words and ``"quoted phrases"``, normalised.

    >>> parse_query('Horgos "dry port"')
    Query(words=('horgos',), phrases=('dry port',))
    """
    phrases = [normalize(p)[0].strip() for p in re.findall(r'"([^"]+)"', query)]
    rest = re.sub(r'"[^"]*"?', " ", query)
    words = [w.group() for w in _WORD.finditer(normalize(rest)[0])]
    return Query(tuple(dict.fromkeys(words)), tuple(p for p in phrases if p))


class SearchIndex:
    """An inverted index over passages.

    Examples
    --------
    >>> idx = SearchIndex({"a:0": "The Horgos dry port", "b:0": "霍尔果斯口岸"})
    >>> [h.key for h in idx.search("horgos")], [h.key for h in idx.search("果斯")]
    (['a:0'], ['b:0'])
    """

    def __init__(self, passages: dict[str, str]):
        self._text: dict[str, str] = dict(passages)
        self._norm: dict[str, tuple[str, list[int]]] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        for key, text in self._text.items():
            norm, offsets = normalize(text)
            self._norm[key] = (norm, offsets)
            for term in _terms(norm):
                self._postings[term].add(key)

    def __len__(self) -> int:
        return len(self._text)

    def _candidates(self, term: str) -> set[str]:
        if any(_is_cjk(c) for c in term):
            grams = [term[i : i + 2] for i in range(len(term) - 1)] or [term]
            sets = [self._postings.get(g, set()) for g in grams]
            return set.intersection(*sets) if sets else set()
        return self._postings.get(term, set())

    def search(self, query: str, limit: int = 200) -> list[Hit]:
        """Passages that contain every word and phrase of ``query``, in insertion order."""
        q = parse_query(query)
        needles = list(q.words) + list(q.phrases)
        if not needles:
            return []
        keys: set[str] | None = None
        for w in q.words:
            found = self._candidates(w)
            keys = found if keys is None else keys & found
        for phrase in q.phrases:
            parts = [m.group() for m in _WORD.finditer(phrase)]
            for part in parts:
                found = self._candidates(part)
                keys = found if keys is None else keys & found
        if not keys:
            return []
        hits = []
        for key in self._text:
            if key not in keys:
                continue
            spans = self._locate(key, q)
            if spans is not None:
                hits.append(Hit(key, tuple(spans)))
                if len(hits) >= limit:
                    break
        return hits

    def _locate(self, key: str, q: Query) -> list[tuple[int, int]] | None:
        norm, offsets = self._norm[key]
        spans: list[tuple[int, int]] = []
        for needle in q.words + q.phrases:
            cjk = any(_is_cjk(c) for c in needle)
            pattern = re.escape(needle) if cjk else rf"(?<![^\W_]){re.escape(needle)}(?![^\W_])"
            found = [(m.start(), m.end()) for m in re.finditer(pattern, norm)]
            if not found:
                return None
            for s, e in found:
                spans.append((offsets[s], offsets[e - 1] + 1))
        return sorted(spans)

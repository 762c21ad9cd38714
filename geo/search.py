"""Find passages by words, phrases and the names of the atlas's features, across all sources and
scripts, through an inverted index.

Words of alphabetic scripts are indexed whole (normalised like the linker's text: case, dashes,
quotes) and grouped by their :func:`stem`, so a query finds a word's other forms ("tunnel" finds
"tunnels", "тоннель" finds "тоннеля"). Chinese, Japanese and Korean text has no spaces, so it is
indexed by character bigrams (and single characters, for one-character queries). A query's terms
must all occur (AND); ``"quoted phrases"`` must occur as written, up to the words' forms.

A term that is a name of a feature (:class:`Name`: "Khorgos", "中吉乌铁路", "CKU") is also met by
the feature's other names ("Horgos", "霍尔果斯", "China–Kyrgyzstan–Uzbekistan railway") and by
every passage the linker found it in; a whole query that is a name is met the same way. When
nothing matches, :meth:`SearchIndex.suggest` offers the nearest queries that do.

Building is linear in the corpus; a query touches only the postings of its terms, so it stays
fast as the corpus grows.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from geo.normalize import normalize

__all__ = ["EXAMPLES", "Hit", "Name", "Query", "SearchIndex", "parse_query", "stem"]

EXAMPLES = ("tunnels", "Khorgos", "中吉乌铁路")
"""The examples the search box offers (its placeholder); a test checks each finds passages."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_CYRILLIC = re.compile(r"^[\u0400-\u04ff]+$")
# Russian noun, adjective and participle endings, longest first; Kazakh and Kyrgyz words share
# the common ones. The stem keeps at least _MIN_STEM letters, so short words stay whole.
_CYRILLIC_ENDINGS = sorted(
    (
        "иями ями ами иям ием ого его ому ему ыми ими ией ий ый ой ей ая яя ое ее ие ые ую юю "
        "ом ем ам ям ах ях ов ев ых их ью а я о е ы и у ю ь й"
    ).split(),
    key=len,
    reverse=True,
)
_MIN_STEM = 4


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def _has_cjk(text: str) -> bool:
    return any(_is_cjk(c) for c in text)


def stem(word: str) -> str:
    """The form under which a normalised (case-folded) word is indexed and searched: English
    plural, possessive and verb endings and Russian case endings dropped, so the forms of a word
    meet. It only has to send the forms of one word to the same stem, not to a real word.
    Chinese, Japanese and Korean words are left as they are.

    >>> [stem(w) for w in ("tunnels", "tunnel", "countries", "branches", "opened", "operates")]
    ['tunnel', 'tunnel', 'country', 'branch', 'open', 'operat']
    >>> [stem(w) for w in ("тоннеля", "тоннелем", "тоннель", "коридоре", "horgos", "gas")]
    ['тоннел', 'тоннел', 'тоннел', 'коридор', 'horgos', 'gas']
    """
    if word.isascii():
        return _stem_english(word)
    if _CYRILLIC.match(word):
        for ending in _CYRILLIC_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
                return word[: -len(ending)]
    return word


def _stem_english(w: str) -> str:
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes", "zzes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "os")):
        w = w[:-1]
    for ending in ("ing", "ed"):
        if w.endswith(ending) and len(w) - len(ending) >= _MIN_STEM:
            w = w[: -len(ending)]
            break
    return w[:-1] if w.endswith("e") and len(w) > _MIN_STEM else w


def _terms(norm: str) -> set[str]:
    """Index terms of normalised text: whole words, and CJK unigrams and bigrams."""
    out: set[str] = set()
    for m in _WORD.finditer(norm):
        w = m.group()
        if _has_cjk(w):
            for i, c in enumerate(w):
                if _is_cjk(c):
                    out.add(c)
                    if i + 1 < len(w) and _is_cjk(w[i + 1]):
                        out.add(c + w[i + 1])
            for part in re.split(_CJK.pattern, w):
                if part:
                    out.add(part)
        else:
            out.add(w)
    return out


def _tokens(norm: str) -> list[str]:
    return [m.group() for m in _WORD.finditer(norm)]


def _name_key(text: str) -> tuple[str, ...]:
    """What two names must share to be the same name: their words' stems, in order."""
    return tuple(stem(t) for t in _tokens(normalize(text)[0]))


@dataclass(frozen=True)
class Hit:
    key: str  # the caller's id of the passage
    spans: tuple[tuple[int, int], ...]  # where the query's terms are, in the original text


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...]  # normalised single terms (words, or CJK strings)
    phrases: tuple[str, ...]  # normalised phrases that must occur as written


@dataclass(frozen=True)
class Name:
    """A feature's names for the search: ``aliases`` are every name that finds it (the query
    side), ``standalone`` those that mean it wherever they stand (searched in the text as
    phrases; a name that needs context words, like "CKU", is left to the linker), and
    ``mentions`` where the linker found the feature: passage key → spans in its text."""

    label: str
    aliases: tuple[str, ...]
    standalone: tuple[str, ...] = ()
    mentions: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)


def parse_query(query: str) -> Query:
    """Split a query into words and ``"quoted phrases"``, normalised.

    >>> parse_query('Horgos "dry port"')
    Query(words=('horgos',), phrases=('dry port',))
    """
    phrases = [normalize(p)[0].strip() for p in re.findall(r'"([^"]+)"', query)]
    rest = re.sub(r'"[^"]*"?', " ", query)
    words = _tokens(normalize(rest)[0])
    return Query(tuple(dict.fromkeys(words)), tuple(p for p in phrases if p))


@dataclass(frozen=True)
class _Needle:
    """One term of a query and every way a passage can meet it: any of ``forms`` (normalised
    words or phrases) in its text, or a mention (``mentions``: passage key → spans)."""

    text: str
    forms: tuple[str, ...]
    mentions: Mapping[str, tuple[tuple[int, int], ...]]


class SearchIndex:
    """An inverted index over passages, with the atlas's ``names`` (see :class:`Name`).

    Examples
    --------
    >>> idx = SearchIndex({"a:0": "The Horgos dry port", "b:0": "霍尔果斯口岸", "c:0": "Two ports"},
    ...                   [Name("Horgos", ("Horgos", "Khorgos", "霍尔果斯"), ("Horgos", "霍尔果斯"))])
    >>> [h.key for h in idx.search("khorgos")], [h.key for h in idx.search("port")]
    (['a:0', 'b:0'], ['a:0', 'c:0'])
    >>> idx.suggest("horgso")
    ['horgos']
    """

    def __init__(self, passages: Mapping[str, str], names: Iterable[Name] = ()):
        self._text: dict[str, str] = dict(passages)
        self._norm: dict[str, tuple[str, list[int]]] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        for key, text in self._text.items():
            norm, offsets = normalize(text)
            self._norm[key] = (norm, offsets)
            for term in _terms(norm):
                self._postings[term].add(key)
        self._forms: dict[str, set[str]] = defaultdict(set)  # stem → the words indexed under it
        for term in self._postings:
            if not _has_cjk(term):
                self._forms[stem(term)].add(term)
        self._names: list[Name] = list(names)
        self._by_name: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, name in enumerate(self._names):
            for alias in dict.fromkeys(name.aliases):
                key = _name_key(alias)
                if key and i not in self._by_name[key]:
                    self._by_name[key].append(i)

    def __len__(self) -> int:
        return len(self._text)

    # -------------------------------------------------------------------------- candidates

    def _word_keys(self, word: str) -> set[str]:
        """Passages containing ``word`` (any of its forms)."""
        if _has_cjk(word):
            grams = [word[i : i + 2] for i in range(len(word) - 1)] or [word]
            return set.intersection(*(self._postings.get(g, set()) for g in grams))
        out: set[str] = set()
        for form in self._forms.get(stem(word), set()) | {word}:
            out |= self._postings.get(form, set())
        return out

    def _form_keys(self, form: str) -> set[str]:
        """Passages that may contain ``form`` (every word of it; the order is checked later)."""
        words = _tokens(form)
        if not words:
            return set()
        return set.intersection(*(self._word_keys(w) for w in words))

    def _needle(self, text: str) -> _Needle:
        """The term ``text`` (normalised) with, when it is a feature's name, the feature's other
        names and mentions."""
        forms = [text]
        mentions: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i in self._by_name.get(_name_key(text), ()):
            name = self._names[i]
            forms += [normalize(a)[0] for a in name.standalone]
            for key, spans in name.mentions.items():
                mentions[key] += spans
        frozen = {k: tuple(v) for k, v in mentions.items()}
        return _Needle(text, tuple(dict.fromkeys(forms)), frozen)

    def _keys(self, needle: _Needle) -> set[str]:
        out = set(needle.mentions)
        for form in needle.forms:
            out |= self._form_keys(form)
        return out

    # --------------------------------------------------------------------------- searching

    def _needles(self, query: str) -> tuple[list[_Needle], _Needle | None]:
        """The query's terms, and the whole query as one name when it is one (else None)."""
        q = parse_query(query)
        needles = [self._needle(t) for t in (*q.words, *q.phrases)]
        whole = " ".join(t for t in (*q.words, *q.phrases))
        if len(needles) > 1 and _name_key(whole) in self._by_name:
            return needles, self._needle(whole)
        return needles, None

    def search(self, query: str, limit: int = 200) -> list[Hit]:
        """Passages that meet every term of ``query`` (or the whole query as a name), in
        insertion order, with the spans that met them."""
        needles, whole = self._needles(query)
        if not needles:
            return []
        keys = set.intersection(*(self._keys(n) for n in needles))
        if whole is not None:
            keys |= self._keys(whole)
        hits = []
        for key in self._text:
            if key not in keys:
                continue
            spans = self._locate(key, needles, whole)
            if spans is not None:
                hits.append(Hit(key, tuple(spans)))
                if len(hits) >= limit:
                    break
        return hits

    def _spans(self, key: str, needle: _Needle) -> list[tuple[int, int]]:
        norm, offsets = self._norm[key]
        spans = list(needle.mentions.get(key, ()))
        for form in needle.forms:
            for m in re.finditer(self._pattern(form), norm):
                spans.append((offsets[m.start()], offsets[m.end() - 1] + 1))
        return spans

    def _locate(
        self, key: str, needles: list[_Needle], whole: _Needle | None
    ) -> list[tuple[int, int]] | None:
        found = [self._spans(key, n) for n in needles]
        as_name = self._spans(key, whole) if whole is not None else []
        if not as_name and not all(found):
            return None
        return sorted({s for spans in (*found, as_name) for s in spans})

    def _pattern(self, form: str) -> str:
        """A regex for ``form`` in normalised text: each word in any of its indexed forms, the
        text between words as written, and word boundaries around alphabetic ends."""
        out, last = [], 0
        words = list(_WORD.finditer(form))
        for m in words:
            out.append(re.escape(form[last : m.start()]))
            w = m.group()
            variants = {w} if _has_cjk(w) else self._forms.get(stem(w), set()) | {w}
            out.append("(?:" + "|".join(map(re.escape, sorted(variants, key=len)[::-1])) + ")")
            last = m.end()
        out.append(re.escape(form[last:]))
        body = "".join(out)
        if words and not _has_cjk(words[0].group()[0]):
            body = r"(?<![^\W_])" + body
        if words and not _has_cjk(words[-1].group()[-1]):
            body += r"(?![^\W_])"
        return body

    # -------------------------------------------------------------------------- suggesting

    def suggest(self, query: str, n: int = 3) -> list[str]:
        """Queries near ``query`` that find passages, nearest first, for a search that found
        none: each term that finds nothing replaced by the nearest indexed words and names (a
        phrase also by its words), then the terms one by one."""
        q = parse_query(query)
        terms = [*q.words, *(f'"{p}"' for p in q.phrases)]
        if not terms:
            return []
        missing = [t for t in terms if not self.search(t, limit=1)]
        candidates: list[str] = []
        for t in missing:
            nearest = self._nearest(t.strip('"'), n)
            if t.startswith('"'):  # the phrase's words, together but not as a phrase, or alone
                nearest += [t.strip('"'), *_tokens(t.strip('"'))]
            candidates += [" ".join(near if x == t else x for x in terms) for near in nearest]
        if len(terms) > 1:
            candidates += terms  # each term alone
        out: list[str] = []
        seen: set[frozenset[str]] = set()  # two suggestions that find the same passages are one
        for candidate in dict.fromkeys(candidates):
            found = frozenset(h.key for h in self.search(candidate))
            if found and found not in seen:
                seen.add(found)
                out.append(candidate)
        return out[:n]

    def _nearest(self, term: str, n: int) -> list[str]:
        """Indexed words and names spelled most like ``term``."""
        cjk = _has_cjk(term)
        pool = {
            normalize(a)[0]
            for name in self._names
            for a in name.aliases
            if _has_cjk(a) == cjk and abs(len(a) - len(term)) <= 3
        }
        if not cjk:
            pool |= {w for w in self._postings if not _has_cjk(w) and abs(len(w) - len(term)) <= 2}
        near = difflib.get_close_matches(term, sorted(pool), n=n * 3, cutoff=0.6 if cjk else 0.75)
        return [f'"{w}"' if " " in w else w for w in near]

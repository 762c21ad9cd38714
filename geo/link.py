"""Link mentions of the atlas's features in a text: find every alias of every feature, in one pass.

The gazetteer is a list of :class:`GazetteerEntry` (a feature, one of its aliases and, optionally,
context words) plus false friends: phrases that contain an alias but are not a mention of it
("Xi'an Summit", "Uzbekistan Railways"). :class:`Linker` compiles them once into a single
Aho-Corasick automaton over normalised text (see :mod:`geo.normalize`), so linking costs one pass
over the text whatever the number of aliases, plus a little work per candidate match.

Rules, in the order they are applied:

1. **Normalisation.** Text and aliases are normalised alike: case folded, dashes (with the spaces
   around them) unified, whitespace runs collapsed, quotes straightened, "ё" read as "е", soft
   hyphens and zero-width characters dropped. "China – Kyrgyzstan — Uzbekistan", "CHINA-KYRGYZSTAN-
   UZBEKISTAN" and "China-Kyrgyzstan-\\nUzbekistan" are the same name.
2. **Word boundaries.** Where an alias begins or ends with a letter or digit of an alphabetic script
   (Latin, Cyrillic, Greek, ...), the neighbouring character must not be one: "TITR" is not found
   in "TITRATION", "Horgos" not in "Horgosville". A possessive is a boundary ("Horgos's",
   "Horgos'" give the mention "Horgos"), but an apostrophe inside a word is not ("Xi" is not
   found in "Xi'an"). Chinese and Japanese characters need no boundary ("中吉乌铁路项目").
3. **English plurals.** A Latin alias whose last word is one of :data:`PLURAL_NOUNS` (railway,
   corridor, train, ...) also matches with a trailing "s" ("CKU railways", rule ``"plural"``).
   Nothing else is pluralised: list other plural forms as aliases.
4. **Cyrillic inflection.** Every Cyrillic word of an alias is reduced to a stem (trailing vowels,
   "й", "ь" and "ъ" dropped while at least :data:`CYRILLIC_MIN_STEM` letters remain) and may be
   followed by up to :data:`CYRILLIC_MAX_ENDING` Cyrillic letters, so Russian, Kazakh and Kyrgyz
   case endings match: "Хоргос" finds "Хоргоса", "Хоргосом", "Хоргоста"; "Средний коридор" finds
   "Среднего коридора", "Среднем коридоре" (rule ``"cyrillic_inflection"``). A word written in
   capitals in the alias ("ТМТМ", "КНР") is an acronym and is matched as written.
5. **Line breaks.** A name may run on across line breaks ("Middle\\nCorridor", as in hard-wrapped
   text) but not across a blank line, which ends a paragraph. Its passage is the passage (line)
   where it starts.
6. **Context.** An alias with context words is kept only if one of them (normalised, on word
   boundaries, inflected and pluralised like an alias) occurs in the same passage; its rule gains
   ``"+context"``.
7. **False friends.** A candidate lying wholly inside a false friend's match is dropped.
8. **Longest match.** Of overlapping candidates the leftmost, then the longest, wins; features that
   share an alias are all reported on the same span.

Passages are the non-empty lines of the text, ``[l for l in text.split("\\n") if l.strip()]``,
numbered from 0.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import ahocorasick

from geo.normalize import normalize

__all__ = [
    "CYRILLIC_MAX_ENDING",
    "CYRILLIC_MIN_STEM",
    "PLURAL_NOUNS",
    "GazetteerEntry",
    "Linker",
    "Mention",
]

PLURAL_NOUNS = frozenset(
    {
        "bridge",
        "checkpoint",
        "corridor",
        "crossing",
        "expressway",
        "highway",
        "hub",
        "line",
        "link",
        "motorway",
        "pipeline",
        "port",
        "railroad",
        "railway",
        "road",
        "route",
        "service",
        "station",
        "terminal",
        "train",
        "tunnel",
    }
)
"""Common nouns whose English plural is the singular plus "s"; an alias ending in one of them also
matches its plural ("China-Europe freight trains")."""

CYRILLIC_MIN_STEM = 3
"""Fewest letters a Cyrillic stem keeps ("Азия" -> "ази", so "Азии" and "Азией" match)."""

CYRILLIC_MAX_ENDING = 3
"""Most letters allowed after a Cyrillic stem ("Хоргос" + "ом", "средн" + "его")."""

_CYRILLIC_WORD = re.compile("[\u0400-\u052f]+")
_CYRILLIC_ENDING = f"[\u0400-\u052f]{{0,{CYRILLIC_MAX_ENDING}}}"
_CYRILLIC_STRIPPED = frozenset("аеиоуыэюяйьъәөұүі")
_LATIN_LAST_WORD = re.compile("[a-z]+$")
_NO_BOUNDARY = (
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3040, 0x31FF),  # kana, bopomofo, CJK strokes
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # half-width katakana
    (0x20000, 0x323AF),  # CJK extensions B-H
)

_ALIAS, _FALSE_FRIEND, _CONTEXT = range(3)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True)
class GazetteerEntry:
    """One alias of one feature, as the linker looks for it.

    Parameters
    ----------
    feature : str
        The feature's id.
    project : str or None
        The id of the project the feature belongs to.
    text : str
        The alias as written ("China–Kyrgyzstan–Uzbekistan Railway", "Хоргос", "霍尔果斯").
    lang : str
        Its language code ("en", "ru", "zh", ...).
    context : tuple of str
        If given, the alias counts only where one of these words occurs in the same passage.

    Examples
    --------
    >>> GazetteerEntry("koshtobe_tunnel", "cku_railway", "Koshtobe", "en", ("tunnel",)).context
    ('tunnel',)
    """

    feature: str
    project: str | None
    text: str
    lang: str
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A span of a text that names a feature.

    ``text`` is ``original[start:end]`` (code-point offsets); ``passage`` is the index of the
    non-empty line where the span starts; ``alias`` is the gazetteer alias that matched and
    ``rule`` says how: ``"alias"``, ``"plural"`` or ``"cyrillic_inflection"``, followed by
    ``"+context"`` when the alias needed a context word.
    """

    feature: str
    project: str | None
    start: int
    end: int
    text: str
    passage: int
    alias: str
    rule: str


@dataclass(frozen=True, slots=True)
class _Target:
    """What one automaton key stands for: an alias form, a false friend or a context word."""

    kind: int
    entry: int  # index into Linker._entries for an alias, else -1
    norm: str  # the normalised alias, false friend or context word
    verify: re.Pattern[str] | None  # anchored check for inflected forms; None = key is exact
    plural: bool
    context: frozenset[str]  # normalised context words an alias needs (empty: none)
    bounded_right: bool  # ends with a letter or digit, so needs a word boundary after it
    may_break: bool  # has a space or dash, where the original may have a line break


@lru_cache(maxsize=4096)
def _is_word(c: str) -> bool:
    """True for a letter, digit or mark of a script that separates words with spaces."""
    if not (c.isalnum() or unicodedata.category(c).startswith("M")):
        return False
    cp = ord(c)
    return not any(lo <= cp <= hi for lo, hi in _NO_BOUNDARY)


def _ends_cleanly(norm: str, end: int) -> bool:
    """Whether a match ending (exclusive) at ``end`` ends on a word boundary."""
    if end >= len(norm):
        return True
    c = norm[end]
    if _is_word(c):
        return False
    if c == "'" and end + 1 < len(norm) and _is_word(norm[end + 1]):
        # A possessive 's ends the name; any other letter after an apostrophe is inside a word.
        return norm[end + 1] == "s" and (end + 2 >= len(norm) or not _is_word(norm[end + 2]))
    return True


def _forms(text: str) -> tuple[str, list[tuple[str, re.Pattern[str] | None, bool]]]:
    """The normalised ``text`` and its automaton forms: (key, verify pattern, is plural)."""
    norm, offsets = normalize(text)
    lead = len(norm) - len(norm.lstrip(" "))
    norm = norm.strip(" ")
    if not norm:
        return norm, []
    parts: list[str] = []
    key_end = -1
    done = 0
    for word in _CYRILLIC_WORD.finditer(norm):
        first, last = offsets[word.start() + lead], offsets[word.end() - 1 + lead]
        written = text[first : last + 1]
        if len(word.group()) > 1 and written.isupper():
            continue  # an acronym: matched as written
        stem = word.group()
        while len(stem) > CYRILLIC_MIN_STEM and stem[-1] in _CYRILLIC_STRIPPED:
            stem = stem[:-1]
        parts.append(re.escape(norm[done : word.start()] + stem) + _CYRILLIC_ENDING)
        if key_end < 0:
            key_end = word.start() + len(stem)
        done = word.end()
    if key_end >= 0:
        parts.append(re.escape(norm[done:]))
        return norm, [(norm[:key_end], re.compile("".join(parts)), False)]
    forms: list[tuple[str, re.Pattern[str] | None, bool]] = [(norm, None, False)]
    last_word = _LATIN_LAST_WORD.search(norm)
    if last_word and last_word.group() in PLURAL_NOUNS:
        forms.append((norm + "s", None, True))
    return norm, forms


class Linker:
    """Find mentions of gazetteer aliases in texts.

    The automaton is built once, here; :meth:`link` is then one pass over each text.

    Parameters
    ----------
    entries : iterable of GazetteerEntry
        Every alias of every feature. Several features may share an alias.
    false_friends : iterable of str
        Phrases that contain an alias but do not mention its feature ("Xi'an Summit").

    Raises
    ------
    ValueError
        If an alias, context word or false friend is empty once normalised, or an alias is itself
        a false friend (it could never match).

    Examples
    --------
    >>> linker = Linker(
    ...     [GazetteerEntry("horgos", None, "Horgos", "en"),
    ...      GazetteerEntry("horgos", None, "Хоргос", "ru")],
    ...     false_friends=["Horgos Summit"],
    ... )
    >>> [(m.text, m.passage, m.rule) for m in linker.link("Trains left Horgos's yard.\\nВ Хоргосе")]
    [('Horgos', 0, 'alias'), ('Хоргосе', 1, 'cyrillic_inflection')]
    """

    def __init__(
        self, entries: Iterable[GazetteerEntry], false_friends: Iterable[str] = ()
    ) -> None:
        self._entries: list[GazetteerEntry] = []
        keyed: dict[str, list[_Target]] = {}

        def add(text: str, kind: int, entry: int, context: frozenset[str], where: str) -> str:
            norm, forms = _forms(text)
            if not forms:
                raise ValueError(f"{where}: {text!r} is empty once normalised; remove it")
            for key, verify, plural in forms:
                keyed.setdefault(key, []).append(
                    _Target(
                        kind,
                        entry,
                        norm,
                        verify,
                        plural,
                        context,
                        _is_word(norm[-1]),
                        " " in norm or "-" in norm,
                    )
                )
            return norm

        context_words: dict[str, str] = {}  # normalised -> as first written
        alias_norms: dict[str, GazetteerEntry] = {}
        for entry in entries:
            if not isinstance(entry, GazetteerEntry):
                raise TypeError(f"Linker needs GazetteerEntry items, got {type(entry).__name__}")
            where = f"feature {entry.feature!r}"
            if isinstance(entry.context, str):
                raise TypeError(
                    f"{where}: context of alias {entry.text!r} is a string; "
                    f"write a tuple of words, e.g. ({entry.context!r},)"
                )
            needs = frozenset(_forms(word)[0] for word in entry.context)
            if "" in needs:
                raise ValueError(f"{where}: alias {entry.text!r} has an empty context word")
            for word in entry.context:
                context_words.setdefault(_forms(word)[0], word)
            norm = add(entry.text, _ALIAS, len(self._entries), needs, where)
            alias_norms.setdefault(norm, entry)
            self._entries.append(entry)
        for word in context_words.values():
            add(word, _CONTEXT, -1, frozenset(), "context word")
        for phrase in false_friends:
            norm = add(phrase, _FALSE_FRIEND, -1, frozenset(), "false friend")
            if norm in alias_norms:
                raise ValueError(
                    f"false friend {phrase!r} is also an alias of feature "
                    f"{alias_norms[norm].feature!r}; remove one of them"
                )

        self._automaton = ahocorasick.Automaton()
        for key, targets in keyed.items():
            # Exact forms before inflected or plural ones, so ties keep the plainest reading.
            targets.sort(key=lambda t: (t.plural, t.verify is not None, t.entry))
            self._automaton.add_word(key, (len(key), _is_word(key[0]), tuple(targets)))
        if keyed:
            self._automaton.make_automaton()

    def link(self, text: str) -> list[Mention]:
        """Find the mentions of the gazetteer's features in ``text``.

        Parameters
        ----------
        text : str
            An article, a passage or any other text.

        Returns
        -------
        list of Mention
            Ordered by start, then end, then feature. ``text[m.start:m.end] == m.text`` always.

        Examples
        --------
        >>> linker = Linker([GazetteerEntry("cku_railway", "cku", "CKU railway", "en")])
        >>> [(m.text, m.start, m.rule) for m in linker.link("Two CKU Railways? One CKU railway.")]
        [('CKU Railways', 4, 'plural'), ('CKU railway', 22, 'alias')]
        """
        if not isinstance(text, str):
            raise TypeError(f"link() needs a str, got {type(text).__name__}")
        if self._automaton.kind != ahocorasick.AHOCORASICK:
            return []
        norm, offsets = normalize(text)
        is_word, ends_cleanly = _is_word, _ends_cleanly
        hits: list[tuple[int, int, _Target]] = []
        add_hit = hits.append
        for last, (length, bounded_left, targets) in self._automaton.iter(norm):
            start = last - length + 1
            if bounded_left and start > 0 and is_word(norm[start - 1]):
                continue
            for target in targets:
                if target.verify is None:
                    end = last + 1
                else:
                    found = target.verify.match(norm, start)
                    if found is None:
                        continue
                    end = found.end()
                if not target.bounded_right or ends_cleanly(norm, end):
                    add_hit((start, end, target))
        if not any(target.kind == _ALIAS for _, _, target in hits):
            return []

        def one_passage(start: int, end: int, target: _Target) -> bool:
            if not target.may_break:
                return True
            first, stop = offsets.span(start, end)
            return text.count("\n", first, stop) < 2 or not _BLANK_LINE.search(text, first, stop)

        # Passage starts in normalised positions: a match starting at normalised index i lies in
        # passage bisect_right(passages, i) - 1.
        passages = [offsets.locate(start) for start in _passage_starts(text)]
        present = {
            (bisect_right(passages, start) - 1, target.norm)
            for start, end, target in hits
            if target.kind == _CONTEXT and one_passage(start, end, target)
        }
        false_friends = sorted(
            (start, end)
            for start, end, target in hits
            if target.kind == _FALSE_FRIEND and one_passage(start, end, target)
        )
        ff_starts = [start for start, _ in false_friends]
        reach: list[int] = []  # furthest end of the false friends starting at or before each one
        for _, end in false_friends:
            reach.append(max(end, reach[-1]) if reach else end)

        kept = []
        for start, end, target in hits:
            if target.kind != _ALIAS:
                continue
            if ff_starts:
                k = bisect_right(ff_starts, start) - 1
                if k >= 0 and reach[k] >= end:
                    continue  # inside a false friend
            if target.context:
                passage = bisect_right(passages, start) - 1
                if not any((passage, word) in present for word in target.context):
                    continue
            if one_passage(start, end, target):
                kept.append((start, -end, target.entry, target.plural, target))
        kept.sort(key=itemgetter(0, 1, 2, 3))

        mentions: list[Mention] = []
        seen: set[tuple[int, int, str]] = set()
        taken_until = -1
        chosen = (-1, -1)
        for start, neg_end, _, _, target in kept:
            end = -neg_end
            if (start, end) != chosen:
                if start < taken_until:
                    continue  # overlaps an earlier or longer match
                chosen, taken_until = (start, end), end
            entry = self._entries[target.entry]
            if (start, end, entry.feature) in seen:
                continue
            seen.add((start, end, entry.feature))
            first, stop = offsets.span(start, end)
            passage = bisect_right(passages, start) - 1
            if target.plural:
                rule = "plural"
            elif target.verify is not None and norm[start:end] != target.norm:
                rule = "cyrillic_inflection"
            else:
                rule = "alias"
            if target.context:
                rule += "+context"
            mentions.append(
                Mention(
                    entry.feature,
                    entry.project,
                    first,
                    stop,
                    text[first:stop],
                    passage,
                    entry.text,
                    rule,
                )
            )
        mentions.sort(key=lambda m: (m.start, m.end, m.feature))
        return mentions


def _passage_starts(text: str) -> list[int]:
    """Offsets where each passage (non-empty line) of ``text`` starts."""
    starts = []
    pos = 0
    for line in text.split("\n"):
        if line and not line.isspace():  # the same test as line.strip(), without a copy
            starts.append(pos)
        pos += len(line) + 1
    return starts

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
   UZBEKISTAN" and "China-Kyrgyzstan-\\nUzbekistan" are the same name. Latin letters with an
   accent, a breve or a dotless "ı" are read as their base letter (:data:`LATIN_FOLD`): Kazakh is
   written in three Latin alphabets and informal spellings, so "Qúryq", "Quryq", "Aqtaý" and
   "Aqtau" are the same names; "Ürümqi" is "Urumqi".
2. **Word boundaries.** Where an alias begins or ends with a letter or digit of an alphabetic script
   (Latin, Cyrillic, Greek, ...), the neighbouring character must not be one: "TITR" is not found
   in "TITRATION", "Horgos" not in "Horgosville". A possessive is a boundary ("Horgos's",
   "Horgos'" give the mention "Horgos"), but an apostrophe inside a word is not ("Xi" is not
   found in "Xi'an"). Chinese and Japanese characters need no boundary ("中吉乌铁路项目").
3. **English plurals.** A Latin alias whose last word is one of :data:`PLURAL_NOUNS` (railway,
   corridor, train, ...) also matches with a trailing "s" ("CKU railways", rule ``"plural"``).
   Nothing else is pluralised: list other plural forms as aliases.
4. **Russian inflection.** Every Cyrillic word of an alias that is not Kazakh, Kyrgyz or Uzbek is
   reduced to a stem (trailing vowels, "й", "ь" and "ъ" dropped while at least
   :data:`CYRILLIC_MIN_STEM` letters remain) and may be followed by up to
   :data:`CYRILLIC_MAX_ENDING` Cyrillic letters: "Хоргос" finds "Хоргоса", "Хоргосом"; "Средний
   коридор" finds "Среднего коридора" (rule ``"cyrillic_inflection"``). A word written in
   capitals in the alias ("ТМТМ", "КНР") is an acronym and is matched as written.
5. **Turkic suffixes.** Kazakh, Kyrgyz and Uzbek are agglutinative: a name takes its endings on
   its last word only, one after the other. The last word of an alias in those languages may be
   followed by a chain of case, possessive and plural suffixes (:mod:`geo.turkic`), and a final
   third-person possessive of a compound name may be dropped or replaced: "Қытай — Қырғызстан —
   Өзбекстан темір жолы" finds "… темір жолының", "… темір жол жобасы"; "Ақтау порты" finds
   "Ақтау портында"; "temir yo‘li" finds "temir yo‘lining" (rule ``"turkic_suffix"``). The
   last word of a Russian Cyrillic alias may take the same chain, for Russian spellings in a
   Kazakh or Kyrgyz text ("Хоргостағы"). The chain ends on a word boundary, so derivations
   ("Алматылық", "from Almaty") are not names.
6. **Spacing.** Between the words of a name a space and a dash are interchangeable and a
   quotation mark may stand on either side ("Жалал Абад", «Xitoy-Qirg‘iziston-O‘zbekiston»
   temir yo‘li, whose span then takes in both marks); the last two words of a Kazakh, Kyrgyz or
   Uzbek name written in lower case may be written as one ("temiryo‘li", "теміржолы"). Rule
   ``"spacing"`` when only these differ. The word for "international" (:data:`INTERNATIONAL`)
   may stand before those lower-case words ("Xitoy – Qirgʻiziston – Oʻzbekiston xalqaro temir
   yoʻli", "Кытай – Кыргызстан – Өзбекстан эл аралык темир жолу"), and a name that has it may
   leave it out ("Транскаспий транспорт йўналиши"); rule ``"international"``.
7. **Lists of names.** An alias that starts or ends with three or more names joined by dashes
   ("Xitoy-Qirg‘iziston-O‘zbekiston") is not found inside a longer such list
   ("Хитой-Қирғизистон-Ўзбекистон-Туркманистон", another route). Two Kazakh, Kyrgyz or Uzbek
   names that share their last word say it once, in the plural: in "Ақтау мен Құрық порттары",
   "Aqtaý men Quryq teńiz porttary" the first name alone is a mention of "Ақтау порты" (rule
   ``"list"``).
8. **Line breaks.** A name may run on across line breaks ("Middle\\nCorridor", as in hard-wrapped
   text) but not across a blank line, which ends a paragraph. Its passage is the passage (line)
   where it starts.
9. **Context.** An alias with context words is kept only if one of them (normalised, on word
   boundaries, inflected and pluralised like an alias) occurs in the same passage, or, for an
   alias whose scope is ``"sentence"`` (a description such as "中欧(中亚)班列", which is the
   Tianjin service only where Tianjin is named), in the same sentence; its rule gains
   ``"+context"`` or ``"+sentence"``. A context word inside a false friend does not count.
10. **False friends.** A candidate lying wholly inside a false friend's match is dropped, and so
    is a name followed by a word for a region or a company (:data:`OTHER_HEADS`): "Жалал-Абад
    облусунда", "Toshkent viloyatiga" are regions, "Ляньюньган компаниясымен" and
    «Қытай-Қырғызстан-Өзбекстан темір жолы компаниясы» companies, not the city or the railway.
11. **Longest match.** Of overlapping candidates the leftmost, then the longest, wins; features
    that share an alias are all reported on the same span.

Passages are the non-empty lines of the text, ``[l for l in text.split("\\n") if l.strip()]``,
numbered from 0.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter, itemgetter

import ahocorasick

from geo.dates.tense import SENTENCE_END
from geo.normalize import normalize
from geo.turkic import TURKIC_LANGUAGES, possessive_stem, suffix_chain

__all__ = [
    "CYRILLIC_MAX_ENDING",
    "CYRILLIC_MIN_STEM",
    "INTERNATIONAL",
    "LATIN_FOLD",
    "OTHER_HEADS",
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

LATIN_FOLD = str.maketrans("áàâäăǵğíìîïıńñŋóòôöśşúùûüūýÿ", "aaaaaggiiiiinnnoooossuuuuuuy")
"""Latin letters the linker reads as their base letter, one for one (rule 1); "ý" is Kazakh "у"
(Aqtaý, Ақтау)."""

INTERNATIONAL = ("xalqaro", "халқаро", "халықаралық", "halyqaralyq", "эл аралык")
"""The word for "international" in Uzbek, Kazakh and Kyrgyz (normalised), which may stand inside
a Turkic name before its lower-case words (rule 6)."""

OTHER_HEADS = (
    "облус", "облыс", "oblys", "вилоят", "viloyat",
    "компани", "kompani", "kompanı", "ишкана", "кәсіпорн", "korxona", "корхона",
)  # fmt: skip
"""Beginnings of the Kyrgyz, Kazakh and Uzbek words for a region ("облусу", "облысы",
"viloyati") and a company or enterprise ("компаниясы", "kompaniyasi", "ишканасы"): a name
followed by one of them names the region or the company (rule 10)."""
_AND = "мен|менен|және|жана|ва|ҳамда|men|jane|va|hamda"  # "and" in kk, ky, uz (normalised)
_OTHER_HEAD = re.compile('"?[ -]"?(?:' + "|".join(OTHER_HEADS) + ")")
_FOLDED = re.compile(f"[{''.join(map(chr, LATIN_FOLD))}]")

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
_BLANK_BETWEEN = re.compile(r"\n[^\S\n]*(?=\n)")  # to the second break of a blank line


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
    scope: str = "passage"


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
    skip: int  # the check starts this many characters into the match
    rule: str  # of an exact key: "alias", "plural" or "spacing"
    context: frozenset[str]  # normalised context words an alias needs (empty: none)
    in_sentence: bool  # the context word must be in the same sentence, not only the passage
    bounded_right: bool  # ends with a letter or digit, so needs a word boundary after it
    may_break: bool  # has a space or dash, where the original may have a line break
    dash_list: tuple[bool, bool] | None  # starts / ends with a list of 3+ names joined by dashes


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


_SEPARATOR = '"?[- ]"?'
"""Between two words of a name in normalised text: a space or a dash, either way round, with a
quotation mark on either side («Xitoy-Qirg‘iziston-O‘zbekiston» temiryo‘li)."""
_NO_BOUNDARY_CLASS = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _NO_BOUNDARY)
_WORD_END = f"(?!(?![{_NO_BOUNDARY_CLASS}])[^\\W_])"
"""Not followed by a letter or digit of a script that separates words (see :func:`_is_word`)."""
_WORDS = re.compile("[^ -]+")
_WORD_PARTS = re.compile(r"(\W*)(.*?)(\W*)")  # leading marks, the word, trailing marks
_SQUASH = re.compile('[- "]')
_DASH_LIST = re.compile(r"[^ -]+(?:-[^ -]+){2,}")


@dataclass(frozen=True)
class _Form:
    """One automaton key of an alias: exact (``verify`` None) or checked by ``verify``."""

    key: str
    verify: re.Pattern[str] | None
    rule: str  # of an exact key: "alias", "plural" or "spacing"
    skip: int = 0  # characters of the key that ``verify`` starts after


def _forms(text: str, lang: str = "") -> tuple[str, list[_Form]]:
    """The normalised ``text`` and its automaton forms (the module's rules 3 to 6)."""
    norm, offsets = normalize(text)
    norm = norm.translate(LATIN_FOLD)
    lead = len(norm) - len(norm.lstrip(" "))
    norm = norm.strip(" ")
    if not norm:
        return norm, []
    words = [_WORD_PARTS.fullmatch(w.group()) for w in _WORDS.finditer(norm)]
    starts = [w.start() for w in _WORDS.finditer(norm)]
    if lang in TURKIC_LANGUAGES:  # only the last word takes endings ("темір жолының")
        mode = ["exact"] * (len(words) - 1) + ["turkic"]
    else:
        mode = []
        for w, at in zip(words, starts, strict=True):
            core = w.group(2)
            first = offsets[at + lead + len(w.group(1))]
            written = text[first : first + len(core)]
            cyrillic = _CYRILLIC_WORD.fullmatch(core) is not None
            acronym = len(core) > 1 and written.isupper()  # "ТМТМ", "КНР": as written
            mode.append("russian" if cyrillic and not acronym else "exact")
    if set(mode) == {"exact"}:
        forms = [_Form(norm, None, "alias")]
        if "-" in norm:
            forms.append(_Form(norm.replace("-", " "), None, "spacing"))
        last_word = _LATIN_LAST_WORD.search(norm)
        if last_word and last_word.group() in PLURAL_NOUNS:
            forms.append(_Form(norm + "s", None, "plural"))
        return norm, forms
    lower_tail = all(t == t.lower() for t in text.split()[-2:])
    written_lower = []
    for w, at in zip(words, starts, strict=True):
        first = offsets[at + lead + len(w.group(1))]
        written = text[first : first + len(w.group(2))]
        written_lower.append(written == written.lower())
    # "… xalqaro temir yo‘li": "international" before the lower-case words that end the name.
    tail = len(words) - 1
    while tail > 0 and written_lower[tail - 1]:
        tail -= 1
    international = tail if 0 < tail and written_lower[tail] and mode[-1] == "turkic" else -1
    # "Транскаспий халқаро транспорт йўналиши" is also written without "халқаро".
    own = next((i for i, w in enumerate(words) if w.group(2) in INTERNATIONAL), -1)
    if mode[-1] != "turkic" or not 0 < own < len(words) - 1:
        own = -1
    elif own >= 0:
        international = -1
    parts: list[str] = []
    key = ""
    for i, (w, how) in enumerate(zip(words, mode, strict=True)):
        pre, core, post = w.groups()
        last = i == len(words) - 1
        if how == "turkic":
            base = possessive_stem(core) if len(words) > 1 and not post else core
            piece = re.escape(base) + f"(?P<sfx>{suffix_chain(base)})"
        elif how == "russian":
            base = core
            while len(base) > CYRILLIC_MIN_STEM and base[-1] in _CYRILLIC_STRIPPED:
                base = base[:-1]
            piece = re.escape(base) + _CYRILLIC_ENDING
            if last and not post:  # a Russian-spelled name in a Kazakh text: "Хоргостағы"
                rest = re.escape(core[len(base) :])
                piece = re.escape(base) + (
                    f"(?:{_CYRILLIC_ENDING}{_WORD_END}|{rest}(?P<sfx>{suffix_chain(core)}))"
                )
        else:
            base, piece = core, re.escape(core)
        key = key or pre + base
        if i == international:
            parts.append(f"(?:(?P<intl>{'|'.join(INTERNATIONAL)}) )?")
        word = re.escape(pre) + piece + re.escape(post)
        if i == own:
            parts.append(f"(?:(?P<intl>{word}){_SEPARATOR})?")
            continue
        parts.append(word)
        if not last:
            # "temir yo‘l" is also written "temiryo‘l", "темір жол" "теміржол".
            closed = how == "exact" and mode[-1] == "turkic" and i == len(words) - 2 and lower_tail
            parts.append(f"(?:{_SEPARATOR})?" if closed else _SEPARATOR)
    forms = [_verified(key, "".join(parts) + _WORD_END)]
    if tail == 1 and written_lower[-1] and not written_lower[0] and mode[-1] == "turkic":
        # "Ақтау мен Құрық порттары": the first of two names that share their last word, in the
        # plural, is a name too ("Ақтау" of "Ақтау порты"; rule "list").
        head = re.escape(possessive_stem(words[-1].group(2)))
        shared = rf"(?=(?P<list> (?:{_AND}) [^ ]+(?: [^ ]+)? {head}(?:[лдт][аеоө]р|[ldt][ae]r)))"
        forms.append(_verified(key, parts[0] + shared))
    return norm, forms


def _verified(key: str, pattern: str) -> _Form:
    """The form of ``key`` checked by ``pattern``, which starts with the key.

    The automaton finds the key; the pattern then checks only what follows it. Most aliases
    share that rest ("хоргос" and "ташкент" both take a Russian ending), so it is compiled once
    for all of them: compiling a pattern per alias took minutes for 11,000 Russian names.
    """
    head = re.escape(key)
    if pattern.startswith(head):
        return _Form(key, _compiled(pattern[len(head) :]), "", len(key))
    return _Form(key, _compiled(pattern), "")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class Linker:
    """Find mentions of gazetteer aliases in texts.

    The automaton is built once, here; :meth:`link` is then one pass over each text.

    Parameters
    ----------
    entries : iterable of GazetteerEntry
        Every alias of every feature. Several features may share an alias.
    false_friends : iterable of str or (str, str)
        Phrases that contain an alias but do not mention its feature ("Xi'an Summit"), alone or
        with their language ("Қазақстан темір жолы", "kk"), which gives them its endings.

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
        self,
        entries: Iterable[GazetteerEntry],
        false_friends: Iterable[str | tuple[str, str]] = (),
    ) -> None:
        self._entries: list[GazetteerEntry] = []
        keyed: dict[str, list[_Target]] = {}

        def add(
            text: str, kind: int, entry: int, where: str, lang: str = "", context=frozenset(),
            in_sentence: bool = False,
        ) -> str:  # fmt: skip
            norm, forms = _forms(text, lang)
            if not forms:
                raise ValueError(f"{where}: {text!r} is empty once normalised; remove it")
            listed = _DASH_LIST.match(norm), _DASH_LIST.search(norm)
            dash_list = (
                listed[0] is not None,
                listed[1] is not None and listed[1].end() == len(norm),
            )
            dash_list = dash_list if any(dash_list) else None
            for form in forms:
                keyed.setdefault(form.key, []).append(
                    _Target(
                        kind,
                        entry,
                        norm,
                        form.verify,
                        form.skip,
                        form.rule,
                        context,
                        in_sentence,
                        _is_word(norm[-1]),
                        " " in norm or "-" in norm,
                        dash_list,
                    )
                )
            return norm

        context_words: dict[tuple[str, str], str] = {}  # (normalised, lang) -> as first written
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
            if entry.scope not in ("passage", "sentence"):
                raise ValueError(
                    f"{where}: alias {entry.text!r} has scope {entry.scope!r}; "
                    "use 'passage' or 'sentence'"
                )
            needs = frozenset(_forms(word, entry.lang)[0] for word in entry.context)
            if "" in needs:
                raise ValueError(f"{where}: alias {entry.text!r} has an empty context word")
            for word in entry.context:
                context_words.setdefault((_forms(word, entry.lang)[0], entry.lang), word)
            norm = add(
                entry.text, _ALIAS, len(self._entries), where, entry.lang, needs,
                entry.scope == "sentence",
            )  # fmt: skip
            alias_norms.setdefault(norm, entry)
            self._entries.append(entry)
        for (_, lang), word in context_words.items():
            add(word, _CONTEXT, -1, "context word", lang)
        for friend in false_friends:
            phrase, lang = (friend, "") if isinstance(friend, str) else friend
            norm = add(phrase, _FALSE_FRIEND, -1, "false friend", lang)
            if norm in alias_norms:
                raise ValueError(
                    f"false friend {phrase!r} is also an alias of feature "
                    f"{alias_norms[norm].feature!r}; remove one of them"
                )

        self._automaton = ahocorasick.Automaton()
        for key, targets in keyed.items():
            # Exact forms before inflected or variant ones, so ties keep the plainest reading.
            targets.sort(key=lambda t: (t.rule != "alias", t.verify is not None, t.entry))
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
        if _FOLDED.search(norm):  # translating every text would cost more than the rest
            norm = norm.translate(LATIN_FOLD)
        size = len(norm)
        is_word, ends_cleanly = _is_word, _ends_cleanly
        # Candidates by kind: (start, end, target, rule).
        aliases: list[tuple[int, int, _Target, str]] = []
        contexts: list[tuple[int, int, _Target, str]] = []
        friends: list[tuple[int, int, _Target, str]] = []
        by_kind = {_ALIAS: aliases.append, _CONTEXT: contexts.append, _FALSE_FRIEND: friends.append}
        for last, (length, bounded_left, targets) in self._automaton.iter(norm):
            start = last - length + 1
            if bounded_left and start > 0 and is_word(norm[start - 1]):
                continue
            for target in targets:
                if target.verify is None:
                    end, rule = last + 1, target.rule
                else:
                    found = target.verify.match(norm, start + target.skip)
                    if found is None:
                        continue
                    end = found.end()
                    rule = _rule(norm[start:end], target.norm, found)
                if target.bounded_right and end < size and norm[end] != " ":
                    if not ends_cleanly(norm, end):
                        continue
                if target.dash_list and _inside_dash_list(norm, start, end, target.dash_list):
                    continue  # "Xitoy-Qirg‘iziston-O‘zbekiston-Turkmaniston" is another route
                by_kind[target.kind]((start, end, target, rule))
        if not aliases:
            return []

        # Blank lines of the text, as the two line breaks around each, in order: a name whose
        # original span holds one runs across paragraphs (rule 8).
        blank = [(m.start(), m.end()) for m in _BLANK_BETWEEN.finditer(text)]
        blank_starts = [a for a, _ in blank]

        def one_passage(start: int, end: int, target: _Target) -> bool:
            if not (target.may_break and blank):
                return True
            first, stop = offsets.span(start, end)
            k = bisect_left(blank_starts, first)
            return k == len(blank) or blank[k][1] >= stop

        false_friends = sorted(
            (start, end) for start, end, target, _ in friends if one_passage(start, end, target)
        )
        ff_starts = [start for start, _ in false_friends]
        reach: list[int] = []  # furthest end of the false friends starting at or before each one
        for _, end in false_friends:
            reach.append(max(end, reach[-1]) if reach else end)

        def in_false_friend(start: int, end: int) -> bool:
            k = bisect_right(ff_starts, start) - 1
            return k >= 0 and reach[k] >= end

        # Passage starts in normalised positions: a match starting at normalised index i lies in
        # passage bisect_right(passages, i) - 1. Sentences are found only if an alias needs them.
        passages = [offsets.locate(start) for start in _passage_starts(text)]
        sentences: list[int] = []
        if any(t.in_sentence for _, _, t, _ in aliases):
            sentences = [offsets.locate(m.end()) for m in SENTENCE_END.finditer(text)]
        # Where each context word occurs: (passage, sentence, word); the sentence is 0 when no
        # alias needs sentences. A context word inside a false friend ("Қазақстан темір жолы",
        # the company) does not count: it does not name the thing the word names.
        present: set[tuple[int, int, str]] = set()
        in_passage: set[tuple[int, str]] = set()
        for start, end, target, _ in contexts:
            if one_passage(start, end, target):
                if not (ff_starts and in_false_friend(start, end)):
                    passage = bisect_right(passages, start) - 1
                    present.add((passage, bisect_right(sentences, start), target.norm))
                    in_passage.add((passage, target.norm))

        # A name followed by a word for a region or a company names that (rule 10): what lies
        # inside it is not a mention either (the country list of a railway company's name).
        others = [
            (start, head.end())
            for start, end, target, _ in aliases
            if (head := _OTHER_HEAD.match(norm, end))
        ] if any(word in norm for word in OTHER_HEADS) else []  # fmt: skip
        kept = []
        for start, end, target, rule in aliases:
            if ff_starts and in_false_friend(start, end):
                continue
            if others and any(lo <= start and end <= hi for lo, hi in others):
                continue
            if target.context:
                passage = bisect_right(passages, start) - 1
                sentence = bisect_right(sentences, start)
                if not any(
                    (passage, sentence, word) in present
                    if target.in_sentence
                    else (passage, word) in in_passage
                    for word in target.context
                ):
                    continue
            if not (blank and target.may_break) or one_passage(start, end, target):
                kept.append((start, -end, target.entry, rule != "alias", target, rule))
        kept.sort(key=itemgetter(0, 1, 2, 3))

        mentions: list[Mention] = []
        entries = self._entries
        seen: set[tuple[int, int, str]] = set()
        taken_until = -1
        chosen = (-1, -1)
        for start, neg_end, _, _, target, rule in kept:
            end = -neg_end
            if (start, end) != chosen:
                if start < taken_until:
                    continue  # overlaps an earlier or longer match
                chosen, taken_until = (start, end), end
            entry = entries[target.entry]
            found = (start, end, entry.feature)
            if found in seen:
                continue
            seen.add(found)
            if norm.count('"', start, end) % 2 and start > 0 and norm[start - 1] == '"':
                start -= 1  # «Xitoy-Qirg‘iziston-O‘zbekiston» temiryo‘li: both marks, not one
            first, stop = offsets.span(start, end)
            if target.context:
                rule += "+sentence" if target.in_sentence else "+context"
            mentions.append(
                Mention(
                    entry.feature,
                    entry.project,
                    first,
                    stop,
                    text[first:stop],
                    bisect_right(passages, start) - 1,
                    entry.text,
                    rule,
                )
            )
        mentions.sort(key=attrgetter("start", "end", "feature"))
        return mentions


def _rule(matched: str, alias: str, found: re.Match[str]) -> str:
    """How a verified form differs from its alias: only in its separators ("spacing"), by a
    Turkic suffix chain ("turkic_suffix") or by a Russian case ending ("cyrillic_inflection")."""
    if matched == alias:
        return "alias"
    if _SQUASH.sub("", matched) == _SQUASH.sub("", alias):
        return "spacing"
    if "list" in found.re.groupindex:
        return "list"
    if "intl" in found.re.groupindex and (found.group("intl") is None) == any(
        word in INTERNATIONAL for word in _WORDS.findall(alias)
    ):
        return "international"  # the word for "international" added or left out
    if "sfx" in found.re.groupindex and found.group("sfx") is not None:
        return "turkic_suffix"
    return "cyrillic_inflection"


def _inside_dash_list(norm: str, start: int, end: int, dash_list: tuple[bool, bool]) -> bool:
    """Whether a name that starts (ends) with a list of names joined by dashes continues a longer
    such list in ``norm`` on that side."""
    starts_list, ends_list = dash_list
    before = starts_list and start >= 2 and norm[start - 1] == "-" and _is_word(norm[start - 2])
    after = ends_list and end + 1 < len(norm) and norm[end] == "-" and _is_word(norm[end + 1])
    return before or after


def _passage_starts(text: str) -> list[int]:
    """Offsets where each passage (non-empty line) of ``text`` starts."""
    starts = []
    pos = 0
    for line in text.split("\n"):
        if line and not line.isspace():  # the same test as line.strip(), without a copy
            starts.append(pos)
        pos += len(line) + 1
    return starts

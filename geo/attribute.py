"""Attribute what a text reports to the people who said it. What is found is a candidate that a
person confirms in review (``python -m geo review accept``) before it joins
``data/attributions.json``; nothing here decides alone.

Rules, each reported as the ``rule`` of what it finds:

- ``turn``: a passage that begins with a label and a colon ("Zhu Yongbiao: …"), where the label
  names someone in ``people.json``, or is a name-like label (one to four capitalised words) that
  begins two or more passages of the text. Labels such as "Source:", "Photo:", "Editor's Note:"
  are never speakers (:data:`NOT_SPEAKERS`).
- ``interviewer_turn``: the label is the publication ("Observer Network:", or "GT:" where the text
  says "Global Times (GT)"), an organisation of ``people.json`` the interviewer belongs to, or the
  interviewer; the speaker is the source's ``interviewer``.
- ``turn_continued``: each passage after a turn, until a passage that has a label of its own,
  looks like a heading (it does not end a sentence), or names the publication (an editor's note).
- ``quote_said``: a quotation (at least :data:`MIN_QUOTE` characters between quotation marks,
  or from the start of a passage to a closing mark) followed, in its sentence, by a speech verb
  and a name: '"…," said Liu Yanong'; '"…," Kamalov said'; '«…», — сказал Хикматулла Рахметов';
  '“…”楊俊勇向記者介紹說'.
- ``said_quote``: a name and a speech verb, then a colon or comma and a quotation:
  'Japarov said: "…"', '扎帕羅夫表示：“…”'.
- ``according_to``: "According to X, …", "По словам X, …", "据X介绍，…": the rest of the sentence.
- ``reported_speech``: the name of someone in ``people.json`` with a speech verb, then the rest of
  the sentence: "Xi Jinping said Friday the construction …", "米爾濟約耶夫表示,今天的…"; or the
  sentence up to the comma before the name when nothing but a place or an occasion follows the
  verb ("…, the President of Kyrgyzstan, Sadyr Japarov, said at the meeting", "…, Jeenbekov
  stated, Trend reports"); or the sentence before when the words point back to it ("Kalilov
  said this today", "Об этом сказал …", "Бу ҳақда … маълум қилди").

A name is someone in ``people.json`` (any of their names, found with the linker's rules: case,
Russian and Kazakh endings, Chinese without spaces) or, for the quotation and "according to"
rules, a run of capitalised words that nobody in ``people.json`` answers to; such a candidate has
``name`` but no ``speaker`` until the person is added. A name that two people share ("Japarov")
leaves the speaker open too. Said spans never overlap: turns first, then quotations, then the
rest, in text order.

Examples
--------
>>> from geo.model import Evidence, Person, Reference
>>> ref = Evidence(reference=Reference(citation="a test"))
>>> people = PeopleIndex({"zhu": Person(id="zhu", kind="person", name="Zhu Yongbiao",
...                                     role="professor", evidence=ref)})
>>> for a in find_attributions("Q: Why?\\nZhu Yongbiao: Because.\\nIt is so.\\nQ: Sure?", "s", people):
...     print(a.rule, a.speaker, repr(a.name), repr(a.said.quote))
turn None 'Q' 'Why?'
turn zhu 'Zhu Yongbiao' 'Because.'
turn_continued zhu 'Zhu Yongbiao' 'It is so.'
turn None 'Q' 'Sure?'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from geo.dates import sentence_bounds
from geo.link import GazetteerEntry, Linker
from geo.model import Person, SourceMeta, Span
from geo.normalize import normalize
from geo.passages import Passage, split_passages

__all__ = ["MIN_QUOTE", "NOT_SPEAKERS", "Found", "PeopleIndex", "blank_name", "find_attributions"]

MIN_QUOTE = 20
"""Fewest characters between quotation marks for a quotation ("small but beautiful" is a phrase,
not a statement)."""

NOT_SPEAKERS = frozenset(
    {
        "source",
        "sources",
        "photo",
        "photos",
        "file photo",
        "image",
        "video",
        "caption",
        "note",
        "editor's note",
        "editors' note",
        "disclaimer",
        "original link",
        "link",
        "left",
        "right",
        "tags",
        "read more",
        "related",
        "update",
        "correction",
        "источник",
        "фото",
        "来源",
        "來源",
        "编者按",
        "編者按",
        "图",
        "圖",
        "图片",
        "圖片",
        "注",
        "责任编辑",
        "責任編輯",
    }
)
"""Labels before a colon that introduce something other than a speaker's words (normalised)."""

_LATIN_VERBS = (
    r"said|says|told|stated|noted|added|stressed|emphasi[sz]ed|explained|remarked|declared|"
    r"announced|commented|underlined|observed|insisted|asserted|continued|concluded|pointed out|"
    r"dedi|deyib|söyledi|bildirdi|qeyd edib|vurğulayıb|ta['’]kidladi|aytdi"
)
_CYRILLIC_VERBS = (
    r"сказал[аи]?|заявил[аи]?|отметил[аи]?|подчеркнул[аи]?|сообщил[аи]?|добавил[аи]?|"
    r"пояснил[аи]?|рассказал[аи]?|уточнил[аи]?|деді|айтты|мәлімдеді|деди|деген|билдирди|"
    r"маълум қилди|таъкидлади"
)
_CJK_VERBS = r"表示|指出|说道|說道|说|說|介绍说|介紹說|介绍|介紹|强调|強調|称|稱|认为|認為|透露"
_VERB_ALT = rf"(?<![^\W\d_])(?:{_LATIN_VERBS}|{_CYRILLIC_VERBS})(?![^\W\d_])|(?:{_CJK_VERBS})"
_VERB = re.compile(_VERB_ALT, flags=re.IGNORECASE)
# A speech verb right after a name (after spaces, or none in Chinese; after a comma that closes
# an apposition): "Japarov said", "习近平指出", "the President of Kyrgyzstan, Sadyr Japarov, said".
_VERB_AFTER_NAME = re.compile(rf"\s*,?\s*(?:{_VERB_ALT})", flags=re.IGNORECASE)
# After the verb, where it happened rather than what was said: the statement came before the
# name ("…, Tokayev said at the forum", "…, Jeenbekov stated, Trend reports").
_CIRCUMSTANCE = re.compile(
    r"\s*(?:,|(?:at|in|on|during|while|when|after|before|via|citing)\b)", flags=re.IGNORECASE
)
_THAT = re.compile(r"\b(?:that|что)\b", flags=re.IGNORECASE)
# Words that point back to the sentence before: "Kalilov said this today", "Об этом сказал …",
# "Бу ҳақда … маълум қилди" (Uzbek), "Бул тууралуу …" (Kyrgyz), "Бұл туралы …" (Kazakh).
_ANAPHOR_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:об этом|бу ҳақда|бу хақда|bu haqda|бул тууралуу|бұл туралы)(?![^\W\d_])",
    flags=re.IGNORECASE,
)
_ANAPHOR_AFTER = re.compile(r"\s+(?:this|so)\b", flags=re.IGNORECASE)
# What may stand between a speech verb and the statement: "said that", "заявил, что", "表示，".
_BEFORE_STATEMENT = re.compile(r"[\s,，:：]*(?:that\s+|что\s+)?", flags=re.IGNORECASE)
_ACCORDING = re.compile(
    r"(?:according to|по словам|по мнению|по данным)\s+(?P<who>[^,，]{2,80}?)\s*[,，]\s*"
    r"|据(?P<zh>[^，,。]{2,40}?)(?:介绍|介紹|表示|称|稱)\s*[，,]\s*",
    flags=re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*(?P<label>[^:：\n]{1,60}?)\s*[:：]\s*(?=\S)")
_LABEL_PUNCTUATION = re.compile(r"[.,;!?\"“”«»„()\[\]0-9/]")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)\]]*\s*$")
_OPENING = {"“": "”", "«": "»", "„": "“”", '"': '"', "「": "」", "『": "』"}
_CLOSING = '”»“"」』'
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_NOT_A_NAME = frozenset(
    "the a an he she they it this that we i our his her their its mr mrs ms dr "
    "president minister prime deputy chairman chairwoman director head chief official "
    "он она они это".split()
)
_CJK_ROLE_NAME = re.compile(
    r"(?:主任|经理|經理|部长|部長|总统|總統|主席|总理|總理|局长|局長|院长|院長|教授|研究员|研究員|"
    r"专家|專家|大使|书记|書記|董事长|董事長|总裁|總裁|司长|司長|处长|處長|负责人|負責人|代表)"
    r"(?P<name>[\u4e00-\u9fff·]{2,8}?)(?:向记者|向記者)?(?=" + _CJK_VERBS + ")"
)


@dataclass(frozen=True)
class Found:
    """Words of a text attributed to a speaker: the people.json id (None when the name is not
    there, or names two people), the name as the text writes it, the rule, what was said and
    where the text says who said it."""

    speaker: str | None
    name: str
    rule: str
    said: Span
    cue: Span


def blank_name(text: str) -> bool:
    """Whether a name is nothing once normalised (spaces, dashes and quotes alone)."""
    return not normalize(text)[0].strip(" -'\"")


class PeopleIndex:
    """The people and organisations of ``people.json``, ready to be found in a text (a blank
    name, which the validator reports, is left out)."""

    def __init__(self, people: Mapping[str, Person]):
        self.people = dict(people)
        self.linker = Linker(
            GazetteerEntry(pid, None, text, lang)
            for pid, p in self.people.items()
            for lang, text in p.names()
            if not blank_name(text)
        )

    def named_in(self, text: str) -> list[str]:
        """The ids of the people ``text`` names, in order of first mention."""
        return list(dict.fromkeys(m.feature for m in self.linker.link(text)))

    def names(self, person_id: str, text: str) -> bool:
        """Whether ``text`` names ``person_id``."""
        return person_id in self.named_in(text)


def _span(p: Passage, sid: str, start: int, end: int, trailing: str = "") -> Span:
    """The span ``start:end`` of passage ``p`` without white space around it (nor the
    ``trailing`` characters at its end: the comma that closes a quotation)."""
    while start < end and p.text[start].isspace():
        start += 1
    while end > start and (p.text[end - 1].isspace() or p.text[end - 1] in trailing):
        end -= 1
    return Span(source=sid, passage=p.index, start=start, end=end, quote=p.text[start:end])


def _norm(text: str) -> str:
    return normalize(text)[0].strip()


def _name_like(label: str) -> bool:
    words = label.split()
    return (
        0 < len(words) <= 4
        and not _LABEL_PUNCTUATION.search(label)
        and all(w[0].isupper() for w in words if w[0].isalpha())
        and label[0].isalpha()
    )


@dataclass(frozen=True)
class _Context:
    source: str
    people: PeopleIndex
    interviewer: str | None  # the interviewer's name, as the metadata gives it
    interviewer_ids: tuple[str, ...]  # people.json ids the interviewer's name resolves to
    publisher_labels: frozenset[str]  # normalised labels that name the publication


def _context(text: str, sid: str, people: PeopleIndex, meta: SourceMeta | None) -> _Context:
    interviewer = meta.interviewer if meta else None
    ids = tuple(people.named_in(interviewer)) if interviewer else ()
    labels: set[str] = set()
    if meta is not None:
        base = meta.publisher.split(" (")[0].strip()
        labels |= {_norm(meta.publisher), _norm(base)}
        # An abbreviation the text defines: "Global Times (GT)".
        for m in re.finditer(re.escape(base) + r"\s*\(([^()]{1,12})\)", text):
            labels.add(_norm(m.group(1)))
        for pid in ids:
            org = people.people[pid].organisation
            if org in people.people:
                labels |= {_norm(t) for _lang, t in people.people[org].names()}
    return _Context(sid, people, interviewer, ids, frozenset(labels))


def _turn_speaker(label: str, ctx: _Context, repeated: bool) -> tuple[str | None, str, str] | None:
    """(speaker id, name, rule) for a turn label, or None when the label is not a speaker."""
    norm = _norm(label)
    if norm in NOT_SPEAKERS or not norm or _VERB.search(label):
        return None  # "Source:", or "Japarov said:" (a quotation follows, not a turn)
    if norm in ctx.publisher_labels or (ctx.interviewer and norm == _norm(ctx.interviewer)):
        speaker = ctx.interviewer_ids[0] if len(ctx.interviewer_ids) == 1 else None
        return speaker, ctx.interviewer or label, "interviewer_turn"
    named = ctx.people.named_in(label)
    if named:
        return (named[0] if len(named) == 1 else None), label, "turn"
    if repeated and _name_like(label):
        return None, label, "turn"
    return None


def _turns(passages: list[Passage], ctx: _Context, publisher: str | None) -> list[Found]:
    labels = {p.index: m for p in passages if (m := _LABEL.match(p.text))}
    counts = Counter(_norm(m.group("label")) for m in labels.values())
    found: list[Found] = []
    current: tuple[str | None, str, Span] | None = None  # speaker, name, cue of the open turn
    for p in passages:
        m = labels.get(p.index)
        if m is not None:
            label = m.group("label")
            who = _turn_speaker(label, ctx, counts[_norm(label)] > 1)
            if who is None:
                current = None
                continue
            speaker, name, rule = who
            cue = _span(p, ctx.source, m.start("label"), m.end("label"))
            found.append(
                Found(speaker, name, rule, _span(p, ctx.source, m.end(), len(p.text)), cue)
            )
            current = (speaker, name, cue)
            continue
        ends_sentence = _SENTENCE_END.search(p.text)
        editorial = publisher and _norm(publisher) in _norm(p.text)
        if current is None or not ends_sentence or editorial:
            current = None
            continue
        speaker, name, cue = current
        found.append(
            Found(speaker, name, "turn_continued", _span(p, ctx.source, 0, len(p.text)), cue)
        )
    return found


def _closing(text: str, start: int) -> int | None:
    """Where the quotation opened at ``start`` closes; a nested quotation of the same marks
    («…«…»…») is skipped."""
    opener, closers = text[start], _OPENING[text[start]]
    depth = 0
    for i in range(start + 1, len(text)):
        if text[i] in closers and (depth == 0 or opener in closers):
            return i
        if text[i] in closers:
            depth -= 1
        elif text[i] == opener:
            depth += 1
    return None


def _quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each quotation of a passage, outer marks excluded."""
    out: list[tuple[int, int]] = []
    first_close = next((i for i, c in enumerate(text) if c in _CLOSING), None)
    first_open = next((i for i, c in enumerate(text) if c in _OPENING), None)
    if first_close is not None and text[first_close] != '"':
        # An excerpt may begin inside a quotation: its start is the passage's start.
        if first_open is None or first_open > first_close:
            out.append((0, first_close))
    pos = 0
    while True:
        start = next((i for i in range(pos, len(text)) if text[i] in _OPENING), None)
        if start is None:
            break
        end = _closing(text, start)
        if end is None:
            break
        out.append((start + 1, end))
        pos = end + 1
    return [(s, e) for s, e in out if len(text[s:e].strip()) >= MIN_QUOTE]


def _who(text: str, start: int, end: int, ctx: _Context, known_only: bool):
    """The person named in ``text[start:end]``: (speaker id or None, name, name start, name
    end), or None. Someone of people.json first; else a Chinese name after a role word
    ("副主任楊俊勇"), else the first run of capitalised words ("Liu Yanong")."""
    mentions = ctx.people.linker.link(text[start:end])
    if mentions:
        first = mentions[0]
        ids = {m.feature for m in mentions if (m.start, m.end) == (first.start, first.end)}
        speaker = ids.pop() if len(ids) == 1 else None
        return speaker, first.text, start + first.start, start + first.end
    if known_only:
        return None
    cjk = _CJK_ROLE_NAME.search(text, start, end)
    if cjk:
        return None, cjk.group("name"), cjk.start("name"), cjk.end("name")
    run: list[re.Match] = []
    for w in _NAME_WORD.finditer(text, start, end):
        capital = w.group()[0].isupper() and w.group().lower().strip(".") not in _NOT_A_NAME
        if capital and (not run or not text[run[-1].end() : w.start()].strip()):
            run.append(w)
        elif run:
            break
    if not run or len(run) > 4:
        return None
    end = run[-1].end()
    if text[end - 1] == "." and len(run[-1].group()) > 2:  # a full stop, not an initial's
        end -= 1
    return None, text[run[0].start() : end], run[0].start(), end


def _cue(p: Passage, sid: str, name: tuple[int, int], verb: tuple[int, int]) -> Span:
    """The words that say who spoke: the name and the verb together when they are close."""
    lo, hi = min(name[0], verb[0]), max(name[1], verb[1])
    return _span(p, sid, lo, hi) if hi - lo <= 60 else _span(p, sid, *name)


def _quoted(p: Passage, ctx: _Context) -> list[Found]:
    text, found = p.text, []
    for q_start, q_end in _quotations(text):
        said = _span(p, ctx.source, q_start, q_end, trailing=",，")
        # After the quotation, in its sentence: a speech verb and a name.
        _lo, hi = sentence_bounds(text, q_end, min(q_end + 1, len(text)))
        tail_end = min(hi, q_end + 160)
        verb = _VERB.search(text, q_end, tail_end)
        who = _who(text, q_end + 1, tail_end, ctx, known_only=False) if verb else None
        if verb and who and who[2] - q_end <= 80:
            cue = _cue(p, ctx.source, (who[2], who[3]), verb.span())
            found.append(Found(who[0], who[1], "quote_said", said, cue))
            continue
        # Before it, in its sentence: a name and a speech verb, then a colon or a comma.
        if not re.search(r"[:：,，]\s*$", text[max(0, q_start - 4) : q_start - 1]):
            continue
        lo, _hi = sentence_bounds(text, q_start - 1, q_start)
        verbs = list(_VERB.finditer(text, lo, q_start))
        who = _who(text, lo, verbs[-1].start(), ctx, known_only=False) if verbs else None
        if who:
            cue = _cue(p, ctx.source, (who[2], who[3]), verbs[-1].span())
            found.append(Found(who[0], who[1], "said_quote", said, cue))
    return found


def _reported(p: Passage, ctx: _Context) -> list[Found]:
    text, found = p.text, []
    for m in _ACCORDING.finditer(text):
        group = "who" if m.group("who") else "zh"
        who = _who(text, m.start(group), m.end(group), ctx, known_only=group == "zh")
        if who is None:
            continue
        _lo, hi = sentence_bounds(text, m.end(), m.end() + 1)
        cue = _span(p, ctx.source, m.start(), m.end(group))
        said = _span(p, ctx.source, m.end(), hi)
        found.append(Found(who[0], who[1], "according_to", said, cue))
    for person in ctx.people.linker.link(text):
        verb = _VERB_AFTER_NAME.match(text, person.end)
        if not verb or (
            # "…, Avaz Kamalov, chief representative of Uzbekistan Railway JSC, said": the
            # apposition names the speaker's organisation, not the speaker.
            text[person.end : verb.start() + 2].lstrip().startswith(",")
            and ctx.people.people[person.feature].kind == "organisation"
        ):
            continue
        lo, hi = sentence_bounds(text, person.start, verb.end())
        statement = _BEFORE_STATEMENT.match(text, verb.end()).end()
        ends = _SENTENCE_END.match(text[statement:hi].strip() or ".") and statement >= hi - 2
        circumstance = _CIRCUMSTANCE.match(text, verb.end()) and not _THAT.search(
            text, verb.end(), hi
        )
        if _ANAPHOR_BEFORE.search(text, lo, person.start) or _ANAPHOR_AFTER.match(text, verb.end()):
            # "X said this today": what was said is the sentence before, in this passage.
            before = text[:lo].rstrip()
            if not before:
                continue
            last = len(before) - 1  # the sentence's last character: its full stop
            said = _span(p, ctx.source, *sentence_bounds(text, last, last))
        elif (ends or circumstance) and (comma := _comma_before(text, lo, person.start)):
            # "…, X said." — the statement comes first, up to the comma before the name.
            said = _span(p, ctx.source, lo, comma)
        elif ends:
            continue
        else:
            said = _span(p, ctx.source, statement, hi)
        ids = {x.feature for x in ctx.people.linker.link(text[person.start : person.end])}
        speaker = ids.pop() if len(ids) == 1 else None
        cue = _span(p, ctx.source, person.start, verb.end())
        found.append(Found(speaker, person.text, "reported_speech", said, cue))
    return found


def _comma_before(text: str, lo: int, name_start: int) -> int | None:
    """The comma that ends a statement before ``…, [role] Name said``: the last one before the
    name, or the one before that when the name is an apposition ("…, the President of
    Kyrgyzstan, Sadyr Japarov, said")."""

    def last_comma(end: int) -> int:
        return max(text.rfind(",", lo, end), text.rfind("，", lo, end))

    comma = last_comma(name_start)
    if comma > lo and not text[comma + 1 : name_start].strip():
        comma = last_comma(comma)
    return comma if comma > lo else None


def find_attributions(
    text: str, source_id: str, people: PeopleIndex, meta: SourceMeta | None = None
) -> list[Found]:
    """Everything in ``text`` that the rules attribute to a speaker, in text order.

    Parameters
    ----------
    text : the source, verbatim.
    source_id : its id, used in every span.
    people : the atlas's people (:class:`PeopleIndex`).
    meta : the source's metadata: its ``interviewer`` and ``publisher`` name the interviewer's
        turns. Without it, a publication's label is read like any other.
    """
    passages = split_passages(text, source_id)
    ctx = _context(text, source_id, people, meta)
    found = _turns(passages, ctx, meta.publisher.split(" (")[0] if meta else None)
    in_turns = {f.said.passage for f in found}
    for p in passages:
        if p.index in in_turns:
            continue
        taken: list[tuple[int, int]] = []
        for f in [*_quoted(p, ctx), *_reported(p, ctx)]:
            if any(f.said.start < e and s < f.said.end for s, e in taken):
                continue
            taken.append((f.said.start, f.said.end))
            found.append(f)
    return sorted(found, key=lambda f: (f.said.passage, f.said.start))

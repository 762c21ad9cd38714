"""Check ``sources/``: each text has its metadata beside it, is UTF-8 and is still the text its id
was made from; and check an evidence span against the passage it cites."""

from __future__ import annotations

import hashlib
from pathlib import Path

from geo.model import SourceMeta, Span
from geo.passages import split_passages
from geo.reading import FileRefused, read_regular, unreadable
from geo.validate.checked import (
    SOURCES,
    CheckedData,
    RawSource,
    check_model,
    date_problem,
    decode_utf8,
    read_json,
    rel,
)


def check_sources(checked: CheckedData) -> None:
    folder = checked.data_dir / SOURCES
    if not folder.is_dir():
        checked.problem(rel(checked.data_dir, folder), "-", "folder is missing")
        checked.sources_missing = True
        return
    texts = {p.stem: p for p in folder.glob("*.txt")}
    metas = {p.stem: p for p in folder.glob("*.json")}
    checked.rejected_sources.update(texts.keys() | metas.keys())
    for stem in sorted(set(texts) - set(metas)):
        checked.problem(rel(checked.data_dir, texts[stem]), stem, "has no metadata file beside it")
    for stem in sorted(set(metas) - set(texts)):
        checked.problem(rel(checked.data_dir, metas[stem]), stem, "has no text file beside it")
    for stem in sorted(set(texts) & set(metas)):
        source = _check_source(checked, texts[stem], metas[stem])
        if source is not None:
            checked.sources[stem] = source
            checked.rejected_sources.discard(stem)


def _check_source(checked: CheckedData, text_path: Path, meta_path: Path) -> RawSource | None:
    stem = text_path.stem
    mname = rel(checked.data_dir, meta_path)
    data = read_json(checked, meta_path)
    if data is None:
        return None
    meta = check_model(checked, SourceMeta, data, mname, stem)
    if meta is None:
        return None
    if meta.id != stem:
        checked.problem(mname, stem, f"id {meta.id!r} does not match its file name {stem!r}")
        return None
    bad_date = date_problem(meta.published)
    if bad_date:
        checked.problem(mname, stem, f"published: {bad_date}")
        return None
    tname = rel(checked.data_dir, text_path)
    try:
        raw = read_regular(text_path)
    except (OSError, FileRefused) as e:
        checked.problem(tname, stem, unreadable(e))
        return None
    text = decode_utf8(checked, tname, stem, raw)
    if text is None:
        return None
    digest = hashlib.sha256(raw).hexdigest()[:16]
    if digest != stem:
        checked.problem(
            tname,
            stem,
            f"text does not match its id (its SHA-256 begins {digest}): it was changed after "
            "import; restore the original text, or import the new text as a new source",
        )
        return None
    return RawSource(meta, text, split_passages(text, stem))


def check_span(checked: CheckedData, file: str, id_: str, span: Span, what: str) -> None:
    """Record a problem unless ``span.quote`` is exactly the cited passage's text at
    ``span.start:span.end``; the message says where the quote is, if it is in the passage."""
    src = checked.sources.get(span.source)
    if src is None and (checked.sources_missing or span.source in checked.rejected_sources):
        return  # the source's own problem is reported
    if src is None:
        checked.problem(file, id_, f"{what}: source {span.source!r} does not exist")
        return
    if span.passage >= len(src.passages):
        checked.problem(
            file,
            id_,
            f"{what}: passage {span.passage} does not exist "
            f"(source {span.source!r} has {len(src.passages)} passages)",
        )
        return
    text = src.passages[span.passage].text
    found = text[span.start : span.end]
    if found != span.quote:
        hint = text.find(span.quote)
        where = (
            f"; the quote is at {hint}..{hint + len(span.quote)}"
            if hint >= 0
            else "; the quote is nowhere in that passage"
        )
        checked.problem(
            file,
            id_,
            f"{what}: passage text at {span.start}..{span.end} is {_shown(found)}, "
            f"not the quote {_shown(span.quote)}{where}",
        )


def _shown(text: str, limit: int = 80) -> str:
    """``text`` as a problem shows it: quoted, its middle cut when it is long (a said span may
    be a whole paragraph).

    >>> _shown("a" * 50 + "b" * 50)
    "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa … bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'"
    """
    if len(text) <= limit:
        return repr(text)
    half = limit // 2
    return repr(f"{text[:half]} … {text[-half:]}")

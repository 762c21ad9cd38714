"""The metadata of a new source, checked as ``geo validate`` would check it.

>>> meta, text = prepare_source("The Middle Corridor grew.", title="T", publisher="P",
...                             published="2025-03", lang="en")
>>> meta.id, meta.published_precision
('69638ba46b464c3d', 'month')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from pydantic import ValidationError

from geo.ingest.files import source_id
from geo.model import DATE_RE, SourceMeta

DEFAULT_RIGHTS = (
    "Quoted for reference and research with attribution; copyright stays with the publisher."
)
DEFAULT_PUBLISHED_EVIDENCE = "Given when the text was ingested (front matter or command line)."
_LANG = re.compile(r"^[a-z]{2,3}$")


def prepare_source(
    text: str,
    *,
    title: str,
    publisher: str,
    published: str,
    url: str | None = None,
    lang: str,
    authors: Iterable[str] = (),
    interviewer: str | None = None,
    rights: str = DEFAULT_RIGHTS,
    published_evidence: str = DEFAULT_PUBLISHED_EVIDENCE,
    title_supplied: bool = False,
    translated_from: str | None = None,
    notes: str | None = None,
) -> tuple[SourceMeta, str]:
    """The metadata of a new source and its text, checked as ``geo validate`` would check them.

    The text is kept verbatim; its id is :func:`source_id` of it. ``published`` is ``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD`` and sets ``published_precision``.

    Raises
    ------
    ValueError
        With every problem named: an empty text, a missing or malformed field, an impossible date.
    """
    problems = []
    if not isinstance(text, str) or not text.strip():
        problems.append("the text is empty")
    for name, value in (("title", title), ("publisher", publisher), ("published", published)):
        if not value or not str(value).strip():
            problems.append(f"{name} is missing")
    lang = (lang or "").strip().lower()
    if not _LANG.match(lang):
        problems.append(f"lang {lang!r} is not a two- or three-letter language code (en, zh, ru…)")
    published = str(published or "").strip()
    if published and not DATE_RE.match(published):
        problems.append(f"published {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    elif published:
        bits = [int(b) for b in published.split("-")]
        try:
            dt.date(bits[0], bits[1] if len(bits) > 1 else 1, bits[2] if len(bits) > 2 else 1)
        except ValueError as e:
            problems.append(f"published {published!r} is impossible: {e}")
    if problems:
        raise ValueError("; ".join(problems))
    precision = {1: "year", 2: "month", 3: "day"}[len(published.split("-"))]
    try:
        meta = SourceMeta(
            id=source_id(text),
            title=title.strip(),
            title_supplied=title_supplied,
            publisher=publisher.strip(),
            authors=tuple(a.strip() for a in authors if a and a.strip()),
            interviewer=interviewer or None,
            published=published,
            published_precision=precision,
            published_evidence=published_evidence,
            url=url or None,
            language=lang,
            translated_from=translated_from or None,
            rights=rights,
            notes=notes or None,
        )
    except ValidationError as err:
        msgs = [
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
            for e in err.errors()
        ]
        raise ValueError("; ".join(msgs)) from None
    return meta, text

"""The ``---`` header an article file may start with: its metadata as ``key: value`` lines.

The command-line options fill in what the header leaves out, so a folder of articles can share
``--publisher`` or ``--lang`` (see ``docs/ingest.md``). An unknown key is an error: a typo would
otherwise lose metadata.
"""

from __future__ import annotations

import re
from typing import Any

# Front-matter keys and the prepare_source() argument each one fills.
FRONT_MATTER_KEYS = {
    "title": "title",
    "publisher": "publisher",
    "published": "published",
    "url": "url",
    "lang": "lang",
    "language": "lang",
    "authors": "authors",
    "author": "authors",
    "interviewer": "interviewer",
    "rights": "rights",
    "notes": "notes",
    "translated_from": "translated_from",
    "title_supplied": "title_supplied",
    "published_evidence": "published_evidence",
}
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s+(?P<value>.*?))?\s*$")
_LIST_ITEM = re.compile(r"^\s+-\s+(?P<value>.*?)\s*$")


def _scalar(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _list(value: str) -> list[str]:
    if value.startswith("[") and value.endswith("]"):
        return [_scalar(v.strip()) for v in value[1:-1].split(",") if v.strip()]
    return [_scalar(v.strip()) for v in value.split(";") if v.strip()]


def parse_front_matter(raw: str, where: str = "text") -> tuple[dict[str, Any], str]:
    """Split a ``---``-delimited ``key: value`` header off the top of ``raw``.

    The header is a small subset of YAML: one ``key: value`` per line, values optionally quoted,
    lists written ``[a, b]``, ``a; b`` or as ``- item`` lines under an empty key, ``#`` comments.
    It ends at a line ``---`` (or ``...``); the line break after it is not part of the text.
    A text that does not start with a ``---`` line has no front matter and is returned whole.

    Returns
    -------
    (fields, text)
        ``fields`` keyed by :func:`prepare_source` argument names (``language`` becomes
        ``lang``, ``author`` becomes ``authors``); ``authors`` is a list, ``title_supplied`` a bool.

    Raises
    ------
    ValueError
        For an unclosed header, a line that is not ``key: value`` or an unknown key; the message
        names ``where`` and the line.

    Examples
    --------
    >>> parse_front_matter("---\\ntitle: 'A: B'\\nauthors: [X, Y]\\n---\\nBody\\n")
    ({'title': 'A: B', 'authors': ['X', 'Y']}, 'Body\\n')
    """
    lines = raw.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        return {}, raw
    fields: dict[str, Any] = {}
    list_key: str | None = None
    for n, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        if line.strip() in ("---", "..."):
            return fields, "\n".join(lines[n:])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LIST_ITEM.match(line)
        if item and list_key is not None:
            fields[list_key].append(_scalar(item["value"]))
            continue
        m = _KEY_LINE.match(line)
        if m is None:
            raise ValueError(
                f"{where}: front matter line {n} is not 'key: value': {line!r} "
                "(is the closing '---' missing?)"
            )
        key = m["key"].lower().replace("-", "_")
        if key not in FRONT_MATTER_KEYS:
            known = ", ".join(sorted(FRONT_MATTER_KEYS))
            raise ValueError(f"{where}: front matter line {n}: unknown key {key!r}; known: {known}")
        name, value = FRONT_MATTER_KEYS[key], m["value"] or ""
        list_key = None
        if name == "authors":
            fields[name] = _list(value)
            list_key = None if value else name
        elif name == "title_supplied":
            if value.lower() not in ("true", "false", "yes", "no"):
                raise ValueError(
                    f"{where}: front matter line {n}: title_supplied must be true/false"
                )
            fields[name] = value.lower() in ("true", "yes")
        elif value:
            fields[name] = _scalar(value)
    raise ValueError(f"{where}: front matter opened on line 1 is never closed with '---'")

"""Render source text as safe HTML, with spans marked: escaping, the display of invisible
characters and span marking are written here once, for every page.

- :func:`safe_text` escapes every character for HTML and shows control characters and
  bidirectional overrides as visible escapes (``⟦U+202E RIGHT-TO-LEFT OVERRIDE⟧``), so a hostile
  text can neither add markup nor reorder or hide what a reader sees.
- :func:`mark_spans` is the one span-marking renderer: the text through :func:`safe_text`, each
  :class:`Mark` as a ``<mark>`` (with its tooltip, link and superscript label). The Sources page
  (:func:`geo.sources.annotated_passages`), the "Try an article" preview
  (:func:`geo.preview.marked_passages`) and every highlighted passage (:func:`highlight_html`)
  are drawn by it; the only tags in its output are the ones it adds.
- :func:`safe_url` and :func:`safe_href` let through only links that cannot run script.
- :func:`markdown_literal` is for the few Streamlit elements that take Markdown, not HTML.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "Mark",
    "highlight_html",
    "mark_spans",
    "markdown_literal",
    "merge_spans",
    "safe_href",
    "safe_text",
    "safe_url",
]

# Bidi controls (embeddings, overrides, isolates) and other invisible format characters.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HTTP_URL = re.compile(r"^https?://[^\s<>\"']+$", flags=re.IGNORECASE)
# A link within the app: a path ("./", "../", "/" but not "//host"), a query or a fragment.
_RELATIVE_URL = re.compile(r"^(?:\./|\.\./|/(?!/)|\?|#)[^\s<>\"']*$")


def _visible(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"\u27e6U+{ord(ch):04X}{(' ' + name) if name else ''}\u27e7"


def _show_invisible(text: str) -> str:
    """``text`` with control and bidi-override characters replaced by visible escapes."""
    text = _INVISIBLE.sub(lambda m: _visible(m.group()), text)
    return _CONTROL.sub(lambda m: _visible(m.group()), text)


def safe_text(text: str) -> str:
    """``text`` escaped for HTML, with control and bidi-override characters made visible.

    Safe both between tags and inside a double-quoted attribute.

    >>> safe_text('<b onclick="x()">A\u202eB</b>')
    '&lt;b onclick=&quot;x()&quot;&gt;A⟦U+202E RIGHT-TO-LEFT OVERRIDE⟧B&lt;/b&gt;'
    """
    return html.escape(_show_invisible(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) address, else None (never a ``javascript:`` link).

    >>> safe_url(" https://example.org/a?b=c "), safe_url("javascript:alert(1)")
    ('https://example.org/a?b=c', None)
    """
    if not url:
        return None
    u = url.strip()
    if _HTTP_URL.match(u) and not (_CONTROL.search(u) or _INVISIBLE.search(u)):
        return u
    return None


def safe_href(href: str | None) -> str | None:
    """``href`` if it is a plain http(s) address (:func:`safe_url`) or a link within the app
    (``./?sel=horgos``, ``/About``, ``?q=x``, ``#top``), else None.

    >>> safe_href("./?sel=horgos"), safe_href("//evil.example"), safe_href("JavaScript:x")
    ('./?sel=horgos', None, None)
    """
    if not href:
        return None
    if _RELATIVE_URL.match(href) and not (_CONTROL.search(href) or _INVISIBLE.search(href)):
        return href
    return safe_url(href)


@dataclass(frozen=True)
class Mark:
    """``text[start:end]`` drawn as ``<mark class="css_class">``.

    ``title`` is its tooltip; ``href`` makes it a link (only if :func:`safe_href` accepts it:
    a link within the app opens in the same tab, an http(s) address in a new one); ``label`` is
    written after it in superscript (a candidate id).
    """

    start: int
    end: int
    css_class: str = "mention"
    title: str | None = None
    href: str | None = None
    label: str | None = None


def _mark_html(mark: Mark, inner: str) -> str:
    title = "" if mark.title is None else f' title="{safe_text(mark.title)}"'
    href = safe_href(mark.href)
    if href is None:
        out = f'<mark class="{safe_text(mark.css_class)}"{title}>{inner}</mark>'
    else:
        target = (
            'target="_self"'
            if _RELATIVE_URL.match(href)
            else 'target="_blank" rel="noopener noreferrer"'
        )
        out = (
            f'<a href="{safe_text(href)}" {target}{title}>'
            f'<mark class="{safe_text(mark.css_class)}">{inner}</mark></a>'
        )
    if mark.label is not None:
        out += f"<sup>{safe_text(mark.label)}</sup>"
    return out


def mark_spans(text: str, marks: Iterable[Mark]) -> str:
    """``text`` as safe HTML with each mark drawn; every character goes through :func:`safe_text`.

    The rule for marks, whatever the caller passes:

    - offsets are clamped into the text (``-3`` is 0, past the end is the end); a mark that is
      then empty (``end <= start``) is left out;
    - marks are drawn in order of ``start``; marks that start at the same place keep the order
      given, so a caller puts first the one that should win;
    - a mark that starts inside one already drawn is left out whole: marks never nest or
      overlap, the earlier one keeps its characters (callers that want the union of overlapping
      spans merge them first, see :func:`highlight_html`);
    - adjacent marks (one ends where the next starts) are both drawn.

    Examples
    --------
    >>> mark_spans("a <b> c", [Mark(2, 5, "hit", title='say "hi"')])
    'a <mark class="hit" title="say &quot;hi&quot;">&lt;b&gt;</mark> c'
    >>> mark_spans("Horgos port", [Mark(0, 6, href="./?sel=horgos", label="m1"), Mark(3, 11)])
    '<a href="./?sel=horgos" target="_self"><mark class="mention">Horgos</mark></a><sup>m1</sup> port'
    """
    n = len(text)
    clamped = [(min(max(m.start, 0), n), min(max(m.end, 0), n), m) for m in marks]
    out: list[str] = []
    pos = 0
    for start, end, mark in sorted(clamped, key=lambda c: c[0]):
        if end <= start or start < pos:
            continue
        out.append(safe_text(text[pos:start]))
        out.append(_mark_html(mark, safe_text(text[start:end])))
        pos = end
    out.append(safe_text(text[pos:]))
    return "".join(out)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same characters (touching spans join).

    >>> merge_spans([(5, 8), (0, 2), (1, 3), (8, 9)])
    [(0, 3), (5, 9)]
    """
    out: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def highlight_html(text: str, spans: list[tuple[int, int]], css_class: str = "mention") -> str:
    """``text`` as escaped HTML with the union of the spans wrapped in ``<mark class=css_class>``
    (overlapping and touching spans become one mark).

    >>> highlight_html("a <b> c", [(2, 5)])
    'a <mark class="mention">&lt;b&gt;</mark> c'
    """
    return mark_spans(text, [Mark(s, e, css_class) for s, e in merge_spans(spans)])


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")


def markdown_literal(text: str) -> str:
    """``text`` with every Markdown-special character backslash-escaped, for the few Streamlit
    elements that only take Markdown (button labels, notices), so that it shows as written.

    >>> markdown_literal("[x](javascript:alert(1))")
    '\\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
    """
    return _MD_SPECIAL.sub(r"\\\1", _show_invisible(text))

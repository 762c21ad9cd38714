"""Render source text as safe HTML with spans highlighted.

Every character of source text goes through :func:`html.escape`; only the ``<mark>`` tags we add
are markup. Control characters and bidirectional overrides are shown as visible escapes so a
hostile text cannot reorder or hide what a reader sees.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Bidi controls (embeddings, overrides, isolates) and other invisible format characters.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _visible(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"\u27e6U+{ord(ch):04X}{(' ' + name) if name else ''}\u27e7"


def safe_text(text: str) -> str:
    """``text`` escaped for HTML, with control and bidi-override characters made visible.

    >>> safe_text('<b onclick="x()">A\u202eB</b>')
    '&lt;b onclick=&quot;x()&quot;&gt;A⟦U+202E RIGHT-TO-LEFT OVERRIDE⟧B&lt;/b&gt;'
    """
    text = _INVISIBLE.sub(lambda m: _visible(m.group()), text)
    text = _CONTROL.sub(lambda m: _visible(m.group()), text)
    return html.escape(text, quote=True)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same characters.

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
    """``text`` as escaped HTML with each span wrapped in ``<mark class=css_class>``.

    >>> highlight_html("a <b> c", [(2, 5)])
    'a <mark class="mention">&lt;b&gt;</mark> c'
    """
    out: list[str] = []
    pos = 0
    cls = html.escape(css_class, quote=True)
    for start, end in merge_spans([(max(0, s), min(len(text), e)) for s, e in spans]):
        out.append(safe_text(text[pos:start]))
        out.append(f'<mark class="{cls}">{safe_text(text[start:end])}</mark>')
        pos = end
    out.append(safe_text(text[pos:]))
    return "".join(out)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) address, else None (never a ``javascript:`` link)."""
    if not url:
        return None
    u = url.strip()
    if re.match(r"^https?://[^\s<>\"']+$", u, flags=re.IGNORECASE):
        return u
    return None


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")


def markdown_literal(text: str) -> str:
    """``text`` with every Markdown-special character backslash-escaped, for the few Streamlit
    elements that only take Markdown (button labels, notices), so that it shows as written.

    >>> markdown_literal("[x](javascript:alert(1))")
    '\\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
    """
    text = _INVISIBLE.sub(lambda m: _visible(m.group()), text)
    text = _CONTROL.sub(lambda m: _visible(m.group()), text)
    return _MD_SPECIAL.sub(r"\\\1", text)

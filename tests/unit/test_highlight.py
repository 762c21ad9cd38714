import pytest

from geo.highlight import highlight_html, markdown_literal, merge_spans, safe_text, safe_url

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "\u202egnp.exe",
    "a\x00b\x1bc",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_text_leaves_no_markup_or_invisible_controls(text):
    out = safe_text(text)
    assert "<" not in out and ">" not in out
    assert "\u202e" not in out and "\x00" not in out and "\x1b" not in out


def test_highlight_wraps_spans_and_escapes_inside_and_out():
    out = highlight_html("x <b>Horgos</b> y", [(5, 11)])
    assert out == 'x &lt;b&gt;<mark class="mention">Horgos</mark>&lt;/b&gt; y'


def test_highlight_merges_overlaps_and_clamps():
    assert merge_spans([(3, 5), (0, 4), (7, 7)]) == [(0, 5)]
    assert highlight_html("abc", [(-2, 1), (2, 99)]) == (
        '<mark class="mention">a</mark>b<mark class="mention">c</mark>'
    )


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.toutiao.com/article/1/", True),
        ("http://example.org/a?b=c", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ('https://x.org/"onmouseover="alert(1)', False),
        ("data:text/html,<script>", False),
        (None, False),
    ],
)
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_markdown_literal_escapes_link_syntax():
    out = markdown_literal("[x](javascript:alert(1)) *b* <i>")
    assert "](" not in out and "\\[" in out and "\\*" in out and "\\<" in out

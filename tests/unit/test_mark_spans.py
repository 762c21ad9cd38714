"""The one span-marking renderer, geo.highlight.mark_spans, on tiny inputs: how marks combine,
offsets at and beyond the text's ends, and hostile text, titles, labels and links."""

from html.parser import HTMLParser

import pytest

from geo.highlight import Mark, mark_spans, safe_href, safe_text

M = '<mark class="mention">'


class _Parsed(HTMLParser):
    """The tags, attributes and visible text of a rendered fragment."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def test_no_marks_is_the_safe_text():
    assert mark_spans("a <b> & c", []) == safe_text("a <b> & c")


def test_a_mark_with_a_title_and_a_label():
    out = mark_spans("on June 6", [Mark(3, 9, "hit", title="2024-06-06 (day)", label="e1")])
    assert out == 'on <mark class="hit" title="2024-06-06 (day)">June 6</mark><sup>e1</sup>'


def test_adjacent_marks_are_both_drawn():
    assert mark_spans("abcd", [Mark(2, 4), Mark(0, 2)]) == f"{M}ab</mark>{M}cd</mark>"


def test_a_mark_inside_another_is_left_out():
    assert mark_spans("abcdef", [Mark(0, 6), Mark(2, 4, "hit")]) == f"{M}abcdef</mark>"


def test_of_two_overlapping_marks_the_one_that_starts_first_is_drawn():
    assert mark_spans("abcdef", [Mark(2, 6, "hit"), Mark(0, 3)]) == f"{M}abc</mark>def"


def test_marks_starting_together_keep_the_order_given():
    first_mention = mark_spans("June 6", [Mark(0, 4), Mark(0, 6, "hit")])
    first_date = mark_spans("June 6", [Mark(0, 6, "hit"), Mark(0, 4)])
    assert first_mention == f"{M}June</mark> 6"
    assert first_date == '<mark class="hit">June 6</mark>'


def test_marks_at_both_ends_of_the_text():
    assert mark_spans("abc", [Mark(0, 1), Mark(2, 3)]) == f"{M}a</mark>b{M}c</mark>"
    assert mark_spans("abc", [Mark(0, 3)]) == f"{M}abc</mark>"


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([Mark(-5, 1)], f"{M}a</mark>bc"),  # clamped at the start
        ([Mark(2, 10**9)], f"ab{M}c</mark>"),  # clamped at the end
        ([Mark(5, 9)], "abc"),  # wholly past the end: empty once clamped
        ([Mark(-9, -1)], "abc"),  # wholly before the start
        ([Mark(2, 1)], "abc"),  # inverted
        ([Mark(1, 1)], "abc"),  # empty
        ([Mark(-5, 1), Mark(0, 2, "hit")], f"{M}a</mark>bc"),  # clamped to 0: drawn first
    ],
)
def test_out_of_range_offsets_are_clamped_or_left_out(marks, expected):
    assert mark_spans("abc", marks) == expected


HOSTILE = '<script>alert(1)</script> "q" \u202eevil\u202c \x00\x1b[31m & </mark></a>'


def test_hostile_text_inside_and_outside_marks_stays_text():
    start = HOSTILE.index("alert")
    out = mark_spans(HOSTILE, [Mark(start, start + 8), Mark(len(HOSTILE) - 11, len(HOSTILE))])
    parsed = _Parsed(out)
    assert [tag for tag, _ in parsed.tags] == ["mark", "mark"]
    assert parsed.text == _Parsed(safe_text(HOSTILE)).text  # every character shown, in order
    assert "\u202e" not in out and "\x00" not in out and "\x1b" not in out
    assert "⟦U+202E RIGHT-TO-LEFT OVERRIDE⟧" in parsed.text


def test_hostile_title_class_and_label_stay_inside_their_attribute_or_tag():
    mark = Mark(
        0,
        1,
        css_class='x" onmouseover="alert(1)',
        title='"><script>alert(2)</script>\u202e',
        label="<img src=x onerror=alert(3)>",
    )
    parsed = _Parsed(mark_spans("a", [mark]))
    assert parsed.tags == [
        (
            "mark",
            {
                "class": 'x" onmouseover="alert(1)',
                "title": '"><script>alert(2)</script>⟦U+202E RIGHT-TO-LEFT OVERRIDE⟧',
            },
        ),
        ("sup", {}),
    ]
    assert parsed.text == "a<img src=x onerror=alert(3)>"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\x01javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/",
        './?sel=a" onclick="alert(1)',
        "./?sel=\u202ea",
        "https://x.org/\u202e",
        "",
    ],
)
def test_a_hostile_href_gives_no_link_but_keeps_the_mark(href):
    out = mark_spans("Horgos", [Mark(0, 6, title="Horgos", href=href)])
    assert out == '<mark class="mention" title="Horgos">Horgos</mark>'
    assert safe_href(href) is None


def test_a_link_within_the_app_opens_in_the_same_tab():
    out = mark_spans("Horgos", [Mark(0, 6, title="Horgos port", href="./?sel=horgos&v=1")])
    assert out == (
        f'<a href="./?sel=horgos&amp;v=1" target="_self" title="Horgos port">{M}Horgos</mark></a>'
    )


def test_an_outside_link_opens_in_a_new_tab_without_an_opener():
    out = mark_spans("x", [Mark(0, 1, href="https://example.org/a", label="1")])
    assert out == (
        '<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">'
        f"{M}x</mark></a><sup>1</sup>"
    )

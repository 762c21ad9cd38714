"""Hostile text and hostile links: shown as written, never interpreted.

A copy of data/ gains a source whose text and metadata carry HTML, JavaScript, Markdown tricks,
a 20,000-character line, control characters and a right-to-left override; an event citing it;
and the Horgos feature gets a hostile name, description and coordinate URL. Every page is run
under AppTest with that copy, and every value Streamlit would render is checked: in HTML
elements the payload is escaped, in Markdown elements it is backslash-escaped, and no
``javascript:`` link survives. ``tests/browser/test_browser_hostile.py`` checks the same copy in Chromium.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import pytest

from geo.highlight import highlight_html, markdown_literal, safe_text, safe_url
from geo.load import load_atlas
from geo.validate import validate
from tests.conftest import DASHBOARD, DATA, PAGES, ROOT, copy_data, page_html, run_app

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
MD_LINK = "[x](javascript:alert(1))"
RTL = "\u202e"
LONG_LINE = "Khorgos " + "W" * 20_000
HOSTILE_LINES = [
    f"On January 2, 2025 a hostile article about the Horgos dry port said: {SCRIPT} {IMG} "
    f"{MD_LINK} **bold** and {RTL}txet desrever\u202c with control characters \x07\x1b[31m\x00.",
    LONG_LINE,
    'A third line closes tags early: </div></mark></a><svg onload=alert(2)> "quotes" & ampersands.',
]
HOSTILE_TEXT = "\n".join(HOSTILE_LINES) + "\n"
HOSTILE_ID = hashlib.sha256(HOSTILE_TEXT.encode("utf-8")).hexdigest()[:16]
HOSTILE_TITLE = f"{SCRIPT} Hostile **title**"
HOSTILE_PUBLISHER = "<img src=x onerror=alert('publisher')> Press"
HOSTILE_NAME = "Horgos <img src=x onerror=alert('name')> port"
HOSTILE_EVENT_TITLE = f"{SCRIPT} {MD_LINK} **event**"
HOSTILE_SCOPE = f"{IMG} **scope**"
HOSTILE_SPEAKER = "<img src=x onerror=alert('speaker')> **Speaker**"
HOSTILE_ROLE = f"{SCRIPT} {MD_LINK} role"
SEARCH_WORD = "hostile"  # only in the hostile source's first passage, which mentions Horgos


def hostile_copy(dest: Path) -> Path:
    """A valid copy of data/ at ``dest / "data"`` carrying the hostile source, event and names."""
    data = copy_data(dest)
    (data / "sources" / f"{HOSTILE_ID}.txt").write_bytes(HOSTILE_TEXT.encode("utf-8"))
    meta = {
        "id": HOSTILE_ID,
        "title": HOSTILE_TITLE,
        "publisher": HOSTILE_PUBLISHER,
        "authors": [MD_LINK],
        "interviewer": None,
        "published": "2025-01-03",
        "published_precision": "day",
        "published_evidence": f"<b>stated</b> {RTL}in the text",
        "url": "javascript:alert(1)",
        "language": "en",
        "rights": "<iframe src=javascript:alert(1)></iframe>",
        "notes": "**bold** <u>underline</u>",
    }
    (data / "sources" / f"{HOSTILE_ID}.json").write_text(json.dumps(meta), encoding="utf-8")

    corridors = json.loads((data / "corridors.geojson").read_text(encoding="utf-8"))
    horgos = next(f for f in corridors["features"] if f["properties"]["id"] == "horgos")
    horgos["properties"].update(
        name=HOSTILE_NAME,
        description=f"{SCRIPT} {MD_LINK} **description**",
        geometry_source_url="javascript:alert('geometry')",
    )
    (data / "corridors.geojson").write_text(json.dumps(corridors), encoding="utf-8")

    first = HOSTILE_LINES[0]
    date_text = "January 2, 2025"
    events = json.loads((data / "events.json").read_text(encoding="utf-8"))
    events.append(
        {
            "id": "hostile_event",
            "date": "2025-01-02",
            "precision": "day",
            "title": HOSTILE_EVENT_TITLE,
            "features": ["horgos"],
            "date_span": _span(first, date_text),
            "evidence": _span(first, first),
        }
    )
    (data / "events.json").write_text(json.dumps(events), encoding="utf-8")
    figure = {
        "id": "hostile_figure",
        "feature": "horgos",
        "metric": "volume",
        "value": 2,
        "unit": "trains",
        "scope": HOSTILE_SCOPE,
        "as_of": "2025-01-02",
        "span": _span(first, first[first.index("January 2") : first.index(" **bold**")]),
    }
    (data / "figures.json").write_text(json.dumps([figure]), encoding="utf-8")
    speaker = {
        "id": "hostile_speaker",
        "kind": "person",
        "name": HOSTILE_SPEAKER,
        "role": HOSTILE_ROLE,
        "aliases": {"en": ["hostile article"]},
        "evidence": {"reference": {"citation": f"{SCRIPT} cited", "url": "javascript:alert(3)"}},
    }
    people = json.loads((data / "people.json").read_text(encoding="utf-8"))
    (data / "people.json").write_text(json.dumps(people + [speaker]), encoding="utf-8")
    said = {
        "speaker": "hostile_speaker",
        "said": _span(first, first[first.index(SCRIPT) :]),
        "cue": _span(first, "hostile article"),
        "rule": "curated",
    }
    attributions = json.loads((data / "attributions.json").read_text(encoding="utf-8"))
    (data / "attributions.json").write_text(json.dumps(attributions + [said]), encoding="utf-8")
    return data


def _span(passage: str, quote: str) -> dict:
    start = passage.index(quote)
    return {
        "source": HOSTILE_ID,
        "passage": 0,
        "start": start,
        "end": start + len(quote),
        "quote": quote,
    }


# --- what a rendered page may contain -----------------------------------------------------------

MARKDOWN_TYPES = ("title", "header", "subheader", "markdown", "caption", "warning", "info", "error")
# What must not reach Streamlit's Markdown unescaped (a backslash before it escapes it): HTML
# tags, a link, emphasis, and invisible or control characters.
MARKDOWN_FORBIDDEN = [
    re.compile(r"(?<!\\)<(script|img|svg|iframe)", re.I),
    re.compile(r"(?<!\\)\]\(javascript", re.I),
    re.compile(r"(?<!\\)\*\*(bold|title|event|description)"),
    re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f]"),
]
HTML_FORBIDDEN = [
    re.compile(r"<script", re.I),
    re.compile(r"<img[^>]*onerror", re.I),
    re.compile(r"<svg[^>]*onload", re.I),
    re.compile(r"<iframe", re.I),
    re.compile(r"""href\s*=\s*["']?\s*javascript:""", re.I),
    re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f]"),
]


def markdown_values(at) -> list[str]:
    out = [e.value for t in MARKDOWN_TYPES for e in at.get(t)]
    out += [b.label for b in at.button] + [e.label for e in at.expander]
    return out


def assert_nothing_interpreted(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    for value in markdown_values(at):
        bad = [p.pattern for p in MARKDOWN_FORBIDDEN if p.search(value)]
        assert not bad, f"Markdown element shows {bad} unescaped: {value[:300]!r}"
    for value in (h.value for h in at.get("html")):
        bad = [p.pattern for p in HTML_FORBIDDEN if p.search(value)]
        assert not bad, f"HTML element has {bad}: {value[:300]!r}"


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    return hostile_copy(tmp_path_factory.mktemp("hostile"))


# --- geo level ---------------------------------------------------------------------------------


def test_the_hostile_copy_is_valid_and_links_the_feature_inside_the_hostile_passage(hostile_data):
    assert validate(hostile_data) == []
    atlas = load_atlas(hostile_data)
    mentions = atlas.mentions[atlas.mentions["source"] == HOSTILE_ID]
    assert {(m.passage, m.feature) for m in mentions.itertuples()} >= {
        (0, "horgos"),
        (1, "horgos"),
    }
    assert atlas.props["horgos"].name == HOSTILE_NAME


@pytest.mark.parametrize(
    "text",
    [SCRIPT, IMG, MD_LINK, HOSTILE_TEXT, HOSTILE_PUBLISHER, 'a" onmouseover="x', "&lt;script&gt;"],
)
def test_safe_text_leaves_no_markup(text):
    out = safe_text(text)
    assert "<" not in out and ">" not in out and '"' not in out
    assert RTL not in out and "\x00" not in out
    # Nothing the reader should see is lost: the printable characters all come back, in order,
    # when the escaping is undone (invisible ones are spelled out between them).
    shown = iter(html.unescape(out))
    assert all(c in shown for c in text if c.isprintable())


def test_highlight_escapes_around_and_inside_spans():
    text = HOSTILE_LINES[0]
    start = text.index(SCRIPT)
    out = highlight_html(text, [(start, start + len(SCRIPT)), (-5, 3), (len(text) - 2, 10**9)])
    assert re.sub(r'</?mark( class="mention")?>', "", out).count("<") == 0
    assert '<mark class="mention">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in out


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        'https://example.org/"onmouseover="alert(1)',
        "https://example.org/<script>",
        "//evil.example/x",
    ],
)
def test_only_plain_http_urls_become_links(url):
    assert safe_url(url) is None


@pytest.mark.parametrize("text", [MD_LINK, "**bold** _it_ `code` # h", HOSTILE_EVENT_TITLE, SCRIPT])
def test_markdown_literal_escapes_every_markdown_special(text):
    out = markdown_literal(text)
    assert not re.search(r"(?<!\\)[\[\]()*_`#<>]", out), out


# --- AppTest: every page with the hostile copy --------------------------------------------------


@pytest.mark.apptest
def test_dashboard_with_the_hostile_feature_selected(hostile_data):
    at = run_app(DASHBOARD, hostile_data, sel="horgos")
    assert_nothing_interpreted(at)
    html = page_html(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the passage, as text
    assert safe_text(HOSTILE_NAME) in html  # the card
    assert "⟦U+202E RIGHT-TO-LEFT OVERRIDE⟧" in html
    assert "W" * 20_000 in html  # the long line is there, whole
    assert safe_text(HOSTILE_SCOPE) in html  # the figure's scope and quote, as text
    assert f"{safe_text(IMG)} {safe_text(MD_LINK)}”" in html
    assert f">{safe_text(HOSTILE_SPEAKER)}</a>, {safe_text(HOSTILE_ROLE)}" in html  # said by


@pytest.mark.apptest
def test_dashboard_shows_the_hostile_speakers_card_as_text(hostile_data):
    at = run_app(DASHBOARD, hostile_data, who="hostile_speaker")
    assert_nothing_interpreted(at)
    assert at.header[0].value == markdown_literal(HOSTILE_SPEAKER)
    html = page_html(at)
    assert safe_text(HOSTILE_ROLE) in html and f"{safe_text(SCRIPT)} cited" in html
    assert '<mark class="said">&lt;script&gt;alert(1)&lt;/script&gt;' in html
    assert "javascript:alert(3)" not in html
    found = run_app(DASHBOARD, hostile_data, q="Speaker")
    assert_nothing_interpreted(found)
    assert any(b.label.startswith(markdown_literal(HOSTILE_SPEAKER)) for b in found.button)


@pytest.mark.apptest
def test_dashboard_shows_the_hostile_event_as_text(hostile_data):
    at = run_app(DASHBOARD, hostile_data, sel="horgos", event="hostile_event")
    assert_nothing_interpreted(at)
    # an event's button is named by its date and title
    assert any(b.label.endswith(f" — {markdown_literal(HOSTILE_EVENT_TITLE)}") for b in at.button)
    assert safe_text(HOSTILE_EVENT_TITLE) in page_html(at)


@pytest.mark.apptest
def test_search_for_a_word_of_the_hostile_passage(hostile_data):
    at = run_app(DASHBOARD, hostile_data, q=SEARCH_WORD)
    assert_nothing_interpreted(at)
    assert any("1 passage(s) match the search" in m.value for m in at.markdown)
    assert f'<mark class="hit">{SEARCH_WORD}</mark>' in page_html(at)
    assert any(b.label == f"Show {markdown_literal(HOSTILE_NAME)}" for b in at.button)


@pytest.mark.apptest
def test_sources_page_shows_the_hostile_source_as_text(hostile_data):
    at = run_app(ROOT / "pages" / "1_Sources.py", hostile_data, src=HOSTILE_ID)
    assert_nothing_interpreted(at)
    html = page_html(at)
    assert safe_text(HOSTILE_PUBLISHER) in html
    assert "original</a>" not in html.split(safe_text(HOSTILE_PUBLISHER))[1][:200]
    assert 'href="./?sel=horgos"' in html  # the mention inside the hostile passage is linked
    assert "&lt;iframe src=javascript:alert(1)&gt;" in html  # rights, as text


@pytest.mark.apptest
@pytest.mark.parametrize("page", PAGES[2:], ids=[p.stem for p in PAGES[2:]])
def test_the_other_pages_with_the_hostile_copy(hostile_data, page):
    at = run_app(page, hostile_data)
    assert_nothing_interpreted(at)


@pytest.mark.apptest
def test_data_page_offers_no_javascript_link(hostile_data):
    at = run_app(ROOT / "pages" / "2_Data.py", hostile_data)
    table = at.dataframe[0].value
    links = [u for u in table["geometry_source_url"] if isinstance(u, str) and u]
    assert not [u for u in links if not u.lower().startswith(("http://", "https://"))], links


# --- URL parameters ----------------------------------------------------------------------------

URL_CASES = [
    ("unknown feature", {"sel": "atlantis"}, "Ignored selection 'atlantis': no such feature."),
    ("unknown event", {"event": "moon_landing"}, "no such event"),
    ("unknown key", {"bogus": "1"}, "Ignored unknown link parameter 'bogus'."),
    ("huge selection", {"sel": "x" * 5000}, "Ignored an oversized value for 'sel'."),
    ("long search", {"q": "tunnel " * 60}, "Shortened the search to 200 characters."),
    ("huge search", {"q": "x" * 5000}, "Ignored an oversized value for 'q'."),
    ("repeated sel", {"sel": ["horgos", "kashgar"]}, "'sel' was given more than once"),
    ("repeated country", {"country": ["KG", "ZZ", "KG"]}, "Ignored country 'ZZ'"),
    ("date not a date", {"from": "yesterday"}, "not a YYYY-MM-DD date"),
    ("impossible date", {"to": "2025-02-30"}, "not a YYYY-MM-DD date"),
    ("reversed range", {"from": "2025-06-01", "to": "2024-01-01"}, "'from' is after 'to'"),
    ("number as kind", {"kind": "12345"}, "Ignored kind '12345'"),
    ("bad version", {"v": "<script>"}, "Ignored a malformed data version."),
    ("unknown speaker", {"who": SCRIPT, "speaker": IMG}, "no such person or organisation"),
    (
        "script everywhere",
        {"sel": SCRIPT, "q": SCRIPT, "country": SCRIPT, "project": IMG, "event": MD_LINK},
        "no such feature",
    ),
    ("rtl and controls", {"sel": f"a{RTL}b\x07", "q": f"{RTL}x"}, "no such feature"),
]


@pytest.mark.apptest
@pytest.mark.parametrize(("label", "params", "notice"), URL_CASES, ids=[c[0] for c in URL_CASES])
def test_bad_link_parameters_are_ignored_with_a_notice(label, params, notice):
    at = run_app(DASHBOARD, DATA, **params)
    assert_nothing_interpreted(at)
    assert at.title[0].value == "Corridor Atlas"  # the page still works
    notices = " ".join(w.value for w in at.warning)
    assert notice in _unescape(notices), notices
    assert len(notices) < 2000  # a huge value cannot flood the page


@pytest.mark.apptest
def test_a_huge_list_of_one_country_is_that_country_without_a_notice():
    at = run_app(DASHBOARD, DATA, country=",".join(["KG"] * 3000))
    assert_nothing_interpreted(at)
    assert [w.value for w in at.warning] == []
    assert at.multiselect(key="w_country").value == ["KG"]
    assert at.query_params["country"] == "KG"  # the link is written back short


def _unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.apptest
@pytest.mark.parametrize(
    "src", ["0000000000000000", SCRIPT, "x" * 5000, f"{RTL}{MD_LINK}"], ids=range(4)
)
def test_sources_page_ignores_an_unknown_source(atlas, src):
    at = run_app(ROOT / "pages" / "1_Sources.py", DATA, src=src)
    assert_nothing_interpreted(at)
    notices = _unescape(" ".join(w.value for w in at.warning))
    expected = "Ignored an oversized value for 'src'." if len(src) > 500 else "not in the atlas"
    assert expected in notices
    first = next(iter(atlas.sources.values()))
    assert at.header[0].value == markdown_literal(first.title)  # the first source instead


@pytest.mark.apptest
@pytest.mark.parametrize("page", PAGES[1:], ids=[p.stem for p in PAGES[1:]])
def test_other_pages_survive_hostile_parameters(page):
    at = run_app(page, DATA, sel=SCRIPT, q=SCRIPT, country=SCRIPT, src=IMG, v="x" * 5000)
    assert_nothing_interpreted(at)


@pytest.mark.apptest
@pytest.mark.skipif(
    not (ROOT / "pages" / "4_Try_an_article.py").exists(), reason="no Try an article page"
)
@pytest.mark.parametrize(
    "text",
    [HOSTILE_TEXT, f"---\ntitle: {SCRIPT}\npublished: {IMG}\n---\n{HOSTILE_LINES[0]}\n"],
    ids=["article", "front matter"],
)
def test_a_hostile_article_pasted_into_try_an_article(text):
    at = run_app(ROOT / "pages" / "4_Try_an_article.py")
    at.text_area(key="try_text").input(text).run()
    assert_nothing_interpreted(at)

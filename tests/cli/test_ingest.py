"""Ingesting new articles: ids, front matter, metadata, atomic writes, review candidates on hard
texts (none of them in data/), idempotence, and a folder ingest killed half-way."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from geo.ingest import (
    candidates,
    inbox_paths,
    ingest,
    parse_front_matter,
    parse_review,
    prepare_source,
    read_article,
    review_json,
    source_id,
    write_atomic,
)
from geo.load import data_version
from geo.validate import validate
from tests.conftest import DATA, GEO, ROOT, folder_hashes, run_cli

META = {
    "title": "T",
    "publisher": "Caspian Freight Review",
    "published": "2025-01-10",
    "lang": "en",
}


def _found(atlas, text, published=None):
    c = candidates(text, source_id(text), atlas.linker, published)
    return c, [(m.feature, m.span.quote) for m in c.mentions]


# ----------------------------------------------------------------------------- ids, metadata


def test_source_id_is_the_atlas_convention():
    for txt in (DATA / "sources").glob("*.txt"):
        assert source_id(txt.read_bytes().decode("utf-8")) == txt.stem


def test_prepare_source_derives_id_and_precision():
    meta, text = prepare_source("Khorgos grew.\n", authors=["A. Writer", " "], **META)
    assert meta.id == hashlib.sha256(b"Khorgos grew.\n").hexdigest()[:16]
    assert (meta.published_precision, meta.authors, meta.language) == ("day", ("A. Writer",), "en")
    assert text == "Khorgos grew.\n"
    year, _ = prepare_source("x", **{**META, "published": "2024"})
    assert year.published_precision == "year"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"published": "2025-02-30"}, "impossible"),
        ({"published": "10.01.2025"}, "not YYYY"),
        ({"lang": "English"}, "language code"),
        ({"title": " "}, "title is missing"),
        ({"publisher": ""}, "publisher is missing"),
    ],
)
def test_prepare_source_names_what_is_wrong(change, message):
    with pytest.raises(ValueError, match=message):
        prepare_source("Some text.", **{**META, **change})


def test_prepare_source_rejects_an_empty_text():
    with pytest.raises(ValueError, match="text is empty"):
        prepare_source(" \n\t", **META)


# ---------------------------------------------------------------------------- front matter


def test_front_matter_fields_lists_and_quotes():
    raw = textwrap.dedent(
        """\
        ---
        # a comment
        title: "Middle Corridor: volumes up"
        Publisher: 'Caspian Freight Review'
        published: 2025-01-10
        language: ru
        authors:
          - A. Writer
          - "B. Editor"
        title_supplied: yes
        ---
        Body line one.
        ---
        Body after a rule.
        """
    )
    fields, body = parse_front_matter(raw)
    assert fields == {
        "title": "Middle Corridor: volumes up",
        "publisher": "Caspian Freight Review",
        "published": "2025-01-10",
        "lang": "ru",
        "authors": ["A. Writer", "B. Editor"],
        "title_supplied": True,
    }
    assert body == "Body line one.\n---\nBody after a rule.\n"


@pytest.mark.parametrize(
    "header, authors",
    [("authors: [A, B]", ["A", "B"]), ("authors: A; B", ["A", "B"]), ("author: A", ["A"])],
)
def test_front_matter_author_forms(header, authors):
    assert parse_front_matter(f"---\n{header}\n---\nx")[0]["authors"] == authors


def test_text_without_front_matter_is_kept_whole():
    raw = "Title line\n---\nnot a header\n"
    assert parse_front_matter(raw) == ({}, raw)


def test_front_matter_with_crlf_and_bom(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("\ufeff---\r\ntitle: T\r\n---\r\nKhorgos.\r\n".encode())
    fields, body = read_article(f)
    assert fields == {"title": "T"} and body == "Khorgos.\r\n"


@pytest.mark.parametrize(
    "raw, message",
    [
        ("---\ntitel: T\n---\nx", "unknown key 'titel'"),
        ("---\ntitle: T\n", "never closed"),
        ("---\ntitle: T\nBody starts", "closing '---' missing"),
        ("---\njust words\n---\nx", "line 2 is not 'key: value'"),
        ("---\ntitle_supplied: maybe\n---\nx", "true/false"),
    ],
)
def test_bad_front_matter_is_reported_with_its_line(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_front_matter(raw, "a.txt")


def test_read_article_rejects_non_utf8(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("Хоргос".encode("cp1251"))
    with pytest.raises(ValueError, match="not UTF-8"):
        read_article(f)


# --------------------------------------------------------------------------- atomic writes


def test_write_atomic_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "events.json"
    write_atomic(target, "[1]\n")
    write_atomic(target, "[1, 2]\n")
    assert target.read_text() == "[1, 2]\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.json"]


def test_write_atomic_failure_before_replace_keeps_the_target(tmp_path, monkeypatch):
    target = tmp_path / "events.json"
    target.write_text("[]\n")

    def crash(src, dst):
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk gone"):
        write_atomic(target, "[half")
    assert target.read_text() == "[]\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.json"]


def test_crash_between_temp_write_and_replace_leaves_data_valid(data_copy):
    """A process that dies (no cleanup at all) after writing the temporary file and before the
    rename leaves the real file untouched and the folder valid."""
    before = (data_copy / "events.json").read_bytes()
    code = textwrap.dedent(
        f"""
        import os
        from geo.ingest import write_atomic
        os.replace = lambda *a: os._exit(9)
        write_atomic({str(data_copy / "events.json")!r}, '[{{"id": "broken"')
        """
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True)
    assert r.returncode == 9
    assert (data_copy / "events.json").read_bytes() == before
    leftovers = [p.name for p in data_copy.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].startswith(".events.json.")
    assert [str(p) for p in validate(data_copy)] == []


# ------------------------------------------------------------------------ candidates: names


@pytest.mark.parametrize(
    "text",
    [
        "The China-Kyrgyzstan-Uzbekistan railway is under way.",
        "The China–Kyrgyzstan–Uzbekistan Railway is under way.",  # en dashes
        "The China — Kyrgyzstan — Uzbekistan railway is under way.",  # spaced em dashes
        "The CHINA-KYRGYZSTAN-UZBEKISTAN RAILWAY is under way.",
        "The China-Kyrgyzstan-\nUzbekistan railway is under way.",  # broken at a hyphen
        "The CKU railway's first tunnel",  # possessive after an abbreviation
        "The CKU's rail link",  # abbreviation with a context word
        "中吉乌铁路项目正式启动",  # Chinese, no word boundaries
        "Строительство железной дороги Китай — Кыргызстан — Узбекистан началось.",
        "Кытай — Кыргызстан — Өзбекстан темир жолу",  # Kyrgyz
        "Xitoy-Qirg'iziston-O'zbekiston temir yo'li",  # Uzbek, Latin script
    ],
)
def test_cku_railway_in_every_spelling(atlas, text):
    c, found = _found(atlas, text)
    assert "cku_railway" in {f for f, _ in found}, found
    for m in c.mentions:
        assert text.split("\n")[m.span.passage][m.span.start : m.span.end] == m.span.quote


@pytest.mark.parametrize(
    "text, quote",
    [
        ("Volumes on the Middle\nCorridor doubled.", "Middle"),  # broken across lines
        ("The Trans–Caspian International Transport Route (TITR) grew.", "TITR"),
        ("TITR volumes across the Caspian rose.", "TITR"),
        ("The Middle Corridor’s ferries", "Middle Corridor"),  # curly possessive
        ("Грузы идут по Среднему коридору.", "Среднему коридору"),  # dative ending
        ("Развитие Транскаспийского международного транспортного маршрута", None),
        ("Орта дәліз арқылы", "Орта дәліз"),  # Kazakh
        ("中间走廊运量增长", "中间走廊"),
    ],
)
def test_middle_corridor_in_every_spelling(atlas, text, quote):
    _, found = _found(atlas, text)
    quotes = [q for f, q in found if f == "middle_corridor"]
    assert quotes, found
    if quote:
        assert quote in quotes


@pytest.mark.parametrize(
    "text",
    [
        "Trucks queue at Khorgos's gate.",
        "Horgos' customs post",
        "Поезд прошёл через Хоргос.",
        "Поезда из Хоргоса",
        "Қорғас шекара бекеті",
        "经霍尔果斯口岸出境",
    ],
)
def test_horgos_in_every_spelling(atlas, text):
    assert "horgos" in {f for f, _ in _found(atlas, text)[1]}


@pytest.mark.parametrize(
    "text",
    [
        "The Horgos River floods every spring.",  # the river, a false friend
        "Horgos-Röszke is on the Serbian border.",  # another Horgos
        "The China-Kyrgyzstan-Uzbekistan highway opened in 2018.",  # the road, not the railway
        "TITRATION of the sample",  # an alias inside a word
        "TITR volumes rose.",  # an abbreviation without its context
        "The CKU agreement was signed.",  # CKU without a railway word
        "The Middle East corridor and China-Europe Railway Express",
        "Horgosville is elsewhere.",
    ],
)
def test_false_friends_are_not_mentions(atlas, text):
    _, found = _found(atlas, text)
    assert not {f for f, _ in found} & {"horgos", "cku_railway", "middle_corridor"}, found


def test_mixed_language_passage(atlas):
    text = (
        "The Middle Corridor (中间走廊, Средний коридор) carried cargo from Khorgos "
        "(霍尔果斯, Хоргос) to the CKU railway's future junction, and по Среднему коридору."
    )
    c, found = _found(atlas, text)
    assert [q for f, q in found if f == "middle_corridor"] == [
        "Middle Corridor",
        "中间走廊",
        "Средний коридор",
        "Среднему коридору",
    ]
    assert [q for f, q in found if f == "horgos"] == ["Khorgos", "霍尔果斯", "Хоргос"]
    assert ("cku_railway", "CKU railway") in found
    rules = {m.span.quote: m.rule for m in c.mentions}
    assert rules["Среднему коридору"] == "cyrillic_inflection"


def test_mention_candidates_say_why(atlas):
    c, _ = _found(atlas, "TITR and the Caspian; CKU railways.")
    why = {m.span.quote: (m.feature, m.alias, m.rule) for m in c.mentions}
    assert why["TITR"] == ("middle_corridor", "TITR", "alias+context")
    assert why["CKU railways"] == ("cku_railway", "CKU railway", "plural")
    assert [m.id for m in c.mentions] == ["m1", "m2"]


# ------------------------------------------------------------------------ candidates: dates


YEAR_CHANGE = (
    "On Dec 30 the first block train left Khorgos. On Jan 3 it reached Baku.\n"
    "It will return from the Middle Corridor on Jan 20.\n"
    "12月30日，中亚班列从霍尔果斯出发。1月3日抵达巴库。\n"
    "Поезд прибыл в Баку 3 января, а 30 декабря вышел из Хоргоса."
)


def test_dates_without_years_near_a_year_change(atlas):
    c, _ = _found(atlas, YEAR_CHANGE, "2025-01-10")
    got = [(e.event.date_span.quote, e.event.date) for e in c.events]
    assert got == [
        ("Dec 30", "2024-12-30"),
        ("Jan 3", "2025-01-03"),
        ("Jan 20", "2025-01-20"),
        ("12月30日", "2024-12-30"),
        ("1月3日", "2025-01-03"),
        ("3 января", "2025-01-03"),
        ("30 декабря", "2024-12-30"),
    ]


def test_future_date_published_before_the_new_year(atlas):
    c, _ = _found(atlas, "The ferry will sail from Aktau port on Jan 3.", "2024-12-28")
    assert [e.event.date for e in c.events] == ["2025-01-03"]


def test_reporting_verb_does_not_make_a_future_date_past(atlas):
    c, _ = _found(
        atlas, "The ferry will sail from Aktau port on Jan 3, officials said.", "2024-12-28"
    )
    assert [e.event.date for e in c.events] == ["2025-01-03"]


def test_sentence_starting_with_a_digit_has_its_own_tense(atlas):
    text = "It will return on Jan 20. 12月30日，中亚班列从霍尔果斯出发。"
    c, _ = _found(atlas, text, "2025-01-10")
    assert [e.event.date for e in c.events] == ["2025-01-20", "2024-12-30"]


def test_event_candidates_have_sentence_evidence_and_sentence_features(atlas):
    c, _ = _found(atlas, YEAR_CHANGE, "2025-01-10")
    lines = YEAR_CHANGE.split("\n")
    first, second = c.events[0].event, c.events[1].event
    assert first.evidence.quote == "On Dec 30 the first block train left Khorgos."
    assert first.title == first.evidence.quote
    assert second.evidence.quote == "On Jan 3 it reached Baku."
    # Features: those named in the event's own sentence, not the rest of the passage.
    assert first.features == ("horgos",) and second.features == ("baku",)
    assert c.events[0].support == {"horgos": ("m1",)} and c.events[1].support == {"baku": ("m2",)}
    for e in c.events:
        ev = e.event
        text = lines[ev.evidence.passage]
        assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.quote
        assert text[ev.date_span.start : ev.date_span.end] == ev.date_span.quote
        assert ev.evidence.start <= ev.date_span.start < ev.date_span.end <= ev.evidence.end
    assert len({e.event.id for e in c.events}) == len(c.events)
    assert c.events[0].event.id == f"horgos_2024_12_30_{source_id(YEAR_CHANGE)[:8]}"


def test_a_name_broken_across_lines_counts_for_the_next_passage(atlas):
    text = "Freight on the Middle\nCorridor rose in 2024, officials said."
    c, _ = _found(atlas, text, "2025-01-10")
    (event,) = c.events
    assert event.event.evidence.passage == 1 and event.event.features == ("middle_corridor",)


def test_an_event_takes_the_features_of_its_clause_else_of_its_sentence(atlas):
    text = (
        "Khorgos grew in 2023; the Middle Corridor carried 4.5 Mt in 2024, and Baku too. "
        "In 2025 the CKU railway's tunnels were dug. Aktau port was quiet in 2022; it rested."
    )
    c, _ = _found(atlas, text, "2025-06-18")
    features = {e.event.date: e.event.features for e in c.events}
    assert features["2023"] == ("horgos",)
    assert features["2024"] == ("middle_corridor", "baku")
    assert features["2025"] == ("cku_railway",)
    assert features["2022"] == ("aktau_port",)


def test_long_sentences_give_short_titles(atlas):
    text = "On Dec 30 " + "the Middle Corridor train carried cargo and " * 10 + "arrived."
    c, _ = _found(atlas, text, "2025-01-10")
    title = c.events[0].event.title
    assert len(title) <= 140 and title.endswith("…")


def test_no_published_date_skips_relative_dates_only(atlas):
    c, _ = _found(atlas, "On Dec 30 it left; on 6 June 2024 it arrived at Khorgos.")
    assert [e.event.date for e in c.events] == ["2024-06-06"]


def test_candidates_are_deterministic_and_round_trip(atlas):
    a = candidates(YEAR_CHANGE, "s" * 16, atlas.linker, "2025-01-10")
    b = candidates(YEAR_CHANGE, "s" * 16, atlas.linker, "2025-01-10")
    assert review_json(a) == review_json(b)
    assert parse_review(json.loads(review_json(a)), "x") == a


def test_markup_is_kept_verbatim_in_spans(atlas):
    text = "<script>alert('Khorgos')</script> & the Middle Corridor"
    c, _ = _found(atlas, text)
    assert [m.span.quote for m in c.mentions] == ["Khorgos", "Middle Corridor"]


# --------------------------------------------------------------------------------- ingest


ARTICLE = (
    "Freight on the Middle Corridor rose in 2024, officials said.\n"
    "On Dec 30 the first block train left Khorgos for Aktau port.\n"
)


def test_ingest_writes_only_the_inbox_and_is_idempotent(atlas, data_copy):
    curated = folder_hashes(data_copy)
    version = data_version(data_copy)
    meta, text = prepare_source(ARTICLE, **META)
    assert ingest(data_copy, meta, text, atlas.linker) == "new"
    txt, meta_path, review = inbox_paths(data_copy, meta.id)
    written = {p: p.read_bytes() for p in (txt, meta_path, review)}
    assert txt.read_text(encoding="utf-8") == ARTICLE
    assert json.loads(meta_path.read_text())["id"] == meta.id
    assert json.loads(review.read_text())["source"] == meta.id

    # The same text again, even with other metadata: same id, nothing rewritten, no duplicate.
    again, _ = prepare_source(ARTICLE, **{**META, "title": "Another title"})
    assert again.id == meta.id
    assert ingest(data_copy, again, text, atlas.linker) == "pending"
    assert {p: p.read_bytes() for p in written} == written
    assert len(list((data_copy / "inbox").iterdir())) == 3

    after = folder_hashes(data_copy)
    assert {k: v for k, v in after.items() if not k.startswith("inbox/")} == curated
    assert data_version(data_copy) == version
    assert [str(p) for p in validate(data_copy)] == []


def test_ingest_of_a_text_already_in_the_atlas_writes_nothing(atlas, data_copy):
    text = (data_copy / "sources" / "9decb243e74ad7b3.txt").read_text(encoding="utf-8")
    meta, text = prepare_source(text, **META)
    assert ingest(data_copy, meta, text, atlas.linker) == "in_atlas"
    assert not (data_copy / "inbox").exists()


def test_ingest_completes_an_interrupted_item(atlas, data_copy):
    meta, text = prepare_source(ARTICLE, **META)
    txt, meta_path, review = inbox_paths(data_copy, meta.id)
    txt.parent.mkdir()
    write_atomic(txt, text)  # as if killed before the metadata and the review file
    assert ingest(data_copy, meta, text, atlas.linker) == "new"
    assert meta_path.exists() and review.exists()


def test_validate_ignores_the_inbox(data_copy):
    inbox = data_copy / "inbox"
    inbox.mkdir()
    (inbox / "junk.json").write_text("{not json")
    (inbox / "0123456789abcdef.txt").write_text("orphan")
    assert [str(p) for p in validate(data_copy)] == []


# ---------------------------------------------------------------------------- command line


def test_cli_folder_ingest_uses_front_matter_and_flags(data_copy, tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text(
        "---\ntitle: Middle Corridor volumes\npublished: 2025-01-10\nlang: en\n---\n" + ARTICLE,
        encoding="utf-8",
    )
    (folder / "sub" / "b.txt").write_text(
        "---\ntitle: Хоргос\nlang: ru\n---\nПоезд прошёл через Хоргос 30 декабря.\n",
        encoding="utf-8",
    )
    (folder / "sub" / "copy.txt").write_text((folder / "a.md").read_text(encoding="utf-8"))
    (folder / "no_title.txt").write_text("Khorgos.\n")
    (folder / "notes.csv").write_text("not an article")
    r = run_cli(
        "ingest", str(folder), "--publisher", "Wire", "--published", "2024-12-31",
        "--lang", "en", "--data-dir", str(data_copy),
    )  # fmt: skip
    assert r.returncode == 1, r.stderr  # no_title.txt failed
    assert "no_title.txt: title is missing" in r.stderr
    assert "2 new" in r.stderr and "1 already pending" in r.stderr and "1 failed" in r.stderr
    metas = {
        m["title"]: m
        for m in (json.loads(p.read_text()) for p in (data_copy / "inbox").glob("*[0-9a-f].json"))
    }
    assert metas["Middle Corridor volumes"]["published"] == "2025-01-10"  # front matter wins
    assert metas["Хоргос"]["published"] == "2024-12-31"  # the flag fills the gap
    assert metas["Хоргос"]["language"] == "ru" and metas["Хоргос"]["publisher"] == "Wire"
    review = json.loads((data_copy / "inbox" / f"{metas['Хоргос']['id']}.review.json").read_text())
    assert [e["event"]["date"] for e in review["events"]] == ["2024-12-30"]
    assert run_cli("validate", str(data_copy)).returncode == 0


def test_cli_ingest_refuses_invalid_data(data_copy, tmp_path):
    (data_copy / "events.json").write_text("[")
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    r = run_cli("ingest", str(f), "--title", "T", "--publisher", "P", "--published", "2025",
             "--lang", "en", "--data-dir", str(data_copy))  # fmt: skip
    assert r.returncode == 1 and "invalid JSON" in r.stderr
    assert not (data_copy / "inbox").exists()


def test_killed_folder_ingest_leaves_valid_data_and_resumes(data_copy, tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    n = 300
    for i in range(n):
        (folder / f"a{i:05d}.txt").write_text(
            f"---\ntitle: Article {i}\n---\nArticle {i}: the Middle Corridor and Khorgos "
            f"on Jan {i % 28 + 1}.\n" + "The TITR crosses the Caspian. " * 40,
            encoding="utf-8",
        )
    curated = folder_hashes(data_copy)
    args = ["ingest", str(folder), "--publisher", "Wire", "--published", "2025-01-10",
            "--lang", "en", "--data-dir", str(data_copy)]  # fmt: skip
    proc = subprocess.Popen(
        [*GEO, *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    inbox = data_copy / "inbox"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if inbox.is_dir() and sum(1 for _ in inbox.iterdir()) >= 30:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "ingest finished before it could be killed; use more files"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    done = len(list(inbox.glob("*.review.json")))
    assert 0 < done < n

    r = run_cli("validate", str(data_copy))
    assert r.returncode == 0, r.stdout + r.stderr
    after = folder_hashes(data_copy)
    assert {k: v for k, v in after.items() if not k.startswith("inbox/")} == curated
    for review in inbox.glob("*.review.json"):  # every finished file is whole
        json.loads(review.read_text(encoding="utf-8"))

    r = run_cli(*args, timeout=300)
    assert r.returncode == 0, r.stderr
    assert f"{n - done} new" in r.stderr
    from geo.review import pending

    ready, incomplete = pending(data_copy)
    assert len(ready) == n and incomplete == []

"""The linker finds every hand-annotated mention of the four systems in the seeds, and no other."""

from collections import Counter

from tests.conftest import TESTS

FOUR = {"cku_railway", "middle_corridor", "horgos", "tianjin_freight"}
ANNOTATION = TESTS / "fixtures" / "seed_mentions.tsv"


def _annotated():
    rows = []
    for line in ANNOTATION.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, passage, text, project = line.split("\t")
            rows.append((source, int(passage), text, project))
    return Counter(rows)


def test_linker_matches_the_annotation_exactly(atlas):
    expected = _annotated()
    seeds = {source for source, *_ in expected}  # the annotation covers the two seed sources
    m = atlas.mentions[atlas.mentions["project"].isin(FOUR) & atlas.mentions["source"].isin(seeds)]
    found = Counter(zip(m["source"], m["passage"], m["text"], m["project"], strict=True))
    missing = expected - found
    spurious = found - expected
    assert not missing, f"mentions the linker missed: {sorted(missing)}"
    assert not spurious, f"mentions that are not in the annotation: {sorted(spurious)}"


def test_mention_offsets_slice_the_passage(atlas):
    texts = dict(zip(atlas.passages["passage_id"], atlas.passages["text"], strict=True))
    for r in atlas.mentions.itertuples(index=False):
        assert " ".join(texts[r.passage_id][r.start : r.end].split()) == " ".join(r.text.split())


def test_false_friends_are_not_links(atlas):
    texts = set(atlas.mentions["text"])
    assert "Uzbekistan Railways" not in texts and "Kyrgyzstan Railways" not in texts
    seeds = {source for source, *_ in _annotated()}
    xian = atlas.mentions[(atlas.mentions["feature"] == "xian") & atlas.mentions["source"].isin(seeds)]
    assert xian.empty, xian  # "Xi'an Summit" is an event, not the city on a route

"""The people and attributions of the atlas: who speaks in the seed interviews, checked by eye."""

import pytest

from geo.attribute import find_attributions

OBSERVER, GLOBAL_TIMES = "f2840b807d95501f", "9decb243e74ad7b3"

# What the rules find in the seed interviews and a reader rejected, with why.
REJECTED = {
    (OBSERVER, 28): "a pull quote between an answer and the next question, restating answer 30",
    (OBSERVER, 33): "an image caption ('… Central Asia Times.'), not part of Zhu Yongbiao's answer",
}

TURNS = {
    "Zhu Yongbiao:": "zhu_yongbiao",
    "Observer Network:": "zheng_leihuan",  # the source's interviewer
    "GT:": "chen_qingqing",
    "Hakimov:": "rahim_hakimov",
    "Orazgaliyev:": "serik_orazgaliyev",
}


@pytest.mark.parametrize("sid", [OBSERVER, GLOBAL_TIMES])
def test_the_seed_attributions_are_what_the_rules_find_less_what_a_reader_rejected(atlas, sid):
    found = find_attributions(atlas.texts[sid], sid, atlas.people_index, atlas.sources[sid])
    expected = [
        (f.speaker, f.said.passage, f.said.start, f.said.end, f.cue.passage, f.rule)
        for f in found
        if (sid, f.said.passage) not in REJECTED
    ]
    a = atlas.attributions[atlas.attributions["source"] == sid]
    curated = list(
        zip(
            a["speaker"],
            a["passage"],
            a["start"],
            a["end"],
            a["cue_passage"],
            a["rule"],
            strict=True,
        )
    )
    assert curated == expected
    assert {(s, p) for s, p in REJECTED if s == sid} <= {(sid, f.said.passage) for f in found}


def test_every_interview_turn_has_its_speaker(atlas):
    for sid in (OBSERVER, GLOBAL_TIMES):
        passages = atlas.passages[atlas.passages["source"] == sid]
        for pid, text in zip(passages["passage_id"], passages["text"], strict=True):
            label = next((lb for lb in TURNS if text.startswith(lb)), None)
            if label:
                assert atlas.speakers_by_passage.get(pid) == (TURNS[label],), (pid, label)


def test_every_speaker_has_a_role_and_an_organisation(atlas):
    speakers = set(atlas.attributions["speaker"])
    assert set(TURNS.values()) <= speakers
    for pid in speakers:
        p = atlas.people[pid]
        assert p.kind == "person" and p.role
        assert p.organisation is None or atlas.people[p.organisation].kind == "organisation"
    for pid in set(TURNS.values()):  # the interviews name every speaker's organisation
        p = atlas.people[pid]
        assert p.country and atlas.people[p.organisation].kind == "organisation"

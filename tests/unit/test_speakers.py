"""Who said so, as the pages show it: a passage's speakers, a speaker's card (what they said about
which corridor), people found by a search, and the speaker and organisation filters — on tiny
inline passages and attributions over the atlas's features."""

import dataclasses

import pandas as pd
import pytest

from geo.filter import filter_atlas, vocabulary
from geo.load import ATTRIBUTION_COLUMNS
from geo.model import Evidence, Person, Reference
from geo.speakers import people_matching, speaker_card, speakers_of
from geo.urlstate import ViewState

REF = Evidence(reference=Reference(citation="a test"))
PEOPLE = {
    "ana": Person(id="ana", kind="person", name="Ana Lee", role="engineer", organisation="rail",
                  aliases={"ru": ("Ана Ли",)}, evidence=REF),
    "bo": Person(id="bo", kind="person", name="Bo Chen", role="minister", evidence=REF),
    "rail": Person(id="rail", kind="organisation", name="Rail Co", evidence=REF),
}  # fmt: skip
# Passage 0 is Ana's and names the CKU railway and its Koshtobe tunnel; passage 1 is Bo's and
# names Horgos; passage 2 is Ana's again and names nothing; passage 3 nobody's.
TEXTS = [
    "Ana Lee: The CKU railway and the Koshtobe tunnel are on time.",
    '"Horgos is busy," said Bo Chen.',
    "Ana Lee: We hire.",
    "Horgos grows.",
]
MENTIONS = [
    (0, "cku_railway", "cku_railway", 13, 25),
    (0, "koshtobe_tunnel", "cku_railway", 34, 42),
    (1, "horgos", "horgos", 1, 7),
    (3, "horgos", "horgos", 0, 6),
]
SAID = [("ana", "rail", 0, 9, 61), ("bo", "", 1, 1, 16), ("ana", "rail", 2, 9, 17)]


@pytest.fixture(scope="module")
def tiny(atlas):
    """The atlas's features with four inline passages, their mentions, two speakers and an
    event reported in Bo's passage."""
    src = "s"
    passages = pd.DataFrame(
        [{"passage_id": f"s:{i}", "source": src, "index": i, "offset": 0, "text": t}
         for i, t in enumerate(TEXTS)]
    )  # fmt: skip
    mentions = pd.DataFrame(
        [{"feature": f, "project": p, "source": src, "passage": i, "passage_id": f"s:{i}",
          "start": s, "end": e, "text": TEXTS[i][s:e], "alias": "", "rule": "alias",
          "origin": "detected"} for i, f, p, s, e in MENTIONS]
    )  # fmt: skip
    attributions = pd.DataFrame(
        [{"speaker": who, "organisation": org, "source": src, "passage": i,
          "passage_id": f"s:{i}", "start": s, "end": e, "quote": TEXTS[i][s:e],
          "cue_source": src, "cue_passage": i, "cue_passage_id": f"s:{i}", "cue_start": 0,
          "cue_end": 7, "cue_quote": TEXTS[i][:7], "rule": "turn"} for who, org, i, s, e in SAID],
        columns=ATTRIBUTION_COLUMNS,
    )  # fmt: skip
    events = atlas.events.iloc[:1].assign(
        id="busy", passage_id="s:1", source=src, features=[["horgos"]]
    )
    return dataclasses.replace(
        atlas,
        passages=passages,
        mentions=mentions,
        attributions=attributions,
        people=PEOPLE,
        events=events,
        sources={},
    )


def test_a_passage_names_its_speakers_with_role_and_organisation(tiny):
    (ana,) = speakers_of(tiny, "s:0")
    assert (ana.id, ana.text) == ("ana", "Ana Lee, engineer, Rail Co")
    assert speakers_of(tiny, "s:3") == ()


def test_the_speaker_card_groups_what_they_said_by_corridor(tiny):
    card = speaker_card(tiny, "ana")
    assert (card.name, card.role, card.organisation) == ("Ana Lee", "engineer", ("rail", "Rail Co"))
    assert card.aliases == {"Russian": ["Ана Ли"]}
    assert card.statements == 2
    # The tunnel counts for its railway: one corridor, one passage.
    assert [(c.id, list(c.passages["passage_id"])) for c in card.about] == [
        ("cku_railway", ["s:0"])
    ]
    assert list(card.about[0].passages["spans"]) == [[(9, 61)]]  # her own words, marked
    assert list(card.other["passage_id"]) == ["s:2"]  # names no corridor
    assert speaker_card(tiny, "bo").events == {"busy"}


def test_an_organisation_card_lists_its_people_and_what_they_said(tiny):
    card = speaker_card(tiny, "rail")
    assert card.members == (("ana", "Ana Lee"),) and card.statements == 2


def test_people_are_found_by_name_alias_role_or_organisation(tiny):
    assert [p.id for p in people_matching(tiny, "ana lee")] == ["ana"]
    assert [p.id for p in people_matching(tiny, "Ана")] == ["ana"]
    assert [p.id for p in people_matching(tiny, "rail co")] == ["ana", "rail"]
    assert people_matching(tiny, "minister bo") == people_matching(tiny, "Bo")
    assert people_matching(tiny, "") == ()


@pytest.mark.parametrize(
    ("state", "features", "passages", "events"),
    [
        (ViewState(speakers=("ana",)), {"cku_railway", "koshtobe_tunnel"}, {"s:0"}, set()),
        (ViewState(speakers=("bo",)), {"horgos"}, {"s:1"}, {"busy"}),
        (ViewState(organisations=("rail",)), {"cku_railway", "koshtobe_tunnel"}, {"s:0"}, set()),
        (ViewState(speakers=("bo",), organisations=("rail",)), set(), set(), set()),
    ],
)
def test_the_speaker_and_organisation_filters(tiny, state, features, passages, events):
    view = filter_atlas(tiny, state)
    assert set(view.features["id"]) == features
    assert set(view.passages["passage_id"]) == passages
    assert set(view.events["id"]) == events


def test_the_vocabulary_offers_who_speaks(tiny):
    vocab = vocabulary(tiny)
    assert dict(vocab.allowed("speakers")) == {"ana": "Ana Lee", "bo": "Bo Chen"}
    assert dict(vocab.allowed("organisations")) == {"rail": "Rail Co"}
    assert set(vocab.allowed("people")) == {"ana", "bo", "rail"}

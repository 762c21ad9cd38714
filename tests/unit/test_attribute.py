"""Attributing words to speakers: interview turns, quotations and reported speech, in several
languages, on tiny inline texts (most sentences are from real news pages)."""

import pytest

from geo.attribute import PeopleIndex, find_attributions
from geo.model import Evidence, Person, Reference, SourceMeta

REF = Evidence(reference=Reference(citation="a test"))


def person(pid, name, kind="person", organisation=None, **aliases):
    return Person(
        id=pid,
        kind=kind,
        name=name,
        role="role" if kind == "person" else None,
        organisation=organisation,
        aliases={lang: tuple(a) for lang, a in aliases.items()},
        evidence=REF,
    )


PEOPLE = PeopleIndex(
    {
        p.id: p
        for p in (
            person("zhu", "Zhu Yongbiao", en=["Teacher Zhu"]),
            person("chen", "Chen Qingqing", organisation="gt"),
            person("gt", "Global Times", kind="organisation", en=["GT"]),
            person("sadyr", "Sadyr Japarov", ru=["Садыр Жапаров"], zh=["扎帕羅夫"]),
            person("akylbek", "Akylbek Japarov", ru=["Акылбек Жапаров"], uz=["Ақилбек Жапаров"]),
            person("xi", "Xi Jinping", zh=["習近平", "习近平"]),
            person("jeenbekov", "Sooronbay Jeenbekov"),
        )
    }
)
SHARED_SURNAME = PeopleIndex(
    {
        **PEOPLE.people,
        "sadyr": person("sadyr", "Sadyr Japarov", en=["Japarov"]),
        "akylbek": person("akylbek", "Akylbek Japarov", en=["Japarov"]),
    }
)


def meta(publisher="Global Times", interviewer="Chen Qingqing"):
    return SourceMeta(
        id="s",
        title="t",
        publisher=publisher,
        interviewer=interviewer,
        published="2025",
        published_precision="year",
        published_evidence="test",
        language="en",
        rights="test",
    )


def found(text, people=PEOPLE, source_meta=None):
    return [
        (f.rule, f.speaker, f.name, f.cue.quote, f.said.quote)
        for f in find_attributions(text, "s", people, source_meta)
    ]


INTERVIEW = """\
Global Times (GT) reporter Chen Qingqing interviewed him.
GT: What do you think?
Zhu Yongbiao: The technical issues have been basically resolved.
In other words, technology has never been the main obstacle.
Practical Win-Win and Steady Progress
Source: Eurasian Development Bank
GT: And the summit?
Zhu Yongbiao: It went well.
This article is an exclusive article of Global Times.
"""


def test_interview_turns_their_continuation_and_the_interviewer():
    assert found(INTERVIEW, source_meta=meta()) == [
        ("interviewer_turn", "chen", "Chen Qingqing", "GT", "What do you think?"),
        ("turn", "zhu", "Zhu Yongbiao", "Zhu Yongbiao",
         "The technical issues have been basically resolved."),
        ("turn_continued", "zhu", "Zhu Yongbiao", "Zhu Yongbiao",
         "In other words, technology has never been the main obstacle."),
        # A heading ends the turn; "Source:" is no speaker; an editor's note names the publisher.
        ("interviewer_turn", "chen", "Chen Qingqing", "GT", "And the summit?"),
        ("turn", "zhu", "Zhu Yongbiao", "Zhu Yongbiao", "It went well."),
    ]  # fmt: skip


def test_the_publication_names_the_interviewer_even_when_people_json_does_not():
    text = "Observer Network: What next?\nZhu Yongbiao: More trains."
    got = found(text, source_meta=meta("Observer Network (Guancha)", "Zheng Leihuan"))
    assert got[0] == ("interviewer_turn", None, "Zheng Leihuan", "Observer Network", "What next?")


def test_an_unknown_label_is_a_speaker_only_when_it_takes_turns():
    text = "Hakimov: One.\nQ: Why?\nHakimov: Two.\nLeft: Uzbekistan Railways, Right: Kyrgyzstan"
    got = found(text)
    assert [(r, n, s) for r, _sp, n, _c, s in got] == [
        ("turn", "Hakimov", "One."),
        ("turn", "Hakimov", "Two."),
    ]
    assert all(sp is None for _r, sp, *_ in got)  # not in people.json: the reviewer adds them


QUOTED = [
    (
        '"The new economic opportunities were created by the cooperation between China and '
        'Kazakhstan," said Liu Yanong, deputy director of Horgos Port\'s administrative committee.',
        ("quote_said", None, "Liu Yanong", "said Liu Yanong",
         "The new economic opportunities were created by the cooperation between China and "
         "Kazakhstan"),
    ),
    (
        '"This route shortens the journey by over 800 kilometers," Kamalov said.',
        ("quote_said", None, "Kamalov", "Kamalov said",
         "This route shortens the journey by over 800 kilometers"),
    ),
    (
        "«Но, если посмотреть на текущие темпы, возможно, удастся завершить и за четыре года», — "
        "сказал Хикматулла Рахметов.",
        ("quote_said", None, "Хикматулла Рахметов", "сказал Хикматулла Рахметов",
         "Но, если посмотреть на текущие темпы, возможно, удастся завершить и за четыре года"),
    ),
    (
        "«Если сейчас между Европой и Китаем мы живем в «тупиковой» стране, то мы превратимся в "
        "транзитную державу», — заявил президент Садыр Жапаров",
        ("quote_said", "sadyr", "Садыр Жапаров", "заявил президент Садыр Жапаров",
         "Если сейчас между Европой и Китаем мы живем в «тупиковой» стране, то мы превратимся в "
         "транзитную державу"),
    ),
    (
        "“天津集裝箱中心站承擔中歐班列、中亞班列開行及鐵水聯運等運輸任務。”天津中鐵聯合國際集裝箱有限公司"
        "經營開發部副主任楊俊勇向記者介紹說。",
        ("quote_said", None, "楊俊勇", "楊俊勇向記者介紹說",
         "天津集裝箱中心站承擔中歐班列、中亞班列開行及鐵水聯運等運輸任務。"),
    ),
    (
        'Sadyr Japarov said: "The railway will serve as a strategic bridge between East and West."',
        ("said_quote", "sadyr", "Sadyr Japarov", "Sadyr Japarov said",
         "The railway will serve as a strategic bridge between East and West."),
    ),
    (
        "According to Sadyr Japarov, this is not just a transportation corridor but a bridge.",
        ("according_to", "sadyr", "Sadyr Japarov", "According to Sadyr Japarov",
         "this is not just a transportation corridor but a bridge."),
    ),
    (
        "По словам Садыра Жапарова, это не просто транспортный коридор.",
        ("according_to", "sadyr", "Садыра Жапарова", "По словам Садыра Жапарова",
         "это не просто транспортный коридор."),
    ),
    (
        "Chinese President Xi Jinping said Friday the construction of the railway is a strategic "
        "decision.",
        ("reported_speech", "xi", "Xi Jinping", "Xi Jinping said",
         "Friday the construction of the railway is a strategic decision."),
    ),
    (
        "習近平指出,中吉烏鐵路是中國同中亞互聯互通的戰略性項目。",
        ("reported_speech", "xi", "習近平", "習近平指出", "中吉烏鐵路是中國同中亞互聯互通的戰略性項目。"),
    ),
    (
        "Russia has allocated $3.1 million for a feasibility study, Kyrgyzstan’s President "
        "Sooronbay Jeenbekov stated.",
        ("reported_speech", "jeenbekov", "Sooronbay Jeenbekov", "Sooronbay Jeenbekov stated",
         "Russia has allocated $3.1 million for a feasibility study"),
    ),
    # The statement before the name, when only a place or an occasion follows the verb.
    (
        "The project holds particular significance for the region, the President of Kyrgyzstan, "
        "Sadyr Japarov, said at the meeting in Cholpon-Ata city, Trend reports.",
        ("reported_speech", "sadyr", "Sadyr Japarov", "Sadyr Japarov, said",
         "The project holds particular significance for the region"),
    ),
    (
        "Russia has allocated $3.1 million for a feasibility study, Kyrgyzstan’s President "
        "Sooronbay Jeenbekov stated, Trend reports citing Kyrgyz media.",
        ("reported_speech", "jeenbekov", "Sooronbay Jeenbekov", "Sooronbay Jeenbekov stated",
         "Russia has allocated $3.1 million for a feasibility study"),
    ),
    # Words that point back: what was said is the sentence before.
    (
        "China insists on a short transit road. The Minister Sooronbay Jeenbekov said this today "
        "at a meeting of the Committee.",
        ("reported_speech", "jeenbekov", "Sooronbay Jeenbekov", "Sooronbay Jeenbekov said",
         "China insists on a short transit road."),
    ),
    (
        "Август ойида темир йўли қурилиши бошланади. Бу ҳақда Қирғизистон бош вазири Ақилбек "
        "Жапаров маълум қилди.",
        ("reported_speech", "akylbek", "Ақилбек Жапаров", "Ақилбек Жапаров маълум қилди",
         "Август ойида темир йўли қурилиши бошланади."),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), QUOTED, ids=[e[3] for _t, e in QUOTED])
def test_quoted_and_reported_statements(text, expected):
    assert found(text) == [expected]


NOT_STATEMENTS = [
    'Some might say that the "Middle Corridor" and the railway are competitive projects.',
    '"It will create thousands of jobs and give a boost to our economies," he stated.',
    "Observer Network connected with Zhu Yongbiao, Executive Director of the Center.",
    "Editor's Note: The forum was held in Urumqi.",
    # An organisation in apposition to the speaker is not the speaker.
    "This train provides a shorter route, Chen Qingqing, reporter of Global Times, said.",
    # Nothing before "Об этом/this" in the passage: nothing to attribute.
    "Sooronbay Jeenbekov said this today at a meeting.",
]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_what_is_not_attributed(text):
    assert found(text) == []


def test_a_name_two_people_share_leaves_the_speaker_to_the_reviewer():
    got = found('"This project is the road of life for us," Japarov said.', SHARED_SURNAME)
    assert got == [
        ("quote_said", None, "Japarov", "Japarov said", "This project is the road of life for us")
    ]


def test_said_spans_never_overlap():
    text = (
        'Sadyr Japarov said: "The railway will serve as a strategic bridge between East and '
        'West," Sadyr Japarov said.'
    )
    got = found(text)
    assert len(got) == 1 and got[0][0] == "quote_said"

"""geo.link for Kazakh, Kyrgyz and Uzbek names, and descriptive names: Turkic suffix chains,
spacing and quotation marks, lists of names, sentence-scoped context, false friends.

The gazetteers here are tiny and inline; the phrases are quoted from real pages (URL beside
each). The real gazetteer on the same kind of phrases: ``tests/data/test_aliases_languages.py``.
"""

from __future__ import annotations

import pytest

from geo.link import GazetteerEntry as G
from geo.link import Linker

CKU = "cku_railway"
LINKER = Linker(
    [
        G(CKU, CKU, "Қытай — Қырғызстан — Өзбекстан темір жолы", "kk"),
        G(CKU, CKU, "Кытай — Кыргызстан — Өзбекстан темир жолу", "ky"),
        G(CKU, CKU, "Xitoy — Qirgʻiziston — Oʻzbekiston temir yoʻli", "uz"),
        G(CKU, CKU, "Хитой — Қирғизистон — Ўзбекистон темир йўли", "uz"),
        G(CKU, CKU, "Кытай — Кыргызстан — Өзбекстан", "ky", ("темир жол",)),
        G("horgos", "horgos", "Қорғас", "kk"),
        G("horgos", "horgos", "Хоргос", "ru"),
        G("jalal_abad", None, "Жалал-Абад", "ky"),
        G("aktau_port", "middle_corridor", "Ақтау порты", "kk"),
        G("andijan", None, "Andijon", "uz"),
        G("tianjin_freight", "tianjin_freight", "中欧(中亚)班列", "zh", ("天津",), "sentence"),
    ],
    false_friends=[("Кыргыз темир жолу", "ky"), ("O‘zbekiston temir yo‘llari", "uz")],
)


def links(text: str) -> list[tuple[str, str, str]]:
    return [(m.feature, m.text, m.rule) for m in LINKER.link(text)]


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        (
            "Жалал-Абадта Қытай — Қырғызстан — Өзбекстан темір жолының құрылысы басталды",
            [
                ("jalal_abad", "Жалал-Абадта", "turkic_suffix"),
                (CKU, "Қытай — Қырғызстан — Өзбекстан темір жолының", "turkic_suffix"),
            ],
            "https://www.caravan-info.pro/kk/ytaj-yr-yzstan-zbekstan-zha-a-temir-zholy-strategijaly-serpilis",
        ),
        (
            "Кытай – Кыргызстан – Өзбекстан темир жолу аркылуу Кытайдан биздин өлкөгө",
            [(CKU, "Кытай – Кыргызстан – Өзбекстан темир жолу", "alias")],
            "https://novosti.kg/kg/kytaj-kyrgyzstan-zbekstan-jel-aralyk-temir-zholun-kuruu-bojuncha-dolboordun-katyshuuchu-mamleketteri-s-jl-sh-l-r-n-ulantuuda/",
        ),
        (
            "Qayd qilinishicha, Xitoy-Qirg‘iziston-O‘zbekiston temiryo‘lining Qirg‘iziston hududidan",
            [(CKU, "Xitoy-Qirg‘iziston-O‘zbekiston temiryo‘lining", "turkic_suffix")],
            "https://ad.kun.uz/news/2024/05/07/xitoy-qirgiziston-ozbekiston-temir-yoli-qurilishi-oktyabr-oyida-boshlanishi-mumkin",
        ),
        (
            "Xitoy – Qirg‘iziston – O‘zbekiston temir yo‘li qurilishi boshlandi",
            [(CKU, "Xitoy – Qirg‘iziston – O‘zbekiston temir yo‘li", "alias")],
            "https://kapital.uz/uz/temir-yol-qurilishi-boshlandi",
        ),
        (
            "Ақтау портының қолданыстағы порт инфрақұрылымын кеңейту",
            [("aktau_port", "Ақтау портының", "turkic_suffix")],
            "https://rail-news.kz/index.php/kz/news/37-te-iz-ben-t-z-to-ys-anda.html",
        ),
        (
            "Qashg‘ardan Andijongacha temir yo‘l quriladi",
            [("andijan", "Andijongacha", "turkic_suffix")],
            "https://xabardor.uz/uz/post/qashgardan-andijongacha-temir-yol-quriladi",
        ),
        (
            '"Қорғастың" қытай тарапындағы қызметі уақытша тоқтатылады.',
            [("horgos", "Қорғастың", "turkic_suffix")],
            "https://sputnik.kz/20260202/qorgas-eki-aptaga-zhabylady-60872755.html",
        ),
    ],
)
def test_turkic_endings_on_the_last_word(text, expected, source):
    assert links(text) == expected, source


def test_a_russian_spelling_takes_turkic_endings_too():
    # A Kazakh text writing the Russian "Хоргос": both kinds of ending are read.
    assert links("Хоргостағы және Хоргоса") == [
        ("horgos", "Хоргостағы", "turkic_suffix"),
        ("horgos", "Хоргоса", "cyrillic_inflection"),
    ]


def test_endings_stop_at_the_word_boundary():
    # "-лық" makes an adjective ("of Khorgos"), not a name; "Қорғасқа" is "to Khorgos".
    assert links("қорғастық кеден, Қорғасқа") == [("horgos", "Қорғасқа", "turkic_suffix")]


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        (
            # Quotation marks inside the name, and "temiryo‘li" written as one word.
            "Sadir Japarov «Xitoy-Qirg‘iziston-O‘zbekiston» temiryo‘li qurilishi",
            [(CKU, "«Xitoy-Qirg‘iziston-O‘zbekiston» temiryo‘li", "spacing")],
            "https://ad.kun.uz/news/2024/05/07/xitoy-qirgiziston-ozbekiston-temir-yoli-qurilishi-oktyabr-oyida-boshlanishi-mumkin",
        ),
        (
            "«Хитой-Қирғизистон-Ўзбекистон» темирйўли қурилиши",
            [(CKU, "«Хитой-Қирғизистон-Ўзбекистон» темирйўли", "spacing")],
            "https://kun.uz/kr/news/2024/08/07/xitoy-qirgiziston-ozbekiston-temir-yoli-qurilishi-qachon-boshlanishi-malum-qilindi",
        ),
        (
            "«Кытай - Кыргызстан - Өзбекстан» темир жол долбоору",
            [(CKU, "«Кытай - Кыргызстан - Өзбекстан» темир жол", "turkic_suffix")],
            "https://kjd.kg/ky/investment-projects/kitai-kg-uz-marshrut/",
        ),
        ("Жалал Абадта", [("jalal_abad", "Жалал Абадта", "turkic_suffix")], "spacing variant"),
        ("Жалал Абад", [("jalal_abad", "Жалал Абад", "spacing")], "spacing variant"),
    ],
)
def test_spacing_dashes_and_quotation_marks(text, expected, source):
    assert links(text) == expected, source


def test_a_list_of_names_inside_a_longer_list_is_another_route():
    # https://oz.inform.kz/news/markaziy-osiyo-va-hitoy-urtasidagi-yangi-yul-multimodal-tranzit-ochildi-478786/
    text = "“Хитой-Қирғизистон-Ўзбекистон-Туркманистон” мультимодал маршрути, темир йўл"
    linker = Linker([G(CKU, CKU, "Хитой-Қирғизистон-Ўзбекистон", "uz", ("темир йўл",))])
    assert linker.link(text) == []
    assert len(linker.link("“Хитой-Қирғизистон-Ўзбекистон” темир йўли")) == 1


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # The national railway companies are not the railway.
        (
            'Бул тууралуу “Кыргыз темир жолу" мамлекеттик ишкананын башкы директору билдирди.',
            "https://utrk.kg/kg/news/s/23313",
        ),
        (
            "Shuningdek, “O‘zbekiston temir yo‘llari” bu temir yo‘lini qurilishi uchun",
            "https://kapital.uz/uz/temir-yol-qurilishi-boshlandi",
        ),
        # The three governments named together are not the railway.
        (
            "Joriy yilning 1-mart kuni O‘zbekiston – Xitoy – Qirg‘iziston hukumatlari "
            "delegatsiyalarining uch tomonlama uchrashuvi bo‘lib o‘tdi.",
            "https://xabardor.uz/uz/post/xitoy-qirgiziston-ozbekiston-temir-yol-liniyasini-qurish-uchun-qoshma-korxona-tashkil-etiladi",
        ),
    ],
)
def test_false_friends_name_no_system(text, source):
    assert links(text) == [], source


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        # A name followed by a word for a region is the region, not the city.
        (
            "үч өлкөнүн өкүлдөрү Жалал-Абад облусунда 22-ноябрда жолукту",
            [],
            "https://www.azattyk.org/a/33600031.html",
        ),
        (
            "Андижон вилоятида “Хитой – Қирғизистон – Ўзбекистон” темир йўли лойиҳаси доирасида",
            [(CKU, "“Хитой – Қирғизистон – Ўзбекистон” темир йўли", "spacing")],
            "https://sputniknews.uz/20250929/china-kyrgyzstan-uzbekistan-andijan-logistika-markaz-52326962.html",
        ),
        # ... and followed by a word for a company or an enterprise, the company.
        (
            "Bishkek shahrida «Xitoy-Qirg‘iziston-O‘zbekiston» temiryo‘l kompaniyasi ofisi ochildi.",
            [],
            "https://kun.uz/kr/changelang/uz?c=%2Fnews%2F2024%2F10%2F01%2Fqirgizistonda-xitoy-qirgiziston-ozbekiston-temiryol-kompaniyasi-ofisi-ochildi",
        ),
        (
            "Бишкекте “Кытай–Кыргызстан–Өзбекстан темир жолу” ишканасы түзүлгөн.",
            [],
            "https://www.azattyk.org/a/33600031.html",
        ),
    ],
)
def test_a_region_or_a_company_named_after_a_feature_is_not_it(text, expected, source):
    linker = Linker(
        [
            G("andijan", None, "Андижон", "uz"),
            G(CKU, CKU, "Xitoy-Qirg‘iziston-O‘zbekiston temir yo‘li", "uz"),
            *LINKER._entries,
        ]
    )
    assert [(m.feature, m.text, m.rule) for m in linker.link(text)] == expected, source


def test_international_may_stand_inside_a_name():
    # https://novosti.kg/kg/kytaj-kyrgyzstan-zbekstan-jel-aralyk-temir-zholun-kuruu-bojuncha-dolboordun-katyshuuchu-mamleketteri-s-jl-sh-l-r-n-ulantuuda/
    text = "Кытай – Кыргызстан – Өзбекстан эл аралык темир жолун куруу боюнча долбоордун"
    assert links(text) == [
        (CKU, "Кытай – Кыргызстан – Өзбекстан эл аралык темир жолун", "international")
    ]
    # Only before the lower-case words that end the name: not inside the list of countries.
    assert links("Кытай – эл аралык Кыргызстан – Өзбекстан темир жолу") == []


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        (
            "Бұл жобаларды іске асыру Ақтау және Құрық порттарының өткізу қабілетін 30 млн тоннаға",
            [
                ("aktau_port", "Ақтау", "list"),
                ("kuryk_port", "Құрық порттарының", "turkic_suffix"),
            ],
            "https://baq.kz/aqtau-zhane-quryq-porttarynyn-otkizu-qabileti-30-mln-tonnaga-zhetkizilmek-200026144/",
        ),
        (
            "Aqtaý men Quryq teńiz porttary arqyly tasymaldanǵan júk",
            [("aktau_port", "Aqtaý", "list")],
            "https://lat.egemen.kz/amp/article/349051-tenhiz-tasymaly-ulghaydy",
        ),
        # Without the shared last word in the plural, a city is only a city.
        ("Ақтау мен Алматы арасында", [], "(the same construction, no plural port)"),
    ],
)
def test_two_names_that_share_their_last_word(text, expected, source):
    linker = Linker(
        [
            G("aktau_port", None, "Ақтау порты", "kk"),
            G("aktau_port", None, "Aqtaý porty", "kk"),
            G("kuryk_port", None, "Құрық порты", "kk"),
        ]
    )
    assert [(m.feature, m.text, m.rule) for m in linker.link(text)] == expected, source


def test_a_name_that_says_international_may_leave_it_out():
    # A phrase of the issue-14 gold (see docs/accuracy.md), the alias from another page:
    # https://silkwaytv.kz/uz/markaz-garb-magistrali-kuriladi_53588
    linker = Linker([G("middle_corridor", None, "Транскаспий халқаро транспорт йўналиши", "uz")])
    text = "Қозоғистон фаол ривожлантираётган Транскаспий транспорт йўналишига бевосита уланади."
    assert [(m.text, m.rule) for m in linker.link(text)] == [
        ("Транскаспий транспорт йўналишига", "international")
    ]


def test_latin_letters_with_accents_are_read_as_their_base_letters():
    # Kazakh Latin in the 2018 alphabet ("Alát", "Quryq") against plain spellings.
    # https://ulys.kz/latyn/article/qazaqstanda-konteinerlik-habtyn-qurylysy-jurip-jatyr.html
    linker = Linker([G("alat_port", None, "Alat", "en"), G("kuryk_port", None, "Qúryq", "kk")])
    text = "Búginde Quryq-Alát qatynasynda tek ázerbaıjandyq paromdar jumys isteıdi."
    assert [(m.feature, m.text) for m in linker.link(text)] == [
        ("kuryk_port", "Quryq"),
        ("alat_port", "Alát"),
    ]


def test_a_context_word_inside_a_false_friend_does_not_count():
    # The company's "темир жол" does not make the three countries the railway...
    text = "Кытай — Кыргызстан — Өзбекстан соода. «Кыргыз темир жолу» билдирди."
    assert links(text) == []
    # ...but the word outside it does.
    assert links("Кытай — Кыргызстан — Өзбекстан, темир жол.")[0][2] == "alias+context"


def test_a_description_needs_its_context_in_the_same_sentence():
    # http://zix.xmtw.org.cn/show-36304.html: a China-Europe (Central Asia) train from Tianjin...
    tianjin = "8月28日10时,一列满载医药、电器、食品的中欧(中亚)班列从天津新港北站鸣笛启程。"
    assert links(tianjin) == [("tianjin_freight", "中欧(中亚)班列", "alias+sentence")]
    # ...https://wallstreetcn.com/livenews/2773995: Xinjiang's trains are not the Tianjin service,
    # even with Tianjin in the next sentence of the same passage.
    xinjiang = "新疆铁路双口岸今年通行中欧(中亚)班列数量突破1万列。天津港"
    assert links(xinjiang) == []


def test_sentence_scope_is_checked_when_the_linker_is_built():
    with pytest.raises(ValueError, match="scope 'page'"):
        Linker([G("x", None, "X", "en", ("y",), "page")])


def test_traditional_characters_find_a_simplified_alias():
    # "中吉烏鐵路" in a traditional-character text (people.com.cn's traditional edition writes so).
    linker = Linker([G(CKU, CKU, "中吉乌铁路", "zh")])
    assert [(m.text, m.rule) for m in linker.link("中吉烏鐵路項目")] == [("中吉烏鐵路", "alias")]

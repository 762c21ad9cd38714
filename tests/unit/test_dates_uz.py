"""geo.dates.uz: Uzbek dates in Latin and Cyrillic, on phrases quoted from real pages (their URLs
beside them)."""

from __future__ import annotations

import pytest

from tests.unit.dates_found import found

XABARDOR_QK = (
    "https://xabardor.uz/uz/post/xitoy-qirgiziston-ozbekiston-temir-yol-liniyasini-qurish-uchun-"
    "qoshma-korxona-tashkil-etiladi"
)
XABARDOR_QA = "https://xabardor.uz/uz/post/qashgardan-andijongacha-temir-yol-quriladi"
XABARDOR_TRAM = "https://xabardor.uz/uz/post/toshkent-shahrida-tramvay-faoliyati-tiklanishi-mumkin"
KUN_UZ = (
    "https://ad.kun.uz/news/2024/05/07/xitoy-qirgiziston-ozbekiston-temir-yoli-qurilishi-"
    "oktyabr-oyida-boshlanishi-mumkin"
)
KUN_KR = (
    "https://kun.uz/kr/news/2024/08/07/xitoy-qirgiziston-ozbekiston-temir-yoli-qurilishi-qachon-"
    "boshlanishi-malum-qilindi"
)
KUN_2017 = (
    "https://kun.uz/news/2017/04/29/toskent-markazida-sport-marafoni-tufajli-katta-"
    "tirbandliklar-uzaga-keldi-foto"
)
DAYJEST = "https://kun.uz./kr/changelang/uz?c=%2Fnews%2F2022%2F10%2F30%2Fhafta-dayjesti"
HARAKAT = "https://harakat.net/news/?id=21275"
SPUTNIK_UZ = (
    "https://sputniknews.uz/amp/20220815/xitoydan-ozbekistonga-yangi-temir-yoli-orqali-yuk-"
    "poezdi-yol-oldi-27144067.html"
)
OZ_INFORM = (
    "https://oz.inform.kz/news/markaziy-osiyo-va-hitoy-urtasidagi-yangi-yul-multimodal-tranzit-"
    "ochildi-478786/"
)
OZODLIK = (
    "https://ozodlik.org/amp/xitoydan-o-zbekistonga-yangi-yo-nalish-bo-yicha-yuk-poyezdi-"
    "kelmoqda/31989060.html"
)
DUNYO = (
    "https://dunyo.info/uz/mir-ob-uzbekistane/gazeta-Al-Harir-shos-sozdaet-unikalnye-vozmozhnosti-"
    "dlya-ukrepleniya-regionalnyh-i-mezhdunarodnyh-poziciy-uzbekistana"
)


@pytest.mark.parametrize(
    ("text", "published", "expected", "source"),
    [
        (
            "Joriy yilning 1-mart kuni Xitoy Xalq Respublikasining Qashg‘ar shahrida",
            "2024-03-02",
            [("Joriy yilning 1-mart", "2024-03-01", "day")],
            XABARDOR_QK,
        ),
        (
            "Bugun, 6-iyun kuni Pekin shahrida “Xitoy – Qirg‘iziston – O‘zbekiston” temir yo‘li",
            "2024-06-06",
            [("Bugun, 6-iyun", "2024-06-06", "day")],
            XABARDOR_QA,
        ),
        # A relative day that the text dates is the written date, also when quoted a day later.
        (
            "Bugun, 6-iyun kuni Pekin shahrida “Xitoy – Qirg‘iziston – O‘zbekiston” temir yo‘li",
            "2024-06-07",
            [("Bugun, 6-iyun", "2024-06-06", "day")],
            XABARDOR_QA,
        ),
        (
            "temiryo‘li qurilishi shu yilning oktyabr oyida boshlanishini aytdi.",
            "2024-05-07",
            [("shu yilning oktyabr oyida", "2024-10", "month")],
            KUN_UZ,
        ),
        (
            "«Хитой-Қирғизистон-Ўзбекистон» темирйўли қурилиши 2024 йил октябр ойида бошланиши",
            "2024-08-07",
            [("2024 йил октябр ойида", "2024-10", "month")],
            KUN_KR,
        ),
        (
            "2016-yil may oyida to‘xtatilgan edi. Aynan shu yili 2-may kuni",
            "2022-01-23",
            [
                ("2016-yil may oyida", "2016-05", "month"),
                ("Aynan shu yili 2-may", "2016-05-02", "day"),
            ],
            XABARDOR_TRAM,
        ),
        (
            "Samarqandda 1947-1973 yillarda oralig‘ida ham tramvay harakatlangan.",
            None,
            [("1947-1973 yillarda", "1947/1973", "range")],
            XABARDOR_TRAM,
        ),
        (
            "Bugun Toshkentning markaziy qismida",
            "2017-04-29",
            [("Bugun", "2017-04-29", "day")],
            KUN_2017,
        ),
        (
            "12 yanvar kuni Toshkentdagi ayrim ko‘chalarda",
            "2026-01-11",
            [("12 yanvar", "2026-01-12", "day")],
            KUN_2017,
        ),
        (
            "O‘tgan yili Chevrolet Onix avtomobili",
            "2022-10-30",
            [("O‘tgan yili", "2021", "year")],
            DAYJEST,
        ),
        ("1996 yilgi Damas", None, [("1996 yilgi", "1996", "year")], DAYJEST),
        (
            "поезднинг бир неча кун, аниқроғи 3 дан 5 ноябргача қатнамаслигини",
            "2017-11-03",
            [("3 дан 5 ноябргача", "2017-11-03/2017-11-05", "range")],
            HARAKAT,
        ),
        ("ТОШКЕНТ, 15 авг — Sputnik.", "2022-08-15", [("15 авг", "2022-08-15", "day")], SPUTNIK_UZ),
        (
            "Шу йилнинг 15 октябрь куни Қашғар шаҳридан. Автомобиллар 21 октябрда Ўзбекистонга",
            "2025-10-17",
            [("Шу йилнинг 15 октябрь", "2025-10-15", "day"), ("21 октябрда", "2025-10-21", "day")],
            OZ_INFORM,
        ),
        (
            "“Синьхуа” агентлиги ўтган йил декабрида Хитойнинг Шэньси вилоятидан",
            "2022-08-15",
            [("ўтган йил декабрида", "2021-12", "month")],
            OZODLIK,
        ),
        (
            "2025-yilning birinchi yarim yilligida",
            None,
            [("2025-yilning", "2025", "year")],
            DUNYO,
        ),
    ],
)
def test_uzbek(text, published, expected, source):
    assert found(text, published) == expected, source


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("yuklar hajmi 4 barobar oshdi, 2 marta ko‘p", "'marta' is 'times', not March"),
        ("Kechasi 18°", "'kechasi' is 'at night', not yesterday"),
        ("26 yillik bu qadrdon modelini", "an age is not a year"),
        ("120 tonnadan ortiq", "a count is not a date"),
        ("bugungi kunda", "'today's' is read as 'nowadays'"),
    ],
)
def test_not_uzbek_dates(text, why):
    assert found(text, "2024-05-07") == [], why


def test_a_full_stop_after_a_month_ends_the_sentence_not_the_date():
    # "1-martida." and "14-22 mart. Keyin": the dot ends the sentence; "6-июн. — Sputnik"
    # (https://sputnik.kg/amp/20240606/kytay-kyrgyzstan-temir-zhol-1085840183.html) abbreviates.
    assert found("Joriy yilning 1-martida.", "2024-03-02") == [
        ("Joriy yilning 1-martida", "2024-03-01", "day")
    ]
    assert found("14-22 mart. Keyin", "2024-03-02")[0][0] == "14-22 mart"
    assert found("БИШКЕК, 6-июн. — Sputnik.", "2024-06-06")[0][0] == "6-июн."

"""geo.dates.ky: Kyrgyz dates, on phrases quoted from real pages (their URLs beside them)."""

from __future__ import annotations

import pytest

from tests.unit.dates_found import found

SPUTNIK_KG = "https://sputnik.kg/20150831/1017827453.html"
KADAM = "https://kadam-media.kg/60119/"
KABAR = (
    "https://kg.kabar.kg/news/zhyldyn-birinchi-zharymynda-temir-zhol-arkyluu-tashunun-turuktuu-"
    "s-sh-baikaldy"
)
KYRGYZELI = (
    "https://kyrgyzeli.ru/kg/economics/126042-po-kyrgyzskoy-zheleznoy-doroge-za-2020-god-"
    "perevezut-bole-7-mln-tonn-gruzov.html"
)
UTRK = "https://utrk.kg/kg/news/s/23313"
SUPER = "https://www.super.kg/kabar/news/220493"
SPUTNIK_JUL = "https://sputnik.kg/amp/20230701/kyrgyzstan-kazaksta-rossiya-sooda-1076697437.html"
KLOOP = (
    "https://ky.kloop.asia/2020/01/10/kordaj-punktu-o-doogo-zhabylat-kyrgyz-kazak-chek-arasy-"
    "arkyluu-kaj-zherlerden-ts-bolot/"
)


@pytest.mark.parametrize(
    ("text", "published", "expected", "source"),
    [
        (
            "1991-жылдын 31-августунда Жогорку Кеңештин сессиясы",
            None,
            [("1991-жылдын 31-августунда", "1991-08-31", "day")],
            SPUTNIK_KG,
        ),
        (
            "1993-жылдын 5-майында кабыл алынган Баш мыйзам",
            None,
            [("1993-жылдын 5-майында", "1993-05-05", "day")],
            SPUTNIK_KG,
        ),
        (
            "2020-жылдын 25-майына карата (б.а. 1-январдан 25-майга чейин)",
            "2020-05-28",
            [
                ("2020-жылдын 25-майына", "2020-05-25", "day"),
                ("1-январдан 25-майга чейин", "2020-01-01/2020-05-25", "range"),
            ],
            KADAM,
        ),
        (
            "2020-жылдын 31-декабрынан баштап республикалык ички каттамда",
            None,
            [("2020-жылдын 31-декабрынан", "2020-12-31", "day")],
            KABAR,
        ),
        ("БИШКЕК, 1-июл. — Sputnik.", "2023-07-01", [("1-июл.", "2023-07-01", "day")], SPUTNIK_JUL),
        (
            "2020-жылы кыргыз темир жолу аркылуу 7 миллион тоннадан ашык жүк ташылды",
            None,
            [("2020-жылы", "2020", "year")],
            KYRGYZELI,
        ),
        (
            "Өткөн жылы 7 миллион 23,1 миң тонна",
            "2020-12-28",
            [("Өткөн жылы", "2019", "year")],
            KYRGYZELI,
        ),
        (
            "Ногойбаев кечээ темир жолчулардын кесиптик майрамына арналган жыйында билдирди.",
            "2020-08-02",
            [("кечээ", "2020-08-01", "day")],
            UTRK,
        ),
        (
            "быйыл алардын 55 миңге жетери күтүлүүдө",
            "2020-08-02",
            [("быйыл", "2020", "year")],
            UTRK,
        ),
        (
            "Мирзийоев 2017-жылдын май айында сунуштаган. Ал эми ошол эле жылдын октябрь айында",
            None,
            [
                ("2017-жылдын май айында", "2017-05", "month"),
                ("ошол эле жылдын октябрь айында", "2017-10", "month"),
            ],
            SUPER,
        ),
        (
            "Январь айынын аягында кыргыз-казак «Ак-Жол» жана «Кордай» пункттары жабылат.",
            "2020-01-10",
            [("Январь айынын", "2020-01", "month")],
            KLOOP,
        ),
    ],
)
def test_kyrgyz(text, published, expected, source):
    assert found(text, published) == expected, source


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Үсөн Каримов да 24кө толуп", "an age is not a date"),
        ("500дөн ашык фура топтолду", "a count is not a date"),
        ("Бүгүнкү күндө аталган темир жолдун", "'nowadays' is not today"),
        ("майда-чүйдө иштер", "'майда' (small) is not May without a day"),
    ],
)
def test_not_kyrgyz_dates(text, why):
    assert found(text, "2024-06-06") == [], why

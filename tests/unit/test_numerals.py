"""Reading numbers as written, in the atlas's languages, to check a figure against its quote."""

from decimal import Decimal

import pytest

from geo.numerals import format_decimal, numbers_in, states_value

# (quote as a source writes it, the value a figure gives for it) — forms seen in real sources.
STATED = [
    ("The proposed route will span approximately 523 kilometers", 523),
    ("Line length | 523[2] km (325 mi) |", 523),
    ("523-километровой железной дороги", 523),
    ("with the total investment estimated at $4.7 billion", 4_700_000_000),
    ("Loyihaning qiymati 4,7 milliard dollarni tashkil etadi.", 4_700_000_000),
    ("стоимость проекта 4,7 млрд долларов", 4_700_000_000),
    ("The project is estimated at $422mln", 422_000_000),
    ("a 1435 mm international standard track", 1435),
    ("the 1,435 mm gauge", 1435),
    ("1435毫米,是中国使用的国际标准轨距。", 1435),
    ("1-сон Норин (Джаман-Даван) туннели узунлиги – 12,5 км;", 12.5),
    ("全长约1.1万公里", 11_000),
    ("发运集装箱57.1万标箱", 571_000),
    ("累計完成投資8.8億元", 880_000_000),
    ("年設計吞吐量為24萬標箱", 240_000),
    ("过货量达到700万吨", 7_000_000),
    ("在 2024 年开行 3亿5000万", 350_000_000),
    ("в 2022 году - 1,485 млн тонн", 1_485_000),
    ("в 2019 году объем составил 759 тыс. тонн", 759_000),
    ("Унинг йиллик юк ташиш ҳажми 15 миллион тоннага етиши", 15_000_000),
    ("хабтың қуаттылығы жылына 240 мың контейнерге дейін жетеді", 240_000),
    ("bugüne kadar 2 milyon 405 bin ton yük taşındı", 2_405_000),
    ("2,6 dəfə artaraq 50,5 min TEU təşkil edib", 50_500),
    ("кіріп-шыққандардың саны 54 000-ға", 54_000),
    ("38 900-ден астам турист", 38_900),
    ("excedeu 1 milhão de TEUs", 1_000_000),
    ("The port has handled a total of 11,604 containers", 11_604),
    ("over 1.34 million people have checked in", 1_340_000),
    ("расстояние около 7 тыс. км", 7_000),
    ("ＧＤＰ ２０２４年 全长５２３公里", 523),  # full-width digits
]


@pytest.mark.parametrize(("quote", "value"), STATED)
def test_the_quote_states_the_value(quote, value):
    assert states_value(quote, value)


NOT_STATED = [
    ("with the total investment estimated at $4.7 billion", 4.7),  # the scale left out
    ("12,5 км", 125),  # a decimal comma followed by one digit is not a thousands separator
    ("The railway requires 46 bridges and 27 tunnels", 73),
    ("523千米", 523_000),  # 千米 is a kilometre, not a thousand metres
    ("three tunnels", 3),  # numbers in words are not read
    ("in 2024", 2025),
]


@pytest.mark.parametrize(("quote", "value"), NOT_STATED)
def test_the_quote_does_not_state_the_value(quote, value):
    assert not states_value(quote, value)


def test_a_number_has_every_reading_its_separators_allow():
    (n,) = numbers_in("1,435")
    assert set(n.readings) == {Decimal("1435"), Decimal("1.435")}
    (n,) = numbers_in("1.234.567")
    assert n.readings == (Decimal("1234567"),)
    (n,) = numbers_in("1,234.5")
    assert n.readings == (Decimal("1234.5"),)
    # Not one number: read group by group.
    assert [format_decimal(r) for r in numbers_in("06.06.2024")[0].readings] == ["6", "2024"]


def test_an_ambiguous_scale_word_keeps_the_plain_reading():
    (n,) = numbers_in("40 min")
    assert set(n.readings) == {Decimal(40_000), Decimal(40)}
    (n,) = numbers_in("40 minutes")
    assert n.readings == (Decimal(40),)


def test_numbers_come_in_text_order_with_their_scale_words():
    found = numbers_in("46 bridges totaling 120 kilometers and 27 tunnels, $4.7 bn")
    assert [n.text for n in found] == ["46", "120", "27", "4.7 bn"]

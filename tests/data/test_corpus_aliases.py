"""Names of the four systems and their places as real sources write them: each case quotes the
passage that the atlas's aliases (``data/corridors.geojson``) once missed, with its page."""

import pytest

CASES = [
    # (page, passage as written, name that must link, feature)
    (
        "http://big5.www.gov.cn/gate/big5/www.gov.cn//jrzg/2011-08/30/content_1936319.htm",
        "剛剛通過國家驗收的中哈霍爾果斯國際邊境合作中心將於9月封關運營",
        "中哈霍爾果斯國際邊境合作中心",
        "khorgos_icbc",
    ),
    (
        "http://cpc.people.com.cn/BIG5/n1/2024/0607/c64094-40252394.html",
        "6月6日,中國—吉爾吉斯斯坦—烏茲別克斯坦鐵路項目三國政府間協定簽字儀式在北京舉行",
        "中國—吉爾吉斯斯坦—烏茲別克斯坦鐵路",
        "cku_railway",
    ),
    (
        "https://thekyrgyzstantime.com/nbsp-mdash-nbsp-mdash-nbsp-2030-86982981",
        "с завершением строительства железной дороги КНР — Кыргызстан — Узбекистан мы"
        " превратимся в транзитную державу",
        "КНР — Кыргызстан — Узбекистан",
        "cku_railway",
    ),
    (
        "http://www.handmsg.com/page/2023/1225/23090614.shtml",
        "跨里海國際運輸走廊(又稱“中間走廊”),是一個連接亞歐大陸的跨國交通走廊建設項目",
        "跨里海國際運輸走廊",
        "middle_corridor",
    ),
    (
        "http://www.handmsg.com/page/2023/1225/23090614.shtml",
        "跨里海國際運輸走廊(又稱“中間走廊”),是一個連接亞歐大陸的跨國交通走廊建設項目",
        "中間走廊",
        "middle_corridor",
    ),
    (
        "https://icma.az/story/orta-dehlizle-yuk-dasimalarinin-hecmi-artib-330654",
        "Bu ilin yanvar-noyabr aylarında Trans-Xəzər Beynəlxalq Nəqliyyat Marşrutu (Orta Dəhliz)"
        " ilə yük daşımalarının həcmi",
        "Trans-Xəzər Beynəlxalq Nəqliyyat Marşrutu",
        "middle_corridor",
    ),
    (
        "https://seanews.ru/2026/01/21/ru-pervyj-gruzovoj-poezd-kitaj-srednjaja-azija-iz-tjanczinja/",
        "в столицу Азербайджана Баку отправился первый грузовой поезд Китай – Средняя Азия по"
        " транскаспийскому маршруту",
        "грузовой поезд Китай – Средняя Азия",
        "tianjin_freight",
    ),
    (
        "http://zix.xmtw.org.cn/show-36304.html",
        "这是今年以来中国铁路北京局集团有限公司在天津地区开行的第464列中欧(中亚)班列。",
        "中欧(中亚)班列",
        "tianjin_freight",
    ),
    (
        "https://translation1.mil-osi.com/2026/03/11/ (Xinhua, Tianjin, 11 March 2026)",
        "a total of 117 China-Europe/Central Asia international rail freight trains departed from"
        " Tianjin City in northern China",
        "China-Europe/Central Asia",
        "tianjin_freight",
    ),
    (
        "https://cn.inform.kz/news/yuzhongjianfa-e1d6bc/",
        "TITR 是一条多式联运路线，于2017年正式运营，全长约1.1万公里",
        "TITR",
        "middle_corridor",
    ),
    (
        "http://www.handmsg.com/page/2023/1225/23090614.shtml",
        "2017年跨巴庫—第比利斯—卡爾斯國際鐵路(BTK鐵路)竣工通車",
        "卡爾斯",
        "kars",
    ),
    (
        "https://khovar.tj/rus/2025/10/mezhdu-tyantszinem-i-tsentralnoj-aziej-nachali-kursirovat-gruzovye-poezda-po-regulyarnomu-grafiku",
        "что ознаменовало запуск регулярного железнодорожного маршрута «Тяньцзинь — Центральная"
        " Азия», сообщает агентство «Синьхуа».",
        "Тяньцзинь — Центральная Азия",
        "tianjin_freight",
    ),
    (
        "https://seanews.ru/2026/01/21/ru-pervyj-gruzovoj-poezd-kitaj-srednjaja-azija-iz-tjanczinja/",
        "За 2025 год Тяньцзиньский контейнерный центр обслужил в общей сложности 390 грузовых"
        " поездов Китай – Европа и Китай – Средняя Азия, на 38% больше, чем в 2024 году.",
        "грузовых поездов Китай – Европа и Китай – Средняя Азия",
        "tianjin_freight",
    ),
    (
        "https://khovar.tj/rus/2025/04/tsentr-kontejnernoj-logistiki-porta-tyantszin-stanovitsya-logisticheskim-uzlom-mezhdu-knr-i-stranami-chlenami-shos",
        "Центр контейнерной логистики порта Тяньцзинь является одним из 18 железнодорожных"
        " контейнерных узлов страны.",
        "Центр контейнерной логистики порта Тяньцзинь",
        "tianjin_container_center_station",
    ),
    (
        "http://en.people.cn/n3/2026/0120/c90000-20416258.html",
        "Baku, the capital of Azerbaijan, serves as a pivotal hub in the cross-Caspian"
        " international multimodal transport corridor.",
        "cross-Caspian international multimodal transport corridor",
        "middle_corridor",
    ),
    (
        "http://japanese.china.org.cn/life/2025-05/21/content_117887329.htm",
        "今年初となる、天津港からホルゴスを経由してウズベキスタンの首都タシケントへ向かう"
        "中欧(中央アジア)班列が5月20日、天津港物捷三ヤードから出発した。",
        "中欧(中央アジア)班列",
        "tianjin_freight",
    ),
    (
        "https://en.tengrinews.kz/industry_infrastructure/new-transportation-opportunities-for-trans-caspian-route-261459/",
        "From Dostyk station at Kazakhstan's border with China, the train traveled to the Aktau"
        " sea port to be transhipped via the Caspian sea to the Alyat port in Azerbaijan.",
        "Aktau sea port",
        "aktau_port",
    ),
    (
        "https://www.hellenicshippingnews.com/kazakhstans-company-will-operate-container-fleet-of-chinese-cosco-shipping/",
        "Chinese investors planned to jointly purchase a 49% stake in the dry port of Khorgos"
        " Gateway.",
        "dry port of Khorgos Gateway",  # not "port of Khorgos", the border port
        "khorgos_gateway",
    ),
    (
        "https://avimbulten.org/tr/Bulten/BAKU-TIFLIS-KARS-DEMIR-YOLU-ILE-ORTA-KORIDOR-ICIN-HAYATI-ONEMDE",
        "Gürcistan'ın Tiflis ve Ahılkelek şehirlerinden geçerek",
        "Tiflis",
        "tbilisi",
    ),
    (
        "https://avimbulten.org/tr/Bulten/BAKU-TIFLIS-KARS-DEMIR-YOLU-ILE-ORTA-KORIDOR-ICIN-HAYATI-ONEMDE",
        "Gürcistan'ın Tiflis ve Ahılkelek şehirlerinden geçerek",
        "Ahılkelek",
        "akhalkalaki",
    ),
]


@pytest.mark.parametrize(("page", "passage", "name", "feature"), CASES)
def test_real_names_link(atlas, page, passage, name, feature):
    found = {(m.text, m.feature) for m in atlas.linker.link(passage)}
    assert (name, feature) in found, f"{page}: {name!r} is not linked to {feature}: {found}"


def test_china_europe_central_asia_trains_are_the_tianjin_service_only_beside_tianjin(atlas):
    # https://www.srwlw.com/article/94942.html: the same train category counted at Horgos
    passage = "截至8月8日,今年经霍尔果斯铁路口岸通行中欧(中亚)班列数量突破6000列"
    assert "tianjin_freight" not in {m.feature for m in atlas.linker.link(passage)}


@pytest.mark.parametrize(
    ("page", "passage", "feature"),
    [
        # Uzbek "shu yilning" (this year) is not the Shu junction in Kazakhstan
        (
            "https://ad.kun.uz/news/2024/05/07/xitoy-qirgiziston-ozbekiston-temir-yoli-qurilishi-oktyabr-oyida-boshlanishi-mumkin",
            "Qirg‘iziston prezidenti Sadir Japarov «Xitoy-Qirg‘iziston-O‘zbekiston» temiryo‘li"
            " qurilishi shu yilning oktyabr oyida boshlanishini aytdi.",
            "shu",
        ),
        # the railway bureau that counts the trains, not the city
        (
            "https://www.srwlw.com/article/94942.html",
            "据中国铁路乌鲁木齐局集团公司数据,截至8月8日,今年经霍尔果斯铁路口岸通行中欧(中亚)班列数量突破6000列",
            "urumqi",
        ),
    ],
)
def test_false_friends_from_real_text(atlas, page, passage, feature):
    assert feature not in {m.feature for m in atlas.linker.link(passage)}, page

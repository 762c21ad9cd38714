"""The gazetteer reads Kazakh, Kyrgyz and Uzbek (issue 14): every alias in those languages says
where its spelling is used, and the atlas's own linker finds the four systems and the main places
in phrases quoted from real pages (their URLs beside them), and not in the false friends."""

from __future__ import annotations

import pytest

from geo.model import Alias

TURKIC = ("kk", "ky", "uz")


def test_every_kazakh_kyrgyz_and_uzbek_alias_has_its_source(atlas):
    missing = [
        (fid, lang, alias if isinstance(alias, str) else alias.text)
        for fid, p in atlas.props.items()
        for lang, items in p.aliases.items()
        if lang in TURKIC
        for alias in items
        if not (
            isinstance(alias, Alias) and (alias.source or "").startswith(("http://", "https://"))
        )
    ]
    assert not missing, f"aliases without a source URL: {missing}"


def test_the_four_systems_have_names_in_each_language(atlas):
    for fid in ("cku_railway", "middle_corridor"):
        assert set(TURKIC) <= set(atlas.props[fid].aliases), fid
    assert {"kk", "uz"} <= set(atlas.props["horgos"].aliases)


def _found(atlas, text):
    return [(m.feature, m.text) for m in atlas.linker.link(text)]


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        (
            "Жалал-Абадта Қытай — Қырғызстан — Өзбекстан темір жолының құрылысы басталды",
            [
                ("jalal_abad", "Жалал-Абадта"),
                ("cku_railway", "Қытай — Қырғызстан — Өзбекстан темір жолының"),
            ],
            "https://www.caravan-info.pro/kk/ytaj-yr-yzstan-zbekstan-zha-a-temir-zholy-strategijaly-serpilis",
        ),
        (
            "Ұзындығы 523 км темір жол Қытай Қашқарынан басталып, Қырғызстан арқылы өзбек Андижанға "
            "өтеді.",
            [("kashgar", "Қашқарынан"), ("andijan", "Андижанға")],
            "https://www.caravan-info.pro/kk/ytaj-yr-yzstan-zbekstan-zha-a-temir-zholy-strategijaly-serpilis",
        ),
        (
            "Биылдың өзінде «Орта дәліз» бағыты бойынша 1 млн 600 мың тонна жүк өңделіп, жөнелтілді.",
            [("middle_corridor", "Орта дәліз")],
            "https://rail-news.kz/kz/infrastructure/18890-quryq-portynda-terminal-qoldanysqa-berildi.html",
        ),
        (
            "Маңғыстауда Құрық портында салынып жатқан астық терминалының құрылысы аяқталып",
            [("kuryk_port", "Құрық портында")],
            "https://rail-news.kz/kz/infrastructure/18890-quryq-portynda-terminal-qoldanysqa-berildi.html",
        ),
        (
            '"Қорғас" халықаралық шекара маңындағы ынтымақтастық орталығы екі аптаға жабылады.',
            [("khorgos_icbc", '"Қорғас" халықаралық шекара маңындағы ынтымақтастық орталығы')],
            "https://sputnik.kz/20260202/qorgas-eki-aptaga-zhabylady-60872755.html",
        ),
        (
            "Kerýen Qazaqstannyń 8 óńirinen ótip, búgin Quryq portyna jetti.",
            [("kuryk_port", "Quryq portyna")],
            "https://qandastar.kz/kytaj-kazakstan-europa-transkaspij-dalizinen-algashky-kolik-kerueni-attandy/?sait=lat",
        ),
        (
            "Мамлекет башчысы Транскаспий эл аралык транспорт коридорунун дараметине токтолду.",
            [("middle_corridor", "Транскаспий эл аралык транспорт коридорунун")],
            "https://jjtv.kz/ky/news/business/24187-kazakstan-arkyluu-zhuk-tashuu-artat",
        ),
        (
            "Қирғизистон темир йўлни От-Боши туманидаги Тўруғарт довони орқали ўтказиб",
            [("torugart_pass", "Тўруғарт довони")],
            "http://mulkdor.com/news/32543/",
        ),
        (
            "АСТАНА. KAZINFORM — «Қорғас» шекара маңындағы халықаралық ынтымақтастық "
            "орталығына күн сайын 4 мыңнан астам қазақстандық",
            [
                ("astana", "АСТАНА"),
                (
                    "khorgos_icbc",
                    "«Қорғас» шекара маңындағы халықаралық ынтымақтастық орталығына",
                ),
            ],
            "https://kaz.inform.kz/news/korgaska-kun-sayin-neshe-turist-keled-073ec3/",
        ),
        (
            "27 наурызда сағат 09.28-де Шалқар – Жем учаскесінің Қауылжыр станциясында",
            [("shalkar", "Шалқар")],
            "https://astanatv.kz/kz/news/108029",
        ),
        (
            "Кытай – Кыргызстан – Өзбекстан эл аралык темир жолун куруу боюнча",
            [("cku_railway", "Кытай – Кыргызстан – Өзбекстан эл аралык темир жолун")],
            "https://novosti.kg/kg/kytaj-kyrgyzstan-zbekstan-jel-aralyk-temir-zholun-kuruu-bojuncha-dolboordun-katyshuuchu-mamleketteri-s-jl-sh-l-r-n-ulantuuda/",
        ),
        (
            "“Xitoy – Qirg‘iziston – O‘zbekiston” temir yo‘li Qashg‘ar – Torugart – Makmal – "
            "Jalolobod – Andijon yo‘nalishi bo‘ylab o‘tadi.",
            [
                ("cku_railway", "“Xitoy – Qirg‘iziston – O‘zbekiston” temir yo‘li"),
                ("kashgar", "Qashg‘ar"),
                ("torugart_pass", "Torugart"),
                ("makmal", "Makmal"),
                ("jalal_abad", "Jalolobod"),
                ("andijan", "Andijon"),
            ],
            "https://xabardor.uz/uz/post/qashgardan-andijongacha-temir-yol-quriladi",
        ),
        (
            "flot Transkaspiy yo’nalishi (O’rta yo’lak) bo’ylab tashish hajmini oshirishga",
            [("middle_corridor", "Transkaspiy yo’nalishi"), ("middle_corridor", "O’rta yo’lak")],
            "https://atv1.uz/9912/atvblog/news/",
        ),
        (
            'Эслатамиз, "Ўрта йўлак" деб аталувчи мазкур Транскаспий йўналиши Хитой, Қозоғистондан',
            [("middle_corridor", "Ўрта йўлак"), ("middle_corridor", "Транскаспий йўналиши")],
            "https://silkwaytv.kz/uz/yuk-azhmi-ikki-marta-oshdi",
        ),
        (
            "Поезд йўналиши Қозоғистон билан чегарадаги Хоргос қуруқ порти орқали ўтади.",
            [("khorgos_gateway", "Хоргос қуруқ порти")],
            "https://anhor.uz/uz/news/hitoj-zbekistonga-jangi-temir-j-l-tashuvlari-j-nalishini-ishga-tushirdi-bu-a-da-spot-nashri-sinhua-agentligiga-tajangan-olda-jozadi-china-railway-beijing-group-kompanijasiga-arashli-juk-poezdi-29-av",
        ),
        # Descriptive names of the Tianjin service, in Chinese, Russian and English.
        (
            "8月28日10时,一列满载医药、电器、食品的中欧(中亚)班列从天津新港北站鸣笛启程",
            [("tianjin_freight", "中欧(中亚)班列"), ("tianjin", "天津")],
            "http://zix.xmtw.org.cn/show-36304.html",
        ),
        (
            "за 9 месяцев 2025 года из Тяньцзиня было отправлено 284 грузовых поезда Китай — Европа "
            "и Китай — Центральная Азия",
            [
                ("tianjin", "Тяньцзиня"),
                ("tianjin_freight", "грузовых поезда Китай — Европа и Китай — Центральная Азия"),
            ],
            "https://khovar.tj/rus/2025/10/mezhdu-tyantszinem-i-tsentralnoj-aziej-nachali-kursirovat-gruzovye-poezda-po-regulyarnomu-grafiku",
        ),
        (
            "a total of 117 China-Europe/Central Asia international rail freight trains departed "
            "from Tianjin City in northern China",
            [("tianjin_freight", "China-Europe/Central Asia"), ("tianjin", "Tianjin")],
            "https://translation1.mil-osi.com/2026/03/11/",
        ),
    ],
)
def test_names_in_kazakh_kyrgyz_uzbek_and_descriptions(atlas, text, expected, source):
    assert _found(atlas, text) == expected, source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Источник: пресс-служба «Қазақстан темір жолы»", "https://qogam-media.kz/"),
        ("Мамлекеттик ишкананын «Кыргыз темир жолу» директорунун орун басары", "https://open.kg/"),
        ("“O‘zbekiston temir yo‘llari” aksiyadorlik jamiyati", "http://hozir.org/"),
        ("«Ўзбекистон темир йўллари» АЖ ва НК «Кыргыз темир жолу»", "https://migrant.uz/"),
        (
            "Xitoy-Qirg‘iziston-O‘zbekiston yo‘nalishi bo‘yicha birinchi tranzit yuk poyezdi qatnovi "
            "amalga oshirildi. Xitoy choyi temir yo‘l orqali Sinszyan provinsiyasiga jo‘nab ketgan.",
            "https://xabardor.uz/uz/post/qirgiziston-orqali-120-tonna-xitoy-choyi-ozbekistonga-yuborildi",
        ),
        (
            "Хитойнинг Қашғар шаҳрида “Хитой-Қирғизистон-Ўзбекистон-Туркманистон” мультимодал "
            "маршрути бўйича юк ташувларининг очилиш маросими",
            "https://oz.inform.kz/news/markaziy-osiyo-va-hitoy-urtasidagi-yangi-yul-multimodal-tranzit-ochildi-478786/",
        ),
        (
            "新疆铁路双口岸今年通行中欧(中亚)班列数量突破1万列",
            "https://wallstreetcn.com/livenews/2773995",
        ),
    ],
)
def test_false_friends_and_other_routes_are_not_the_systems(atlas, text, source):
    found = {f for f, _ in _found(atlas, text)}
    assert not found & {"cku_railway", "middle_corridor", "horgos", "tianjin_freight"}, source

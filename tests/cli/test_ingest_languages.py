"""Ingesting Kazakh, Kyrgyz and Uzbek texts through the command line: the review file of each
shows its mentions and dates with the rules that found them (issue 14).

The texts are sentences quoted from real pages (URL in each front matter)."""

from __future__ import annotations

import json

from geo.ingest import inbox_paths, source_id
from geo.preview import reason
from tests.conftest import run_cli

ARTICLES = {
    "kk.md": (
        "---\ntitle: Құрылыс басталды\npublisher: Caravan\npublished: 2025-01-21\nlang: kk\n"
        "url: https://www.caravan-info.pro/kk/ytaj-yr-yzstan-zbekstan-zha-a-temir-zholy-"
        "strategijaly-serpilis\n---\n"
        "АСТАНА, 21 қаңтар 2025ж. Жалал-Абадта Қытай — Қырғызстан — Өзбекстан темір жолының "
        "құрылысы басталды.\n"
    ),
    "ky.md": (
        "---\ntitle: Транскаспий\npublisher: JJTV\npublished: 2022-11-20\nlang: ky\n"
        "url: https://jjtv.kz/ky/news/business/24187-kazakstan-arkyluu-zhuk-tashuu-artat\n---\n"
        "Мамлекет башчысы Транскаспий эл аралык транспорт коридорунун дараметине токтолду. "
        "Быйыл жүк ташуу өсөт.\n"
    ),
    "kk2.md": (
        "---\ntitle: Порттар\npublisher: BAQ.KZ\npublished: 2025-11-25\nlang: kk\n"
        "url: https://baq.kz/aqtau-zhane-quryq-porttarynyn-otkizu-qabileti-30-mln-tonnaga-"
        "zhetkizilmek-200026144/\n---\n"
        "Бұл жобаларды іске асыру Ақтау және Құрық порттарының өткізу қабілетін 30 млн тоннаға "
        "дейін жеткізеді, - деді Сауранбаев.\n"
    ),
    "uz.md": (
        "---\ntitle: Qo‘shma korxona\npublisher: Xabardor\npublished: 2024-03-02\nlang: uz\n"
        "url: https://xabardor.uz/uz/post/xitoy-qirgiziston-ozbekiston-temir-yol-liniyasini-"
        "qurish-uchun-qoshma-korxona-tashkil-etiladi\n---\n"
        "Joriy yilning 1-mart kuni Xitoy Xalq Respublikasining Qashg‘ar shahrida uch tomonlama "
        "uchrashuv bo‘lib o‘tdi. “Xitoy – Qirg‘iziston – O‘zbekiston” temir yo‘l liniyasini qurish "
        "taklifi qo‘llab-quvvatlandi.\n"
    ),
}

EXPECTED = {
    "kk.md": (
        {
            ("jalal_abad", "Жалал-Абадта", "turkic_suffix"),
            ("cku_railway", "Қытай — Қырғызстан — Өзбекстан темір жолының", "turkic_suffix"),
        },
        {("21 қаңтар 2025ж.", "2025-01-21", "kk_year_day_month")},
    ),
    "kk2.md": (
        {
            ("aktau_port", "Ақтау", "list"),
            ("kuryk_port", "Құрық порттарының", "turkic_suffix"),
        },
        set(),
    ),
    "ky.md": (
        {("middle_corridor", "Транскаспий эл аралык транспорт коридорунун", "turkic_suffix")},
        {("Быйыл", "2022", "ky_relative_year")},
    ),
    "uz.md": (
        {
            ("kashgar", "Qashg‘ar", "alias"),
            ("cku_railway", "“Xitoy – Qirg‘iziston – O‘zbekiston” temir yo‘l", "turkic_suffix"),
        },
        {("Joriy yilning 1-mart", "2024-03-01", "uz_year_day_month")},
    ),
}


def test_review_files_show_turkic_mentions_and_dates_with_their_rules(data_copy, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = run_cli("ingest", str(folder), "--data-dir", str(data_copy))
    assert result.returncode == 0, result.stderr
    for name, text in ARTICLES.items():
        body = text.split("---\n", 2)[2]
        review = json.loads(inbox_paths(data_copy, source_id(body))[2].read_text("utf-8"))
        mentions, dates = EXPECTED[name]
        assert {
            (m["feature"], m["span"]["quote"], m["rule"]) for m in review["mentions"]
        } >= mentions
        got = {
            (e["event"]["date_span"]["quote"], e["event"]["date"], e["rule"])
            for e in review["events"]
        }
        assert got == dates, name
        turkic = next(m for m in review["mentions"] if m["rule"] == "turkic_suffix")
        assert "Kazakh, Kyrgyz or Uzbek endings" in reason(turkic["alias"], turkic["rule"])
        shown = run_cli("review", "show", review["source"], "--data-dir", str(data_copy)).stdout
        assert "rule turkic_suffix" in shown
        assert all("rule " + rule in shown for _, _, rule in dates)
        listed = [m for m in review["mentions"] if m["rule"] == "list"]
        assert all("share their last word" in reason(m["alias"], m["rule"]) for m in listed)

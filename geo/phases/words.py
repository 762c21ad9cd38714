"""The words that say a feature changed status, in each language the atlas reads.

Each language is a :class:`Words`: per status, a regular expression whose matches in an event's
evidence say that the event moved its features into that status ("groundbreaking", 开工,
"начало строительства" → under construction), and the negations that cancel a match just
before it ("has not yet opened", 尚未开通, "не открыт"). Every language's words run on every
evidence, whatever its language (quotations cross languages); a word only matches its own script.
English and Russian are matched ignoring case.

To add a language, write its :class:`Words` below and add it to :data:`LANGUAGES`, with tests in
``tests/unit/test_phases_rules.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    code: str
    statuses: dict[str, str]  # status → pattern
    negation: str  # a negation that ends right before a match cancels it
    flags: int = re.IGNORECASE

    def compiled(self) -> dict[str, re.Pattern[str]]:
        return {s: re.compile(p, self.flags) for s, p in self.statuses.items()}


# Objects after "launch" (within a few words) that make it the start of something other than a
# service: "launched the China-Kyrgyzstan-Uzbekistan railway project" is not an opening.
_EN_NOT_SERVICE = (
    r"(?:[\w-]+\s+){0,5}?(?:feasibility|construction|stud|tender|survey|work|design|initiative"
    r"|negotiation|talks|project|plan|campaign|programme|program|forum|summit|consultation)"
)

EN = Words(
    code="en",
    statuses={
        "proposed": (
            r"\b(?:first\s+)?propos(?:ed|al|ing)\b|\bput\s+forward\b|\bconceived\b"
            r"|\bfirst\s+(?:mooted|floated)\b"
        ),
        "agreed": (
            r"\bsign(?:ed|ing|s)?\b[^.;]{0,80}?\b(?:agreements?|accords?|memorand(?:um|a)"
            r"|treat(?:y|ies)|protocols?|contracts?|MoUs?)\b"
            r"|\b(?:agreements?|accords?|memorand(?:um|a)|treat(?:y|ies)|protocols?|contracts?"
            r"|MoUs?)\b[^.;]{0,80}?\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+signed\b"
            r"|\bagreed\s+to\s+(?:jointly\s+)?(?:build|construct|develop)\b"
        ),
        "planned": (
            r"\bfeasibility\s+stud(?:y|ies)\b"
            r"|\b(?:design|route|alignment|project)\s+(?:was\s+|has\s+been\s+)?approved\b"
            r"|\bapproved\s+the\s+(?:design|route|alignment|construction|project)\b"
            r"|\b(?:is|are|was|were)\s+planned\b|\bplans?\s+to\s+(?:build|construct|open)\b"
        ),
        "under_construction": (
            r"\bground-?\s?breaking\b|\bbr(?:oke|eaks?|eaking)\s+ground\b"
            r"|\b(?:began|begun|begins?|start(?:ed|s)?|commenc(?:ed|es)|launch(?:ed|es)?"
            r"|kick(?:ed|s)?\s+off|resum(?:ed|es))\s+(?:the\s+)?(?:full-scale\s+)?construction\b"
            r"|\bconstruction\s+(?:work\s+)?(?:of\s+[^.;]{1,80}?\s+)?(?:was\s+|has\s+been\s+|had\s+)?"
            r"(?:began|begun|begins|start(?:ed|s)|commenc(?:ed|es)|launched|kicked\s+off|resumed"
            r"|got\s+under\s*way)\b"
            r"|\bunder\s+construction\b|\bfoundation\s+stone\b"
            r"|\bentered\s+the\s+(?:substantive\s+)?construction\s+phase\b"
        ),
        "operational": (
            r"\b(?:opened|inaugurated|commissioned)\b"
            r"|\bopen(?:ed|s)?\s+(?:to|for)\s+(?:traffic|service|operations?)\b"
            r"|\bopening\s+ceremony\s+of\s+the\s+(?:railway|line|port|station|crossing|route"
            r"|terminal|service)\b"
            r"|\bput\s+into\s+(?:operation|service|use)\b"
            r"|\b(?:began|begun|start(?:ed|s)?|commenced|entered)\s+(?:commercial\s+|full\s+)?"
            r"(?:operations?|service|operating)\b"
            r"|\b(?:came|comes|went)\s+into\s+(?:operation|service|use)\b"
            r"|\bfirst\s+(?:[\w-]+\s+){0,3}?(?:trains?|train\s+service|voyages?|shipments?"
            r"|run|trip|journey)\b(?!\s+(?:of|this|in)\s+(?:the\s+)?(?:year|month))"
            r"|\blaunch(?:ed|es)?\b(?!\s+" + _EN_NOT_SERVICE + r")"
            r"|\bmaiden\s+(?:run|voyage|trip|journey)\b"
            r"|\bresum(?:ed|ption\s+of)\s+(?:traffic|operations?|service)\b"
        ),
        "suspended": (
            r"\bsuspend(?:ed|s)\b|\bsuspension\s+of\b|\bhalt(?:ed|s)\b|\bput\s+on\s+hold\b"
            r"|\bfrozen\b|\bmothballed\b"
        ),
        "cancelled": r"\bcancel(?:l?ed|s)\b|\bcancellation\s+of\b|\bscrapped\b|\babandoned\b",
    },
    negation=r"\b(?:not|never|yet\s+to|no\s+longer|failed\s+to)\s+(?:\w+\s+){0,2}$",
)

ZH = Words(
    code="zh",
    statuses={
        "proposed": r"提出|倡议|构想|设想",
        "agreed": r"(?:签署|签订|签约)",
        "planned": r"可行性研究|可研报告|规划|设计方案|获批|批复",
        "under_construction": r"开工|动工|奠基|开建|破土|在建|开始建设|开始施工|启动建设",
        "operational": (
            r"开通|通车|投入运营|投入使用|投运|正式运营|首列|首趟|首班|启用|开行|通航|建成"
        ),
        "suspended": r"暂停|停运|中断|停工|搁置",
        "cancelled": r"取消|终止|放弃",
    },
    negation=r"(?:未|没有|尚未|不|未能)$",
    flags=0,
)

RU = Words(
    code="ru",
    statuses={
        "proposed": r"\bпредлож(?:ил|ила|или|ен|ено|ена|ение)\b|\bвыдвину\w*|\bиде[яюи]\s+строительства",
        "agreed": (
            r"\bподписа\w*\s+(?:[^.;]{0,60}?)(?:соглашени|меморандум|договор|контракт|протокол)\w*"
            r"|\b(?:соглашени|меморандум|договор|контракт|протокол)\w*[^.;]{0,60}?\bподписан\w*"
        ),
        "planned": (
            r"\bтехнико-экономическ\w+\s+обосновани\w*|\bТЭО\b"
            r"|\bутвер(?:дил\w*|жд[её]н\w*)\s+(?:проект|маршрут|трасс)\w*|\bпланиру\w+"
        ),
        "under_construction": (
            r"\bначал\w*\s+(?:работ\w*\s+по\s+)?строительств\w*"
            r"|\bстроительств\w*\s+(?:[^.;]{0,60}?)\bначал\w*"
            r"|\bстартовал\w*\s+строительств\w*|\bзаклад\w*\s+(?:первого\s+)?камн\w*|\bзаложили\b"
            r"|\bстроится\b|\bвед[её]тся\s+строительство\b"
        ),
        "operational": (
            r"\bоткрыт\w*|\bоткрыл\w*|\bзапущен\w*|\bзапустил\w*"
            r"|\bперв\w+\s+(?:[\w-]+\s+){0,2}?поезд\w*"
            r"|\bвв[её]д[её]н\w*\s+в\s+эксплуатаци\w*|\bсдан\w*\s+в\s+эксплуатаци\w*"
            r"|\bвступил\w*\s+в\s+строй"
            r"|\bвозобнов\w+\s+(?:[\w-]+\s+){0,3}?(?:перевозк|движени|сообщени)\w*"
        ),
        "suspended": r"\bприостанов\w*|\bзаморож\w*|\bпрекращ\w*\s+движени\w*",
        "cancelled": r"\bотмен(?:ил|ен|ён)\w*|\bотказал\w*\s+от\b",
    },
    negation=r"\b(?:не|ни|так\s+и\s+не|ещё\s+не|еще\s+не)\s+$",
)

LANGUAGES: tuple[Words, ...] = (EN, ZH, RU)

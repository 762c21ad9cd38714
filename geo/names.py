"""Names for the codes the data uses: countries (ISO 3166-1 alpha-2) and languages."""

from __future__ import annotations

import pycountry

LANGUAGE_NAMES = {
    "en": "English",
    "zh": "Chinese",
    "ru": "Russian",
    "kk": "Kazakh",
    "ky": "Kyrgyz",
    "uz": "Uzbek",
    "tr": "Turkish",
    "az": "Azerbaijani",
    "ka": "Georgian",
}


def country_name(code: str) -> str:
    """Common English name of an ISO alpha-2 code (``KG`` → ``Kyrgyzstan``)."""
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name

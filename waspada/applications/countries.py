"""ISO 3166-1 countries with names in the active language (pycountry's catalogs)."""

from __future__ import annotations

import functools
import gettext

import pycountry
from django.utils.translation import get_language


@functools.cache
def _catalog(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def is_country_code(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code.upper()) is not None if len(code) == 2 else False


def country_name(code: str, language: str | None = None) -> str:
    """The country's common name in `language` (default: the active one), or the code."""
    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    return _catalog((language or get_language() or "id")[:2]).gettext(name)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) for every country except Indonesia, sorted by name."""
    choices = [
        (c.alpha_2, country_name(c.alpha_2, language))
        for c in pycountry.countries
        if c.alpha_2 != "ID"
    ]
    return sorted(choices, key=lambda item: item[1])

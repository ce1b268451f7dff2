from __future__ import annotations

from django import template

from waspada.applications.countries import country_name as _country_name

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """`{{ application.destination_country|country_name }}`: in the active language."""
    return _country_name(code)

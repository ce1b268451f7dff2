from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATES = {
    "certified": _("certified"),
    "expiring": _("expiring"),
    "overdue": _("overdue"),
    "assigned": _("assigned"),
    "expired": _("expired"),
    "none": _("not certified"),
}


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.filter
def state_label(state: str) -> str:
    return str(STATES.get(state, state))


@register.filter
def field(form: Any, name: str) -> Any:
    """A bound field of `form` by name."""
    return form[name]

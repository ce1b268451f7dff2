from __future__ import annotations

from typing import Any

from django import template

from waspada.core.policy import can as policy_can

register = template.Library()


@register.filter
def can(user: Any, action: str) -> bool:
    """`{% if request.user|can:"audit.view" %}`: the policy, in a template."""
    return policy_can(user, action)

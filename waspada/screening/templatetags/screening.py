from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from waspada.applications.models import PassportApplication
from waspada.screening.policies import policy_of
from waspada.screening.queries import hit_display, latest_assessment

register = template.Library()


@register.simple_tag
def assessment_panel(application: PassportApplication) -> dict[str, Any] | None:
    """`{% assessment_panel application as panel %}`: the latest assessment, explained."""
    assessment = latest_assessment(application)
    if assessment is None:
        return None
    policy = policy_of(assessment.policy_version)
    language = get_language() or "id"
    return {
        "assessment": assessment,
        "hits": [
            hit_display(hit, policy.indicators.get(hit.code), language)
            for hit in assessment.hits.all()
        ],
    }

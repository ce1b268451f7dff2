from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from waspada.applications.models import PassportApplication
from waspada.core.registries import Consulted
from waspada.domain.evidence import Reason
from waspada.screening.models import RiskAssessment
from waspada.screening.policies import policy_of
from waspada.screening.providers import note_text, registry_label
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
    registries = consulted(assessment)
    return {
        "assessment": assessment,
        "hits": [
            hit_display(hit, policy.indicators.get(hit.code), language)
            for hit in assessment.hits.all()
        ],
        "notes": [note_text(Reason.from_data(note)) for note in assessment.notes or ()],
        "consulted": registries,
        "any_empty": any(item["empty"] for item in registries or ()),
    }


def consulted(assessment: RiskAssessment) -> list[dict[str, Any]] | None:
    """The registries the assessment consulted, as they were then; None when it was made
    before assessments recorded them."""
    if assessment.consulted is None:
        return None
    found = (Consulted.from_data(item) for item in assessment.consulted.data)
    return [
        {
            "label": registry_label(item.name),
            "entries": item.entries,
            "lists": item.lists,
            "updated": item.updated,
            "empty": item.empty,
        }
        for item in found
        if item is not None
    ]

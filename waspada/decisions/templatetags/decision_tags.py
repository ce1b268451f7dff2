"""Template tags of the decisions app: the application page's panel, earlier decisions."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from waspada.applications.forms import DOCUMENT_LABELS
from waspada.applications.models import PassportApplication, Status
from waspada.core.policy import Action, can
from waspada.decisions import queries
from waspada.decisions.forms import ProposalForm, ReviewForm, VersionForm
from waspada.decisions.models import DecisionState, Outcome
from waspada.domain import decisions as rules

register = template.Library()


def _may_propose_from(status: str) -> bool:
    return any(status in allowed for allowed in rules.PROPOSABLE_FROM.values())


@register.simple_tag(takes_context=True)
def decision_panel(context: dict[str, Any], application: PassportApplication) -> dict[str, Any]:
    """`{% decision_panel application as panel %}`: history, forms, what the user may do."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not can(user, Action.VIEW_DECISIONS):
        return {"visible": False}
    decisions = list(queries.history(application))
    pending = next((d for d in decisions if d.state == DecisionState.PROPOSED), None)
    deferral = next(
        (
            d
            for d in decisions
            if d.outcome == Outcome.DEFER
            and d.state == DecisionState.IN_FORCE
            and d.documents_completed_at is None
        ),
        None,
    )
    if application.status != Status.DEFERRED:
        deferral = None
    panel: dict[str, Any] = {
        "visible": True,
        "history": [d for d in decisions if d is not pending],
        "pending": pending,
        "deferral": deferral,
        "today": timezone.localdate(),
        "version_form": VersionForm(initial={"version": application.version}),
    }
    if pending is not None and can(user, Action.SIGN_OFF_DECISION, pending):
        panel["review_form"] = ReviewForm(initial={"version": application.version})
    panel["own_pending"] = pending is not None and not rules.may_sign_off(
        pending.proposed_by_id, getattr(user, "pk", None)
    )
    may_propose = can(user, Action.PROPOSE_DECISION)
    panel["can_complete"] = deferral is not None and may_propose
    if may_propose and _may_propose_from(application.status):
        form = ProposalForm(
            initial=ProposalForm.initial_for(
                application,
                today=panel["today"],
                deferral_days=application.office.deferral_days,
            )
        )
        form.offer_only_for(application.status)
        panel["propose_form"] = form
    return panel


@register.simple_tag(takes_context=True)
def earlier_decisions(
    context: dict[str, Any], application: PassportApplication
) -> list[queries.EarlierDecision]:
    """`{% earlier_decisions application as earlier %}`: the person's earlier decisions."""
    if not can(getattr(context.get("request"), "user", None), Action.VIEW_DECISIONS):
        return []
    return queries.earlier_decisions(application)


@register.filter
def document_labels(codes: list[str]) -> str:
    """Document codes as their names: "KK (family card), Return ticket"."""
    return ", ".join(str(DOCUMENT_LABELS.get(code, code)) for code in codes)


@register.filter
def resulting_status(outcome: str) -> str:
    """The application status an outcome leads to (for the status colours)."""
    try:
        return rules.RESULTING_STATUS[rules.Outcome(outcome)]
    except ValueError:
        return ""

"""Read helpers of the decisions app: histories, queues, deferrals, earlier decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from waspada.applications.models import PassportApplication, Status
from waspada.decisions.models import Decision, DecisionState, Outcome
from waspada.screening.models import IndicatorHit, RiskAssessment
from waspada.watchlists.models import DuplicateKind, IdentityDuplicate


def history(application: PassportApplication) -> QuerySet[Decision]:
    """Every decision of an application, newest first, with people and letters."""
    return (
        Decision.objects.filter(application=application)
        .select_related("proposed_by", "reviewed_by")
        .prefetch_related("letters")
    )


def pending_proposal(application: PassportApplication) -> Decision | None:
    """The proposal waiting for a sign-off (at most one: the status guards it)."""
    return (
        Decision.objects.filter(application=application, state=DecisionState.PROPOSED)
        .select_related("proposed_by")
        .first()
    )


def _open_deferrals() -> QuerySet[Decision]:
    # A deferral in force whose documents were not completed, on a still deferred
    # application (a later refusal or cancellation closes it).
    return Decision.objects.filter(
        outcome=Outcome.DEFER,
        state=DecisionState.IN_FORCE,
        documents_completed_at__isnull=True,
        application__status=Status.DEFERRED,
    )


def open_deferral(application: PassportApplication) -> Decision | None:
    return _open_deferrals().filter(application=application).order_by("-in_force_at").first()


def open_deferrals(past_deadline_on: dt.date | None = None) -> QuerySet[Decision]:
    """Deferred applications waiting for documents, nearest deadline first; with a day,
    only those whose deadline was before it (overdue)."""
    deferrals = _open_deferrals()
    if past_deadline_on is not None:
        deferrals = deferrals.filter(deadline__lt=past_deadline_on)
    return deferrals.select_related("application__applicant").order_by(
        "deadline", "application__application_no"
    )


def overdue_deferrals(today: dt.date) -> QuerySet[Decision]:
    """Open deferrals past their deadline that have no automatic refusal proposal yet.

    One automatic proposal per deferral: when a supervisor returns it, the office has
    decided to wait, and the daily check must not propose it again the next day.
    """
    already_proposed = Decision.objects.filter(
        application=OuterRef("application"),
        automatic=True,
        proposed_at__gte=OuterRef("in_force_at"),
    )
    return (
        _open_deferrals()
        .filter(deadline__lt=today)
        .exclude(Exists(already_proposed))
        .select_related("application")
        .order_by("deadline", "pk")
    )


def sign_off_queue() -> QuerySet[Decision]:
    """Proposals waiting for a supervisor, oldest first."""
    return (
        Decision.objects.filter(state=DecisionState.PROPOSED)
        .select_related("application__applicant", "proposed_by")
        .order_by("proposed_at", "pk")
    )


def evidence_by_application(
    application_ids: list[int], language: str
) -> dict[int, list[tuple[str, str]]]:
    """The evidence of each application's latest assessment, (code, evidence) per hit in
    the reader's language: what the supervisor weighs beside the proposal's reason."""
    latest = (
        RiskAssessment.objects.filter(application_id=OuterRef("assessment__application_id"))
        .order_by("-created_at", "-id")
        .values("id")[:1]
    )
    hits = (
        IndicatorHit.objects.filter(assessment__application_id__in=application_ids)
        .filter(assessment_id=Subquery(latest))
        .values_list("assessment__application_id", "code", "evidence_en", "evidence_id")
        .order_by("-weight", "code")
    )
    found: dict[int, list[tuple[str, str]]] = {}
    english = language.startswith("en")
    for application_id, code, evidence_en, evidence_id in hits:
        found.setdefault(application_id, []).append((code, evidence_en if english else evidence_id))
    return found


@dataclass(frozen=True)
class EarlierDecision:
    decision: Decision
    # The other NIK when the person was found under another identity (identity match).
    via_nik: str = ""


def earlier_decisions(application: PassportApplication) -> list[EarlierDecision]:
    """Decisions in force on the person's other applications (same NIK or identity match)."""
    applicant_id = application.applicant_id
    duplicates = IdentityDuplicate.objects.filter(kind=DuplicateKind.OTHER_NIK).filter(
        Q(applicant_id=applicant_id) | Q(other_id=applicant_id)
    )
    others: set[int] = set()
    for applicant, other in duplicates.values_list("applicant_id", "other_id"):
        others.update(person for person in (applicant, other) if person is not None)
    others.discard(applicant_id)
    decisions = (
        Decision.objects.filter(
            state=DecisionState.IN_FORCE, application__applicant_id__in={applicant_id, *others}
        )
        .exclude(application=application)
        .select_related("application__applicant")
        .order_by("-in_force_at", "-pk")
    )
    return [
        EarlierDecision(
            decision,
            via_nik=decision.application.applicant.nik
            if decision.application.applicant_id != applicant_id
            else "",
        )
        for decision in decisions
    ]

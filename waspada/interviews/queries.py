"""Read helpers: an application's interviews, a person's earlier ones, the open sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from waspada.applications.models import PassportApplication, Status, StatusChange
from waspada.domain.consistency import Finding
from waspada.interviews.findings import compute_findings, findings_display, stored_findings
from waspada.interviews.models import InterviewSession, SessionState


def _sessions() -> QuerySet[InterviewSession]:
    return InterviewSession.objects.select_related(
        "interviewer", "application", "question_bank"
    ).annotate(
        answered=Count("answers", filter=~Q(answers__answer="")),
        questions=Count("answers"),
    )


def sessions_of(application: PassportApplication) -> list[InterviewSession]:
    """The application's sessions, newest first."""
    return list(_sessions().filter(application=application).order_by("-started_at", "-pk"))


def earlier_sessions_of(application: PassportApplication) -> list[InterviewSession]:
    """The interviews of the same person's other applications (same NIK), newest first:
    what a reapplying person said before."""
    return list(
        _sessions()
        .filter(application__applicant_id=application.applicant_id)
        .exclude(application=application)
        .order_by("-started_at", "-pk")
    )


@dataclass(frozen=True)
class ListFilters:
    """The interview list's filters: a state ("" for all), one interviewer's sessions
    only, and cases waiting longer than some days since the screening sent them."""

    state: str = SessionState.OPEN
    interviewer_id: int | None = None
    waited_days: int | None = None


# Only what the list shows (the session page reads the rest).
LIST_FIELDS = (
    "kind",
    "state",
    "started_at",
    "finished_at",
    "application__application_no",
    "application__status",
    "application__full_name",
    "interviewer__username",
    "interviewer__first_name",
    "interviewer__last_name",
)


def interview_list(filters: ListFilters) -> QuerySet[InterviewSession]:
    """One page's worth of sessions with the applicant, the interviewer and when the
    screening sent the case to the interview desk (`screened_at`): its latest move to
    "screened, awaiting interview" before the session started. Open sessions wait until
    now, finished ones waited until they finished. Newest first."""
    screened = (
        StatusChange.objects.filter(
            application_id=OuterRef("application_id"),
            to_status=Status.SCREENING,
            changed_at__lte=OuterRef("started_at"),
        )
        .order_by("-changed_at", "-id")
        .values("changed_at")[:1]
    )
    sessions = (
        InterviewSession.objects.select_related("application", "interviewer")
        .only(*LIST_FIELDS)
        .annotate(screened_at=Subquery(screened))
        .order_by("-started_at", "-id")
    )
    if filters.state:
        sessions = sessions.filter(state=filters.state)
    if filters.interviewer_id is not None:
        sessions = sessions.filter(interviewer_id=filters.interviewer_id)
    if filters.waited_days is not None:
        longer = dt.timedelta(days=filters.waited_days)
        sessions = sessions.filter(screened_at__lt=timezone.now() - longer).filter(
            Q(state=SessionState.OPEN) | Q(finished_at__gt=F("screened_at") + longer)
        )
    return sessions


def session_findings(session: InterviewSession) -> list[Finding]:
    """The stored findings of a finished session; for an open one, what the checks find
    with what is recorded so far (a preview: nothing is stored until it is finished)."""
    if session.state == SessionState.FINISHED:
        return stored_findings(session)
    return compute_findings(session)


def findings_for_display(session: InterviewSession) -> list[dict[str, Any]]:
    """The session's findings as sentences in the active language (also for the
    Berita Acara Wawancara)."""
    return findings_display(session_findings(session))

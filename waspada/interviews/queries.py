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
    "interviewer__full_name",
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
    )  # (before the session started: not `_screened_at`, which takes the latest)
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


def _screened_at(application_ref: str) -> Subquery:
    """When the application last moved to "screened, awaiting interview"."""
    return Subquery(
        StatusChange.objects.filter(
            application_id=OuterRef(application_ref), to_status=Status.SCREENING
        )
        .order_by("-changed_at", "-id")
        .values("changed_at")[:1]
    )


# The waiting list's assignee filter: everyone, nobody yet, or one officer (by id).
UNASSIGNED = "none"


@dataclass(frozen=True)
class WaitingFilters:
    """Which screened applications waiting for their interview: assigned to whom
    (None: any; UNASSIGNED: nobody yet; a user id: that officer), deep interviews only."""

    assignee: int | str | None = None
    deep_only: bool = False


WAITING_FIELDS = (
    "application_no",
    "full_name",
    "status",
    "risk_level",
    "risk_score",
    "risk_action",
    "submitted_on",
    "interview_assignment__interviewer__username",
    "interview_assignment__interviewer__full_name",
    "interview_assignment__assigned_at",
)


def waiting_list(filters: WaitingFilters) -> QuerySet[PassportApplication]:
    """Screened applications waiting for their interview, longest waiting first, with
    their assigned officer (if any) and when the screening sent them (`screened_at`).
    The interview desk's queue, the supervisor's unassigned deep interviews and each
    officer's assigned interviews are this list filtered."""
    apps = (
        PassportApplication.objects.filter(status=Status.SCREENING)
        .select_related("interview_assignment__interviewer")
        .only(*WAITING_FIELDS)
        .annotate(screened_at=_screened_at("pk"))
        .order_by("submitted_on", "id")
    )
    if filters.deep_only:
        apps = apps.filter(risk_action="deep_interview")
    if filters.assignee == UNASSIGNED:
        apps = apps.filter(interview_assignment__isnull=True)
    elif isinstance(filters.assignee, int):
        apps = apps.filter(interview_assignment__interviewer_id=filters.assignee)
    return apps


def waited_since(moment: dt.datetime | None, until: dt.datetime | None = None) -> dt.timedelta:
    """How long something has waited since `moment` (nothing known: no time)."""
    if moment is None:
        return dt.timedelta(0)
    return (until or timezone.now()) - moment


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

"""Read helpers: an application's interviews, a person's earlier ones, the open sessions."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from waspada.applications.models import PassportApplication
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


def open_sessions() -> QuerySet[InterviewSession]:
    return (
        _sessions()
        .select_related("application__applicant")
        .filter(state=SessionState.OPEN)
        .order_by("started_at", "pk")
    )


def finished_sessions() -> QuerySet[InterviewSession]:
    return (
        _sessions()
        .select_related("application__applicant")
        .filter(state=SessionState.FINISHED)
        .order_by("-finished_at", "-pk")
    )


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

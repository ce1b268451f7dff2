from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from waspada.applications.models import PassportApplication
from waspada.core.policy import Action, can
from waspada.interviews import queries
from waspada.interviews.findings import findings_display, stored_findings
from waspada.interviews.forms import StartForm
from waspada.interviews.models import InterviewSession, SessionState
from waspada.interviews.services import STARTABLE

register = template.Library()


@register.simple_tag(takes_context=True)
def interview_panel(context: Any, application: PassportApplication) -> dict[str, Any] | None:
    """`{% interview_panel application as panel %}`: the application's interviews and the
    same person's earlier ones; None for users who may not read interview records."""
    user = context.get("user")
    if not can(user, Action.VIEW_INTERVIEWS):
        return None
    sessions = queries.sessions_of(application)
    deep = application.risk_action == "deep_interview"
    can_start = (
        can(user, Action.CONDUCT_INTERVIEW)
        and application.status in STARTABLE
        and not any(session.state == SessionState.OPEN for session in sessions)
    )
    return {
        "sessions": sessions,
        "earlier": queries.earlier_sessions_of(application),
        "start_form": StartForm(deep_recommended=deep, initial={"version": application.version})
        if can_start
        else None,
        "deep_recommended": deep,
    }


@register.filter
def stored_findings_display(session: InterviewSession) -> list[dict[str, object]]:
    """The findings stored when the session was finished, in the active language."""
    return findings_display(stored_findings(session))


@register.filter
def waited_days(session: InterviewSession) -> int | None:
    """Whole days since the screening sent the case to the interview desk: until now
    while the session is open, until it finished afterwards (None when unknown)."""
    screened = getattr(session, "screened_at", None)
    if screened is None:
        return None
    return ((session.finished_at or timezone.now()) - screened).days

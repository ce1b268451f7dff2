"""The interviews' cards on the home page (see `waspada.core.workqueues`): each officer's
assigned and open interviews with how long each has waited, the supervisor's deep
interviews nobody is assigned to, the head of office's interviews in progress."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from waspada.core.policy import Action, can
from waspada.core.roles import Role
from waspada.core.workqueues import QueueItem, WorkQueue
from waspada.interviews.models import SessionState
from waspada.interviews.queries import (
    UNASSIGNED,
    ListFilters,
    WaitingFilters,
    interview_list,
    waiting_list,
)

SHOWN = 5  # rows under a card


def _url(name: str, **params: str) -> str:
    return f"{reverse(name)}?{urlencode(params)}" if params else reverse(name)


def assigned_to(user: Any) -> WaitingFilters:
    return WaitingFilters(assignee=user.pk)


def open_sessions_of(user: Any) -> ListFilters:
    return ListFilters(state=SessionState.OPEN, interviewer_id=user.pk)


UNASSIGNED_DEEP = WaitingFilters(assignee=UNASSIGNED, deep_only=True)


def _waited(moment: Any) -> str:
    return _("waiting %(time)s") % {"time": timesince(moment)} if moment else ""


def interviewer_queues(user: Any) -> list[WorkQueue]:
    waiting = waiting_list(assigned_to(user))
    sessions = interview_list(open_sessions_of(user))
    return [
        WorkQueue(
            key="assigned_waiting",
            label=_("Assigned to you, waiting for the interview"),
            count=waiting.count(),
            url=_url("interview_waiting", assignee="mine"),
            items=[
                QueueItem(
                    f"{app.application_no} {app.full_name}",
                    reverse("application_detail", args=[app.application_no]),
                    _waited(app.screened_at),  # type: ignore[attr-defined]
                )
                for app in waiting[:SHOWN]
            ],
        ),
        WorkQueue(
            key="my_open_interviews",
            label=_("Your interviews in progress"),
            count=sessions.count(),
            url=_url("interview_list", mine="1"),
            items=[
                QueueItem(
                    f"{session.application.application_no} {session.application.full_name}",
                    reverse("interview_session", args=[session.pk]),
                    _waited(session.screened_at),  # type: ignore[attr-defined]
                )
                for session in sessions[:SHOWN]
            ],
        ),
    ]


def home_queues(user: Any) -> list[WorkQueue]:
    if user.role == Role.INTERVIEWER and can(user, Action.CONDUCT_INTERVIEW):
        return interviewer_queues(user)
    if user.role == Role.SUPERVISOR and can(user, Action.ASSIGN_INTERVIEWS):
        return [
            WorkQueue(
                key="unassigned_deep",
                label=_("Deep interviews not assigned to anyone"),
                count=waiting_list(UNASSIGNED_DEEP).count(),
                url=_url("interview_waiting", assignee=UNASSIGNED, deep="on"),
            )
        ]
    if user.role == Role.HEAD_OF_OFFICE and can(user, Action.VIEW_INTERVIEWS):
        return [
            WorkQueue(
                key="open_interviews",
                label=_("Interviews in progress"),
                count=interview_list(ListFilters()).count(),
                url=reverse("interview_list"),
                figure=True,
            )
        ]
    return []

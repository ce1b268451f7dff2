"""The applications' cards on the home page: the counter's registrations today, and the
office's registrations this week for the head of office (see `waspada.core.workqueues`)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.applications.queries import ApplicationFilters, filtered_applications
from waspada.core.policy import Action, can
from waspada.core.roles import Role
from waspada.core.workqueues import WorkQueue


def list_url(filters: ApplicationFilters) -> str:
    """The application list showing exactly `filters` (the period and who registered)."""
    params = {
        "registered_by": filters.registered_by,
        "date_from": filters.date_from.isoformat() if filters.date_from else "",
        "date_to": filters.date_to.isoformat() if filters.date_to else "",
    }
    return f"{reverse('application_list')}?{urlencode({k: v for k, v in params.items() if v})}"


def registered_today(user: Any, today: dt.date | None = None) -> ApplicationFilters:
    today = today or timezone.localdate()
    return ApplicationFilters(registered_by=user.username, date_from=today, date_to=today)


def registered_this_week(today: dt.date | None = None) -> ApplicationFilters:
    today = today or timezone.localdate()
    return ApplicationFilters(date_from=today - dt.timedelta(days=today.weekday()), date_to=today)


def _card(key: str, label: Any, filters: ApplicationFilters, *, figure: bool) -> WorkQueue:
    return WorkQueue(
        key=key,
        label=label,
        count=filtered_applications(filters).count(),
        url=list_url(filters),
        figure=figure,
    )


def home_queues(user: Any) -> list[WorkQueue]:
    if not can(user, Action.VIEW_APPLICATIONS):
        return []
    if user.role == Role.INTAKE_OFFICER:
        return [
            _card(
                "registered_today",
                _("Registered by you today"),
                registered_today(user),
                figure=True,
            )
        ]
    if user.role == Role.HEAD_OF_OFFICE:
        return [
            _card(
                "registered_week",
                _("Applications registered this week"),
                registered_this_week(),
                figure=True,
            )
        ]
    return []

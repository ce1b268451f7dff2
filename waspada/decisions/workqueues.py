"""The decisions' cards on the home page (see `waspada.core.workqueues`): proposals
waiting for a sign-off and deferrals past their deadline, for whoever signs off."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.core.policy import Action, can
from waspada.core.workqueues import WorkQueue
from waspada.decisions.queries import open_deferrals, sign_off_queue


def home_queues(user: Any) -> list[WorkQueue]:
    if not can(user, Action.SIGN_OFF_DECISION):
        return []
    queue = reverse("decision_queue")
    return [
        WorkQueue(
            key="sign_off",
            label=_("Proposals waiting for sign-off"),
            count=sign_off_queue().count(),
            url=queue,
        ),
        WorkQueue(
            key="overdue_deferrals",
            label=_("Deferrals past their deadline"),
            count=open_deferrals(timezone.localdate()).count(),
            url=f"{queue}?overdue=1#deferrals",
        ),
    ]

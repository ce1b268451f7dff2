"""The networks' card on the home page (see `waspada.core.workqueues`): the verification
tasks waiting for a supervisor, counted by the very filter the task list opens with."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from waspada.core.policy import Action, can
from waspada.core.roles import Role
from waspada.core.workqueues import WorkQueue
from waspada.networks.forms import VerificationFilterForm
from waspada.networks.models import VerificationTask


def verification_tasks(params: Any = None) -> Any:
    """The task list as its filters ask (no filter: the open tasks)."""
    return VerificationFilterForm(params).apply(VerificationTask.objects.all())


def home_queues(user: Any) -> list[WorkQueue]:
    if user.role != Role.SUPERVISOR or not can(user, Action.RESOLVE_VERIFICATIONS):
        return []
    return [
        WorkQueue(
            key="verifications",
            label=_("Verification tasks to resolve"),
            count=verification_tasks().count(),
            url=reverse("verification_list"),
        )
    ]

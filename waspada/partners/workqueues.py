"""The partners' card on the home page (see `waspada.core.workqueues`): what partner
agencies answered on the office's referrals this week."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from waspada.core.policy import Action, can
from waspada.core.roles import Role
from waspada.core.workqueues import WorkQueue
from waspada.partners.register import register_count

ANSWERED = {"answered": True}


def home_queues(user: Any) -> list[WorkQueue]:
    if user.role not in {Role.SUPERVISOR, Role.HEAD_OF_OFFICE}:
        return []
    if not can(user, Action.VIEW_REFERRAL_REGISTER):
        return []
    return [
        WorkQueue(
            key="partner_answers",
            label=_("Partner answers in the last 7 days"),
            count=register_count(ANSWERED),
            url=f"{reverse('referral_register')}?answered=on",
            figure=user.role == Role.HEAD_OF_OFFICE,
        )
    ]

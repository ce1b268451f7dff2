"""Read helpers for core pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from waspada.core import audit_actions
from waspada.core.audit_actions import AuditAction
from waspada.core.models import AuditEvent, User


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered_audit_events(filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    """Audit events matching the cleaned filter form, newest first."""
    events = AuditEvent.objects.select_related("actor")
    if filters.get("actor"):
        events = events.filter(actor_label__iexact=filters["actor"])
    if filters.get("action"):
        prefix = filters["action"]
        # Events keep the names they were written with; old names count under the new.
        events = events.filter(
            Q(action__startswith=prefix) | Q(action__in=audit_actions.stored_names(prefix))
        )
    if filters.get("object_type"):
        events = events.filter(object_type=filters["object_type"])
    if filters.get("object_id"):
        events = events.filter(object_id=filters["object_id"])
    if filters.get("date_from"):
        events = events.filter(created_at__gte=_day_start(filters["date_from"]))
    if filters.get("date_to"):
        events = events.filter(created_at__lt=_day_start(filters["date_to"] + dt.timedelta(days=1)))
    return events


def users_for_admin() -> QuerySet[User]:
    return User.objects.select_related("agency").order_by("-is_active", "username")


def password_set_by(user: User) -> AuditEvent | None:
    """The audit event of the administrator who last set `user`'s password (a new account
    or a reset), if any."""
    return (
        AuditEvent.objects.filter(
            object_type=user._meta.label_lower,
            object_id=str(user.pk),
            action__in=[AuditAction.USER_CREATED, AuditAction.PASSWORD_RESET],
        )
        .exclude(actor=user)
        .order_by("-id")
        .first()
    )

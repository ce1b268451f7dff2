"""Writing audit events: every service function that changes state calls `record`."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from waspada.core.audit_actions import AuditAction, checked
from waspada.core.models import AuditEvent, User


def client_ip(request: HttpRequest | None) -> str | None:
    """The client address as the server saw it (the reverse proxy sets REMOTE_ADDR)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def event(
    action: AuditAction,
    summary: str,
    *,
    actor: User | None,
    object_type: str = "",
    object_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """An unsaved audit event, for `record_many`."""
    return AuditEvent(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.get_username() if actor is not None else "",
        action=checked(action),
        object_type=object_type,
        object_id=object_id,
        summary=summary[:500],
        details=details or {},
    )


def record_many(events: list[AuditEvent]) -> None:
    """Append many audit events in one statement (bulk screening, imports)."""
    AuditEvent.objects.bulk_create(events, batch_size=1000)


def record(
    action: AuditAction,
    summary: str,
    *,
    actor: User | None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one audit event. `obj` fills object type and id when given."""
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = str(obj.pk)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.get_username() if actor is not None else "",
        action=checked(action),
        object_type=object_type,
        object_id=object_id,
        summary=summary[:500],
        details=details or {},
        ip_address=client_ip(request),
    )

"""In-app notifications: what changed for me (an interview assigned to me, my proposal
returned, a partner's answer...), shown under the bell in the header until read.

No outside service: a row per recipient, written by the service that made the change
(inside its transaction, so a refused change notifies nobody). The bell costs one
indexed count per page (`unread_count`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from waspada.core.models import Notification, NotificationKind


def notify(
    recipients: Iterable[Any], kind: NotificationKind, *, subject: str, url: str = ""
) -> list[Notification]:
    """Tell each active recipient (never the same one twice; None is skipped)."""
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        rows.append(Notification(recipient=user, kind=kind, subject=subject[:200], url=url))
    return Notification.objects.bulk_create(rows)


def notifications_of(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user: Any, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read (None: all of them); how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())

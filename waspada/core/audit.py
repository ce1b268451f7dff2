"""Writing audit events: every service function that changes state calls `record`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from waspada.core import audit_chain
from waspada.core.audit_actions import AuditAction, checked
from waspada.core.audit_summaries import Said
from waspada.core.client_address import client_address
from waspada.core.models import AuditEvent, User

# The PostgreSQL advisory lock that makes writers append to the chain one at a time.
# (Locking the latest row is not enough: a writer that waited for it would then read a
# new latest row that a third writer, not waiting, may chain onto at the same moment.)
CHAIN_LOCK = 0x5741_5350  # "WASP"


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address (behind a trusted reverse proxy, the one it names)."""
    return client_address(request) if request is not None else None


def event(
    action: AuditAction,
    summary: str,
    *,
    actor: User | None,
    object_type: str = "",
    object_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """An unsaved audit event, for `record_many`. A `Said` summary keeps its message and
    parameters in the details, to be rendered in the reader's language."""
    return AuditEvent(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.get_username() if actor is not None else "",
        action=checked(action),
        object_type=object_type,
        object_id=object_id,
        summary=str(summary)[:500],
        details=with_summary(summary, details),
    )


def with_summary(summary: str, details: dict[str, Any] | None) -> dict[str, Any]:
    """The event's details, with the message and parameters of a `Said` summary."""
    found = dict(details or {})
    if isinstance(summary, Said):
        found.update(summary.details())
    return found


def _append(events: Sequence[Any], insert: Callable[[Any], object]) -> None:
    """Chain `events` onto the latest event and `insert` them, holding the chain's lock
    until the transaction ends: on PostgreSQL an advisory lock, on SQLite the write lock
    every transaction takes when it begins (IMMEDIATE, see `waspada.env`)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        latest = AuditEvent.objects.order_by("-id").values_list("chain_hash", flat=True).first()
        audit_chain.link(events, latest or audit_chain.GENESIS)
        insert(events)


def _bulk_create(events: list[AuditEvent]) -> None:
    AuditEvent.objects.bulk_create(events, batch_size=1000)


def record_many(events: list[AuditEvent]) -> None:
    """Append many audit events in one statement (bulk screening, imports)."""
    _append(events, _bulk_create)


def record_rows(
    rows: list[dict[str, Any]], insert: Callable[[list[dict[str, Any]]], object]
) -> None:
    """Append audit events given as rows of field values (`CONTENT_FIELDS`), written by
    `insert` (an importer's fast INSERT), chained like every other event."""
    if rows:
        _append(rows, insert)


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
    written = event(
        action,
        summary,
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        details=details,
    )
    written.ip_address = client_ip(request)
    _append([written], _bulk_create)
    return written


# Reading personal data is recorded once per user and object in this window: who looked
# at whom stays known, without an event for every page load.
VIEW_WINDOW = dt.timedelta(hours=1)


def record_view(request: HttpRequest, obj: models.Model, summary: str) -> bool:
    """Record that the signed-in user opened `obj` (personal data), unless they already
    did within VIEW_WINDOW. Returns whether an event was written."""
    user = request.user
    if not isinstance(user, User):
        return False
    object_type, object_id = obj._meta.label_lower, str(obj.pk)
    seen = AuditEvent.objects.filter(
        actor=user,
        action=AuditAction.VIEWED,
        object_type=object_type,
        object_id=object_id,
        created_at__gte=timezone.now() - VIEW_WINDOW,
    )
    if seen.exists():
        return False
    record(AuditAction.VIEWED, summary, actor=user, obj=obj, request=request)
    return True


@dataclass(frozen=True)
class ChainBreak:
    """The first event that does not fit the chain, and why."""

    event: AuditEvent
    reason: str


def _stored(batch: int = 2000) -> Iterator[AuditEvent]:
    """Every event in the order it was written, read in batches by id."""
    last = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last).order_by("id")[:batch])
        yield from rows
        if len(rows) < batch:
            return
        last = rows[-1].pk


def verify_chain() -> tuple[int, ChainBreak | None]:
    """How many events were checked, and the first break of the hash chain (or None)."""
    previous = audit_chain.GENESIS
    checked_count = 0
    for stored in _stored():
        if stored.previous_hash != previous:
            return checked_count, ChainBreak(
                stored, "the event before it was changed or removed (previous hash differs)"
            )
        if stored.chain_hash != audit_chain.chain_hash(previous, stored):
            return checked_count, ChainBreak(
                stored, "its content was changed after it was written (hash differs)"
            )
        previous = stored.chain_hash
        checked_count += 1
    return checked_count, None

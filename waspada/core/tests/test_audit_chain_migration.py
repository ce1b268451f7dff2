"""The migration that adds the hash chain chains the events already written."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from waspada.core import audit
from waspada.core.models import AuditEvent, WorkerHeartbeat

BEFORE = [("core", "0002_auditevent_append_only")]
AFTER = [("core", "0003_auditevent_hash_chain")]


@pytest.mark.django_db(transaction=True)
def test_events_written_before_the_chain_are_chained_in_the_order_written() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("core", "AuditEvent")
    for n in range(3):
        old.objects.create(
            created_at=timezone.now(),
            actor_label="kasi",
            action="core.user_updated",
            summary=f"Event {n}",
            details={"n": n},
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    assert audit.verify_chain() == (3, None)
    events = list(AuditEvent.objects.order_by("id"))
    assert [e.previous_hash for e in events] == ["", events[0].chain_hash, events[1].chain_hash]
    # Still append-only afterwards, on either database.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET summary = 'x' WHERE id = %s", [events[0].pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[0].pk])

    # The later migrations back, for the tests that run after this one in this process.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert WorkerHeartbeat.objects.count() == 0

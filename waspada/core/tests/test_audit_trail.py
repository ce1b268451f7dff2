"""The audit trail is append-only: no code path can change or remove an event."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from waspada.core import audit
from waspada.core.models import AppendOnlyError, AuditEvent, User


@pytest.fixture
def event(db: None, supervisor: User) -> AuditEvent:
    return audit.record("test.action", "Something happened", actor=supervisor)


def test_saving_an_existing_event_is_refused(event: AuditEvent) -> None:
    event.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_deleting_an_event_is_refused(event: AuditEvent) -> None:
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_and_delete_are_refused(event: AuditEvent) -> None:
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update([event], ["summary"])


def test_raw_sql_update_is_refused_by_the_database(event: AuditEvent) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET summary = 'forged' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).summary == "Something happened"


def test_raw_sql_delete_is_refused_by_postgresql(event: AuditEvent) -> None:
    if connection.vendor != "postgresql":
        # SQLite keeps DELETE for Django's test flush; see migration 0002.
        assert connection.vendor == "sqlite"
        return
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_user_with_audit_history_cannot_be_deleted(event: AuditEvent, supervisor: User) -> None:
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        supervisor.delete()


def test_record_captures_actor_object_and_details(supervisor: User, auditor: User) -> None:
    found = audit.record(
        "user.updated", "changed", actor=supervisor, obj=auditor, details={"k": [1, 2]}
    )
    found.refresh_from_db()
    assert (found.actor, found.actor_label) == (supervisor, "supervisor")
    assert (found.object_type, found.object_id) == ("core.user", str(auditor.pk))
    assert found.details == {"k": [1, 2]}


def _events_for_filtering(supervisor: User, auditor: User) -> None:
    audit.record("user.created", "one", actor=supervisor, obj=auditor)
    old = audit.record("regions.loaded", "two", actor=auditor)
    # Backdate through a fresh insert: events cannot be edited, so make one in the past.
    AuditEvent.objects.create(
        action="auth.login",
        actor=auditor,
        actor_label="auditor",
        summary="three",
        created_at=timezone.now() - dt.timedelta(days=10),
    )
    assert old.pk


def test_audit_page_filters_by_actor_action_object_and_date(
    login: object, supervisor: User, auditor: User
) -> None:
    _events_for_filtering(supervisor, auditor)
    client = login(supervisor)  # type: ignore[operator]
    url = reverse("audit_list")

    def summaries(**params: str) -> set[str]:
        response = client.get(url, params)
        assert response.status_code == 200
        return {e.summary for e in response.context["page"].object_list}

    assert summaries(actor="supervisor") == {"one", "supervisor logged in"}
    assert summaries(action="regions") == {"two"}
    assert summaries(object_type="core.user", object_id=str(auditor.pk)) == {
        "one",
        "User auditor created with role auditor",
    }
    today = timezone.localdate().isoformat()
    assert "three" not in summaries(date_from=today)
    week_ago = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    assert summaries(date_to=week_ago) == {"three"}


def test_audit_page_explains_a_reversed_date_range(login: object, auditor: User) -> None:
    client = login(auditor)  # type: ignore[operator]
    response = client.get(
        reverse("audit_list"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "Tanggal akhir sebelum tanggal awal" in response.content.decode()


def test_audit_page_query_count_does_not_grow_with_events(
    login: object, supervisor: User, auditor: User
) -> None:
    client = login(supervisor)  # type: ignore[operator]
    for n in range(3):
        audit.record("x.small", f"e{n}", actor=auditor)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("audit_list"))
    for n in range(30):
        audit.record("x.many", f"e{n}", actor=supervisor if n % 2 else auditor)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("audit_list"))
    assert len(many) == len(few)

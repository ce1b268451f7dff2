"""The audit trail is append-only: no code path can change or remove an event."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from waspada.core import audit
from waspada.core.audit_actions import (
    LEGACY_NAMES,
    AuditAction,
    UnknownAuditAction,
    read,
)
from waspada.core.models import AppendOnlyError, AuditEvent, User


@pytest.fixture
def event(db: None, supervisor: User) -> AuditEvent:
    return audit.record(AuditAction.USER_UPDATED, "Something happened", actor=supervisor)


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


def test_raw_sql_delete_is_refused_by_the_database(event: AuditEvent) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def _three_events(actor: User) -> list[AuditEvent]:
    audit.record(AuditAction.USER_UPDATED, "First", actor=actor, details={"b": [1], "a": "é"})
    audit.record_many(
        [
            audit.event(AuditAction.USER_UPDATED, "Second", actor=actor),
            audit.event(AuditAction.USER_UPDATED, "Third", actor=None, details={"n": 1.5}),
        ]
    )
    return list(AuditEvent.objects.order_by("id"))[-3:]  # after the supervisor's creation


def test_each_event_carries_the_hash_of_the_one_before(supervisor: User) -> None:
    events = _three_events(supervisor)
    assert [len(e.chain_hash) for e in events] == [64, 64, 64]
    assert [e.previous_hash for e in events[1:]] == [e.chain_hash for e in events[:-1]]
    assert AuditEvent.objects.order_by("id").first().previous_hash == ""  # type: ignore[union-attr]


def _verify() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_audit", stdout=out)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue()


def _without_triggers(sql: str, params: list[Any]) -> None:
    """Rewrite history as someone with the database's owner rights would: first the
    triggers off (inside the test's transaction, so they come back afterwards)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute("DROP TRIGGER core_auditevent_no_delete")
        cursor.execute(sql, params)


def test_verify_audit_says_an_untouched_trail_is_intact(supervisor: User) -> None:
    _three_events(supervisor)
    code, said = _verify()
    assert code == 0
    assert f"intact: {AuditEvent.objects.count()} events" in said


def test_verify_audit_names_the_event_changed_behind_the_triggers(supervisor: User) -> None:
    _first, second, _third = _three_events(supervisor)
    _without_triggers(
        "UPDATE core_auditevent SET summary = 'Nothing happened' WHERE id = %s", [second.pk]
    )
    code, said = _verify()
    assert code == 1
    assert f"BROKEN at event {second.pk} " in said and "content was changed" in said
    before = AuditEvent.objects.filter(id__lt=second.pk).count()
    assert f"The {before} events before it are intact" in said


def test_verify_audit_names_the_event_after_a_removed_one(supervisor: User) -> None:
    _first, second, third = _three_events(supervisor)
    _without_triggers("DELETE FROM core_auditevent WHERE id = %s", [second.pk])
    code, said = _verify()
    assert code == 1
    assert f"BROKEN at event {third.pk} " in said and "changed or removed" in said


def test_user_with_audit_history_cannot_be_deleted(event: AuditEvent, supervisor: User) -> None:
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        supervisor.delete()


def test_record_captures_actor_object_and_details(supervisor: User, auditor: User) -> None:
    found = audit.record(
        AuditAction.USER_UPDATED, "changed", actor=supervisor, obj=auditor, details={"k": [1, 2]}
    )
    found.refresh_from_db()
    assert (found.actor, found.actor_label) == (supervisor, "supervisor")
    assert (found.object_type, found.object_id) == ("core.user", str(auditor.pk))
    assert found.details == {"k": [1, 2]}


def _events_for_filtering(supervisor: User, auditor: User) -> None:
    audit.record(AuditAction.USER_CREATED, "one", actor=supervisor, obj=auditor)
    old = audit.record(AuditAction.REGIONS_LOADED, "two", actor=auditor)
    # Backdate through a fresh insert: events cannot be edited, so make one in the past.
    AuditEvent.objects.create(
        action="core.logged_in",
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
        "User auditor created with role Auditor (read-only)",
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
        audit.record(AuditAction.REPORT_EXPORTED, f"e{n}", actor=auditor)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("audit_list"))
    for n in range(30):
        audit.record(AuditAction.REPORT_EXPORTED, f"e{n}", actor=supervisor if n % 2 else auditor)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("audit_list"))
    assert len(many) == len(few)


def test_an_action_outside_the_vocabulary_is_refused(supervisor: User) -> None:
    with pytest.raises(UnknownAuditAction):
        audit.record("networks.detect", "imperative, not past tense", actor=supervisor)  # type: ignore[arg-type]
    assert not AuditEvent.objects.filter(action="networks.detect").exists()


_APPS = {
    "core",
    "regions",
    "applications",
    "screening",
    "watchlists",
    "networks",
    "interviews",
    "decisions",
    "partners",
    "publik",
    "training",
    "api",
    "reports",
}
# Past participles that do not end in -ed.
_IRREGULAR = {"sent", "done", "found", "reset", "set"}


@pytest.mark.parametrize("action", list(AuditAction))
def test_every_action_names_its_app_and_what_happened_in_the_past_tense(
    action: AuditAction,
) -> None:
    app, _, what = action.value.partition(".")
    assert app in _APPS
    assert any(word.endswith("ed") or word in _IRREGULAR for word in what.split("_")), what
    with translation.override("en"):
        english = str(action.label)
    with translation.override("id"):
        assert str(action.label) != english


def test_events_written_under_old_names_read_and_filter_under_the_vocabulary(
    login: object, supervisor: User
) -> None:
    # Written before the vocabulary was fixed (the trail is never rewritten).
    AuditEvent.objects.create(action="application.registered", summary="old", actor_label="x")
    audit.record(AuditAction.APPLICATION_REGISTERED, "new", actor=supervisor)
    assert all(read(old) is new for old, new in LEGACY_NAMES.items())
    client = login(supervisor)  # type: ignore[operator]
    with translation.override("id"):
        response = client.get(reverse("audit_list"), {"action": "applications.registered"})
    found = {event.summary for event in response.context["page"].object_list}
    assert found == {"old", "new"}
    assert response.content.decode().count("Permohonan didaftarkan") == 2

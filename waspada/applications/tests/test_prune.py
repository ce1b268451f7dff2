"""`waspada prune`: uploaded import files go after the retention period (the import's page
stays), finished tasks and expired sessions go; everything else stays; one audit event."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from waspada.applications.importing import problem_report_name
from waspada.applications.models import ImportJob
from waspada.core.audit_actions import AuditAction
from waspada.core.jobs import JobState
from waspada.core.models import AuditEvent
from waspada.core.tests.worker import queue_task

pytestmark = pytest.mark.django_db


def _import(days_ago: int, state: str = JobState.DONE) -> ImportJob:
    ended = timezone.now() - dt.timedelta(days=days_ago)
    job = ImportJob(filename="batch.csv", state=state, ended_at=ended, created_at=ended)
    job.file.save("batch.csv", ContentFile(b"nik;nama\n3301;Siti\n"), save=False)
    job.save()
    job.file.storage.save(problem_report_name(job), ContentFile(b"row,column\n2,nik\n"))
    return job


def _files(job: ImportJob) -> list[bool]:
    storage = job.file.storage
    return [storage.exists(str(job.file.name)), storage.exists(problem_report_name(job))]


def _prune() -> str:
    out = io.StringIO()
    call_command("prune", stdout=out)
    return out.getvalue()


def test_prune_removes_old_import_files_and_keeps_the_rest(
    settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    old, recent, still_running = _import(91), _import(89), _import(200, JobState.RUNNING)
    old_name = str(old.file.name)

    output = _prune()

    assert output.startswith("Pruned: 1 uploaded import files,")
    old.refresh_from_db()
    assert old.file.name == ""
    assert not (tmp_path / old_name).exists()
    assert not (tmp_path / f"{old_name}.problems.csv").exists()
    assert old.state == JobState.DONE and old.filename == "batch.csv"  # the page stays
    assert _files(recent) == [True, True]
    assert _files(still_running) == [True, True]
    event = AuditEvent.objects.filter(action=AuditAction.DATA_PRUNED).get()
    assert event.details["import_files"] == 1
    assert event.details["import_retention_days"] == 90

    assert _prune().startswith("Pruned: 0 uploaded import files,")  # idempotent


def test_the_retention_period_is_a_setting(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.WASPADA_IMPORT_RETENTION_DAYS = 30
    job = _import(31)
    _prune()
    job.refresh_from_db()
    assert job.file.name == ""


def test_prune_forgets_finished_tasks_and_expired_sessions() -> None:
    now = timezone.now()
    for days_ago in (40, 5):
        queue_task()
        DBTaskResult.objects.filter(status="READY").update(
            status="SUCCESSFUL", finished_at=now - dt.timedelta(days=days_ago)
        )
    queue_task()  # waiting: never pruned
    expired, valid = SessionStore(), SessionStore()
    expired.set_expiry(1)
    expired.create()
    valid.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=now - dt.timedelta(hours=1)
    )

    assert "1 finished tasks, 1 expired sessions" in _prune()
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == [
        "READY",
        "SUCCESSFUL",
    ]
    assert list(Session.objects.values_list("session_key", flat=True)) == [valid.session_key]

"""`/healthz` (the process answers) and `/readyz` (the office can work: database,
migrations, a live background worker, a queue that moves), for monitoring without login."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from waspada.core import readiness
from waspada.core.models import User, WorkerHeartbeat
from waspada.core.tests.worker import queue_task

pytestmark = pytest.mark.django_db


def _readyz() -> tuple[int, dict[str, Any]]:
    response = Client().get("/readyz")
    assert response["Content-Type"] == "application/json"
    return response.status_code, json.loads(response.content)


def test_healthz_answers_without_the_database() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}


def test_ready_with_a_live_worker_and_an_empty_queue() -> None:
    readiness.beat("worker-1")
    status, body = _readyz()
    assert status == 200, body
    assert body["status"] == "ready"
    assert body["problems"] == []
    assert body["checks"]["database"]["ok"]
    assert body["checks"]["migrations"] == {"ok": True, "pending": 0}
    assert body["checks"]["worker"]["alive"] == 1
    assert body["checks"]["queue"] == {"ok": True, "waiting": 0, "oldest_wait_seconds": None}


def test_not_ready_without_any_worker() -> None:
    status, body = _readyz()
    assert status == 503
    assert body["status"] == "not ready"
    assert body["problems"] == ["no background worker has ever run (start `waspada worker`)"]


def test_not_ready_when_the_worker_went_silent() -> None:
    readiness.beat("worker-1")
    WorkerHeartbeat.objects.update(beat_at=timezone.now() - dt.timedelta(minutes=5))
    status, body = _readyz()
    assert status == 503
    assert body["checks"]["worker"]["ok"] is False
    assert body["problems"][0].startswith("no background worker: the last sign of life was 30")


def test_not_ready_when_a_task_waited_too_long() -> None:
    readiness.beat("worker-1")
    queue_task()  # due at once
    assert _readyz()[0] == 200
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=20))
    status, body = _readyz()
    assert status == 503
    assert body["checks"]["queue"]["waiting"] == 1
    assert body["checks"]["queue"]["oldest_wait_seconds"] >= 20 * 60
    assert body["problems"] == ["the oldest waiting task has waited 1200 s (limit 900 s)"]


def test_a_task_scheduled_for_later_is_not_late() -> None:
    readiness.beat("worker-1")
    queue_task(timezone.now() + dt.timedelta(hours=10))
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(hours=2))
    status, body = _readyz()
    assert status == 200, body
    assert body["checks"]["queue"]["waiting"] == 0


def test_not_ready_with_a_migration_not_applied() -> None:
    readiness.beat("worker-1")
    # The newest migration of core, forgotten as if a release brought it and nobody migrated.
    newest = max(MigrationLoader(connection).graph.leaf_nodes("core"))[1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'core' AND name = %s", [newest])
    status, body = _readyz()
    assert status == 503
    assert body["checks"]["migrations"] == {"ok": False, "pending": 1}
    assert body["problems"] == [f"1 migration(s) not applied: core.{newest}"]


def test_the_probe_shows_nothing_personal(supervisor: User) -> None:
    readiness.beat("worker-1")
    text = Client().get("/readyz").content.decode()
    assert supervisor.username not in text
    assert "worker-1" not in text  # not even the worker's name or host


@pytest.mark.django_db(transaction=True)
def test_the_worker_heartbeat_thread_beats_and_says_goodbye() -> None:
    thread = readiness.HeartbeatThread("worker-thread", interval=0.1)
    thread.start()
    try:
        for _ in range(100):
            if WorkerHeartbeat.objects.filter(worker_id="worker-thread").exists():
                break
            time.sleep(0.05)
        first = WorkerHeartbeat.objects.get(worker_id="worker-thread").beat_at
        assert _readyz()[0] == 200
        time.sleep(0.3)
        assert WorkerHeartbeat.objects.get(worker_id="worker-thread").beat_at > first
    finally:
        thread.stop()
    assert not WorkerHeartbeat.objects.exists()
    assert _readyz()[0] == 503


def test_not_ready_when_the_database_is_unreachable() -> None:
    script = (
        "import json, django; django.setup(); from django.test import Client; "
        "r = Client().get('/readyz'); print(r.status_code, r.content.decode())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "waspada.settings_test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
        "ALLOWED_HOSTS": "testserver",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    status, body = done.stdout.split(" ", 1)
    assert status == "503", done.stderr
    assert json.loads(body)["problems"] == ["database unreachable: OperationalError"]

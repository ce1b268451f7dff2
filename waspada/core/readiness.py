"""Is this installation ready to serve? The checks behind `/readyz`.

`/healthz` says only that the process answers. `/readyz` says whether the office can work:
the database answers, every migration is applied, a background worker (`waspada worker`)
gave a sign of life recently, and no task has waited in the queue for too long (a queue
that does not move means imports, screenings and deadline checks are not happening).

The answer names what is wrong, and nothing personal: counts and ages only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import threading
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, close_old_connections, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from waspada.core.models import WorkerHeartbeat

# How often a worker touches its heartbeat row (seconds).
BEAT_SECONDS = 15


@dataclass
class Readiness:
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "ready" if self.ready else "not ready",
            "problems": self.problems,
            "checks": self.checks,
        }


def _seconds(delta: dt.timedelta) -> int:
    return max(0, int(delta.total_seconds()))


def pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations the code has and the database has not applied ("app.name")."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def check() -> Readiness:
    result = Readiness()
    now = timezone.now()
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        result.checks["database"] = {"ok": False}
        result.problems.append(f"database unreachable: {type(exc).__name__}")
        return result  # nothing else can be checked
    result.checks["database"] = {"ok": True}

    pending = pending_migrations()
    result.checks["migrations"] = {"ok": not pending, "pending": len(pending)}
    if pending:
        shown = ", ".join(pending[:5]) + (" ..." if len(pending) > 5 else "")
        result.problems.append(f"{len(pending)} migration(s) not applied: {shown}")
        return result  # the tables below may not exist yet

    silent_limit = settings.WASPADA_READY_WORKER_SILENT_SECONDS
    last_beat = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True)
    beat = last_beat.first()
    alive = WorkerHeartbeat.objects.filter(beat_at__gte=now - dt.timedelta(seconds=silent_limit))
    worker: dict[str, Any] = {"ok": beat is not None and alive.exists(), "alive": alive.count()}
    worker["last_beat_seconds_ago"] = None if beat is None else _seconds(now - beat)
    result.checks["worker"] = worker
    if beat is None:
        result.problems.append("no background worker has ever run (start `waspada worker`)")
    elif not worker["ok"]:
        result.problems.append(
            f"no background worker: the last sign of life was {worker['last_beat_seconds_ago']} "
            f"s ago (limit {silent_limit} s)"
        )

    waiting = DBTaskResult.objects.ready()
    oldest = None
    for enqueued_at, run_after in waiting.order_by("enqueued_at").values_list(
        "enqueued_at", "run_after"
    )[:50]:
        # A task scheduled for later waits from its time, not from when it was queued.
        since = enqueued_at if run_after == get_date_max() else max(enqueued_at, run_after)
        oldest = since if oldest is None else min(oldest, since)
    wait_limit = dt.timedelta(minutes=settings.WASPADA_READY_MAX_TASK_WAIT_MINUTES)
    queue: dict[str, Any] = {"waiting": waiting.count()}
    queue["oldest_wait_seconds"] = None if oldest is None else _seconds(now - oldest)
    queue["ok"] = oldest is None or now - oldest <= wait_limit
    result.checks["queue"] = queue
    if not queue["ok"]:
        result.problems.append(
            f"the oldest waiting task has waited {queue['oldest_wait_seconds']} s "
            f"(limit {_seconds(wait_limit)} s)"
        )
    return result


# --- The worker's side ----------------------------------------------------------------------


def beat(worker_id: str) -> None:
    """Record that the worker `worker_id` of this process is alive."""
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(beat_at=now)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            hostname=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=now,
            beat_at=now,
        )


class HeartbeatThread(threading.Thread):
    """Beats every BEAT_SECONDS beside the worker's loop, also while a long task runs."""

    def __init__(self, worker_id: str, interval: float = BEAT_SECONDS) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        import logging

        log = logging.getLogger(__name__)
        while not self.stopped.is_set():
            try:
                beat(self.worker_id)
            except DatabaseError:
                # The database is busy or away for a moment: the next beat tries again,
                # and /readyz reports the silence if it lasts.
                log.warning("worker heartbeat not recorded", exc_info=True)
            finally:
                close_old_connections()
                connections.close_all()
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)
        with contextlib.suppress(DatabaseError):
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

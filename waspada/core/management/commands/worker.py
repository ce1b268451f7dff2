"""`waspada worker`: the background worker (django-tasks' `db_worker`) with a heartbeat.

Everything `db_worker` does, plus a row in WorkerHeartbeat touched every few seconds by
a thread beside the worker's loop (also while a long import runs), which `/readyz`
reads. Production (deploy/waspada-worker.service) and `make run` start this command.
"""

from __future__ import annotations

import os
from typing import Any

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from waspada.core.readiness import HeartbeatThread


class Command(DbWorkerCommand):
    help = "Run the background worker (django-tasks db_worker) and record its heartbeat."

    def handle(self, *args: Any, **options: Any) -> None:
        # With --reload the first process only watches the code; its child works and beats.
        beats = not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"
        heartbeat = HeartbeatThread(options["worker_id"]) if beats else None
        if heartbeat:
            heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            if heartbeat:
                heartbeat.stop()

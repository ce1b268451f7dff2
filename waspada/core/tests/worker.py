"""The real background worker, for tests that follow a job from the web to its end."""

from __future__ import annotations

import datetime as dt
import signal

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult, get_date_max


def run_worker() -> None:
    """Run the real database worker until the queue is empty, as `waspada db_worker --batch`."""
    # The worker installs its own signal handlers; give pytest its own back afterwards.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
        )
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def queue_task(run_after: dt.datetime | None = None) -> DBTaskResult:
    """A task waiting in the queue as django-tasks writes it (the nightly deadline check),
    due at once or at `run_after`."""
    return DBTaskResult.objects.create(
        task_path="waspada.decisions.tasks.check_deadlines_daily",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=run_after or get_date_max(),
    )

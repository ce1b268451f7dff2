"""The daily deadline check as a django-tasks task that schedules its own next run.

`waspada check-deadlines --schedule` (run by `make run`) queues the first run; each run
queues the next one for the following night before it does its work, so a failing
check does not stop the chain. Run the tasks with `waspada db_worker`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks_db.models import DBTaskResult

from waspada.decisions import services

# Local time (Asia/Jakarta) of the nightly run: before the office opens.
DAILY_AT = dt.time(0, 30)


def next_run_after(now: dt.datetime) -> dt.datetime:
    """The next nightly run: tomorrow at DAILY_AT, local time."""
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, DAILY_AT))


def is_scheduled() -> bool:
    """A run of the daily check is waiting in the queue."""
    return DBTaskResult.objects.filter(
        task_path=check_deadlines_daily.module_path, status=TaskResultStatus.READY
    ).exists()


def schedule_daily_check(run_after: dt.datetime | None = None) -> TaskResult[Any] | None:
    """Queue the daily check (at `run_after`, else at once) unless a run is already waiting."""
    if is_scheduled():
        return None
    queued = (
        check_deadlines_daily
        if run_after is None
        else check_deadlines_daily.using(run_after=run_after)
    )
    return queued.enqueue()


@task()
def check_deadlines_daily() -> dict[str, Any]:
    """Propose the refusal of overdue deferrals; queue tomorrow's run first."""
    now = timezone.now()
    schedule_daily_check(next_run_after(now))
    check = services.propose_overdue_refusals(timezone.localdate(now))
    return {
        "today": check.today.isoformat(),
        "proposed": [item.refusal.application.application_no for item in check.proposed],
        "skipped": check.skipped,
    }

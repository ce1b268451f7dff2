"""Background tasks of the applications app (django-tasks, database backend).

Run them with `waspada db_worker`; the web process only enqueues.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from waspada.applications import importing


@task()
def run_import_job(job_id: int) -> dict[str, Any]:
    """Import the file of a queued ImportJob; the job row shows the progress."""
    report = importing.run_job(job_id)
    if report is None:
        return {"skipped": True}
    return {"ok": report.ok, **report.counts()}

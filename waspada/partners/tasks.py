"""Background tasks of the partners app (django-tasks, database backend)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from waspada.partners import recommendations


@task()
def run_recommendation_import(job_id: int) -> dict[str, Any]:
    """Import the file of a queued RecommendationImportJob; the job row shows the progress."""
    outcome = recommendations.run_import_job(job_id)
    if outcome is None:
        return {"skipped": True}
    return {"ok": outcome.ok, **outcome.counts()}

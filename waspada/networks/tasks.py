"""Background tasks of the networks app (django-tasks, database backend; `waspada db_worker`)."""

from __future__ import annotations

from django_tasks import task

from waspada.networks import runs, services


@task()
def detect_networks_task(run_id: int) -> dict[str, int]:
    """Carry out a queued full detection; the run row shows the progress."""
    run = runs.claim_detection(run_id)
    if run is None:  # carried out by `waspada detect-networks`, or queued again for later
        return {"skipped": 1}
    outcome = services.detect_networks(run=run)
    return {"clusters": outcome.clusters, "rescreened": outcome.rescreened}

"""Background tasks of the watchlists app (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from waspada.watchlists.matching import current_index


@task()
def build_index_task() -> int:
    """Build the name index of the lists as they are now and keep it for every process
    (see `index_store`), so that no request has to build it; the number of entries."""
    return len(current_index().entries)

"""Background tasks of the API (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from waspada.api import webhooks


@task()
def deliver_webhooks(endpoint_id: int) -> int:
    """Deliver an endpoint's due webhook deliveries (retried with backoff)."""
    return webhooks.deliver_due(endpoint_id)

"""The operations probes (see tests/test_url_access.py): no login, nothing personal."""

from __future__ import annotations

from django.urls import reverse

from waspada.core import readiness
from waspada.core.models import User

ACCESS: dict[str, set[str] | str] = {"readyz": "public"}


def url(name: str, target: User) -> str:
    # A live worker, so that the probe answers 200 (without one it answers 503).
    readiness.beat("url-access-worker")
    return reverse(name)

"""The "ring" fact (D18): members of the latest run's risky rings, with the ring as evidence."""

from __future__ import annotations

from collections.abc import Sequence

from waspada.applications.models import PassportApplication
from waspada.networks.queries import ring_evidence


class RingProvider:
    name = "ring"

    def collect(self, applications: Sequence[PassportApplication]) -> dict[int, tuple[str, ...]]:
        return ring_evidence(app.pk for app in applications)

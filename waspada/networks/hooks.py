"""Where the apps above networks plug in (see waspada.core.hooks).

- `RING_CARRIERS`: what is attached to a ring and follows it to its successor when a
  detection run recomputes the rings (the partners' referrals).
- `RING_PANELS`: the parts of the ring page the apps above show (referrals).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from django.db.models import QuerySet

from waspada.core.hooks import HookPoint, Panel
from waspada.networks.lineage import Succession
from waspada.networks.models import RingCluster


class RingCarrier(Protocol):
    def rings_holding(self, rings: QuerySet[RingCluster]) -> set[int]:
        """The ids of those rings that something of this carrier is attached to."""
        ...

    def carry(self, successions: Sequence[Succession]) -> None:
        """Attach to each succession's new ring what its old ring holds."""
        ...


RING_CARRIERS: HookPoint[RingCarrier] = HookPoint("networks.ring_carriers")
RING_PANELS: HookPoint[Panel] = HookPoint("networks.ring_panels")

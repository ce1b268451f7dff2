"""Referrals follow their ring: when a detection run recomputes the rings, a referral
moves to the ring that holds most of its old ring's members (a `RingCarrier`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet

from waspada.networks.lineage import Succession
from waspada.networks.models import RingCluster
from waspada.partners.models import Referral


class ReferralCarrier:
    def rings_holding(self, rings: QuerySet[RingCluster]) -> set[int]:
        return set(
            Referral.objects.filter(ring__in=rings).values_list("ring_id", flat=True).distinct()
        )

    def carry(self, successions: Sequence[Succession]) -> None:
        for succession in successions:
            Referral.objects.filter(ring_id=succession.old).update(ring_id=succession.new)

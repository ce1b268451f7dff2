"""Writing what `waspada.domain.network` found: ring rows, members, keys, carried reviews.

Called by the services (which hold the transaction and write the audit events).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from waspada.domain import network
from waspada.networks.hooks import RING_CARRIERS
from waspada.networks.lineage import Succession, review_sources, successions
from waspada.networks.models import NetworkKey, RingCluster, RingMembership

BATCH_SIZE = 2000
Stored = list[tuple[RingCluster, network.Cluster]]


def store_clusters(run_id: int, clusters: Iterable[network.Cluster]) -> Stored:
    """Create the ring rows and their memberships; returns each row with its cluster."""
    stored: Stored = []
    batch: Stored = []

    def flush() -> None:
        RingCluster.objects.bulk_create([row for row, _ in batch])
        RingMembership.objects.bulk_create(
            [
                RingMembership(
                    cluster=row,
                    application_id=member,
                    link_types=";".join(found.link_types.get(member, ())),
                )
                for row, found in batch
                for member in found.members
            ],
            batch_size=BATCH_SIZE,
        )
        stored.extend(batch)
        batch.clear()

    for found in clusters:
        batch.append((_ring_row(run_id, found), found))
        if len(batch) >= 500:
            flush()
    if batch:
        flush()
    return stored


def _ring_row(run_id: int, found: network.Cluster) -> RingCluster:
    return RingCluster(
        run_id=run_id,
        size=found.size,
        score=found.score.score,
        risky=found.score.risky,
        benign=found.score.benign,
        reasons=[reason.to_data() for reason in found.score.reasons],
        summary=found.summary()[:500],
        shared=[
            {"kind": s.kind, "value": s.value, "count": s.count, "roles": list(s.roles)}
            for s in found.shared[:50]
        ],
        organiser=found.organiser.name if found.organiser else "",
        first_submitted=found.first_submitted,
        last_submitted=found.last_submitted,
        districts=found.districts,
    )


def key_rows(node: network.ApplicationNode, linked_at: dt.datetime | None) -> list[NetworkKey]:
    """The application's shared values as key rows (one per kind, value and role)."""
    rows: dict[tuple[str, str, str], NetworkKey] = {}
    for key, role, joins in network.node_keys(node):
        rows.setdefault(
            (key.kind, key.value, role),
            NetworkKey(
                application_id=node.id,
                kind=key.kind,
                value=key.value[:255],
                role=role,
                joins=joins,
                linked_at=linked_at,
            ),
        )
    return list(rows.values())


def carry_forward(old_rings: QuerySet[RingCluster], stored: Stored) -> list[Succession]:
    """Move the reviews of these old rings, and what the apps above attached to them
    (`RING_CARRIERS`: referrals), to their successors in `stored`.

    Only reviewed rings and rings something is attached to are looked at, so a full run
    with a hundred thousand rings reads a handful. Returns the successions that carried
    something.
    """
    held = {
        found.name: found.hook.rings_holding(old_rings) for found in RING_CARRIERS.registrations()
    }
    attached = set().union(*held.values())
    carrying = {
        ring.pk: ring
        for ring in old_rings.filter(Q(reviewed_at__isnull=False) | Q(pk__in=list(attached)))
    }
    if not carrying:
        return []
    members: dict[int, set[int]] = defaultdict(set)
    for ring_id, application_id in RingMembership.objects.filter(
        cluster_id__in=list(carrying)
    ).values_list("cluster_id", "application_id"):
        members[ring_id].add(application_id)
    wanted = set().union(*members.values())
    new_rows = {row.pk: row for row, found in stored if not wanted.isdisjoint(found.members)}
    found = successions(
        members, {row.pk: found.members for row, found in stored if row.pk in new_rows}
    )
    reviewed = {pk: ring.reviewed_at for pk, ring in carrying.items() if ring.reviewed_at}
    updated: list[RingCluster] = []
    for new_id, succession in review_sources(found, reviewed).items():
        source, target = carrying[succession.old], new_rows[new_id]
        target.reviewed_by_id = source.reviewed_by_id
        target.reviewed_at = source.reviewed_at
        target.review_note = source.review_note
        target.joined_since_review = source.joined_since_review + succession.joined
        updated.append(target)
    RingCluster.objects.bulk_update(
        updated, ["reviewed_by", "reviewed_at", "review_note", "joined_since_review"]
    )
    for carrier in RING_CARRIERS.registrations():
        carrier.hook.carry([s for s in found if s.old in held[carrier.name]])
    return [s for s in found if s.old in reviewed or s.old in attached]

"""Read helpers of the networks app: applications as graph nodes, the current run, evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet

from waspada.applications.models import PassportApplication
from waspada.domain import network
from waspada.domain.evidence import Reason
from waspada.networks.models import (
    DetectionRun,
    LicensedOrganiser,
    RingMembership,
    RunKind,
    ring_reason,
)

BATCH_SIZE = 2000
# Indicators that do not make a member "flagged on its own" for the ring score: the ring
# itself and the weak, profile-based ones (age, region, far from domicile).
_NOT_OWN = frozenset({"D18", "D04", "D10", "D26", "D28", ""})

_FIELDS = (
    "pk",
    "application_no",
    "submitted_on",
    "destination_country",
    "purpose",
    "employer_name",
    "district_code",
    "sponsor_name",
    "sponsor_phone",
    "sponsor_relation",
    "companion_name",
    "companion_phone",
    "companion_relation",
    "recruiter_name",
    "recruiter_license_no",
    "risk_indicators",
    "applicant__full_name",
    "applicant__phone",
    "applicant__address",
    "applicant__village_id",
)


def _node(row: dict[str, Any]) -> network.ApplicationNode:
    return network.ApplicationNode(
        id=row["pk"],
        application_no=row["application_no"],
        applicant_name=row["applicant__full_name"],
        phone=row["applicant__phone"],
        address=row["applicant__address"],
        village_code=row["applicant__village_id"],
        district_code=row["district_code"],
        submitted_on=row["submitted_on"],
        destination=row["destination_country"],
        purpose=row["purpose"],
        employer=row["employer_name"],
        parties=(
            network.Party(
                "sponsor", row["sponsor_name"], row["sponsor_phone"], row["sponsor_relation"]
            ),
            network.Party(
                "companion",
                row["companion_name"],
                row["companion_phone"],
                row["companion_relation"],
            ),
            network.Party(
                "recruiter", row["recruiter_name"], license_no=row["recruiter_license_no"]
            ),
        ),
    )


def _has_own_indicators(row: dict[str, Any]) -> bool:
    return bool(set(row["risk_indicators"].split(";")) - _NOT_OWN)


def load_nodes(
    ids: Iterable[int] | None = None, progress: Callable[[int], None] | None = None
) -> tuple[list[network.ApplicationNode], set[int]]:
    """Applications as graph nodes (all, or the given ids), and the ids flagged on their own."""
    nodes: list[network.ApplicationNode] = []
    flagged: set[int] = set()
    queryset = PassportApplication.objects.order_by("pk")
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).values(*_FIELDS)[:BATCH_SIZE])
        if not rows:
            break
        for row in rows:
            nodes.append(_node(row))
            if _has_own_indicators(row):
                flagged.add(row["pk"])
        last = rows[-1]["pk"]
        if progress is not None:
            progress(len(rows))
    return nodes, flagged


def current_registry() -> network.Registry:
    return network.Registry.of(
        network.Organiser(org.kind, org.name, org.licence_no, tuple(org.phones))
        for org in LicensedOrganiser.objects.filter(active=True)
    )


def latest_run() -> DetectionRun | None:
    """The current picture: the run whose rings were stored last."""
    return (
        DetectionRun.objects.filter(finished_at__isnull=False)
        .order_by("-finished_at", "-id")
        .first()
    )


def active_run() -> DetectionRun | None:
    """The full detection queued or running, if any (the oldest first); an interrupted
    one (no sign of life for long) is not under way."""
    return (
        DetectionRun.objects.filter(kind=RunKind.FULL).active().order_by("created_at", "id").first()
    )


def ring_evidence(
    application_ids: Iterable[int], run: DetectionRun | None = None
) -> dict[int, tuple[Reason, ...]]:
    """D18 evidence lines of the run's (default: latest run's) risky rings, per member."""
    run = run or latest_run()
    ids = list(application_ids)
    if run is None or not ids:
        return {}
    return _evidence(
        RingMembership.objects.filter(cluster__run=run, cluster__risky=True, application_id__in=ids)
    )


def run_evidence(run: DetectionRun | None) -> dict[int, tuple[Reason, ...]]:
    """D18 evidence lines of every member of the run's risky rings."""
    if run is None:
        return {}
    return _evidence(RingMembership.objects.filter(cluster__run=run, cluster__risky=True))


def _evidence(memberships: QuerySet[RingMembership]) -> dict[int, tuple[Reason, ...]]:
    """Typed facts (the ring's figures and what its members share), put into words in the
    reader's language by `risk.ring_evidence`."""
    lines: dict[int, list[Reason]] = {}
    rows = (
        memberships.order_by("application_id", "-cluster__score", "cluster_id")
        .values_list(
            "application_id",
            "cluster_id",
            "cluster__size",
            "cluster__districts",
            "cluster__first_submitted",
            "cluster__last_submitted",
            "cluster__shared",
            "cluster__score",
        )
        .iterator(chunk_size=5000)
    )
    for application_id, ring, size, districts, first, last, shared, score in rows:
        lines.setdefault(application_id, []).append(
            ring_reason(ring, size, districts, first, last, shared, score)
        )
    return {app_id: tuple(found) for app_id, found in lines.items()}

"""Every state change of the networks app: organiser imports, detection runs, incremental links.

The graph work is `waspada.domain.network` (pure); this module loads applications into its
dataclasses, stores what it returns, and re-screens the members whose D18 facts changed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.applications.models import PassportApplication
from waspada.core import audit
from waspada.core.models import User
from waspada.domain import network
from waspada.networks.models import (
    DetectionRun,
    LicensedOrganiser,
    NetworkKey,
    OrganiserKind,
    RingCluster,
    RingMembership,
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


# --- Loading ------------------------------------------------------------------------------------


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


# --- Evidence -----------------------------------------------------------------------------------


def latest_run() -> DetectionRun | None:
    return DetectionRun.objects.order_by("-started_at", "-id").first()


def ring_evidence(application_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """D18 evidence lines of the latest run's risky rings, per member application."""
    run = latest_run()
    ids = list(application_ids)
    if run is None or not ids:
        return {}
    lines: dict[int, list[str]] = {}
    memberships = (
        RingMembership.objects.filter(cluster__run=run, cluster__risky=True, application_id__in=ids)
        .select_related("cluster")
        .order_by("application_id", "-cluster__score", "cluster_id")
    )
    for member in memberships:
        lines.setdefault(member.application_id, []).append(member.cluster.evidence)
    return {app_id: tuple(found) for app_id, found in lines.items()}


_RING_NUMBER = re.compile(r"^ring #\d+: ")


def _comparable(evidence: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    # Cluster numbers change with every run: compare what the rings say, not their number.
    return {k: tuple(_RING_NUMBER.sub("", line) for line in v) for k, v in evidence.items()}


def _changed(before: dict[int, tuple[str, ...]], after: dict[int, tuple[str, ...]]) -> list[int]:
    old, new = _comparable(before), _comparable(after)
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


def _rescreen(ids: Sequence[int], acting_user: User | None) -> int:
    if not ids:
        return 0
    from waspada.screening.services import screen_applications

    return screen_applications(ids, trigger="fact", acting_user=acting_user)


# --- Storing clusters ---------------------------------------------------------------------------


def _store_clusters(run: DetectionRun, clusters: Iterable[network.Cluster]) -> list[RingCluster]:
    stored: list[tuple[RingCluster, network.Cluster]] = []
    batch: list[tuple[RingCluster, network.Cluster]] = []

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
        batch.append(
            (
                RingCluster(
                    run=run,
                    size=found.size,
                    score=found.score.score,
                    risky=found.score.risky,
                    benign=found.score.benign,
                    reasons=list(found.score.reasons),
                    summary=found.summary()[:500],
                    shared=[
                        {"kind": s.kind, "value": s.value, "count": s.count, "roles": s.roles}
                        for s in found.shared[:50]
                    ],
                    organiser=found.organiser.name if found.organiser else "",
                    first_submitted=found.first_submitted,
                    last_submitted=found.last_submitted,
                    districts=found.districts,
                ),
                found,
            )
        )
        if len(batch) >= 500:
            flush()
    if batch:
        flush()
    return [row for row, _ in stored]


def _key_rows(node: network.ApplicationNode) -> list[NetworkKey]:
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
            ),
        )
    return list(rows.values())


# --- Full detection -----------------------------------------------------------------------------


@dataclass
class DetectionOutcome:
    run: DetectionRun
    clusters: list[RingCluster]
    hubs: tuple[network.Hub, ...]
    rescreened: int


def detect_networks(
    *,
    acting_user: User | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> DetectionOutcome:
    """Recompute every cluster over all applications, store them as a new run, re-screen.

    Members whose D18 evidence changed (joined, left or changed a risky ring) are
    re-screened with trigger "fact" once the new run is stored.
    """
    if on_total is not None:
        on_total(PassportApplication.objects.count())
    started = timezone.now()
    nodes, flagged = load_nodes(progress=progress)
    result = network.detect(nodes, registry=current_registry(), flagged=flagged)
    with transaction.atomic():
        previous = latest_run()
        before = (
            ring_evidence(
                RingMembership.objects.filter(
                    cluster__run=previous, cluster__risky=True
                ).values_list("application_id", flat=True)
            )
            if previous is not None
            else {}
        )
        run = DetectionRun.objects.create(
            started_at=started,
            applications=len(nodes),
            clusters=len(result.clusters),
            risky=sum(1 for c in result.clusters if c.score.risky),
            hubs=[{"kind": h.kind, "value": h.value, "size": h.size} for h in result.hubs],
            created_by=acting_user if acting_user is not None and acting_user.pk else None,
        )
        stored = _store_clusters(run, result.clusters)
        NetworkKey.objects.all().delete()
        keys: list[NetworkKey] = []
        for node in nodes:
            keys.extend(_key_rows(node))
            if len(keys) >= 5 * BATCH_SIZE:
                NetworkKey.objects.bulk_create(keys, batch_size=BATCH_SIZE)
                keys = []
        NetworkKey.objects.bulk_create(keys, batch_size=BATCH_SIZE)
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
        after = ring_evidence(
            RingMembership.objects.filter(cluster__run=run, cluster__risky=True).values_list(
                "application_id", flat=True
            )
        )
        changed = _changed(before, after)
        audit.record(
            "networks.detect",
            f"Network detection: {len(nodes)} applications, {run.clusters} clusters, "
            f"{run.risky} risky, {len(result.hubs)} hubs",
            actor=acting_user,
            obj=run,
            details={"hubs": run.hubs[:20], "changed": len(changed)},
        )
    rescreened = _rescreen(changed, acting_user)
    return DetectionOutcome(run, stored, result.hubs, rescreened)


def write_contract_csv(run: DetectionRun, out: io.TextIOBase | Any) -> int:
    """`cluster_id, application_no, link_types, ring_score`: one row per member; rows written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["cluster_id", "application_no", "link_types", "ring_score"])
    rows = 0
    memberships = (
        RingMembership.objects.filter(cluster__run=run, cluster__size__gte=2)
        .order_by("-cluster__score", "cluster_id", "application__application_no")
        .values_list("cluster_id", "application__application_no", "link_types", "cluster__score")
    )
    for cluster_id, application_no, link_types, score in memberships.iterator(chunk_size=5000):
        writer.writerow([cluster_id, application_no, link_types, score])
        rows += 1
    return rows


# --- Incremental --------------------------------------------------------------------------------


def link_new_application(
    application: PassportApplication, *, acting_user: User | None = None
) -> RingCluster | None:
    """Join (or merge) the latest run's clusters for one new or changed application.

    Reads only the applications sharing one of its keys (indexed on kind + value) and the
    members of their clusters; returns the application's cluster, or None when it shares
    nothing. Members whose D18 evidence changed are re-screened.
    """
    node = _node(PassportApplication.objects.filter(pk=application.pk).values(*_FIELDS).get())
    registry = current_registry()
    with transaction.atomic():
        NetworkKey.objects.filter(application_id=node.id).delete()
        rows = _key_rows(node)
        NetworkKey.objects.bulk_create(rows)
        joining = {
            (row.kind, row.value)
            for row in rows
            if row.joins and registry.organiser_for(network.Key(row.kind, row.value)) is None
        }
        neighbours: set[int] = set()
        if joining:
            condition = Q()
            for kind, value in joining:
                condition |= Q(kind=kind, value=value)
            per_key: dict[tuple[str, str], set[int]] = {}
            for kind, value, app_id in (
                NetworkKey.objects.filter(condition)
                .values_list("kind", "value", "application_id")
                .distinct()[: 2 * network.HUB_SIZE * len(joining)]
            ):
                per_key.setdefault((kind, value), set()).add(app_id)
            for members in per_key.values():
                if len(members) <= network.HUB_SIZE:  # a hub joins nothing
                    neighbours |= members
        neighbours.discard(node.id)
        run = latest_run()
        if not neighbours:
            return None
        if run is None:
            run = DetectionRun.objects.create(finished_at=timezone.now())
        old = list(
            RingCluster.objects.filter(
                run=run, organiser="", memberships__application_id__in=[*neighbours, node.id]
            ).distinct()
        )
        members = set(neighbours) | {node.id}
        members |= set(
            RingMembership.objects.filter(cluster__in=old).values_list("application_id", flat=True)
        )
        before = ring_evidence(members)
        nodes, flagged = load_nodes(members)
        result = network.detect(nodes, registry=registry, flagged=flagged)
        RingCluster.objects.filter(pk__in=[c.pk for c in old]).delete()
        new_clusters = [c for c in result.clusters if c.organiser is None]
        stored = _store_clusters(run, new_clusters)
        cluster = next(
            (row for row, c in zip(stored, new_clusters, strict=True) if node.id in c.members),
            None,
        )
        after = ring_evidence(members)
        changed = _changed(before, after)
        if cluster is not None:
            audit.record(
                "networks.link",
                f"Application {node.application_no} linked into ring #{cluster.pk} "
                f"({cluster.size} applicants, score {cluster.score})",
                actor=acting_user,
                obj=cluster,
                details={"application": node.application_no, "merged": [c.pk for c in old]},
            )
    _rescreen(changed, acting_user)
    return cluster


def link_saved_applications(
    application_ids: Sequence[int], *, trigger: str, acting_user: User | None
) -> None:
    """Hook for applications saved at the counter: link each (small batches only).

    Large imports are left to `waspada detect-networks`, which recomputes everything.
    """
    if trigger != "intake" or len(application_ids) > 20:
        return
    for application in PassportApplication.objects.filter(pk__in=application_ids):
        link_new_application(application, acting_user=acting_user)


# --- Organisers ---------------------------------------------------------------------------------

ORGANISER_COLUMNS = ("kind", "name", "licence_no", "phones")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class OrganiserImport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    failure: str = ""


@transaction.atomic
def import_organisers(path: Path, *, acting_user: User | None = None) -> OrganiserImport:
    """Create or update licensed organisers (by licence number) from a CSV file.

    Columns `kind, name, licence_no, phones` (phones `;`-separated, any written form,
    stored in E.164). A bad row is reported with its row number (the header is row 1) and
    column, and does not stop the others.
    """
    outcome = OrganiserImport()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in ORGANISER_COLUMNS if c not in header]
        if missing:
            outcome.failure = _("Missing columns: %(columns)s") % {"columns": ", ".join(missing)}
            return outcome
        for number, raw in enumerate(reader, start=2):
            outcome.rows += 1
            row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
            error = _organiser_row(number, row, outcome)
            if error is not None:
                outcome.errors.append(error)
    audit.record(
        "networks.import_organisers",
        f"Licensed organisers imported from {path.name}: {outcome.created} added, "
        f"{outcome.updated} updated, {len(outcome.errors)} rejected",
        actor=acting_user,
        object_type="networks.licensedorganiser",
        details={"file": path.name, "rows": outcome.rows},
    )
    return outcome


def _organiser_row(number: int, row: dict[str, str], outcome: OrganiserImport) -> RowError | None:
    kind = row.get("kind", "").lower()
    if kind not in OrganiserKind.values:
        return RowError(
            number,
            "kind",
            _("Unknown kind '%(value)s' (expected one of %(choices)s)")
            % {"value": row.get("kind", ""), "choices": ", ".join(OrganiserKind.values)},
        )
    name = row.get("name", "")
    if not name:
        return RowError(number, "name", _("The name is empty."))
    licence = row.get("licence_no", "")
    if not licence:
        return RowError(number, "licence_no", _("The licence number is empty."))
    phones: list[str] = []
    for raw in filter(None, (p.strip() for p in row.get("phones", "").split(";"))):
        phone = network.phone_key(raw)
        if phone is None:
            return RowError(
                number, "phones", _("Not a valid phone number: %(value)s") % {"value": raw}
            )
        phones.append(phone)
    values = {"kind": kind, "name": name, "phones": phones, "active": True}
    existing = LicensedOrganiser.objects.filter(licence_no=licence).first()
    if existing is None:
        LicensedOrganiser.objects.create(licence_no=licence, **values)
        outcome.created += 1
    elif all(getattr(existing, k) == v for k, v in values.items()):
        outcome.unchanged += 1
    else:
        for k, v in values.items():
            setattr(existing, k, v)
        existing.save()
        outcome.updated += 1
    return None


def load_demo_organisers(*, acting_user: User | None = None) -> int:
    """Put the demo data's licensed PPIU and P3MI into the registry; returns how many are new."""
    from waspada.applications.demo_data import LICENSED_P3MI, LICENSED_PPIU

    created = 0
    for kind, organisers in (
        (OrganiserKind.PPIU, LICENSED_PPIU),
        (OrganiserKind.P3MI, LICENSED_P3MI),
    ):
        for org in organisers:
            _, new = LicensedOrganiser.objects.update_or_create(
                licence_no=org.license_no,
                defaults={"kind": kind, "name": org.name, "phones": [org.phone], "active": True},
            )
            created += int(new)
    if not created:
        return 0  # nothing changed: no audit event (the demo command is idempotent)
    audit.record(
        "networks.load_demo_organisers",
        f"Demo licensed organisers loaded ({created} new)",
        actor=acting_user,
        object_type="networks.licensedorganiser",
    )
    return created


# --- Reviews ------------------------------------------------------------------------------


@transaction.atomic
def review_ring(
    ring: RingCluster, *, acting_user: User, note: str, request: HttpRequest | None = None
) -> RingCluster:
    """Mark a ring as reviewed by a supervisor, with what was decided (audited)."""
    ring.reviewed_by = acting_user
    ring.reviewed_at = timezone.now()
    ring.review_note = note[:500]
    ring.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    audit.record(
        "networks.ring_reviewed",
        f"Ring #{ring.pk} ({ring.size} applicants, score {ring.score}) reviewed",
        actor=acting_user,
        obj=ring,
        details={"note": note[:500]},
        request=request,
    )
    return ring

"""Every state change of the networks app: detection runs, incremental links, reviews.

The graph work is `waspada.domain.network` (pure); this module loads applications into its
dataclasses (`queries`), stores what it returns (`storing`), and re-screens the members
whose D18 facts changed. Licensed organisers have their own module (`organisers`).

How incremental links and full runs fit together
------------------------------------------------
- The *current run* is the run whose rings were stored last (`queries.latest_run`).
  Applications saved at the counter or in a small import are linked into it at once
  (`link_applications`, a few indexed queries): they join, merge or leave its rings.
  With no run yet, a "linked as saved" run is created for them.
- A big batch (more than `LINK_LIMIT` applications) queues a full detection instead
  (`request_detection`, at most one waiting at a time): one recomputation is cheaper than
  thousands of incremental ones.
- A full run recomputes everything from the applications it loaded. While it computes,
  the counter keeps linking into the old run; once the new rings are stored, the
  applications linked since its load began (`NetworkKey.linked_at`) are linked again into
  the new run, and reviews and referrals move to the new rings with the same members.
- Writers of the current run's rings hold one lock (PostgreSQL advisory lock; SQLite has
  a single writer anyway), and only for short steps: never for a whole full run.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TextIO, TypeVar

from django.db import transaction
from django.db.models import Count, F, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_noop

from waspada.applications.models import PassportApplication
from waspada.core import audit, jobs
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.jobs import JobState
from waspada.core.models import User
from waspada.domain import network
from waspada.domain.evidence import Reason
from waspada.networks import queries, storing, verification
from waspada.networks.models import (
    DetectionRun,
    NetworkKey,
    RingCluster,
    RingMembership,
    RunKind,
    RunPhase,
)
from waspada.networks.runs import (
    FAILED_ACTION,
    DetectionBusy,
    actor,
    claim_detection,
    lock,
    request_detection,
    start_detection,
)
from waspada.screening.services import screen_applications

__all__ = [
    "LINK_LIMIT",
    "DetectionBusy",
    "DetectionOutcome",
    "claim_detection",
    "detect_networks",
    "link_applications",
    "link_new_application",
    "link_saved_applications",
    "request_detection",
    "review_ring",
    "start_detection",
    "write_contract_csv",
]

BATCH_SIZE = 2000
# More applications than this in one save (an import batch): queue a full detection.
# Linking 500 at once takes about as long as one detection over a few thousand.
LINK_LIMIT = 500
T = TypeVar("T")


def _chunks(values: Iterable[T], size: int = 500) -> Iterator[list[T]]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _changed(
    before: dict[int, tuple[Reason, ...]], after: dict[int, tuple[Reason, ...]]
) -> list[int]:
    """Applications whose D18 evidence changed. Ring numbers change with every
    recomputation: compare what the rings say, not their number."""

    def comparable(evidence: dict[int, tuple[Reason, ...]]) -> dict[int, tuple[object, ...]]:
        return {
            k: tuple(tuple(p for p in r.params if p[0] != "ring") for r in v)
            for k, v in evidence.items()
        }

    old, new = comparable(before), comparable(after)
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


def _rescreen(
    ids: Sequence[int], acting_user: User | None, progress: Callable[[int], None] | None = None
) -> int:
    if not ids:
        return 0
    return screen_applications(ids, trigger="fact", acting_user=acting_user, progress=progress)


# --- Full detection -----------------------------------------------------------------------


@dataclass
class DetectionOutcome:
    run: DetectionRun
    clusters: int
    hubs: tuple[network.Hub, ...]
    rescreened: int
    carried: int


def detect_networks(
    *,
    acting_user: User | None = None,
    run: DetectionRun | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> DetectionOutcome:
    """Recompute every cluster over all applications as a new run, and re-screen.

    `run`: a claimed run (`start_detection`, `claim_detection`); by default one is started
    here. Members whose D18 evidence changed (joined, left or changed a risky ring) are
    re-screened with trigger "fact" once the new rings are stored. A failure marks the
    run failed with the error and is raised.
    """
    run = run or start_detection(acting_user=acting_user)
    with jobs.failing_on_error(
        run,
        action=FAILED_ACTION,
        summary=said(gettext_noop("Network detection run %(id)s failed"), id=run.pk),
    ):
        return _detect(run, acting_user or run.created_by, progress, on_total)


def _detect(
    run: DetectionRun,
    actor: User | None,
    progress: Callable[[int], None] | None,
    on_total: Callable[[int], None] | None,
) -> DetectionOutcome:
    with transaction.atomic():
        lock()  # links in flight commit first, so the load below sees them
    loading_from = timezone.now()
    total = PassportApplication.objects.count()
    jobs.progress(run, phase=RunPhase.LOADING, total=total)
    if on_total is not None:
        on_total(total)

    def loaded(count: int) -> None:
        jobs.progress(run, advance=count)
        if progress is not None:
            progress(count)

    nodes, flagged = queries.load_nodes(progress=loaded)
    jobs.progress(run, phase=RunPhase.CLUSTERING, total=None)
    registry = queries.current_registry()
    result = network.detect(nodes, registry=registry, flagged=flagged)
    jobs.progress(run, phase=RunPhase.STORING)
    # Not current until `finished_at` is set below: the pages still show the old run.
    stored = storing.store_clusters(run.pk, result.clusters)
    _rebuild_keys(nodes, loading_from)
    with transaction.atomic():
        lock()
        previous = queries.latest_run()
        # Compared with the last run whose members were all re-screened: after a run
        # that failed while re-screening, this run re-screens what that one missed.
        before = queries.run_evidence(
            DetectionRun.objects.filter(state=JobState.DONE, finished_at__isnull=False)
            .order_by("-finished_at", "-id")
            .first()
        )
        carried = (
            storing.carry_forward(RingCluster.objects.filter(run=previous), stored)
            if previous is not None
            else []
        )
        jobs.progress(
            run,
            finished_at=timezone.now(),
            applications=len(nodes),
            hubs=[
                {"kind": h.kind, "value": h.value, "size": h.size, "cut_from": h.cut_from}
                for h in result.hubs
            ],
        )
        late = list(
            NetworkKey.objects.filter(linked_at__gte=loading_from)
            .values_list("application_id", flat=True)
            .distinct()
        )
        if late:
            _link_into(run, late, actor)
        counts = RingCluster.objects.filter(run=run).aggregate(
            clusters=Count("id"), risky=Count("id", filter=Q(risky=True))
        )
        jobs.progress(run, clusters=counts["clusters"], risky=counts["risky"])
        changed = _changed(before, queries.run_evidence(run))
        noted = _verify_organisers(stored, nodes, registry, actor)
        changed = sorted(set(changed) | noted)
        audit.record(
            AuditAction.DETECTION_FINISHED,
            said(
                gettext_noop(
                    "Network detection: %(applications)s applications, %(clusters)s clusters, "
                    "%(risky)s risky, %(hubs)s hubs"
                ),
                applications=len(nodes),
                clusters=run.clusters,
                risky=run.risky,
                hubs=len(result.hubs),
            ),
            actor=actor,
            obj=run,
            details={
                "hubs": run.hubs[:20],
                "changed": len(changed),
                "carried": [[s.old, s.new] for s in carried][:100],
                "linked_meanwhile": len(late),
                "breakups": [
                    {"size": b.size, "parts": list(b.parts[:20])} for b in result.breakups[:20]
                ],
            },
        )
    jobs.progress(run, phase=RunPhase.RESCREENING, total=len(changed))

    def rescreened_some(count: int) -> None:
        jobs.progress(run, advance=count)

    rescreened = _rescreen(changed, actor, rescreened_some)
    jobs.finish(run, phase=RunPhase.WAITING)
    return DetectionOutcome(run, len(stored), result.hubs, rescreened, len(carried))


def _verify_organisers(
    stored: storing.Stored,
    nodes: Iterable[network.ApplicationNode],
    registry: network.Registry,
    actor: User | None,
) -> set[int]:
    """Open (or join) the verification tasks of the organisers that organiser-led groups
    name; returns the undecided members added, whose assessments get the note."""
    groups = [found for _row, found in stored if network.is_organiser_led(found)]
    if not groups:
        return set()
    wanted = set().union(*(found.members for found in groups))
    by_id = {node.id: node for node in nodes if node.id in wanted}
    return verification.open_group_verifications(
        ([by_id[m] for m in found.members if m in by_id] for found in groups),
        registry=registry,
        acting_user=actor,
    )


def _rebuild_keys(nodes: list[network.ApplicationNode], loading_from: dt.datetime) -> None:
    """Every loaded application's keys as loaded; keys linked since the load stay (fresher)."""
    with transaction.atomic():
        NetworkKey.objects.filter(
            Q(linked_at__isnull=True) | Q(linked_at__lt=loading_from)
        ).delete()
        fresh = set(
            NetworkKey.objects.filter(linked_at__gte=loading_from).values_list(
                "application_id", flat=True
            )
        )
        keys: list[NetworkKey] = []
        for node in nodes:
            if node.id in fresh:
                continue
            keys.extend(storing.key_rows(node, None))
            if len(keys) >= 5 * BATCH_SIZE:
                NetworkKey.objects.bulk_create(keys, batch_size=BATCH_SIZE)
                keys = []
        NetworkKey.objects.bulk_create(keys, batch_size=BATCH_SIZE)


def write_contract_csv(run: DetectionRun, out: TextIO) -> int:
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


# --- Incremental --------------------------------------------------------------------------


def link_applications(
    application_ids: Iterable[int], *, acting_user: User | None = None
) -> dict[int, RingCluster | None]:
    """Link new or changed applications into the current run's rings, at once.

    Reads only the applications sharing one of their keys (indexed on kind + value) and
    the members of those applications' rings, recomputes that part of the graph, and
    replaces the rings it touched (carrying their reviews and referrals). Returns each
    application's ring, or None when it shares nothing. Members whose D18 evidence
    changed are re-screened.
    """
    ids = sorted(set(application_ids))
    if not ids:
        return {}
    with transaction.atomic():
        lock()
        run = queries.latest_run()
        if run is None:
            now = timezone.now()
            run = DetectionRun.objects.create(
                kind=RunKind.LINKS,
                state=JobState.DONE,
                started_at=now,
                finished_at=now,
                ended_at=now,
                created_by=actor(acting_user),
            )
        linked, changed = _link_into(run, ids, acting_user)
    _rescreen(changed, acting_user)
    return linked


def link_new_application(
    application: PassportApplication, *, acting_user: User | None = None
) -> RingCluster | None:
    """`link_applications` for one application: its ring, or None."""
    return link_applications([application.pk], acting_user=acting_user)[application.pk]


def link_saved_applications(
    application_ids: Sequence[int], *, trigger: str, acting_user: User | None
) -> None:
    """After-save hook (counter, imports, demo data), whatever the trigger: link small
    batches at once; for a big one queue a full detection."""
    if len(application_ids) > LINK_LIMIT:
        request_detection(acting_user=acting_user)
    else:
        link_applications(application_ids, acting_user=acting_user)


def _link_into(
    run: DetectionRun, ids: list[int], actor: User | None
) -> tuple[dict[int, RingCluster | None], list[int]]:
    """The work of `link_applications` inside its transaction and lock; also returns the
    applications whose D18 evidence changed."""
    nodes, _flagged = queries.load_nodes(ids)
    registry = queries.current_registry()
    NetworkKey.objects.filter(application_id__in=ids).delete()
    rows = [row for node in nodes for row in storing.key_rows(node, timezone.now())]
    NetworkKey.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    DetectionRun.objects.filter(pk=run.pk).update(linked=F("linked") + len(ids))
    joining = {
        network.Key(row.kind, row.value)
        for row in rows
        if row.joins and registry.organiser_for(network.Key(row.kind, row.value)) is None
    }
    touched = set(ids) | _holders(joining)
    old = _rings_of(run, touched)
    members = touched | set(
        RingMembership.objects.filter(cluster_id__in=old).values_list("application_id", flat=True)
    )
    if len(members) < 2:
        return dict.fromkeys(ids), []
    before = queries.ring_evidence(members, run)
    member_nodes, flagged = queries.load_nodes(members)
    result = network.detect(member_nodes, registry=registry, flagged=flagged)
    # Licensed-organiser groups are informational and recomputed by full runs only.
    stored = storing.store_clusters(run.pk, [c for c in result.clusters if c.organiser is None])
    storing.carry_forward(RingCluster.objects.filter(pk__in=old), stored)
    RingCluster.objects.filter(pk__in=old).delete()
    ring_of = {member: row for row, found in stored for member in found.members}
    linked = {app_id: ring_of.get(app_id) for app_id in ids}
    noted = _verify_organisers(stored, member_nodes, registry, actor)
    numbers = {node.id: node.application_no for node in nodes}
    audit.record_many(
        [
            audit.event(
                AuditAction.APPLICATION_LINKED,
                said(
                    gettext_noop(
                        "Application %(number)s linked into ring #%(ring)s "
                        "(%(size)s applicants, score %(score)s)"
                    ),
                    number=numbers.get(app_id, app_id),
                    ring=ring.pk,
                    size=ring.size,
                    score=ring.score,
                ),
                actor=actor,
                object_type=RingCluster._meta.label_lower,
                object_id=str(ring.pk),
                details={"application": numbers.get(app_id, ""), "replaced": old},
            )
            for app_id, ring in linked.items()
            if ring is not None
        ]
    )
    return linked, sorted(set(_changed(before, queries.ring_evidence(members, run))) | noted)


def _holders(keys: Collection[network.Key]) -> set[int]:
    """Applications giving one of these keys; keys given by more than `HUB_SIZE`
    applications are hubs and join nothing (as in a full run)."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_kind[key.kind].append(key.value)
    holders: set[int] = set()
    for kind, values in by_kind.items():
        for chunk in _chunks(values):
            counts = (
                NetworkKey.objects.filter(kind=kind, value__in=chunk)
                .values("value")
                .annotate(givers=Count("application_id", distinct=True))
            )
            small = [row["value"] for row in counts if row["givers"] <= network.HUB_SIZE]
            if small:
                holders.update(
                    NetworkKey.objects.filter(kind=kind, value__in=small).values_list(
                        "application_id", flat=True
                    )
                )
    return holders


def _rings_of(run: DetectionRun, application_ids: Collection[int]) -> list[int]:
    """The run's rings (not licensed-organiser groups) holding one of the applications."""
    # Two indexed lookups (memberships by application, then rings by id): a join lets
    # SQLite walk every ring of the run instead.
    candidates: set[int] = set()
    for chunk in _chunks(sorted(application_ids)):
        candidates.update(
            RingMembership.objects.filter(application_id__in=chunk).values_list(
                "cluster_id", flat=True
            )
        )
    found: set[int] = set()
    for chunk in _chunks(sorted(candidates)):
        found.update(
            RingCluster.objects.filter(pk__in=chunk, run=run, organiser="").values_list(
                "pk", flat=True
            )
        )
    return sorted(found)


# --- Reviews ------------------------------------------------------------------------------


@transaction.atomic
def review_ring(
    ring: RingCluster, *, acting_user: User, note: str, request: HttpRequest | None = None
) -> RingCluster:
    """Mark a ring as reviewed by a supervisor, with what was decided (audited)."""
    ring.reviewed_by = acting_user
    ring.reviewed_at = timezone.now()
    ring.review_note = note[:500]
    ring.joined_since_review = 0
    ring.save(update_fields=["reviewed_by", "reviewed_at", "review_note", "joined_since_review"])
    audit.record(
        AuditAction.RING_REVIEWED,
        said(
            gettext_noop("Ring #%(ring)s (%(size)s applicants, score %(score)s) reviewed"),
            ring=ring.pk,
            size=ring.size,
            score=ring.score,
        ),
        actor=acting_user,
        obj=ring,
        details={"note": note[:500]},
        request=request,
    )
    return ring

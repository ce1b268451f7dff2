"""Full detection runs as background jobs: requesting, claiming, one at a time.

The detection itself is `services.detect_networks`; this module only decides which run
carries it out and when. It imports neither the services nor the tasks (the task is
named by its path, `DetectionRun.TASK`), so the services, the tasks and the organiser
registry (which queues a detection when a phone changes) all import it at module level.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.core import jobs
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.jobs import JobState
from waspada.core.models import User
from waspada.networks.models import DetectionRun, RunKind

# A queued run finding another one running tries again this much later.
RETRY_AFTER = dt.timedelta(minutes=1)
_LOCK_ID = 0x5A5BADA  # the advisory lock of the current run's rings (any fixed number)
FAILED_ACTION = AuditAction.DETECTION_FAILED


def lock() -> None:
    """Serialise writers of the current run's rings until the transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])


def actor(user: User | None) -> User | None:
    return user if user is not None and user.pk else None


class DetectionBusy(Exception):
    """Another full detection is running."""

    def __init__(self, run: DetectionRun) -> None:
        super().__init__(f"detection run {run.pk} is running")
        self.run = run

    def message(self) -> str:
        return _("Detection run #%(number)d is still running; wait until it has finished.") % {
            "number": self.run.pk
        }


def _full_runs() -> jobs.JobQuerySet[DetectionRun]:
    return DetectionRun.objects.filter(kind=RunKind.FULL)


def _give_up_stale() -> None:
    """Runs interrupted, or left waiting by a worker that never came, are marked failed
    rather than waited for."""
    jobs.fail_stale(_full_runs(), action=FAILED_ACTION)


def _waiting() -> DetectionRun | None:
    return _full_runs().active().filter(state=JobState.QUEUED).order_by("created_at", "id").first()


def request_detection(
    *, acting_user: User | None, request: HttpRequest | None = None
) -> DetectionRun:
    """Queue a full detection for the background worker; the one already waiting if any."""
    with transaction.atomic():
        lock()
        _give_up_stale()
        waiting = _waiting()
        if waiting is not None:
            return waiting
        return jobs.create(
            DetectionRun,
            acting_user=actor(acting_user),
            action=AuditAction.DETECTION_QUEUED,
            summary=said(gettext_noop("Network detection run queued")),
            request=request,
        )


def _claim(run: DetectionRun | None, acting_user: User | None) -> DetectionRun:
    """Mark `run` (or a new run) as running now; DetectionBusy if another one runs.

    A running run silent for longer than the stale limit was interrupted: it is marked
    failed and this one runs.
    """
    jobs.fail_stale(_full_runs().filter(state=JobState.RUNNING), action=FAILED_ACTION)
    running = _full_runs().filter(state=JobState.RUNNING).first()
    if running is not None:
        raise DetectionBusy(running)
    if run is None:
        run = DetectionRun.objects.create(created_by=actor(acting_user))
    if not jobs.start(run):  # only a queued run is claimed, under the lock
        raise jobs.JobStateError(f"detection run {run.pk} is {run.state}, not queued")
    return run


def start_detection(*, acting_user: User | None = None) -> DetectionRun:
    """A full run to carry out now (the command): the queued one taken over, or a new one."""
    with transaction.atomic():
        lock()
        _give_up_stale()
        return _claim(_waiting(), acting_user)


def claim_detection(run_id: int) -> DetectionRun | None:
    """The queued run `run_id`, now running; None when somebody already carried it out.

    While another run is running, the task is queued again a minute later (and the
    waiting run shows a sign of life, so that it is not taken as interrupted).
    """
    with transaction.atomic():
        lock()
        run = _full_runs().filter(pk=run_id, state=JobState.QUEUED).first()
        if run is None:
            return None
        try:
            return _claim(run, None)
        except DetectionBusy:
            jobs.beat(run)
            jobs.enqueue(run, run_after=timezone.now() + RETRY_AFTER)
            return None

"""Background jobs: one abstract model and the service functions that move its state.

An import of an uploaded file, a network detection and a bulk screening are each a row
of a model built on `Job`, carried out by a django-tasks task in `waspada worker`
while the web page polls the row. The row says where the job is:

    queued --start--> running --finish--> done
       \\                 \\
        `-----fail--------`--fail--> failed

Every progress update also touches `heartbeat_at`. A queued or running job whose
heartbeat is older than `settings.WASPADA_JOB_STALE_MINUTES` was interrupted (the worker
died, was killed, or is not running): it is shown as failed and its page stops polling,
whether or not anybody has written that down yet (`fail_stale` does).

The web process hands a job to the worker with `enqueue`, once the transaction that
created it commits, naming the task by its dotted path (`Job.TASK`): the code that
creates jobs never imports the tasks module, which imports it back.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_tasks.base import Task

from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.models import User

logger = logging.getLogger(__name__)

# Stored as the error of a job that stopped giving signs of life; shown translated.
INTERRUPTED = "interrupted: no heartbeat"
ERROR_MAX_LENGTH = 500


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)


class JobStateError(Exception):
    """A transition the state machine does not allow (e.g. finishing a finished job)."""


def stale_after() -> dt.timedelta:
    return dt.timedelta(minutes=settings.WASPADA_JOB_STALE_MINUTES)


J = TypeVar("J", bound="Job")


class JobQuerySet(models.QuerySet[J]):
    def active(self) -> JobQuerySet[J]:
        """Queued or running, with a recent heartbeat: the jobs still worth waiting for."""
        return self.filter(
            state__in=ACTIVE_STATES, heartbeat_at__gte=timezone.now() - stale_after()
        )

    def stale(self) -> JobQuerySet[J]:
        """Queued or running, but silent for longer than the stale limit."""
        return self.filter(state__in=ACTIVE_STATES, heartbeat_at__lt=timezone.now() - stale_after())


class Job(models.Model):
    """What every background job records: state, progress, error, who and when."""

    # The django-tasks task that carries the job out, called with the job's id.
    TASK: ClassVar[str]
    # What `processed` and `total` count, for the progress line ("rows", "applications").
    PROGRESS_UNIT: ClassVar[str | Promise] = ""

    state = models.CharField(
        _("state"), max_length=8, choices=JobState.choices, default=JobState.QUEUED
    )
    # The step the job is at, for jobs with several (subclasses may give it choices).
    phase = models.CharField(_("phase"), max_length=20, blank=True, default="")
    # Progress within the current phase; `total` is None while it is not known.
    total = models.PositiveIntegerField(_("to do"), null=True, blank=True)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    error = models.CharField(_("error"), max_length=ERROR_MAX_LENGTH, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), default=timezone.now)

    objects = JobQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    @property
    def is_stale(self) -> bool:
        return self.state in ACTIVE_STATES and timezone.now() - self.heartbeat_at >= stale_after()

    @property
    def shown_state(self) -> JobState:
        """The state to show: an interrupted job is failed, whatever its row still says."""
        return JobState.FAILED if self.is_stale else JobState(self.state)

    @property
    def shown_state_label(self) -> str:
        return str(self.shown_state.label)

    @property
    def active(self) -> bool:
        """Still worth polling: queued or running, and alive."""
        return self.shown_state in ACTIVE_STATES

    @property
    def failed(self) -> bool:
        return self.shown_state == JobState.FAILED

    @property
    def phase_label(self) -> str:
        if not self.phase:
            return ""
        # The phase names of a job with phases are its field's choices.
        field = self._meta.get_field("phase")
        choices = dict(field.flatchoices) if isinstance(field, models.Field) else {}
        return str(choices.get(self.phase, self.phase))

    @property
    def progress_unit(self) -> str:
        return str(self.PROGRESS_UNIT)

    @property
    def percent(self) -> int | None:
        """How far the job (or its current phase) is, 0-100; None without a count."""
        if self.state == JobState.DONE:
            return 100
        if not self.total:
            return None
        return min(100, self.processed * 100 // self.total)

    @property
    def error_message(self) -> str:
        """Why the job failed, in the reader's language where the reason is known."""
        if self.is_stale or self.error == INTERRUPTED:
            return gettext(
                "No sign of life from the background worker for %(minutes)d minutes: the job "
                "was interrupted or the worker is not running. Start it again."
            ) % {"minutes": settings.WASPADA_JOB_STALE_MINUTES}
        if not self.error:
            return gettext("The job failed.")
        return gettext("The job stopped with an error: %(error)s") % {"error": self.error}


# --- Transitions: the only code that changes a job's state ---------------------------------


def _audit(
    job: Job,
    action: AuditAction | None,
    summary: str,
    details: dict[str, Any] | None,
    request: HttpRequest | None = None,
) -> None:
    # Callers whose surrounding work already writes the event (an import's
    # "applications.import_started") pass no action: one event per step, not two.
    if action:
        audit.record(
            action,
            summary
            or said(
                gettext_noop("%(job)s %(id)s: %(state)s"),
                job=job._meta.verbose_name,
                id=job.pk,
                state=JobState(job.state).label,
            ),
            actor=job.created_by,
            obj=job,
            details=details,
            request=request,
        )


def _write(job: Job, **fields: Any) -> None:
    """Set and store `fields` plus the heartbeat, with one UPDATE.

    Written outside the job's own transactions (the callers hold none), so that the
    page polling the row sees the change at once.
    """
    fields["heartbeat_at"] = timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    type(job)._default_manager.filter(pk=job.pk).update(**fields)


def enqueue(job: Job, *, run_after: dt.datetime | None = None) -> None:
    """Hand `job` to the background worker once the current transaction commits.

    The task is looked up by its dotted path (`job.TASK`) only then, so the job code
    never imports its tasks module. The task's id is kept on the job.
    """

    def send() -> None:
        task = import_string(job.TASK)
        if not isinstance(task, Task):
            raise TypeError(f"{job.TASK} is not a task")
        if run_after is not None:
            task = task.using(run_after=run_after)
        result = task.enqueue(job.pk)
        type(job)._default_manager.filter(pk=job.pk).update(task_id=str(result.id))
        job.task_id = str(result.id)

    transaction.on_commit(send)


def create(
    model: type[J],
    *,
    acting_user: User | None,
    action: AuditAction,
    summary: str,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    **fields: Any,
) -> J:
    """A new queued job of `model`, audited, handed to the worker on commit."""
    with transaction.atomic():
        job: J = model(
            created_by=acting_user if acting_user is not None and acting_user.pk else None,
            **fields,
        )
        job.save(force_insert=True)
        _audit(job, action, summary, details, request)
        enqueue(job)
    return job


def start(
    job: Job,
    *,
    action: AuditAction | None = None,
    summary: str = "",
    details: dict[str, Any] | None = None,
) -> bool:
    """queued -> running. False (and nothing changed) when the job is no longer queued:
    somebody else took it, or it was given up; the state is checked in the UPDATE itself,
    so two workers cannot both start one job."""
    now = timezone.now()
    taken = (
        type(job)
        ._default_manager.filter(pk=job.pk, state=JobState.QUEUED)
        .update(state=JobState.RUNNING, started_at=now, heartbeat_at=now, processed=0)
    )
    if not taken:
        job.refresh_from_db(fields=["state"])
        return False
    job.state, job.started_at, job.heartbeat_at, job.processed = JobState.RUNNING, now, now, 0
    _audit(job, action, summary, details)
    return True


class _Unset:
    pass


UNSET: Any = _Unset()


def progress(
    job: Job,
    *,
    advance: int = 0,
    processed: int | None = None,
    total: int | None = UNSET,
    phase: str | None = None,
    **fields: Any,
) -> None:
    """Record progress (and the heartbeat): `advance` adds to `processed`, `processed`
    sets it; `total` and `phase` change when given (a new phase restarts the count)."""
    updates: dict[str, Any] = dict(fields)
    if phase is not None:
        updates["phase"] = phase
        updates["processed"] = 0
    if total is not UNSET:
        updates["total"] = total
    if processed is not None:
        updates["processed"] = processed
    if advance:
        updates["processed"] = updates.get("processed", job.processed) + advance
    _write(job, **updates)


def beat(job: Job) -> None:
    """A sign of life without progress (e.g. a queued job waiting for its turn)."""
    _write(job)


def finish(
    job: Job,
    *,
    action: AuditAction | None = None,
    summary: str = "",
    details: dict[str, Any] | None = None,
    **fields: Any,
) -> None:
    """-> done, storing `fields` (the job's results) with it."""
    if job.state == JobState.DONE:
        raise JobStateError(f"{job._meta.label} {job.pk} is already done")
    _write(job, state=JobState.DONE, ended_at=timezone.now(), error="", **fields)
    _audit(job, action, summary, details)


def fail(
    job: Job,
    error: str,
    *,
    action: AuditAction | None = None,
    summary: str = "",
    details: dict[str, Any] | None = None,
    **fields: Any,
) -> None:
    """-> failed, with `error` (kept short) and `fields`. A done job stays done."""
    if job.state == JobState.DONE:
        raise JobStateError(f"{job._meta.label} {job.pk} is done; it cannot fail now")
    _write(
        job,
        state=JobState.FAILED,
        ended_at=timezone.now(),
        error=error[:ERROR_MAX_LENGTH],
        **fields,
    )
    _audit(
        job,
        action,
        summary
        or said(
            gettext_noop("%(job)s %(id)s failed: %(error)s"),
            job=job._meta.verbose_name,
            id=job.pk,
            error=error,
        ),
        details,
    )


def fail_stale(queryset: JobQuerySet[J], *, action: AuditAction | None = None) -> list[J]:
    """Write down that the silent jobs of `queryset` were interrupted; returns them."""
    stale = list(queryset.stale())
    for job in stale:
        interrupted = said(
            gettext_noop("%(job)s %(id)s interrupted: no sign of life from the background worker"),
            job=job._meta.verbose_name,
            id=job.pk,
        )
        fail(job, INTERRUPTED, action=action, summary=interrupted)
    return stale


def error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_MAX_LENGTH]


@contextmanager
def failing_on_error(
    job: Job,
    *,
    action: AuditAction | None = None,
    summary: str = "",
    details: dict[str, Any] | None = None,
    **fields: Any,
) -> Iterator[None]:
    """Run the job's work; if it raises, mark the job failed (audited) and re-raise, so
    that the task is recorded as failed too and the page stops polling at once."""
    try:
        yield
    except Exception as exc:
        logger.exception("%s %s failed", job._meta.label, job.pk)
        job.refresh_from_db(fields=["state"])
        if job.state != JobState.DONE:
            error = error_text(exc)
            fail(
                job,
                error,
                action=action,
                summary=summary
                and said(gettext_noop("%(summary)s: %(error)s"), summary=summary, error=error),
                details=details,
                **fields,
            )
        raise


# --- The status page ------------------------------------------------------------------------


def render_status_page(
    request: HttpRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    """A job's page; only its status part (the page's `status` partial, which includes
    core/_job_status.html) when htmx polls it."""
    if getattr(request, "htmx", False):
        template += "#status"
    return render(request, template, context)

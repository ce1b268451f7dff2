"""`waspada prune`: what is kept only for a while is removed once its time is up.

- uploaded import files (and their problem reports, which repeat the file's values)
  of imports finished more than WASPADA_IMPORT_RETENTION_DAYS ago: the import's page and
  its counts stay, the personal data in the file goes;
- finished background tasks older than WASPADA_TASK_RETENTION_DAYS (the job rows that
  the pages show stay: only the queue's bookkeeping goes);
- expired sessions, and the heartbeats of workers silent for a day.

It lives in the applications app, the lowest layer that sees both the core's tables and
the import jobs. One audit event records what was removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks_db.models import DBTaskResult

from waspada.applications.importing import problem_report_name
from waspada.applications.models import ImportJob
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.jobs import JobState
from waspada.core.models import User, WorkerHeartbeat


@dataclass
class Pruned:
    import_files: int = 0
    tasks: int = 0
    sessions: int = 0
    heartbeats: int = 0


def prune(now: dt.datetime | None = None, *, acting_user: User | None = None) -> Pruned:
    now = now or timezone.now()
    pruned = Pruned()

    import_cutoff = now - dt.timedelta(days=settings.WASPADA_IMPORT_RETENTION_DAYS)
    old_imports = (
        ImportJob.objects.filter(state__in=[JobState.DONE, JobState.FAILED])
        .filter(Q(ended_at__lt=import_cutoff) | Q(ended_at=None, created_at__lt=import_cutoff))
        .exclude(file="")
    )
    for job in old_imports.iterator():
        storage = job.file.storage
        for name in (problem_report_name(job), job.file.name):
            if name and storage.exists(name):
                storage.delete(name)
        ImportJob.objects.filter(pk=job.pk).update(file="")
        pruned.import_files += 1

    task_cutoff = now - dt.timedelta(days=settings.WASPADA_TASK_RETENTION_DAYS)
    pruned.tasks, _ = DBTaskResult.objects.finished().filter(finished_at__lt=task_cutoff).delete()
    pruned.sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
    pruned.heartbeats, _ = WorkerHeartbeat.objects.filter(
        beat_at__lt=now - dt.timedelta(days=1)
    ).delete()

    audit.record(
        AuditAction.DATA_PRUNED,
        said(
            gettext_noop(
                "Pruned %(files)s import files, %(tasks)s finished tasks, "
                "%(sessions)s expired sessions"
            ),
            files=pruned.import_files,
            tasks=pruned.tasks,
            sessions=pruned.sessions,
        ),
        actor=acting_user,
        details={
            **asdict(pruned),
            "import_retention_days": settings.WASPADA_IMPORT_RETENTION_DAYS,
            "task_retention_days": settings.WASPADA_TASK_RETENTION_DAYS,
        },
    )
    return pruned

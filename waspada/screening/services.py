"""Assessing applications: one path for the counter, imports, policy changes and new facts.

Assessments are appended, never overwritten; the newest is copied onto the application
for the queues. An application still `submitted` moves to `screening` (assessed and
waiting for the interview desk) with a status change. Each assessment is audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from waspada.applications.models import PassportApplication, Status, StatusChange
from waspada.core import audit, jobs
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import Said, said, terms, text
from waspada.core.models import User
from waspada.domain.risk import Policy, assess, policy_from_data
from waspada.domain.screening import Assessment, Hit, Level, RecommendedAction
from waspada.screening.backtest import applications_in, backtest
from waspada.screening.context import OPEN_STATUSES, build_contexts
from waspada.screening.forms import LEVEL_LABELS
from waspada.screening.models import (
    BacktestRun,
    IndicatorHit,
    PolicyState,
    PolicyVersion,
    RegistrySnapshot,
    RiskAssessment,
    ScreeningRun,
    Trigger,
)
from waspada.screening.policies import NotADraft, policy_of, version_in_force
from waspada.screening.providers import consulted_registries

BATCH_SIZE = 1000
_APPLICATION = PassportApplication._meta.label_lower


def _chunks(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    iterator = iter(ids)
    while chunk := list(islice(iterator, size)):
        yield chunk


ASSESSED = text(
    gettext_noop(
        "Application %(number)s assessed: risk %(score)s (%(level)s), indicators %(codes)s, "
        "recommended %(action)s (policy v%(policy)s)"
    )
)
ACTIONS = {
    RecommendedAction.STANDARD: _("standard interview"),
    RecommendedAction.DEEP_INTERVIEW: _("deep interview"),
}
terms(LEVEL_LABELS.items())
# The status history's note after screening (read in the reader's language).
RISK_NOTE = text(gettext_noop("risk %(score)s (%(level)s)"))
terms(ACTIONS.items())


def summary_of(application_no: str, result: Assessment) -> str:
    return said(
        ASSESSED,
        number=application_no,
        score=result.score,
        level=LEVEL_LABELS.get(Level(result.level), result.level),
        codes=", ".join(result.codes) or "-",
        action=ACTIONS.get(RecommendedAction(result.action), result.action),
        policy=result.policy_version,
    )


def screen_applications(
    application_ids: Iterable[int],
    *,
    trigger: str,
    acting_user: User | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Assess the applications under the policy in force; returns how many were assessed."""
    version = version_in_force()
    policy = policy_of(version)
    done = 0
    snapshot: int | None = None
    for chunk in _chunks(application_ids, BATCH_SIZE):
        if snapshot is None:
            snapshot = registry_snapshot().pk
        done += _screen_batch(chunk, version.pk, policy, trigger, acting_user, snapshot)
        if progress is not None:
            progress(len(chunk))
    return done


def registry_snapshot() -> RegistrySnapshot:
    """The registries as they stand now, stored once per distinct state."""
    data = consulted_registries()
    key = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    snapshot, _created = RegistrySnapshot.objects.get_or_create(key=key, defaults={"data": data})
    return snapshot


@transaction.atomic
def _screen_batch(
    ids: list[int],
    version_id: int,
    policy: Policy,
    trigger: str,
    actor: User | None,
    snapshot_id: int | None = None,
) -> int:
    applications = list(
        PassportApplication.objects.select_related("applicant").filter(pk__in=ids).order_by("pk")
    )
    contexts = build_contexts(applications, policy)
    now = timezone.now()
    results = {app.pk: assess(contexts[app.pk], policy) for app in applications}
    assessments = RiskAssessment.objects.bulk_create(
        [
            RiskAssessment(
                application=app,
                policy_version_id=version_id,
                score=results[app.pk].score,
                level=results[app.pk].level,
                action=results[app.pk].action,
                trigger=trigger,
                created_at=now,
                notes=[note.to_data() for note in results[app.pk].notes],
                consulted_id=snapshot_id,
            )
            for app in applications
        ]
    )
    _insert_hits(
        (assessment.pk, hit)
        for assessment in assessments
        for hit in results[assessment.application_id].hits
    )
    moved: list[StatusChange] = []
    for app in applications:
        result = results[app.pk]
        app.risk_score, app.risk_level, app.risk_action = result.score, result.level, result.action
        app.risk_indicators = ";".join(result.codes)
        if app.status == Status.SUBMITTED:
            app.status = Status.SCREENING
            moved.append(
                StatusChange(
                    application=app,
                    from_status=Status.SUBMITTED,
                    to_status=Status.SCREENING,
                    changed_at=now,
                    changed_by=actor,
                    note=RISK_NOTE % {"score": result.score, "level": result.level},
                )
            )
    _update_risk(applications)
    StatusChange.objects.bulk_create(moved)
    audit.record_many(
        [
            audit.event(
                AuditAction.ASSESSED,
                summary_of(app.application_no, results[app.pk]),
                actor=actor,
                object_type=_APPLICATION,
                object_id=str(app.pk),
                details={
                    "score": results[app.pk].score,
                    "level": str(results[app.pk].level),
                    "action": str(results[app.pk].action),
                    "indicators": list(results[app.pk].codes),
                    "policy_version": results[app.pk].policy_version,
                    "trigger": trigger,
                    **(
                        {"notes": [note.code for note in results[app.pk].notes]}
                        if results[app.pk].notes
                        else {}
                    ),
                },
            )
            for app in applications
        ]
    )
    return len(applications)


def screen_saved_applications(
    application_ids: Sequence[int], *, trigger: str, acting_user: User | None
) -> None:
    """The hook run after intake and imports: assess at once, in the same process."""
    screen_applications(application_ids, trigger=trigger, acting_user=acting_user)


def _insert_hits(rows: Iterable[tuple[int, Hit]]) -> None:
    # executemany without model instances: a year's import creates ~100,000 hits.
    table = IndicatorHit._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (assessment_id, code, weight, strength, evidence_id, "
            "evidence_en) VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (
                    assessment_id,
                    hit.code,
                    hit.weight,
                    hit.strength,
                    hit.evidence.get("id", ""),
                    hit.evidence.get("en", ""),
                )
                for assessment_id, hit in rows
            ],
        )


def _update_risk(applications: list[PassportApplication]) -> None:
    # Django's bulk_update builds a CASE per field and row: ten times slower here.
    # The status is never written from memory: screening only moves `submitted` on to
    # `screening`, and an officer's decision made meanwhile must not be overwritten.
    table = PassportApplication._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET risk_score = %s, risk_level = %s, risk_action = %s, "
            "risk_indicators = %s, status = CASE WHEN status = %s THEN %s ELSE status END "
            "WHERE id = %s",
            [
                (
                    app.risk_score,
                    app.risk_level,
                    app.risk_action,
                    app.risk_indicators,
                    Status.SUBMITTED,
                    Status.SCREENING,
                    app.pk,
                )
                for app in applications
            ],
        )


def request_screening(
    application_ids: list[int], *, trigger: str, description: str, acting_user: User | None
) -> ScreeningRun:
    """Queue a bulk screening for the background worker (progress on its page)."""
    return jobs.create(
        ScreeningRun,
        acting_user=acting_user,
        action=AuditAction.SCREENING_QUEUED,
        summary=said(
            gettext_noop("Screening of %(count)s applications queued: %(description)s"),
            count=len(application_ids),
            description=description,
        ),
        trigger=trigger,
        description=description[:300],
        application_ids=application_ids,
        total=len(application_ids),
    )


def run_screening(run_id: int) -> ScreeningRun:
    """Carry out a queued run, saving progress after every batch.

    A run no longer queued (carried out already) is returned as it is. A failure marks
    the run failed (audited) and is raised, so that its page stops polling at once.
    """
    run = ScreeningRun.objects.select_related("created_by").get(pk=run_id)
    if not jobs.start(run):
        return run
    with jobs.failing_on_error(
        run,
        action=AuditAction.SCREENING_FAILED,
        summary=said(gettext_noop("Screening run %(id)s failed"), id=run.pk),
    ):
        screen_applications(
            run.application_ids,
            trigger=run.trigger,
            acting_user=run.created_by,
            progress=lambda count: jobs.progress(run, advance=count),
        )
    jobs.finish(
        run,
        action=AuditAction.SCREENING_FINISHED,
        summary=said(
            gettext_noop("Screening run %(id)s finished: %(count)s applications"),
            id=run.pk,
            count=run.processed,
        ),
    )
    return run


def rescreen_for_fact(
    application_ids: Iterable[int],
    *,
    description: str,
    acting_user: User | None,
    at_once: int | None = None,
) -> int:
    """Re-assess applications after a fact about them changed: at once when there are at
    most `at_once` of them (always when None), else queued for the background worker.
    Returns how many were (or will be) re-assessed."""
    ids = sorted(set(application_ids))
    if not ids:
        return 0
    if at_once is None or len(ids) <= at_once:
        return screen_applications(ids, trigger=Trigger.FACT, acting_user=acting_user)
    request_screening(ids, trigger=Trigger.FACT, description=description, acting_user=acting_user)
    return len(ids)


def rescreen_open_applications(
    *, trigger: str, description: str, acting_user: User | None
) -> ScreeningRun | None:
    """Queue a re-assessment of every application not yet decided (e.g. a new policy)."""
    ids = list(
        PassportApplication.objects.filter(status__in=OPEN_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return None
    return request_screening(ids, trigger=trigger, description=description, acting_user=acting_user)


def _period(date_from: dt.date | None, date_to: dt.date | None) -> Said:
    start = said(gettext_noop("the first")) if date_from is None else date_from.isoformat()
    end = said(gettext_noop("the last")) if date_to is None else date_to.isoformat()
    return said(gettext_noop("applications from %(start)s to %(end)s"), start=start, end=end)


def request_backtest(
    draft: PolicyVersion,
    *,
    date_from: dt.date | None,
    date_to: dt.date | None,
    acting_user: User | None,
    request: HttpRequest | None = None,
) -> BacktestRun:
    """Queue a backtest of `draft` against the policy in force, for the background worker.

    The same backtest still queued or running (same draft as it is now, same period,
    same policy in force) is returned instead: pressing the button twice runs it once.
    """
    if draft.state != PolicyState.DRAFT:
        raise NotADraft
    in_force = version_in_force()
    same = BacktestRun.objects.active().filter(
        draft=draft, in_force=in_force, date_from=date_from, date_to=date_to
    )
    for run in same:
        if run.draft_data == draft.data:
            return run
    return jobs.create(
        BacktestRun,
        acting_user=acting_user,
        action=AuditAction.BACKTEST_QUEUED,
        summary=said(
            gettext_noop("Backtest of draft v%(draft)s against v%(in_force)s queued: %(period)s"),
            draft=draft.number,
            in_force=in_force.number,
            period=_period(date_from, date_to),
        ),
        details={
            "draft": draft.number,
            "in_force": in_force.number,
            "date_from": date_from.isoformat() if date_from else None,
            "date_to": date_to.isoformat() if date_to else None,
        },
        request=request,
        draft=draft,
        draft_data=draft.data,
        in_force=in_force,
        date_from=date_from,
        date_to=date_to,
    )


def run_backtest(run_id: int) -> BacktestRun:
    """Carry out a queued backtest, saving progress after every batch, and keep its result.

    A run no longer queued (carried out already) is returned as it is. A failure marks
    the run failed (audited) and is raised, so that its page stops polling at once.
    """
    run = BacktestRun.objects.select_related("created_by", "draft", "in_force").get(pk=run_id)
    if not jobs.start(run):
        return run
    label = said(
        gettext_noop("Backtest %(id)s of draft v%(draft)s against v%(in_force)s"),
        id=run.pk,
        draft=run.draft.number,
        in_force=run.in_force.number,
    )
    failed = said(gettext_noop("%(backtest)s failed"), backtest=label)
    with jobs.failing_on_error(run, action=AuditAction.BACKTEST_FAILED, summary=failed):
        jobs.progress(run, total=applications_in(run.date_from, run.date_to).count())
        result = backtest(
            policy_of(run.in_force),
            policy_from_data(run.draft_data),
            run.date_from,
            run.date_to,
            progress=lambda count: jobs.progress(run, advance=count),
        )
    jobs.finish(
        run,
        action=AuditAction.BACKTEST_FINISHED,
        summary=said(
            gettext_noop(
                "%(backtest)s finished: %(applications)s applications, "
                "%(changed)s with another recommended action"
            ),
            backtest=label,
            applications=result.applications,
            changed=result.action_changed,
        ),
        details={
            "applications": result.applications,
            "level_changed": result.level_changed,
            "action_changed": result.action_changed,
        },
        result=result.to_json(),
    )
    return run

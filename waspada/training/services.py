"""Every change the training app makes: modules, attempts, simulations, assignments,
certificates. Audited where the office must be able to see who did it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_noop

from waspada.core import audit, jobs
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.domain import training_grading as grading
from waspada.domain import training_simulation as simulation
from waspada.domain.risk import diff_policies
from waspada.domain.training_families import FAMILY_KEYS, group_by_family
from waspada.screening import policies
from waspada.training.cases import make_exercises, questions_by_indicator
from waspada.training.models import (
    CERTIFICATE_MONTHS,
    Assignment,
    Certificate,
    Exercise,
    ExerciseAttempt,
    Family,
    GenerationRun,
    Simulation,
    TrainingModule,
)

# Who screens or interviews: they get the refreshers of a new policy version.
SCREENING_ROLES = (Role.INTAKE_OFFICER, Role.INTERVIEWER, Role.SUPERVISOR)
REFRESHER_DAYS = 30
MAX_EXERCISES_PER_RUN = 5000


def modules() -> list[TrainingModule]:
    """The five modules, created with their defaults the first time."""
    existing = {module.family: module for module in TrainingModule.objects.all()}
    for family in FAMILY_KEYS:
        if family not in existing:
            existing[family], _ = TrainingModule.objects.get_or_create(family=family)
    return [existing[family] for family in FAMILY_KEYS]


def module(family: str) -> TrainingModule:
    return next(found for found in modules() if found.family == family)


@transaction.atomic
def edit_module(
    target: TrainingModule,
    *,
    introduction: str,
    pass_threshold: int,
    required_exercises: int,
    acting_user: User,
    request: HttpRequest | None = None,
) -> TrainingModule:
    # As stored (a bound form may already have changed the instance it was given).
    stored = TrainingModule.objects.get(pk=target.pk)
    before: dict[str, Any] = {
        "introduction": stored.introduction,
        "pass_threshold": stored.pass_threshold,
        "required_exercises": stored.required_exercises,
    }
    target.introduction = introduction
    target.pass_threshold = pass_threshold
    target.required_exercises = required_exercises
    target.updated_by = acting_user
    target.updated_at = timezone.now()
    target.save()
    after: dict[str, Any] = {
        "introduction": introduction,
        "pass_threshold": pass_threshold,
        "required_exercises": required_exercises,
    }
    audit.record(
        AuditAction.TRAINING_MODULE_EDITED,
        said(
            gettext_noop("Training module %(family)s changed"), family=Family(target.family).label
        ),
        actor=acting_user,
        obj=target,
        details={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        request=request,
    )
    return target


# --- Exercises ---------------------------------------------------------------------------


def queue_generation(
    count: int, *, acting_user: User | None, request: HttpRequest | None = None
) -> GenerationRun:
    return jobs.create(
        GenerationRun,
        acting_user=acting_user,
        action=AuditAction.EXERCISES_QUEUED,
        summary=said(
            gettext_noop("%(count)s training exercises queued from decided applications"),
            count=count,
        ),
        details={"requested": count},
        request=request,
        requested=min(count, MAX_EXERCISES_PER_RUN),
    )


def run_generation(run_id: int) -> GenerationRun:
    run = GenerationRun.objects.get(pk=run_id)
    if not jobs.start(run):
        return run
    failed = said(gettext_noop("Exercise generation %(id)s failed"), id=run.pk)
    with jobs.failing_on_error(run, action=AuditAction.EXERCISES_FAILED, summary=failed):
        jobs.progress(run, total=run.requested)
        made = make_exercises(
            run.requested,
            seed=run.pk,
            run=run,
            progress=lambda count: jobs.progress(run, advance=count),
        )
    jobs.finish(
        run,
        action=AuditAction.EXERCISES_GENERATED,
        summary=said(
            gettext_noop("Exercise generation %(id)s: %(made)s exercises made"),
            id=run.pk,
            made=len(made),
        ),
        details={"made": len(made)},
        created_count=len(made),
    )
    return run


@transaction.atomic
def submit_attempt(
    exercise: Exercise,
    *,
    trainee: User,
    indicators: Iterable[str],
    questions: Iterable[str],
    outcome: str,
    reason: str,
    seconds: int = 0,
) -> ExerciseAttempt:
    """Grade and keep an attempt; a passed module issues its certificate."""
    answer = grading.Answer(frozenset(indicators), frozenset(questions), outcome, reason)
    truth = grading.Truth(
        frozenset(exercise.indicators), frozenset(exercise.questions), exercise.outcome
    )
    result = grading.grade(answer, truth)
    attempt = ExerciseAttempt.objects.create(
        exercise=exercise,
        trainee=trainee,
        family=exercise.family,
        indicators=sorted(answer.indicators),
        questions=sorted(answer.questions),
        outcome=outcome,
        reason=reason,
        see=result.see,
        ask=result.ask,
        decide=result.decide,
        total=result.total,
        feedback=[[line.kind, line.subject] for line in result.feedback],
        seconds=max(0, min(seconds, 24 * 3600)),
    )
    check_module(trainee, module(exercise.family))
    return attempt


# --- Simulations -------------------------------------------------------------------------


def bank() -> list[tuple[str, str]]:
    """The simulator's question bank: every question of the policy in force."""
    policy = policies.policy_of(policies.version_in_force())
    return [
        (question, code)
        for code, questions in questions_by_indicator(policy).items()
        for question in questions
    ]


def start_simulation(trainee: User, *, exercise: Exercise | None, seed: int) -> Simulation:
    """A simulated interview on an exercise's anonymised case, or a synthetic one."""
    if exercise is not None:
        case, indicators = exercise.case, list(exercise.indicators)
        questions, outcome = list(exercise.questions), exercise.outcome
    else:
        made = simulation.synthetic_case(seed)
        case, indicators = made, list(made["indicators"])
        policy = policies.policy_of(policies.version_in_force())
        questions = sorted(
            grading.questions_that_matter(indicators, questions_by_indicator(policy))
        )
        outcome = made["decision"]["outcome"]
    shown = {key: case.get(key, {}) for key in ("person", "trip", "parties")}
    return Simulation.objects.create(
        trainee=trainee,
        exercise=exercise,
        case=shown,
        indicators=indicators,
        questions=questions,
        truth_outcome=outcome,
    )


class SimulationFinished(Exception):
    pass


def ask(sim: Simulation, question: str) -> None:
    """The trainee asks `question` (once; asking again changes nothing)."""
    if sim.finished_at is not None:
        raise SimulationFinished
    indicator = dict(bank()).get(question)
    if indicator is None or any(q == question for q, _ in sim.asked):
        return
    sim.asked = [*sim.asked, [question, indicator]]
    sim.save(update_fields=["asked"])


def record(sim: Simulation, *, observed: Sequence[str], notes: str) -> None:
    if sim.finished_at is not None:
        raise SimulationFinished
    sim.observed = sorted(set(observed))
    sim.notes = notes
    sim.save(update_fields=["observed", "notes"])


def finish_simulation(sim: Simulation, *, outcome: str, reason: str) -> Simulation:
    if sim.finished_at is not None:
        raise SimulationFinished
    now = timezone.now()
    result = simulation.score(
        truth=sim.indicators,
        matter=sim.questions,
        asked=[(q, i) for q, i in sim.asked],
        observed=sim.observed,
        outcome=outcome,
        reason=reason,
        truth_outcome=sim.truth_outcome,
        seconds=(now - sim.started_at).total_seconds(),
    )
    sim.outcome, sim.reason, sim.finished_at = outcome, reason, now
    sim.score = {
        "indicators": result.indicators,
        "questions": result.questions,
        "decision": result.decision,
        "time": result.time,
        "uncovered": list(result.uncovered),
        "missed": list(result.missed),
        "overflagged": list(result.overflagged),
    }
    sim.total = result.total
    sim.save()
    return sim


def script_for(sim: Simulation) -> dict[str, simulation.ScriptLine]:
    return simulation.script(sim.case, sim.indicators, bank())


# --- Assignments and certificates --------------------------------------------------------


def _officers(role: str) -> list[User]:
    return list(User.objects.filter(is_active=True, role=role).order_by("username"))


@transaction.atomic
def assign(
    target: TrainingModule,
    *,
    due_on: dt.date,
    acting_user: User | None,
    officers: Iterable[User] = (),
    role: str = "",
    refresher_codes: Sequence[str] = (),
    policy_version: int | None = None,
    request: HttpRequest | None = None,
) -> list[Assignment]:
    """Assign a module to officers, or to every active officer of a role."""
    people = list(officers) + (_officers(role) if role else [])
    made = Assignment.objects.bulk_create(
        Assignment(
            module=target,
            officer=person,
            role=role,
            due_on=due_on,
            refresher_codes=list(refresher_codes),
            policy_version=policy_version,
            assigned_by=acting_user if acting_user is not None and acting_user.pk else None,
        )
        for person in {p.pk: p for p in people}.values()
    )
    action = AuditAction.REFRESHER_ASSIGNED if refresher_codes else AuditAction.TRAINING_ASSIGNED
    audit.record(
        action,
        said(
            gettext_noop(
                "Training module %(family)s assigned to %(count)s officer(s), due %(due)s"
            ),
            family=Family(target.family).label,
            count=len(made),
            due=due_on,
        ),
        actor=acting_user,
        obj=target,
        details={
            "officers": [a.officer_id for a in made],
            "role": role,
            "due_on": due_on.isoformat(),
            "refresher_on": list(refresher_codes),
        },
        request=request,
    )
    return made


def changed_indicators(new_data: dict[str, Any], old_data: dict[str, Any]) -> list[str]:
    """The indicator codes a new policy version adds or changes."""
    from waspada.domain.risk import policy_from_data

    changes = diff_policies(policy_from_data(old_data), policy_from_data(new_data))
    codes = {
        change.path.split(".")[1]
        for change in changes
        if change.path.startswith("indicators.") and change.path.count(".") >= 1
    }
    return sorted(codes)


def assign_refreshers(new: Any, previous: Any, acting_user: User | None) -> None:
    """The POLICY_PUBLISHED hook: a refresher on exactly the indicators that changed, for
    everyone who screens or interviews, per module."""
    if previous is None or previous.pk == new.pk:
        return
    codes = changed_indicators(new.data, previous.data)
    start = max(new.effective_from or timezone.localdate(), timezone.localdate())
    due = start + dt.timedelta(days=REFRESHER_DAYS)
    for family, family_codes in group_by_family(codes).items():
        if not family_codes:
            continue
        people = [p for role in SCREENING_ROLES for p in _officers(role)]
        assign(
            module(family),
            due_on=due,
            acting_user=acting_user,
            officers=people,
            refresher_codes=family_codes,
            policy_version=new.number,
        )


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def valid_certificate(officer: User, target: TrainingModule) -> Certificate | None:
    today = timezone.localdate()
    return (
        Certificate.objects.filter(
            officer=officer, module=target, revoked_at__isnull=True, expires_on__gte=today
        )
        .order_by("-issued_at")
        .first()
    )


def check_module(officer: User, target: TrainingModule) -> Certificate | None:
    """Issue the module's certificate when the officer passes it and holds no valid one
    issued since their latest open assignment of it; completes open assignments. With an
    open assignment (a refresher) only the attempts made since it count."""
    open_assignments = Assignment.objects.filter(
        officer=officer, module=target, completed_at__isnull=True
    )
    latest = open_assignments.order_by("-created_at").values_list("created_at", flat=True).first()
    attempts = ExerciseAttempt.objects.filter(trainee=officer, family=target.family)
    if latest is not None:
        attempts = attempts.filter(submitted_at__gte=latest)
    scores = list(attempts.order_by("submitted_at", "id").values_list("total", flat=True))
    score, passed = grading.module_result(
        scores, required=target.required_exercises, threshold=target.pass_threshold
    )
    if not passed:
        return None
    current = valid_certificate(officer, target)
    if current is not None and (latest is None or current.issued_at >= latest):
        return None
    certificate = issue_certificate(officer, target, score=score, acting_user=None)
    open_assignments.update(completed_at=timezone.now())
    return certificate


@transaction.atomic
def issue_certificate(
    officer: User, target: TrainingModule, *, score: int, acting_user: User | None
) -> Certificate:
    now = timezone.now()
    sequence = Certificate.objects.filter(issued_at__year=now.year).count() + 1
    certificate = Certificate.objects.create(
        number=f"WSP-TR/{now.year}/{sequence:05d}-{officer.pk}",
        officer=officer,
        module=target,
        score=score,
        issued_at=now,
        expires_on=add_months(timezone.localdate(), CERTIFICATE_MONTHS),
    )
    audit.record(
        AuditAction.CERTIFICATE_ISSUED,
        said(
            gettext_noop(
                "Training certificate %(number)s (%(family)s) issued to %(officer)s, "
                "score %(score)s"
            ),
            number=certificate.number,
            family=Family(target.family).label,
            officer=officer.get_username(),
            score=score,
        ),
        actor=acting_user,
        obj=certificate,
        details={"officer": officer.pk, "module": target.family, "score": score},
    )
    return certificate


class AlreadyRevoked(Exception):
    pass


@transaction.atomic
def revoke_certificate(
    certificate: Certificate,
    *,
    reason: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> Certificate:
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at is not None:
        raise AlreadyRevoked
    locked.revoked_at = timezone.now()
    locked.revoked_by = acting_user
    locked.revoke_reason = reason[:300]
    locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit.record(
        AuditAction.CERTIFICATE_REVOKED,
        said(
            gettext_noop("Training certificate %(number)s revoked: %(reason)s"),
            number=locked.number,
            reason=reason[:200],
        ),
        actor=acting_user,
        obj=locked,
        details={"reason": reason[:300]},
        request=request,
    )
    return locked


def open_assignments(officer: User) -> list[Assignment]:
    return list(
        Assignment.objects.filter(officer=officer, completed_at__isnull=True)
        .select_related("module")
        .order_by("due_on")
    )


def certificates_of(officer: User) -> list[Certificate]:
    return list(
        Certificate.objects.filter(officer=officer).select_related("module").order_by("-issued_at")
    )


def trainees() -> list[User]:
    """The officers who take training (active, in a role that may)."""
    from waspada.core.policy import Action, users_with

    return list(users_with(Action.TAKE_TRAINING).order_by("role", "username"))

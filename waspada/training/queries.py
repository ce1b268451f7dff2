"""What the training pages and the reports read: module content, readiness, figures."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, F, Sum
from django.utils import timezone

from waspada.core.models import User
from waspada.decisions.models import DecisionState
from waspada.domain.training_families import family, family_of
from waspada.screening import policies
from waspada.screening.models import IndicatorHit
from waspada.screening.questions import question_texts
from waspada.training import services
from waspada.training.models import (
    Assignment,
    Certificate,
    Exercise,
    ExerciseAttempt,
    Simulation,
    TrainingModule,
)

EXPIRING_DAYS = 30


def module_content(target: TrainingModule, language: str) -> dict[str, Any]:
    """The module's page, from the policy in force: per indicator of its family the
    explanation, legal basis, questions with what a worrying answer sounds like, and
    worked examples (anonymised evidence from the office's exercises)."""
    version = policies.version_in_force()
    policy = policies.policy_of(version)
    codes = [code for code in family(target.family).codes if code in policy.indicators]
    codes += [
        code for code in policy.indicators if code not in codes and family_of(code) == target.family
    ]
    examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for exercise in Exercise.objects.filter(family=target.family).only("id", "evidence")[:200]:
        for row in exercise.evidence:
            if row.get("code") in codes and len(examples[row["code"]]) < 2:
                examples[row["code"]].append({"exercise": exercise.pk, "text": row["text"]})
    indicators = []
    for code in codes:
        spec = policy.indicators[code]
        indicators.append(
            {
                "code": code,
                "title": spec.title[language],
                "explanation": spec.explanation[language],
                "legal_basis": spec.legal_basis[language],
                "strength": spec.strength,
                "weight": spec.weight,
                "enabled": spec.enabled,
                "questions": question_texts(spec.questions, language),
                "examples": examples.get(code, []),
            }
        )
    return {"version": version.number, "indicators": indicators}


def indicator_titles(language: str) -> dict[str, str]:
    policy = policies.policy_of(policies.version_in_force())
    return {code: spec.title[language] for code, spec in policy.indicators.items()}


@dataclass
class OfficerReadiness:
    officer: User
    modules: dict[str, str] = field(default_factory=dict)  # family -> state
    scores: dict[str, int | None] = field(default_factory=dict)  # family -> mean score
    overdue: int = 0


def certificate_state(certificate: Certificate | None, today: dt.date) -> str:
    if certificate is None:
        return "none"
    if certificate.expires_on < today + dt.timedelta(days=EXPIRING_DAYS):
        return "expiring"
    return "certified"


def readiness() -> dict[str, Any]:
    """Per officer and module: certified, expiring, overdue, assigned, expired or nothing; the
    mean exercise score per family; the indicators the office misses most."""
    today = timezone.localdate()
    modules = services.modules()
    by_id = {m.pk: m.family for m in modules}
    officers = services.trainees()
    rows = {o.pk: OfficerReadiness(o) for o in officers}
    valid: dict[tuple[int, str], Certificate] = {}
    for certificate in Certificate.objects.filter(
        revoked_at__isnull=True, expires_on__gte=today, officer_id__in=rows
    ).order_by("issued_at"):
        valid[(certificate.officer_id, by_id[certificate.module_id])] = certificate
    expired = {
        (officer_id, by_id[module_id])
        for officer_id, module_id in Certificate.objects.filter(
            revoked_at__isnull=True, expires_on__lt=today, officer_id__in=rows
        ).values_list("officer_id", "module_id")
    }
    overdue: set[tuple[int, str]] = set()
    assigned: set[tuple[int, str]] = set()
    for officer_id, module_id, due in Assignment.objects.filter(
        completed_at__isnull=True, officer_id__in=rows
    ).values_list("officer_id", "module_id", "due_on"):
        key = (officer_id, by_id[module_id])
        (overdue if due < today else assigned).add(key)
    scores = {
        (r["trainee_id"], r["family"]): round(r["mean"])
        for r in ExerciseAttempt.objects.filter(trainee_id__in=rows)
        .values("trainee_id", "family")
        .annotate(mean=Avg("total"))
    }
    for officer_id, row in rows.items():
        for m in modules:
            key = (officer_id, m.family)
            if key in overdue:
                state = "overdue"
                row.overdue += 1
            elif key in valid:
                state = certificate_state(valid[key], today)
            elif key in assigned:
                state = "assigned"
            elif key in expired:
                state = "expired"
            else:
                state = "none"
            row.modules[m.family] = state
            row.scores[m.family] = scores.get(key)
    return {
        "modules": modules,
        "rows": sorted(rows.values(), key=lambda r: (r.officer.role, r.officer.username)),
        "missed": most_missed(),
    }


def most_missed(limit: int = 10) -> list[tuple[str, int, int]]:
    """(indicator, times missed in exercises, times on proposals supervisors returned)."""
    missed: Counter[str] = Counter()
    for feedback in ExerciseAttempt.objects.values_list("feedback", flat=True).iterator():
        for kind, subject in feedback:
            if kind == "missed":
                missed[subject] += 1
    returned = Counter(
        dict(
            IndicatorHit.objects.filter(
                assessment__application__decisions__state=DecisionState.RETURNED
            )
            .values_list("code")
            .annotate(n=Count("assessment__application", distinct=True))
            .values_list("code", "n")
        )
    )
    codes = sorted(set(missed) | set(returned), key=lambda c: (-missed[c], -returned[c], c))
    return [(code, missed[code], returned[code]) for code in codes[:limit]]


def figures(start: dt.date, end: dt.date) -> dict[str, Any]:
    """Training figures for a period [start, end]: officers trained (certified in it),
    hours of practice, pass rate of the exercises."""
    attempts = ExerciseAttempt.objects.filter(
        submitted_at__date__gte=start, submitted_at__date__lte=end
    )
    # Read only: a module never edited passes at the default mark (a report creates nothing).
    default = TrainingModule._meta.get_field("pass_threshold").get_default()
    thresholds = dict(TrainingModule.objects.values_list("family", "pass_threshold"))
    total = 0
    passed = 0
    for family_key, score in attempts.values_list("family", "total").iterator():
        total += 1
        passed += score >= thresholds.get(family_key, default)
    seconds = attempts.aggregate(s=Sum("seconds"))["s"] or 0
    for duration in (
        Simulation.objects.filter(
            finished_at__isnull=False, finished_at__date__gte=start, finished_at__date__lte=end
        )
        .annotate(d=F("finished_at") - F("started_at"))
        .values_list("d", flat=True)
    ):
        seconds += int(duration.total_seconds()) if duration else 0
    trained = (
        Certificate.objects.filter(issued_at__date__gte=start, issued_at__date__lte=end)
        .values("officer")
        .distinct()
        .count()
    )
    return {
        "officers_trained": trained,
        "hours": round(seconds / 3600, 1),
        "attempts": total,
        "passed": passed,
        "pass_rate": round(100 * passed / total) if total else None,
        "empty": not (trained or total or seconds),
    }

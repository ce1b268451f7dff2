"""Who may see the training pages (see tests/test_url_access.py)."""

from __future__ import annotations

from django.urls import reverse

from waspada.core.models import User
from waspada.domain.training_simulation import synthetic_case
from waspada.training import services
from waspada.training.models import Exercise

# Everyone who screens, interviews or signs off trains; supervisors run the training;
# the head of office, supervisors and auditors read readiness.
TRAINEES = {"intake_officer", "interviewer", "supervisor"}
READINESS = {"supervisor", "head_of_office", "auditor"}
# Attempts and simulations are the trainee's own (the interviewer persona's here).
OWNER = {"interviewer"}

ACCESS: dict[str, set[str] | str] = {
    "training_home": TRAINEES,
    "training_module": TRAINEES,
    "training_module_edit": {"supervisor"},
    "training_exercise_list": TRAINEES,
    "training_exercise": TRAINEES,
    "training_attempt": OWNER,
    "training_simulation_start": "post-only",
    "training_simulation": OWNER,
    "training_generate": {"supervisor"},
    "training_generation_run": {"supervisor"},
    "training_assignments": {"supervisor"},
    "training_certificate_pdf": OWNER | READINESS,
    "training_certificate_revoke": "post-only",
    "training_readiness": READINESS,
}


def _exercise() -> Exercise:
    case = synthetic_case(0)
    return Exercise.objects.create(
        family="destination",
        case={key: case[key] for key in ("person", "trip", "parties")},
        indicators=case["indicators"],
        questions=["D05-Q1"],
        outcome="refuse",
        reason="Akan bekerja sebagai PRT.",
        source_key=f"test-{Exercise.objects.count()}",
        policy_version=1,
    )


def _owner() -> User:
    found = User.objects.filter(role="interviewer").order_by("pk").first()
    assert found is not None
    return found


def url(name: str, target: User) -> str:
    if name in {"training_module", "training_module_edit"}:
        return reverse(name, args=["person"])
    if name == "training_exercise":
        return reverse(name, args=[_exercise().pk])
    if name == "training_attempt":
        attempt = services.submit_attempt(
            _exercise(),
            trainee=_owner(),
            indicators=["D05"],
            questions=[],
            outcome="refuse",
            reason="Akan bekerja di luar negeri.",
        )
        return reverse(name, args=[attempt.pk])
    if name == "training_simulation":
        return reverse(name, args=[services.start_simulation(_owner(), exercise=None, seed=1).pk])
    if name == "training_generation_run":
        return reverse(name, args=[services.queue_generation(5, acting_user=None).pk])
    if name in {"training_certificate_pdf", "training_certificate_revoke"}:
        certificate = services.issue_certificate(
            _owner(), services.module("person"), score=90, acting_user=None
        )
        return reverse(name, args=[certificate.pk])
    return reverse(name)

"""From decided applications to exercises: the source case, anonymised, with its truth.

Reads the applications, screening, interviews and decisions below; writes nothing of
theirs. `make_exercises` is the whole generation (the background job and the benchmark
call it); the pure rules are in waspada.domain.training_*.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings

from waspada.applications.models import PassportApplication
from waspada.decisions.models import Decision, DecisionState, Outcome
from waspada.domain.risk import Policy
from waspada.domain.training_anonymise import anonymise
from waspada.domain.training_families import family_of
from waspada.domain.training_grading import questions_that_matter
from waspada.interviews.models import InterviewAnswer
from waspada.regions.models import Level, Region
from waspada.screening import policies
from waspada.screening.models import IndicatorHit
from waspada.training.models import Exercise, GenerationRun

CHUNK = 250
# What a benign case of each purpose looks like (the indicators it must not be taken for).
LOOK_ALIKES: Mapping[str, tuple[str, ...]] = {
    "tourism": ("D01",),
    "umrah": ("D07",),
    "hajj": ("D07",),
    "work": ("D02", "D21"),
    "internship": ("D08",),
    "family_visit": ("D09",),
    "seafarer": ("D15",),
}


def source_key(application_id: int) -> str:
    """A keyed hash of the application: one exercise per case, no way back to it."""
    message = f"training-exercise:{application_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def questions_by_indicator(policy: Policy) -> dict[str, tuple[str, ...]]:
    return {code: tuple(spec.questions) for code, spec in policy.indicators.items()}


def _case(
    application: PassportApplication,
    decision: Decision,
    hits: Sequence[tuple[str, int, str]],
    answers: Sequence[tuple[str, str]],
    regencies: Mapping[str, str],
) -> dict[str, Any]:
    village = application.village
    district = village.parent
    return {
        "person": {
            "full_name": application.full_name,
            "nik": application.applicant.nik,
            "sex": application.sex,
            "birth_date": application.birth_date.isoformat(),
            "birth_place": application.birth_place,
            "phone": application.phone,
            "address": application.address,
            "village": village.name,
            "district": district.name if district is not None else "",
            "regency": regencies.get(application.regency_code, ""),
            "education": application.education,
            "occupation": application.occupation,
            "marital_status": application.marital_status,
            "application_no": application.application_no,
            "previous_passport_no": application.previous_passport_no,
        },
        "trip": {
            "purpose": application.purpose,
            "destination_country": application.destination_country,
            "return_ticket": application.return_ticket,
            "itinerary": application.itinerary,
            "funds_source": application.funds_source,
            "documents": list(application.documents or []),
        },
        "parties": {
            "sponsor_name": application.sponsor_name,
            "sponsor_phone": application.sponsor_phone,
            "sponsor_relation": application.sponsor_relation,
            "sponsor_address": application.sponsor_address,
            "employer_name": application.employer_name,
            "recruiter_name": application.recruiter_name,
            "recruiter_license_no": application.recruiter_license_no,
            "disnaker_recommendation_no": application.disnaker_recommendation_no,
            "companion_name": application.companion_name,
            "companion_phone": application.companion_phone,
            "companion_relation": application.companion_relation,
        },
        "interview": [{"question": q, "answer": a} for q, a in answers],
        "evidence": [{"code": code, "text": text} for code, _, text in hits],
        "decision": {
            "outcome": decision.outcome,
            "reason_code": decision.reason_code,
            "reason": decision.reason,
        },
        "indicators": [code for code, _, _ in hits],
    }


def _exercise(
    case: dict[str, Any],
    key: str,
    policy: Policy,
    questions_of: Mapping[str, Sequence[str]],
    seed: int,
    hit_weights: Mapping[str, int],
) -> Exercise:
    safe = anonymise(case, seed)
    indicators = [code for code in safe["indicators"] if code in policy.indicators]
    decision = safe["decision"]
    benign = decision.get("outcome") == Outcome.ISSUE and not any(
        policy.indicators[code].strength == "strong" for code in indicators
    )
    look_alike = list(LOOK_ALIKES.get(safe["trip"].get("purpose", ""), ())) if benign else []
    if indicators:
        family = family_of(max(indicators, key=lambda code: hit_weights.get(code, 0)))
    else:
        family = family_of(look_alike[0]) if look_alike else "purpose"
    shown = {key: safe[key] for key in ("person", "trip", "parties", "interview")}
    return Exercise(
        family=family,
        case=shown,
        indicators=indicators,
        questions=sorted(questions_that_matter(indicators, questions_of, look_alike)),
        outcome=str(decision.get("outcome") or ""),
        reason_code=str(decision.get("reason_code") or ""),
        reason=str(decision.get("reason") or ""),
        evidence=safe["evidence"],
        benign=benign,
        look_alike_of=look_alike,
        source_key=key,
        policy_version=policy.version,
    )


def candidates(count: int, *, seed: int = 0) -> list[int]:
    """Up to `count` decided applications without an exercise yet: half whose decision
    went against the applicant, half issued (the look-alikes), drawn at random."""
    existing = set(Exercise.objects.values_list("source_key", flat=True))
    rows = Decision.objects.filter(state=DecisionState.IN_FORCE).values_list(
        "application_id", "outcome"
    )
    flagged: list[int] = []
    issued: list[int] = []
    for application_id, outcome in rows.iterator(chunk_size=5000):
        if source_key(application_id) in existing:
            continue
        (issued if outcome == Outcome.ISSUE else flagged).append(application_id)
    rng = random.Random(seed)
    rng.shuffle(flagged)
    rng.shuffle(issued)
    half = count // 2
    chosen = flagged[: count - min(half, len(issued))]
    chosen += issued[: count - len(chosen)]
    return sorted(set(chosen))


def _hits(ids: Iterable[int], language: str = "id") -> dict[int, list[tuple[str, int, str]]]:
    """The hits of each application's latest assessment (code, weight, evidence)."""
    latest: dict[int, int] = {}
    rows: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    found = IndicatorHit.objects.filter(assessment__application_id__in=list(ids)).values_list(
        "assessment__application_id", "assessment_id", "code", "weight", "evidence_id"
    )
    for application_id, assessment_id, code, weight, evidence in found.order_by(
        "assessment__application_id", "-assessment__created_at", "-assessment_id"
    ):
        if latest.setdefault(application_id, assessment_id) == assessment_id:
            rows[application_id].append((code, weight, evidence))
    return rows


def make_exercises(
    count: int,
    *,
    seed: int = 0,
    run: GenerationRun | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Exercise]:
    """Make (and store) up to `count` new exercises from decided applications."""
    policy = policies.policy_of(policies.version_in_force())
    questions_of = questions_by_indicator(policy)
    ids = candidates(count, seed=seed)
    regencies = dict(Region.objects.filter(level=Level.REGENCY).values_list("code", "name"))
    made: list[Exercise] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        applications = PassportApplication.objects.filter(pk__in=chunk).select_related(
            "applicant", "village", "village__parent"
        )
        decisions = {
            d.application_id: d
            for d in Decision.objects.filter(application_id__in=chunk, state=DecisionState.IN_FORCE)
        }
        hits = _hits(chunk)
        answers: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for application_id, question, answer in (
            InterviewAnswer.objects.filter(session__application_id__in=chunk)
            .exclude(answer="")
            .values_list("session__application_id", "question_code", "answer")
            .order_by("session_id", "position")
        ):
            answers[application_id].append((question, answer))
        batch = []
        for application in applications:
            decision = decisions.get(application.pk)
            if decision is None:
                continue
            own_hits = hits.get(application.pk, [])
            case = _case(application, decision, own_hits, answers[application.pk], regencies)
            exercise = _exercise(
                case,
                source_key(application.pk),
                policy,
                questions_of,
                seed=hash((seed, application.pk)) & 0xFFFFFFFF,
                hit_weights={code: weight for code, weight, _ in own_hits},
            )
            exercise.run = run
            batch.append(exercise)
        made += Exercise.objects.bulk_create(batch, ignore_conflicts=True)
        if progress is not None:
            progress(len(chunk))
    return made

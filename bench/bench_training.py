"""Officer training: exercises from decided applications, and the exercise page.

Builds a scratch SQLite database (the demo's engine) with N decided applications (30,000
by default: a quarter refused or deferred with the indicators screening found, the rest
issued), each with its assessment, a few interview answers that quote the applicant's
name, phone and sponsor (as officers write them down) and the signed-off decision, all
written with bulk inserts from the synthetic name generator. It then times
`waspada.training.cases.make_exercises` making 500 anonymised exercises (what the
background job runs), checks that none of them holds a name, NIK or phone of its source,
and times the exercise page as an interviewer opens it. Baseline: the same 500 exercises
made case by case, every relation of a case read with its own queries (N+1).

    .venv/bin/python bench/bench_training.py [--rows 30000] [--exercises 500] [--repeat 20]
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import (  # noqa: E402
    application_of,
    arguments,
    office_with_one_village,
    percentiles,
    scratch_database,
)

TARGET_SECONDS = 30.0
TARGET_PAGE_MS = 200.0
FLAGGED = [("D02", 65), ("D05", 70), ("D17", 60), ("D20", 45), ("D01", 45), ("U01", 60)]


def _fill(rows: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from waspada.applications.models import Applicant, PassportApplication
    from waspada.core.models import User
    from waspada.decisions.models import Decision
    from waspada.interviews.bank import bank_in_force
    from waspada.interviews.models import InterviewAnswer, InterviewSession
    from waspada.screening.models import IndicatorHit, RiskAssessment
    from waspada.screening.policies import version_in_force
    from waspada.synthetic.names import make_name

    started = time.perf_counter()
    rng = random.Random(20240101)
    village, office = office_with_one_village()
    officer = User.objects.create(username="wawancara1", role="interviewer")
    supervisor = User.objects.create(username="kasi1", role="supervisor")
    policy = version_in_force()
    bank = bank_in_force()
    now = timezone.now()
    with transaction.atomic():
        applicants = []
        for i in range(rows):
            sex = "P" if i % 2 else "L"
            birth = dt.date(1975, 1, 1) + dt.timedelta(days=i % 12000)
            applicants.append(
                Applicant(
                    nik=f"3301{i:012d}",
                    full_name=make_name(rng, sex=sex, birth_year=birth.year),
                    sex=sex,
                    birth_place="Cilacap",
                    birth_date=birth,
                    phone=f"+62812{i:08d}",
                    address=f"Dusun Sidamulya RT {i % 9 + 1:02d}/RW 0{i % 5 + 1}",
                    village=village,
                )
            )
        Applicant.objects.bulk_create(applicants, batch_size=2000)
        applications = []
        for i, applicant in enumerate(Applicant.objects.order_by("id")):
            flagged = i % 4 == 0
            applications.append(
                application_of(
                    applicant,
                    i,
                    village,
                    office,
                    submitted_on=dt.date(2024, 1, 2) + dt.timedelta(days=i % 360),
                    purpose=rng.choice(["tourism", "work"])
                    if flagged
                    else rng.choice(["tourism", "umrah", "family_visit", "work"]),
                    destination_country=rng.choice(["SA", "MY", "KH"]) if flagged else "MY",
                    itinerary="ikut sponsor" if flagged else "Kuala Lumpur, Penang 7 hari",
                    sponsor_name=make_name(rng, sex="L", birth_year=1970) if flagged else "",
                    sponsor_phone=f"+62857{i:08d}" if flagged else "",
                    status="refused" if flagged else "issued",
                    documents=["ktp", "kk"],
                )
            )
        PassportApplication.objects.bulk_create(applications, batch_size=2000)
        saved = list(
            PassportApplication.objects.order_by("id").only(
                "id", "status", "full_name", "phone", "sponsor_name"
            )
        )
        assessments = [
            RiskAssessment(
                application=a,
                policy_version=policy,
                score=80 if a.status == "refused" else 0,
                level="high" if a.status == "refused" else "low",
                action="deep_interview" if a.status == "refused" else "standard",
                trigger="intake",
            )
            for a in saved
        ]
        RiskAssessment.objects.bulk_create(assessments, batch_size=2000)
        hits = []
        for assessment, application in zip(
            RiskAssessment.objects.order_by("application_id"), saved, strict=True
        ):
            if application.status != "refused":
                continue
            for code, weight in rng.sample(FLAGGED, 3):
                hits.append(
                    IndicatorHit(
                        assessment=assessment,
                        code=code,
                        weight=weight,
                        strength="strong",
                        evidence_id=f"{code}: sponsor {application.sponsor_name}, "
                        f"HP {application.sponsor_phone}",
                        evidence_en=f"{code}: sponsor {application.sponsor_name}",
                    )
                )
        IndicatorHit.objects.bulk_create(hits, batch_size=5000)
        InterviewSession.objects.bulk_create(
            [
                InterviewSession(
                    application=a,
                    kind="deep" if a.status == "refused" else "standard",
                    question_bank=bank,
                    interviewer=officer,
                    state="finished",
                    finished_at=now,
                )
                for a in saved
            ],
            batch_size=2000,
        )
        answers = []
        for (session_id, _application), application in zip(
            InterviewSession.objects.order_by("application_id").values_list("id", "application_id"),
            saved,
            strict=True,
        ):
            local = "0" + application.phone[3:]
            for position, (code, text) in enumerate(
                [
                    ("D01-Q1", f"Saya {application.full_name}, HP {local}."),
                    ("D01-Q2", f"Diantar {application.sponsor_name or 'keluarga'}."),
                    ("D02-Q1", "Belum tahu, ikut saja."),
                ]
            ):
                answers.append(
                    InterviewAnswer(
                        session_id=session_id,
                        position=position,
                        question_code=code,
                        question_text=code,
                        answer=text,
                    )
                )
            if len(answers) >= 20000:
                InterviewAnswer.objects.bulk_create(answers)
                answers = []
        InterviewAnswer.objects.bulk_create(answers)
        Decision.objects.bulk_create(
            [
                Decision(
                    application=a,
                    outcome="refuse" if a.status == "refused" else "issue",
                    state="in_force",
                    reason=f"{a.full_name} akan bekerja nonprosedural."
                    if a.status == "refused"
                    else "Dokumen lengkap.",
                    reason_code="non_procedural_work" if a.status == "refused" else "",
                    from_status="interview",
                    proposed_by=officer,
                    reviewed_by=supervisor,
                    reviewed_at=now,
                    in_force_at=now,
                )
                for a in saved
            ],
            batch_size=2000,
        )
    print(f"filled {rows:,} decided applications in {time.perf_counter() - started:.0f} s")


def _baseline(count: int) -> float:
    """The same exercises made case by case, each relation with its own queries."""
    from waspada.applications.models import PassportApplication
    from waspada.decisions.models import Decision
    from waspada.domain.training_anonymise import anonymise
    from waspada.interviews.models import InterviewAnswer
    from waspada.screening.models import RiskAssessment
    from waspada.training.cases import candidates

    started = time.perf_counter()
    for application_id in candidates(count, seed=99):
        application = PassportApplication.objects.get(pk=application_id)
        _ = application.applicant.nik, application.village.parent
        decision = Decision.objects.filter(application=application, state="in_force").first()
        latest = RiskAssessment.objects.filter(application=application).first()
        hits = list(latest.hits.all()) if latest else []
        answers = list(InterviewAnswer.objects.filter(session__application=application))
        anonymise(
            {
                "person": {
                    "full_name": application.full_name,
                    "nik": application.applicant.nik,
                    "phone": application.phone,
                    "address": application.address,
                },
                "parties": {"sponsor_name": application.sponsor_name},
                "interview": [{"question": a.question_code, "answer": a.answer} for a in answers],
                "evidence": [{"code": h.code, "text": h.evidence_id} for h in hits],
                "decision": {
                    "outcome": decision.outcome if decision else "",
                    "reason": decision.reason if decision else "",
                },
            },
            application_id,
        )
    return time.perf_counter() - started


def main() -> None:
    parser = arguments(__doc__ or "", rows=30_000)
    parser.add_argument("--exercises", type=int, default=500)
    args = parser.parse_args()
    scratch_database("bench_training", args.db)
    from django.test import Client
    from django.urls import reverse

    from waspada.applications.models import PassportApplication
    from waspada.core.models import User
    from waspada.training.cases import make_exercises
    from waspada.training.models import Exercise

    _fill(args.rows)
    started = time.perf_counter()
    made = make_exercises(args.exercises, seed=1)
    seconds = time.perf_counter() - started
    flagged = sum(1 for e in made if not e.benign)
    print(
        f"\n{len(made)} exercises ({flagged} flagged, {len(made) - flagged} look-alikes) from "
        f"{args.rows:,} decided applications: {seconds:.1f} s (target <= {TARGET_SECONDS:.0f} s)"
    )
    stored = json.dumps(
        list(Exercise.objects.values_list("case", "evidence", "reason")), ensure_ascii=False
    )
    leaks = 0
    for nik, phone in PassportApplication.objects.values_list("applicant__nik", "phone").iterator():
        leaks += (nik in stored) + (phone[3:] in stored)
    print(f"source NIKs or phone numbers found in the exercises: {leaks}")
    Exercise.objects.all().delete()
    baseline = _baseline(args.exercises)
    print(f"baseline (case by case, N+1 queries): {baseline:.1f} s")
    make_exercises(args.exercises, seed=1)

    client = Client()
    client.force_login(User.objects.get(username="wawancara1"))
    exercise_ids = list(Exercise.objects.values_list("id", flat=True)[:50])
    rotation = iter(exercise_ids * (args.repeat + 2))

    def page() -> object:
        response = client.get(reverse("training_exercise", args=[next(rotation)]))
        assert response.status_code == 200, response.status_code
        return response

    p50, p95 = percentiles(page, args.repeat)
    print(f"exercise page: p50 {p50:.0f} ms, p95 {p95:.0f} ms (target <= {TARGET_PAGE_MS:.0f} ms)")


if __name__ == "__main__":
    main()

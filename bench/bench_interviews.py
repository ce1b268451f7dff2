"""The interview list (/interviews/) on a demo-sized office: how fast is the page?

Builds a scratch SQLite database (the demo's engine) shaped like the demo after
`waspada demo --full-volume 2023`: N applications (33,000 by default) with their status
history, an interview for almost every one (about 12 answered questions each, a few
hundred still open) and the interviewers of the office, written with bulk inserts from
the synthetic name generator. It then times the real page through Django's test client
as an interviewer opens it (in progress, everyone; finished; mine; waiting longer than a
week) and, as the baseline, the queries the page ran before it was paginated (every open
session and the 50 newest finished ones, each with its answer counts over all answers).

    .venv/bin/python bench/bench_interviews.py [--rows 33000] [--repeat 20] [--db FILE]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Callable
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

SCENARIOS: list[tuple[str, dict[str, str]]] = [
    ("in progress (default)", {}),
    ("finished", {"state": "finished"}),
    ("all, page 100", {"state": "all", "page": "100"}),
    ("mine, all states", {"state": "all", "mine": "1"}),
    ("waiting > 7 days", {"waited": "7"}),
    ("waiting > 7 days, all states", {"state": "all", "waited": "7"}),
]
ANSWERS_PER_SESSION = 12
OPEN_SHARE = 0.01


def _fill(rows: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from waspada.applications.models import Applicant, PassportApplication, StatusChange
    from waspada.core.models import User
    from waspada.interviews.bank import bank_in_force
    from waspada.interviews.models import InterviewAnswer, InterviewSession
    from waspada.synthetic.names import make_name

    started = time.perf_counter()
    rng = random.Random(20230101)
    village, office = office_with_one_village()
    interviewers = [
        User.objects.create(
            username=f"wawancara{i}", first_name="Petugas", last_name=str(i), role="interviewer"
        )
        for i in range(8)
    ]
    bank = bank_in_force()
    questions = list(bank.data)[:ANSWERS_PER_SESSION]
    now = timezone.now()
    first_day = dt.date(2023, 1, 2)
    with transaction.atomic():
        applicants, applications = [], []
        for i in range(rows):
            sex = "P" if i % 2 else "L"
            birth = dt.date(1970, 1, 1) + dt.timedelta(days=i % 15000)
            name = make_name(rng, sex=sex, birth_year=birth.year)
            applicants.append(
                Applicant(
                    nik=f"3301{i:012d}",
                    full_name=name,
                    sex=sex,
                    birth_place="Cilacap",
                    birth_date=birth,
                    address="RT 01/RW 02",
                    village=village,
                )
            )
        Applicant.objects.bulk_create(applicants, batch_size=2000)
        for i, applicant in enumerate(Applicant.objects.order_by("id")):
            applications.append(
                application_of(
                    applicant,
                    i,
                    village,
                    office,
                    submitted_on=first_day + dt.timedelta(days=(i * 1000) // rows),
                    purpose="tourism",
                    destination_country="MY",
                    status="interview" if i % int(1 / OPEN_SHARE) == 0 else "issued",
                    documents=["ktp", "kk"],
                )
            )
        PassportApplication.objects.bulk_create(applications, batch_size=2000)
        changes, sessions = [], []
        for application in PassportApplication.objects.order_by("id").only(
            "id", "submitted_on", "status"
        ):
            day = dt.datetime.combine(application.submitted_on, dt.time(9), tzinfo=dt.UTC)
            screened = day + dt.timedelta(minutes=5)
            started_at = screened + dt.timedelta(days=rng.randint(0, 20))
            is_open = application.status == "interview"
            if is_open:
                started_at = now - dt.timedelta(days=rng.randint(0, 20))
            changes.append(
                StatusChange(
                    application=application,
                    from_status="submitted",
                    to_status="screening",
                    changed_at=screened,
                )
            )
            sessions.append(
                InterviewSession(
                    application=application,
                    kind="standard",
                    question_bank=bank,
                    interviewer=interviewers[application.pk % len(interviewers)],
                    started_at=started_at,
                    state="open" if is_open else "finished",
                    finished_at=None if is_open else started_at + dt.timedelta(minutes=25),
                )
            )
        StatusChange.objects.bulk_create(changes, batch_size=5000)
        InterviewSession.objects.bulk_create(sessions, batch_size=2000)
        answers = []
        for session_id in InterviewSession.objects.values_list("id", flat=True):
            for position, code in enumerate(questions):
                answers.append(
                    InterviewAnswer(
                        session_id=session_id,
                        position=position,
                        question_code=code,
                        question_text=code,
                        answer="Ya",
                    )
                )
            if len(answers) >= 20000:
                InterviewAnswer.objects.bulk_create(answers)
                answers = []
        InterviewAnswer.objects.bulk_create(answers)
    print(
        f"filled {rows:,} applications, {len(sessions):,} interviews, "
        f"{len(sessions) * len(questions):,} answers in {time.perf_counter() - started:.0f} s"
    )


def _baseline() -> None:
    """The page's queries before: every open session and the 50 newest finished ones,
    each annotated with its answer counts (a join and GROUP BY over all answers)."""
    from django.db.models import Count, Q

    from waspada.interviews.models import InterviewSession

    sessions = InterviewSession.objects.select_related(
        "interviewer", "application__applicant", "question_bank"
    ).annotate(answered=Count("answers", filter=~Q(answers__answer="")), questions=Count("answers"))
    list(sessions.filter(state="open").order_by("started_at", "pk")[:200])
    list(sessions.filter(state="finished").order_by("-finished_at", "-pk")[:50])


def main() -> None:
    parser = arguments(__doc__ or "", rows=33_000)
    args = parser.parse_args()
    scratch_database("bench_interviews", args.db)
    from django.test import Client
    from django.urls import reverse

    from waspada.core.models import User

    _fill(args.rows)
    client = Client()
    client.force_login(User.objects.get(username="wawancara1"))

    def page(params: dict[str, str]) -> Callable[[], object]:
        def get() -> object:
            response = client.get(reverse("interview_list"), params)
            assert response.status_code == 200, response.status_code
            return response

        return get

    print(
        f"\nInterview list, {args.rows:,} applications on SQLite, {args.repeat} requests each (ms):"
    )
    print(f"{'scenario':<28} {'p50':>8} {'p95':>8}")
    for label, params in SCENARIOS:
        p50, p95 = percentiles(page(params), args.repeat)
        print(f"{label:<28} {p50:>8.0f} {p95:>8.0f}")
    p50, p95 = percentiles(_baseline, 3)
    print(f"{'baseline: the old queries':<28} {p50:>8.0f} {p95:>8.0f}")


if __name__ == "__main__":
    main()

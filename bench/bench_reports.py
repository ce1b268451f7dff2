"""Reports dashboard on PostgreSQL with 1,000,000 applications: how fast are the figures?

Fills a scratch database with the application list benchmark's 1,000,000 applications
(`bench_application_list.FILL_SQL`, 2023-01-01 to 2025-09-26), then in SQL gives them a
risk assessment, an interview (deep for the high-risk ones), a decision matching their
status (issued, deferred, refused, cancelled), and a detection run whose risky rings hold
the high-risk applicants. It then times:

- the dashboard page (the real view through Django's test client) for the year 2023, a
  quarter and a month, with its number of queries;
- the same figures computed naively, the way a script would: fetching the period's rows
  into Python and counting in loops (the baseline), checked to give the same numbers;
- the annual report for publication as PDF and XLSX.

    .venv/bin/python bench/bench_reports.py [--rows 1000000] [--url postgres://...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

RISK_SQL = """
UPDATE applications_passportapplication SET
  risk_level = CASE WHEN id % 60 = 0 THEN 'high' WHEN id % 25 = 0 THEN 'medium' ELSE 'low' END,
  risk_action = CASE WHEN id % 60 = 0 THEN 'deep_interview' ELSE 'standard' END,
  risk_score = CASE WHEN id % 60 = 0 THEN 80 WHEN id % 25 = 0 THEN 45 ELSE 5 END,
  risk_indicators = CASE
    WHEN id % 60 = 0
      THEN (ARRAY['D01;D04;D22', 'D02;D20;D21', 'D06;D19', 'D07;D22;D04'])[1 + (id / 60) % 4]
    WHEN id % 25 = 0 THEN (ARRAY['D01;D22', 'D28', 'D15', 'D09'])[1 + (id / 25) % 4]
    ELSE '' END,
  status = CASE
    WHEN id % 60 = 0 AND (id / 60) % 10 < 2 THEN 'refused'
    WHEN id % 60 = 0 AND (id / 60) % 10 < 5 THEN 'deferred'
    WHEN id % 997 = 0 THEN 'cancelled'
    ELSE status END;
"""
# The moment of a step: the day of application at 09:00 in Jakarta, plus some minutes.
MOMENT = (
    "((a.submitted_on + time '09:00') AT TIME ZONE 'Asia/Jakarta'"
    " + (a.id % 300) * interval '1 minute' + {delay})"
)


def _insert_select(model: Any, expressions: dict[str, str], source: str) -> int:
    """INSERT INTO the model's table SELECT the given SQL per column FROM `source`; the
    other columns get the model's defaults (so new fields with defaults need no change)."""
    from django.db import connection

    columns, values, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(f'"{field.column}"')
        if field.column in expressions:
            values.append(expressions[field.column].replace("%", "%%"))  # SQL modulo
        else:
            values.append("%s")
            default = (
                field.get_default() if field.has_default() else ("" if not field.null else None)
            )
            params.append(field.get_db_prep_save(default, connection))
    sql = (
        f'INSERT INTO "{model._meta.db_table}" ({", ".join(columns)}) '
        f"SELECT {', '.join(values)} FROM {source.replace('%', '%%')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _fill_history() -> None:
    from django.db import connection
    from django.utils import timezone

    from waspada.core.models import User
    from waspada.decisions.models import Decision
    from waspada.interviews.bank import bank_in_force
    from waspada.interviews.models import InterviewSession
    from waspada.networks.models import DetectionRun, RingCluster, RingMembership

    started = time.perf_counter()
    officers = [
        User.objects.create(username=f"officer{n}", full_name=f"Petugas {n}", role="interviewer")
        for n in range(4)
    ]
    boss = User.objects.create(username="boss", full_name="Kepala Seksi", role="supervisor")
    bank = bank_in_force()
    ids = "ARRAY[" + ",".join(str(u.pk) for u in officers) + "]"
    with connection.cursor() as cursor:
        cursor.execute(RISK_SQL)
    sessions = _insert_select(
        InterviewSession,
        {
            "application_id": "a.id",
            "kind": "CASE WHEN a.risk_action = 'deep_interview' THEN 'deep' ELSE 'standard' END",
            "question_bank_id": str(bank.pk),
            "interviewer_id": f"({ids})[1 + a.id % 4]",
            "started_at": MOMENT.format(delay="interval '0 minutes'"),
            "finished_at": MOMENT.format(delay="interval '15 minutes'"),
            "state": "'finished'",
        },
        "applications_passportapplication a WHERE a.status NOT IN ('submitted', 'screening')",
    )
    decisions = _insert_select(
        Decision,
        {
            "application_id": "a.id",
            "outcome": "CASE a.status WHEN 'issued' THEN 'issue' WHEN 'deferred' THEN 'defer' "
            "WHEN 'refused' THEN 'refuse' ELSE 'cancel' END",
            "state": "'in_force'",
            "reason": "'bench'",
            "reason_code": "CASE a.status WHEN 'refused' THEN (ARRAY['non_procedural_work', "
            "'false_statements', 'documents_not_completed', 'trafficking_suspected'])"
            "[1 + a.id % 4] WHEN 'cancelled' THEN 'withdrawn_by_applicant' ELSE '' END",
            "from_status": "'interview'",
            "risk_level": "a.risk_level",
            "needs_sign_off": "a.status <> 'issued'",
            "proposed_by_id": f"({ids})[1 + a.id % 4]",
            "proposed_at": MOMENT.format(delay="interval '20 minutes'"),
            "reviewed_by_id": f"CASE WHEN a.status = 'issued' THEN NULL ELSE {boss.pk} END",
            "reviewed_at": f"CASE WHEN a.status = 'issued' THEN NULL ELSE "
            f"{MOMENT.format(delay=chr(39) + '1 day' + chr(39) + '::interval')} END",
            "in_force_at": f"CASE WHEN a.status = 'issued' THEN "
            f"{MOMENT.format(delay=chr(39) + '20 minutes' + chr(39) + '::interval')} ELSE "
            f"{MOMENT.format(delay=chr(39) + '1 day' + chr(39) + '::interval')} END",
        },
        "applications_passportapplication a "
        "WHERE a.status IN ('issued', 'deferred', 'refused', 'cancelled')",
    )
    # The latest detection run: 3,000 rings, a third risky, holding the high-risk applicants.
    run = DetectionRun.objects.create(
        state="done", started_at=timezone.now(), finished_at=timezone.now()
    )
    first = dt.date(2023, 1, 1)
    RingCluster.objects.bulk_create(
        RingCluster(
            run=run,
            size=5,
            score=80 if n % 3 == 0 else 30,
            risky=n % 3 == 0,
            summary="bench",
            first_submitted=first + dt.timedelta(days=n % 990),
            last_submitted=first + dt.timedelta(days=n % 990 + 20),
        )
        for n in range(3000)
    )
    lowest = RingCluster.objects.filter(run=run).order_by("pk").values_list("pk", flat=True)[0]
    members = _insert_select(
        RingMembership,
        {
            "cluster_id": f"{lowest} + (a.id / 60) % 3000",
            "application_id": "a.id",
            "link_types": "'phone'",
        },
        "applications_passportapplication a WHERE a.id % 60 = 0",
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"history: {sessions:,} interviews, {decisions:,} decisions, {members:,} ring members "
        f"in {time.perf_counter() - started:.0f} s"
    )


def _naive(period: Any) -> dict[str, Any]:
    """The dashboard's figures the way a quick script would get them: every row of the
    period fetched into Python and counted in loops (the baseline). Covers the headlines,
    applications by each dimension, decisions by regency and month, deep interviews and
    indicators: most of what the dashboard shows."""
    from waspada.applications.models import PassportApplication
    from waspada.applications.queries import AGE_BANDS
    from waspada.decisions.models import Decision
    from waspada.interviews.models import InterviewSession

    start, end = period.start, period.end
    counts: Counter[tuple[str, str]] = Counter()
    rows = (
        PassportApplication.objects.filter(submitted_on__gte=start, submitted_on__lte=end)
        .values_list(
            "regency_code",
            "district_code",
            "purpose",
            "destination_country",
            "applicant__sex",
            "applicant__birth_date",
            "submitted_on",
            "risk_indicators",
        )
        .iterator(chunk_size=5000)
    )
    for regency, district, purpose, destination, sex, born, submitted, found in rows:
        counts["applications", ""] += 1
        for name, value in (
            ("regency", regency),
            ("district", district),
            ("purpose", purpose),
            ("destination", destination),
            ("sex", sex),
        ):
            counts[name, value] += 1
        age = (
            submitted.year - born.year - ((submitted.month, submitted.day) < (born.month, born.day))
        )
        band = next(
            k for k, (lo, hi) in AGE_BANDS.items() if lo <= age and (hi is None or age <= hi)
        )
        counts["age", band] += 1
        for code in found.split(";"):
            if code:
                counts["indicator", code] += 1
    outcomes: dict[tuple[str, str], set[int]] = {}
    decisions = Decision.objects.filter(state="in_force").values_list(
        "outcome", "application_id", "in_force_at", "application__regency_code"
    )
    for outcome, application, moment, regency in decisions.iterator(chunk_size=5000):
        day = moment.astimezone().date()
        if start <= day <= end:
            for key in ((outcome, ""), (outcome, regency), (outcome, f"month {day.month}")):
                outcomes.setdefault(key, set()).add(application)
    deep = {
        application
        for kind, application, moment in InterviewSession.objects.values_list(
            "kind", "application_id", "started_at"
        ).iterator(chunk_size=5000)
        if kind == "deep" and start <= moment.astimezone().date() <= end
    }
    figures: dict[str, Any] = {"counts": counts, "deep": len(deep)}
    figures.update({f"{o} {k}".strip(): len(apps) for (o, k), apps in outcomes.items()})
    return figures


def _time_dashboard(params: dict[str, str], repeat: int) -> tuple[float, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from waspada.core.models import User

    user, _ = User.objects.get_or_create(username="bench-head", defaults={"role": "head_of_office"})
    client = Client()
    client.force_login(user)
    timings = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(reverse("report_dashboard"), params)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        queries = len(captured)
    return statistics.median(timings) * 1000, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/waspada_bench_reports")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.settings_test")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    from bench_application_list import _prepare_database

    from waspada.domain import periods
    from waspada.reports.dashboard import build
    from waspada.reports.document import build_document
    from waspada.reports.exports import write_pdf, write_xlsx

    _prepare_database(args.url, args.rows)
    _fill_history()

    scenarios = [
        ("year 2023", {"period": "year", "year": "2023"}),
        ("quarter 2024 Q2", {"period": "quarter", "year": "2024", "quarter": "2"}),
        ("month 2023-03", {"period": "month", "year": "2023", "month": "3"}),
    ]
    results = {label: _time_dashboard(params, args.repeat) for label, params in scenarios}

    year = periods.year(2023)
    started = time.perf_counter()
    naive = _naive(year)
    naive_ms = (time.perf_counter() - started) * 1000
    board = build(year)
    headlines = board.totals.headlines
    # The baseline and the dashboard agree.
    counts = naive["counts"]
    assert counts["applications", ""] == headlines["applications"].current.value
    assert naive.get("refuse", 0) == headlines["refused"].current.value
    assert naive.get("defer", 0) == headlines["deferred"].current.value
    assert naive["deep"] == headlines["deep_interviews"].current.value
    for table in board.breakdowns:
        name = {"age_band": "age"}.get(table.key, table.key)
        assert {r.key: r.value("applications") for r in table.rows} == {
            value: n for (kind, value), n in counts.items() if kind == name
        }, table.key

    timings = {}
    for fmt, writer in (("pdf", write_pdf), ("xlsx", write_xlsx)):
        started = time.perf_counter()
        document = build_document(year, publication=True)
        out = Path(f"/tmp/bench-report-2023.{fmt}")
        writer(document, out)
        timings[fmt] = time.perf_counter() - started

    print(
        f"\nReports dashboard, {args.rows:,} applications on PostgreSQL "
        f"(median of {args.repeat} requests, whole page):"
    )
    print(f"{'period':<18} {'ms':>8} {'queries':>8}")
    for label, (ms, queries) in results.items():
        print(f"{label:<18} {ms:>8.0f} {queries:>8}")
    print(
        f"\nyear 2023: {headlines['applications'].current.value:,} applications, "
        f"{headlines['refused'].current.value:,} refusals, "
        f"{headlines['deferred'].current.value:,} deferrals, "
        f"{headlines['deep_interviews'].current.value:,} deep interviews"
    )
    print(
        f"baseline (the period's rows fetched and counted in Python, most figures): "
        f"{naive_ms:,.0f} ms; dashboard (all figures, SQL): {results['year 2023'][0]:,.0f} ms"
    )
    print(
        f"annual report for publication: PDF {timings['pdf']:.1f} s, XLSX {timings['xlsx']:.1f} s"
    )


if __name__ == "__main__":
    main()

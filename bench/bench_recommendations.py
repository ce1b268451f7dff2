"""D03 at intake with 1,000,000 registered Disnaker recommendations on PostgreSQL: how long
does verifying one application's recommendation take?

Creates a scratch database, fills the registers of the office's five Disnaker agencies
with N recommendations in SQL (fast), then times the screening fact provider's lookup
(`waspada.partners.recommendations.verdicts`, the queries screening runs for one
application at the counter) for applications naming a registered and consistent number,
a registered number for another person, and an unknown number. The baseline is the same
lookups with the register's number index dropped, i.e. what a sequential scan costs.

    .venv/bin/python bench/bench_recommendations.py [--rows 1000000] [--url postgres://...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REGENCIES = ("33.01", "33.02", "33.03", "33.04", "33.05")

# Recommendation `i` of the register, its agency aside (bench/api/verification_lookup.py
# fills the same rows).
INSERT_SQL = """
INSERT INTO partners_recommendation
    (agency_id, number, number_key, issued_on, nik, full_name, destination_country,
     employer_name, p3mi_name, p3mi_license_no, valid_until, status, revoked_reason,
     created_at, updated_at)
"""
VALUES_SQL = """
       '562/' || lpad(i::text, 7, '0') || '/REKOM/' || (2020 + i % 7)::text,
       '562/' || lpad(i::text, 7, '0') || '/REKOM/' || (2020 + i % 7)::text,
       date '2020-01-01' + (i % 2500), '33' || lpad(i::text, 14, '0'),
       'Pekerja ' || i::text || ' Migran', (ARRAY['MY','TW','HK','SG','JP','KR','SA'])[1 + i % 7],
       'Employer ' || (i % 5000)::text, 'PT Penempatan ' || (i % 300)::text,
       'KEP.' || (i % 300)::text || '/SIP3MI/2024', date '2020-01-01' + (i % 2500) + 180,
       CASE WHEN i % 50 = 0 THEN 'revoked' ELSE 'issued' END, '', now(), now()
"""
FILL_SQL = (
    INSERT_SQL
    + "SELECT a.ids[1 + i % 5],"
    + VALUES_SQL
    + """FROM generate_series(1, %(rows)s) AS i,
     (SELECT array_agg(id ORDER BY regency_code) AS ids FROM partners_agency) AS a;
ANALYZE;
"""
)


def _prepare_database(url: str, rows: int) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    admin = psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
    admin.execute(f'CREATE DATABASE "{config["NAME"]}"')
    admin.close()

    from django.core.management import call_command
    from django.db import connection

    from waspada.partners.models import Agency, AgencyKind

    call_command("migrate", verbosity=0)
    for code in REGENCIES:
        Agency.objects.create(name=f"Disnaker {code}", kind=AgencyKind.DISNAKER, regency_code=code)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(FILL_SQL.replace("%(rows)s", str(int(rows))))
    print(f"registered {rows:,} recommendations in {time.perf_counter() - started:.0f} s")


def _application(i: int, kind: str, rows: int) -> Any:
    """An unsaved application at the counter naming recommendation `i` (consistent, for
    another person, or a number nobody issued)."""
    from waspada.applications.models import Applicant, PassportApplication

    regency = REGENCIES[i % 5]
    number = f"562/{i:07d}/REKOM/{2020 + i % 7}"
    nik = f"33{i:014d}"
    name = f"Pekerja {i} Migran"
    if kind == "other person":
        nik, name = "3301014101900001", "Siti Aminah"
    elif kind == "unknown":
        number = f"562/{rows + i:07d}/REKOM/2026"
    applicant = Applicant(pk=i, nik=nik, full_name=name)
    app = PassportApplication(
        pk=i,
        application_no=f"CLP-{i}",
        applicant=applicant,
        full_name=name,
        regency_code=regency,
        destination_country=("MY", "TW", "HK", "SG", "JP", "KR", "SA")[i % 7],
        disnaker_recommendation_no=number,
        recruiter_name="",
        recruiter_license_no="",
        submitted_on=dt.date(2020, 1, 1) + dt.timedelta(days=i % 2500 + 30),
    )
    return app


def _time_lookups(count: int, rows: int, seed: int) -> dict[str, list[float]]:
    from waspada.partners.recommendations import verdicts

    rng = random.Random(seed)
    timings: dict[str, list[float]] = {"consistent": [], "other person": [], "unknown": []}
    for _ in range(count):
        for kind in timings:
            i = rng.randrange(1, rows)
            if kind == "consistent" and i % 50 == 0:
                i += 1  # not a revoked one
            app = _application(i, kind, rows)
            started = time.perf_counter()
            verdict = verdicts([app])[app.pk]
            timings[kind].append((time.perf_counter() - started) * 1000)
            facts = {type(f).__name__ for f in verdict.facts}
            expected = {"consistent": {"Note"}, "other person": {"Reason"}, "unknown": {"Note"}}
            assert facts == expected[kind], (kind, verdict.facts)
    return timings


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=300, help="per kind, indexed")
    parser.add_argument("--baseline-lookups", type=int, default=20, help="per kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse", action="store_true", help="time the database a previous run filled"
    )
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/waspada_bench_rekom")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.settings_test")
    import django

    django.setup()
    from django.db import connection

    if not args.reuse:
        _prepare_database(args.url, args.rows)
    _time_lookups(5, args.rows, args.seed + 1)  # warm the connection and the caches
    indexed = _time_lookups(args.lookups, args.rows, args.seed)
    with connection.cursor() as cursor:
        cursor.execute('DROP INDEX IF EXISTS "recommendation_key_idx"')
        cursor.execute("ANALYZE")
    baseline = _time_lookups(args.baseline_lookups, args.rows, args.seed)
    with connection.cursor() as cursor:  # as it was, for --reuse
        cursor.execute(
            'CREATE INDEX "recommendation_key_idx" ON partners_recommendation (number_key)'
        )

    every = [t for values in indexed.values() for t in values]
    print(
        f"\nD03 verification at intake, {args.rows:,} registered recommendations on "
        "PostgreSQL (ms per application: the provider's queries and comparison)"
    )
    print(
        f"{'application names':<22} {'p50':>8} {'p95':>8} {'baseline p50':>14} {'baseline p95':>14}"
    )
    for kind, values in indexed.items():
        print(
            f"{kind:<22} {statistics.median(values):>8.2f} {_p95(values):>8.2f} "
            f"{statistics.median(baseline[kind]):>14.1f} {_p95(baseline[kind]):>14.1f}"
        )
    target = "met" if _p95(every) <= 20 else "NOT met"
    print(
        f"all lookups: p95 {_p95(every):.2f} ms (target 20 ms: {target}); "
        "baseline: the same without the index on the number"
    )


if __name__ == "__main__":
    main()

"""Application list on PostgreSQL with 1,000,000 applications: how fast is a search?

Creates a scratch database, fills it with N synthetic applicants and applications in
SQL (fast), then times the list page (the real view, through Django's test client)
for the searches and filters an officer uses. The baseline is the same requests with
the list's indexes dropped, i.e. what sequential scans would cost.

    .venv/bin/python bench/bench_application_list.py [--rows 1000000] [--url postgres://...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCENARIOS: list[tuple[str, dict[str, str]]] = [
    ("newest first, no filter", {}),
    ("name fragment 'wahyu'", {"q": "wahyu"}),
    ("NIK", {"q": "NIK"}),
    ("application number", {"q": "APPNO"}),
    ("phone 0812...", {"q": "PHONE"}),
    ("status + purpose", {"status": "submitted", "purpose": "work"}),
    ("regency + month", {"regency": "33.02", "date_from": "2024-03-01", "date_to": "2024-03-31"}),
    ("destination, sorted by name", {"destination": "SA", "sort": "name"}),
    ("page 200", {"page": "200"}),
]

FILL_SQL = """
WITH villages AS (
    SELECT array_agg(code ORDER BY code) AS codes FROM regions_region
    WHERE level = 'village' AND substr(code, 1, 5) IN ('33.01','33.02','33.03','33.04','33.05')
), people AS (
    SELECT i,
           (ARRAY['Siti','Sri','Dwi','Tri','Eko','Joko','Budi','Agus','Slamet','Wahyu',
                  'Endang','Rini','Yuni','Ratna','Muhammad','Ahmad','Nur','Fatimah','Aisyah',
                  'Sugeng'])[1 + i % 20] AS first,
           (ARRAY['Rahayu','Wahyuni','Santoso','Setiawan','Purnomo','Hidayat','Lestari',
                  'Susanti','Prasetyo','Kurniawan','Saputra','Handayani','Nugroho','Utami',
                  'Wibowo'])[1 + (i / 20) % 15] AS last
    FROM generate_series(1, %(rows)s) AS i
)
INSERT INTO applications_applicant
    (nik, full_name, sex, birth_place, birth_date, phone, address, village_id, education,
     occupation, marital_status, created_at, updated_at, name_key, birth_place_key)
SELECT '33' || lpad(i::text, 14, '0'), first || ' ' || last || ' ' || i::text,
       CASE WHEN i % 2 = 0 THEN 'P' ELSE 'L' END, 'Cilacap',
       date '1970-01-01' + (i % 15000), '+62812' || lpad(i::text, 8, '0'), 'RT 01/RW 02',
       v.codes[1 + i % array_length(v.codes, 1)], 'SMA', 'Petani', 'Kawin', now(), now(),
       -- The identity keys (names.name_key, names.normalize_place): letters, lower case.
       lower(first || last), 'cilacap'
FROM people, villages AS v;

INSERT INTO applications_passportapplication
    (application_no, applicant_id, office_id, submitted_on, application_type, purpose,
     destination_country, return_ticket, itinerary, funds_source, sponsor_name, sponsor_phone,
     sponsor_relation, sponsor_address, employer_name, recruiter_name, recruiter_license_no,
     disnaker_recommendation_no, companion_name, companion_phone, companion_relation,
     previous_passport_no, documents, status, regency_code, district_code, created_at, updated_at,
     version, risk_level, risk_action, risk_indicators, full_name, sex, birth_place, birth_date,
     phone, address, village_id, education, occupation, marital_status)
SELECT 'CLP-' || lpad(a.id::text, 8, '0'), a.id, (SELECT min(id) FROM regions_office),
       date '2023-01-01' + (a.id % 1000)::int, 'new',
       (ARRAY['tourism','umrah','work','tourism','umrah','seafarer','family_visit',
              'study'])[1 + a.id % 8],
       (ARRAY['MY','SA','TW','HK','SG','JP','KR','TR'])[1 + (a.id / 8) % 8], 'unknown',
       '', '', '', '', '', '', '', '', '', '', '', '', '', '', '["ktp","kk"]'::jsonb,
       (ARRAY['submitted','screening','interview','issued','issued','issued'])[1 + a.id % 6],
       substr(a.village_id, 1, 5), substr(a.village_id, 1, 8), now(), now(), 0, '', '', '',
       a.full_name, a.sex, a.birth_place, a.birth_date, a.phone, a.address, a.village_id,
       a.education, a.occupation, a.marital_status
FROM applications_applicant a;
ANALYZE;
"""

LIST_INDEXES = [
    "app_submitted_idx",
    "app_status_idx",
    "app_purpose_idx",
    "app_dest_idx",
    "app_regency_idx",
    "app_district_idx",
    "applicant_name_trgm_idx",
]


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

    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(FILL_SQL.replace("%(rows)s", str(int(rows))))
    print(f"filled {rows:,} applicants and applications in {time.perf_counter() - started:.0f} s")


def _time_scenarios(repeat: int) -> dict[str, float]:
    from django.test import Client
    from django.urls import reverse

    from waspada.applications.models import PassportApplication
    from waspada.core.models import User

    sample = PassportApplication.objects.select_related("applicant").order_by("id")[
        PassportApplication.objects.count() // 2
    ]
    replace = {
        "NIK": sample.applicant.nik,
        "APPNO": sample.application_no,
        "PHONE": "0" + sample.applicant.phone[3:],
    }
    user, _ = User.objects.get_or_create(username="bench", defaults={"role": "interviewer"})
    client = Client()
    client.force_login(user)
    results: dict[str, float] = {}
    for label, params in SCENARIOS:
        query = {k: replace.get(v, v) for k, v in params.items()}
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(reverse("application_list"), query)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200, (label, response.status_code)
        results[label] = statistics.median(timings) * 1000
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/waspada_bench_list")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.settings_test")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.db import connection

    _prepare_database(args.url, args.rows)
    with_indexes = _time_scenarios(args.repeat)
    with connection.cursor() as cursor:
        for name in LIST_INDEXES:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        cursor.execute("ANALYZE")
    without = _time_scenarios(args.repeat)

    print(
        f"\nApplication list, {args.rows:,} applications on PostgreSQL, median of "
        f"{args.repeat} requests (ms, whole page incl. count):"
    )
    print(f"{'scenario':<32} {'indexed':>10} {'baseline: no indexes':>22}")
    for label, _params in SCENARIOS:
        print(f"{label:<32} {with_indexes[label]:>10.0f} {without[label]:>22.0f}")


if __name__ == "__main__":
    main()

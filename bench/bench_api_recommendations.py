"""Registering Disnaker recommendations through the partner API: how many per second?

Builds a scratch SQLite database, a Disnaker agency and its API key, then registers N
recommendations by `POST /api/v1/recommendations` in batches (the whole stack: the API's
middleware, the key, validation, the register's import, the audit trail), through Django's
in-process client (no network). Printed beside it, on the same kind of rows in fresh
numbers: the baseline the API reuses, the file import (`import_recommendations` from a CSV
file, as `waspada import-recommendations` runs it), and one recommendation per call.

    .venv/bin/python bench/bench_api_recommendations.py [--rows 20000] [--batch 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTRIES = ("MY", "TW", "HK", "SG", "JP", "KR", "SA")


def _row(i: int, series: str) -> dict[str, str]:
    return {
        "recommendation_no": f"562/{series}{i:07d}/REKOM/2026",
        "issued_on": "2026-01-05",
        "nik": f"33{i:014d}",
        "full_name": f"Pekerja {i} Migran",
        "destination_country": COUNTRIES[i % len(COUNTRIES)],
        "employer_name": f"Employer {i % 500}",
        "p3mi_name": f"PT Penempatan {i % 300}",
        "p3mi_license_no": f"KEP.{i % 300}/SIP3MI/2024",
        "valid_until": "2026-07-05",
        "status": "issued",
    }


def _post(client: Any, key: str, body: Any) -> None:
    answer = client.post(
        "/api/v1/recommendations",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert answer.status_code == 200, answer.content[:500]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--single", type=int, default=300, help="one-per-call baseline rows")
    args = parser.parse_args()
    path = os.path.join(tempfile.mkdtemp(), "bench_api.sqlite3")
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.settings_test")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["WASPADA_API_REQUESTS_PER_MINUTE"] = "1000000"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from waspada.api import keys
    from waspada.partners import recommendations as rec
    from waspada.partners.models import Agency, AgencyKind, Recommendation

    call_command("migrate", verbosity=0)
    disnaker = Agency.objects.create(name="Disnaker Cilacap", kind=AgencyKind.DISNAKER)
    _client, key = keys.create_client(
        disnaker, name="bench", scopes=["recommendations:write"], acting_user=None
    )
    client = Client()

    started = time.perf_counter()
    for start in range(0, args.rows, args.batch):
        _post(client, key, [_row(i, "A") for i in range(start, min(args.rows, start + args.batch))])
    api_seconds = time.perf_counter() - started
    assert Recommendation.objects.count() == args.rows

    csv_path = Path(path).with_suffix(".csv")
    lines = [",".join(rec.COLUMNS)]
    lines += [",".join(_row(i, "B")[c] for c in rec.COLUMNS) for i in range(args.rows)]
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    outcome = rec.import_recommendations(
        csv_path, filename=csv_path.name, agency_name=disnaker.name
    )
    file_seconds = time.perf_counter() - started
    assert outcome.ok and outcome.created == args.rows, outcome.failure

    started = time.perf_counter()
    for i in range(args.single):
        _post(client, key, _row(i, "C"))
    single_seconds = time.perf_counter() - started

    print(f"\nRegistering Disnaker recommendations, SQLite, {args.rows:,} rows:")
    print(
        f"  API, batches of {args.batch:,}:  {args.rows / api_seconds:>8,.0f} /s "
        f"({api_seconds:.1f} s)"
    )
    print(
        f"  baseline, file import:     {args.rows / file_seconds:>8,.0f} /s "
        f"({file_seconds:.1f} s, same rows as one CSV file)"
    )
    print(
        f"  baseline, one per call:    {args.single / single_seconds:>8,.0f} /s "
        f"({args.single} calls in {single_seconds:.1f} s)"
    )
    print("  target: >= 1,000 /s in batches")


if __name__ == "__main__":
    main()

"""Import benchmark: N rows of the exchange format into a fresh SQLite database.

    .venv/bin/python bench/bench_import.py [--rows 100000] [--baseline 2000]

Generates valid rows (real Cilacap village codes, NIKs consistent with district, birth
date and sex), imports them with `importing.import_file`, imports the same file again
(every row unchanged), and compares with the single-record path
(`services.register_application`, one application at a time) on a sample, extrapolated.
Every new or changed row is also screened (risk assessment) as part of the import, so
the figure is import + screening end to end. Targets: 100,000 rows imported in under
2 minutes, imported and screened in under 3 minutes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PURPOSES = ["tourism"] * 5 + ["umrah"] * 3 + ["work"] * 2 + ["family_visit", "study", "seafarer"]
DESTINATIONS = ["MY", "SA", "SG", "HK", "TW", "JP", "KR", "AE", "QA", "TR"]
FIRST = ["Siti", "Sri", "Dewi", "Nur", "Agus", "Budi", "Eko", "Joko", "Slamet", "Wahyu", "Tri"]
LAST = ["Aminah", "Rahayu", "Lestari", "Hidayat", "Santoso", "Prasetyo", "Susanto", "Wati", ""]


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-0123456789")
    os.environ["DJANGO_SETTINGS_MODULE"] = "waspada.settings"
    os.environ.setdefault("WASPADA_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def generate(path: Path, count: int, villages: list[str], seed: int, prefix: str) -> None:
    """Write `count` valid exchange rows to a CSV file."""
    from waspada.applications.exchange import COLUMNS

    rng = random.Random(seed)
    serials: Counter[str] = Counter()
    start = dt.date(1960, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for number in range(1, count + 1):
            village = rng.choice(villages)
            born = start + dt.timedelta(days=rng.randrange(16_000))
            sex = rng.choice("LP")
            day = born.day + (40 if sex == "P" else 0)
            stem = f"{village[:8].replace('.', '')}{day:02d}{born:%m%y}"
            serials[stem] += 1
            purpose = rng.choice(PURPOSES)
            documents = ["ktp", "kk", "akta_lahir"]
            if purpose == "work":
                documents += ["rekomendasi_disnaker", "sarkes"]
            writer.writerow(
                {
                    "application_no": f"{prefix}-{number:07d}",
                    "submitted_on": (
                        dt.date(2025, 1, 1) + dt.timedelta(days=number % 300)
                    ).isoformat(),
                    "nik": f"{stem}{serials[stem]:04d}",
                    "full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}".strip(),
                    "sex": sex,
                    "birth_place": "Cilacap",
                    "birth_date": born.isoformat(),
                    "phone": f"0812{rng.randrange(10**8):08d}",
                    "address": f"RT {rng.randrange(1, 15):02d}/RW {rng.randrange(1, 9):02d}",
                    "village_code": village,
                    "purpose": purpose,
                    "destination_country": rng.choice(DESTINATIONS),
                    "occupation": rng.choice(["Petani", "Buruh", "Ibu rumah tangga", ""]),
                    "education": rng.choice(["SD", "SMP", "SMA", ""]),
                    "return_ticket": rng.choice(["yes", "no", "unknown"]),
                    "sponsor_name": rng.choice(["", "PT Maju Jaya", "H. Ahmad"]),
                    "sponsor_phone": rng.choice(["", f"0857{rng.randrange(10**8):08d}"]),
                    "documents": ";".join(documents),
                }
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=2_000, help="rows for the baseline")
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="waspada-bench-"))
    setup_django(workdir / "bench.sqlite3")
    try:
        run(args, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: Path) -> None:

    from django.core.management import call_command

    from waspada.applications import services
    from waspada.applications.exchange import parse_row, read_csv
    from waspada.applications.importing import import_file
    from waspada.applications.models import PassportApplication
    from waspada.regions.models import Level, Region
    from waspada.regions.services import ensure_office, load_regions

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_regions()
    print(
        f"database: {workdir / 'bench.sqlite3'} (migrated, regions loaded in "
        f"{time.perf_counter() - started:.1f} s)"
    )
    villages = list(
        Region.objects.filter(level=Level.VILLAGE, code__startswith="33.01.").values_list(
            "code", flat=True
        )
    )
    source = workdir / "applications.csv"
    generate(source, args.rows, villages, seed=1, prefix="CLP")
    size = source.stat().st_size / 1e6
    print(f"file: {args.rows:,} rows, {size:.1f} MB, {len(villages)} Cilacap villages")

    def timed_import(label: str) -> float:
        began = time.perf_counter()
        report = import_file(source, filename=source.name, acting_user=None)
        seconds = time.perf_counter() - began
        assert report.ok and report.errors == 0, report.row_errors[:5]
        print(
            f"{label}: {report.rows:,} rows in {seconds:.1f} s = {report.rows / seconds:,.0f} "
            f"rows/s (created {report.created:,}, updated {report.updated:,}, "
            f"unchanged {report.unchanged:,})"
        )
        return seconds

    first = timed_import("import_file, new rows      ")
    timed_import("import_file, same file again")
    assert PassportApplication.objects.count() == args.rows

    # Baseline: the intake form's path, one application per transaction.
    sample = workdir / "sample.csv"
    generate(sample, args.baseline, villages, seed=2, prefix="ONE")
    pairs = []
    for raw in read_csv(sample).rows():
        result = parse_row(raw.number, raw.values)
        assert isinstance(result, tuple), result
        pairs.append(result)
    office = ensure_office()
    began = time.perf_counter()
    for applicant, application in pairs:
        services.register_application(
            applicant, application, office=office, acting_user=None, source="bench"
        )
    seconds = time.perf_counter() - began
    rate = len(pairs) / seconds
    print(
        f"baseline register_application: {len(pairs):,} rows in {seconds:.1f} s = "
        f"{rate:,.0f} rows/s; {args.rows:,} rows would take ~{args.rows / rate:.0f} s "
        f"({args.rows / rate / first:.1f}x the bulk import)"
    )


if __name__ == "__main__":
    main()

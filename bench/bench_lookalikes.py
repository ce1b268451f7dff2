"""Hostile import: N applicants who all share one birth date and one birth place.

    .venv/bin/python bench/bench_lookalikes.py [--rows 100000] [--baseline 2000]

A fresh SQLite database (migrated, regions loaded) receives a file of the application
exchange format in which every applicant was born in Cilacap on the same day, with names
drawn from a handful of common ones - the worst case for finding one person under two
NIKs. It is imported with the real `waspada import-applications` command (import +
screening, identity duplicates included); the script prints the wall time and the
command's peak memory. Target: <= 5 minutes and <= 2 GB for 100,000 rows.

Baseline: the pair-by-pair comparison that identity duplicates used before candidate
generation was bounded, timed on `--baseline` look-alikes and extrapolated (it grows with
the square of the crowd).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WASPADA = str(Path(sys.executable).parent / "waspada")
BORN = dt.date(1998, 8, 17)
FIRST = ["Siti", "Sri", "Dewi", "Nur", "Tri", "Eka", "Putri", "Ayu", "Rina", "Wati"]
LAST = ["Aminah", "Lestari", "Rahayu", "Handayani", "Wulandari", "Susanti", "Fitriani", ""]
COLUMNS = [
    "application_no",
    "submitted_on",
    "nik",
    "full_name",
    "sex",
    "birth_place",
    "birth_date",
    "phone",
    "address",
    "village_code",
    "purpose",
    "destination_country",
]


def villages(env: dict[str, str]) -> list[str]:
    """Desa codes of Cilacap, one per kecamatan (NIK serials are per kecamatan)."""
    script = (
        "from waspada.regions.models import Region as R; "
        "seen = {}; "
        "[seen.setdefault(c[:8], c) for c in R.objects.filter(code__startswith='33.01.', "
        "level='village').order_by('code').values_list('code', flat=True)]; "
        "print(' '.join(seen.values()))"
    )
    out = subprocess.run(
        [WASPADA, "shell", "-v", "0", "-c", script],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.split()


def write_file(path: Path, rows: int, codes: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(rows):
            sex = "P" if n % 2 else "L"
            village = codes[(n // 2) // 9999 % len(codes)]
            district = village[:8].replace(".", "")
            day = BORN.day + (40 if sex == "P" else 0)
            serial = (n // 2) % 9999 + 1
            name = f"{FIRST[n % len(FIRST)]} {LAST[n // len(FIRST) % len(LAST)]}".strip()
            writer.writerow(
                [
                    f"LOOK-{n:07d}",
                    "2026-03-02",
                    f"{district}{day:02d}{BORN:%m%y}{serial:04d}",
                    name,
                    sex,
                    "Cilacap",
                    BORN.isoformat(),
                    f"0812{n:08d}",
                    "Dusun Karanganyar RT 02/RW 04",
                    village,
                    "tourism",
                    "SG",
                ]
            )


def baseline(size: int) -> float:
    """Seconds for the old pair-by-pair comparison of `size` look-alikes."""
    sys.path.insert(0, str(REPO))
    from waspada.domain.matching import Identity, compare

    people = [
        Identity(str(n), f"{FIRST[n % len(FIRST)]} {LAST[n // len(FIRST) % len(LAST)]}", BORN)
        for n in range(size)
    ]
    started = time.perf_counter()
    for a in people:
        for b in people:
            if a is not b:
                compare(a, b)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="waspada-lookalikes-") as tmp:
        home = Path(tmp)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{home / 'waspada.sqlite3'}",
            "WASPADA_VAR_DIR": str(home),
            "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789",
            "WASPADA_LOG_LEVEL": "WARNING",
        }
        print("Preparing a fresh SQLite database (migrate, load-regions)...", flush=True)
        subprocess.run([WASPADA, "migrate", "-v", "0"], env=env, check=True)
        subprocess.run([WASPADA, "load-regions"], env=env, check=True, capture_output=True)
        path = home / "lookalikes.csv"
        write_file(path, args.rows, villages(env))
        print(f"Importing {args.rows:,} look-alike rows (one birth date, one place)...")
        started = time.perf_counter()
        subprocess.run(
            [WASPADA, "import-applications", str(path), "--verbosity", "0"], env=env, check=True
        )
        elapsed = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    seconds = baseline(args.baseline)
    extrapolated = seconds * (args.rows / args.baseline) ** 2
    print()
    print(f"Waspada:  {args.rows:,} look-alikes imported and screened in {elapsed:,.1f} s")
    print(f"          peak memory of the command {peak_mb:,.0f} MB (targets: 300 s, 2,048 MB)")
    print(
        f"Baseline: pair-by-pair comparison of {args.baseline:,} look-alikes {seconds:,.1f} s; "
        f"{args.rows:,} would take about {extrapolated / 3600:,.1f} hours"
    )


if __name__ == "__main__":
    main()

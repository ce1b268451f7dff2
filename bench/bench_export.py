"""Export of 1,000,000 applications: does it stream with flat memory?

    .venv/bin/python bench/bench_export.py [--rows 1000000] [--url postgres://...]

Fills a scratch PostgreSQL database with N synthetic applications in SQL (the same fill as
`bench_application_list.py`), then runs the real `waspada export-applications --out
FILE.csv` twice - for a tenth of the applications (a period filter) and for all of
them - and prints the wall time, the file size and the command's peak memory. Memory that
stays flat from the small export to the whole one is what streaming means; the baseline is
the same export of all rows with the rows materialised first (`list()` of the queryset, as
a non-streaming export would), measured in a child process. Target: <= 300 MB for 1,000,000.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WASPADA = str(Path(sys.executable).parent / "waspada")

# The fill gives submitted_on = 2023-01-01 + (id % 1000) days: 100 days are a tenth.
SMALL_PERIOD = ["--from", "2023-01-01", "--to", "2023-04-10"]

MATERIALISE = (
    "import resource; "
    "from waspada.applications.models import PassportApplication as P; "
    "rows = list(P.objects.select_related('applicant')); "
    "print(len(rows), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
)


def export(env: dict[str, str], out: Path, *extra: str) -> tuple[float, float]:
    """(seconds, peak MB of the command) for one export run in its own process."""
    started = time.perf_counter()
    child = subprocess.Popen([WASPADA, "export-applications", "--out", str(out), *extra], env=env)
    _pid, status, usage = os.wait4(child.pid, 0)
    if status:
        raise SystemExit(f"export failed with status {status}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/waspada_bench_export")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.settings_test")
    import django

    django.setup()
    from bench.bench_application_list import _prepare_database

    _prepare_database(args.url, args.rows)
    env = {**os.environ, "WASPADA_LOG_LEVEL": "WARNING"}
    with tempfile.TemporaryDirectory(prefix="waspada-export-") as tmp:
        small_out, all_out = Path(tmp) / "period.csv", Path(tmp) / "all.csv"
        small_seconds, small_mb = export(env, small_out, *SMALL_PERIOD)
        small_lines = sum(1 for _ in small_out.open(encoding="utf-8")) - 1
        all_seconds, all_mb = export(env, all_out)
        all_lines = sum(1 for _ in all_out.open(encoding="utf-8")) - 1
        size_mb = all_out.stat().st_size / 1e6
    baseline = subprocess.run(
        [WASPADA, "shell", "-v", "0", "-c", MATERIALISE],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    print(f"\nExport on PostgreSQL, {args.rows:,} applications in the database:")
    print(
        f"  {small_lines:>9,} applications (one period): {small_seconds:6.1f} s, "
        f"peak {small_mb:5.0f} MB"
    )
    print(
        f"  {all_lines:>9,} applications (all):        {all_seconds:6.1f} s, peak {all_mb:5.0f} MB"
        f", {size_mb:,.0f} MB of CSV (target: <= 300 MB)"
    )
    print(
        f"  baseline: the {int(baseline[0]):,} rows materialised before writing: "
        f"peak {int(baseline[1]):,} MB"
    )


if __name__ == "__main__":
    main()

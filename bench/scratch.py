"""What the benchmarks on a scratch SQLite database share: the database, the office with
one village, and the timing of a request."""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any


def scratch_database(name: str, path: str | None) -> None:
    """Point Django at a fresh SQLite file (a temporary one by default) and set it up."""
    path = path or os.path.join(tempfile.mkdtemp(), f"{name}.sqlite3")
    if os.path.exists(path):
        os.remove(path)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.settings_test")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


def office_with_one_village() -> tuple[Any, Any]:
    """The migrated database's province, regency, kecamatan and village of Cilacap, and
    the office: (village, office)."""
    from django.core.management import call_command

    from waspada.regions.models import Office, Region

    call_command("migrate", verbosity=0)
    province = Region.objects.create(code="33", name="JAWA TENGAH", level="province")
    regency = Region.objects.create(code="33.01", name="CILACAP", level="regency", parent=province)
    district = Region.objects.create(
        code="33.01.01", name="DAYEUHLUHUR", level="district", parent=regency
    )
    village = Region.objects.create(
        code="33.01.01.2001", name="BOLANG", level="village", parent=district
    )
    return village, Office.objects.create(name="Kantor Imigrasi Cilacap")


def application_of(applicant: Any, number: int, village: Any, office: Any, **fields: Any) -> Any:
    """An unsaved application of `applicant` (their data copied), number `number`, in the
    village and office of `office_with_one_village`; `fields` set the rest."""
    from waspada.applications.models import PassportApplication

    return PassportApplication(
        application_no=f"CLP-{number:08d}",
        applicant=applicant,
        full_name=applicant.full_name,
        sex=applicant.sex,
        birth_place=applicant.birth_place,
        birth_date=applicant.birth_date,
        phone=applicant.phone,
        address=applicant.address,
        village=village,
        office=office,
        application_type="new",
        regency_code="33.01",
        district_code="33.01.01",
        **fields,
    )


def percentiles(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """p50 and p95 in ms of `repeat` runs, after one to warm the caches."""
    timings = []
    run()
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[
        min(len(timings) - 1, round(0.95 * (len(timings) - 1)))
    ]


def arguments(doc: str, rows: int) -> argparse.ArgumentParser:
    """The options every such benchmark takes: --rows, --repeat and --db."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rows", type=int, default=rows)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", help="SQLite file to build (default: a temporary one)")
    return parser

"""Cold start: how long a NEW app process takes to answer its first screening.

    .venv/bin/python bench/matching/cold_start.py                  # 100,000 entries
    .venv/bin/python bench/matching/cold_start.py --entries 1000000 --runs 1

Builds a scratch office on SQLite (`waspada migrate`, `waspada demo --years 2026
--per-year 60`), writes N watchlist entries from the matching benchmark's generated list
(`generate.py`, reused from var/bench/matching/<N>/) with one of them naming an open
application's applicant, then starts fresh Python processes that each screen that one
application once, as the first request of a new web worker would:

- **kept index**: `waspada build-watchlist-index` has built the index once (timed too:
  that is what a change of the lists costs, once, in the background); each new process
  loads it from WASPADA_WATCHLIST_INDEX_DIR.
- **baseline**: the code before the index was kept: each new process reads the entries
  and builds its own index (`index_store.load_or_build` replaced by the plain build).

For each it prints the time from the process's start to the screening's answer, split into
Django's start-up and the first screening, the median of `--runs` processes, and checks
that both found the same watchlist match. Target: first screening <= 2 s at 100,000.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
WASPADA = [sys.executable, str(REPO / "manage.py")]

CHILD = r"""
import time
started, cpu_started = time.perf_counter(), time.process_time()
import json, sys
import django
django.setup()
from waspada.screening.models import Trigger
from waspada.screening.services import screen_applications
from waspada.watchlists import index_store, matching
from waspada.watchlists.models import WatchlistMatch
if sys.argv[2] == "baseline":
    index_store.load_or_build = lambda key, build: build(key)
ready, cpu_ready = time.perf_counter(), time.process_time()
screen_applications([int(sys.argv[1])], trigger=Trigger.MANUAL)
done, cpu_done = time.perf_counter(), time.process_time()
matches = sorted(WatchlistMatch.objects.filter(application_id=int(sys.argv[1]))
                 .values_list("entry__external_id", flat=True))
print(json.dumps({"setup": ready - started, "screening": done - ready,
                  "total": done - started, "cpu_setup": cpu_ready - cpu_started,
                  "cpu_screening": cpu_done - cpu_ready, "cpu_total": cpu_done - cpu_started,
                  "origin": matching.current_index().origin,
                  "entries": len(matching.current_index().entries), "matches": matches}))
"""


def run(command: list[str], env: dict[str, str]) -> str:
    return subprocess.run(
        command, env=env, check=True, capture_output=True, text=True, cwd=REPO
    ).stdout


def fill(env: dict[str, str], watchlist_csv: Path, entries: int) -> int:
    """Migrate, a small demo office, N entries; the id of the application to screen."""
    run([*WASPADA, "migrate", "-v", "0"], env)
    run([*WASPADA, "demo", "--years", "2026", "--per-year", "60", "-v", "0"], env)
    script = f"""
import csv, datetime as dt, django, itertools, sys
django.setup()
from django.utils import timezone
from waspada.applications.models import PassportApplication
from waspada.screening.context import OPEN_STATUSES
from waspada.watchlists import services
from waspada.watchlists.models import WatchlistEntry
app = (PassportApplication.objects.select_related("applicant")
       .filter(status__in=OPEN_STATUSES).order_by("pk").first())
watchlist = services.create_watchlist(acting_user=None, name="Cekal bench", list_type="cekal")
now = timezone.now()
def rows():
    person = app.applicant
    yield WatchlistEntry(watchlist=watchlist, external_id="TARGET", full_name=person.full_name,
                         birth_date=person.birth_date.isoformat(), sex=person.sex,
                         created_at=now, updated_at=now)
    with open({str(watchlist_csv)!r}, newline="") as handle:
        for row in itertools.islice(csv.DictReader(handle), {entries - 1}):
            yield WatchlistEntry(watchlist=watchlist, external_id=row["id"],
                                 full_name=row["full_name"], birth_date=row["birth_date"],
                                 sex=row["sex"], created_at=now, updated_at=now)
batch = []
for entry in rows():
    batch.append(entry)
    if len(batch) == 5000:
        WatchlistEntry.objects.bulk_create(batch)
        batch = []
WatchlistEntry.objects.bulk_create(batch)
print(app.pk)
"""
    return int(run([sys.executable, "-c", script], env).strip())


def child(env: dict[str, str], application_id: int, mode: str) -> dict[str, object]:
    out = run([sys.executable, "-c", CHILD, str(application_id), mode], env)
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per mode")
    parser.add_argument("--keep", help="scratch folder, kept and reused (default: temporary)")
    args = parser.parse_args()

    data = REPO / "var" / "bench" / "matching" / str(args.entries)
    if not (data / "watchlist.csv").exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--entries",
                str(args.entries),
                "--out",
                str(data),
            ],
            check=True,
        )
    scratch = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cold-start-"))
    scratch.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DJANGO_SETTINGS_MODULE": "waspada.settings",
        "WASPADA_VAR_DIR": str(scratch),
        "SECRET_KEY": "cold-start-bench-only-" + "x" * 40,
        "WASPADA_WATCHLIST_INDEX_DIR": str(scratch / "watchlist-index"),
    }
    env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    reuse = scratch / "application-id"
    if reuse.exists():  # --keep FOLDER of an earlier run: the same office again
        application_id = int(reuse.read_text())
    else:
        application_id = fill(env, data / "watchlist.csv", args.entries)
        reuse.write_text(str(application_id))
    print(
        f"office with {args.entries:,} entries ready in {time.perf_counter() - started:.0f} s "
        f"({scratch})"
    )

    started = time.perf_counter()
    print(run([*WASPADA, "build-watchlist-index"], env).strip())
    build = time.perf_counter() - started
    print(f"build-watchlist-index (once per change of the lists), whole command: {build:.1f} s")

    results: dict[str, list[dict[str, object]]] = {"kept index": [], "baseline": []}
    for _ in range(args.runs):  # alternate, so that both meet the same machine load
        results["kept index"].append(child(env, application_id, "kept"))
        results["baseline"].append(child(env, application_id, "baseline"))
    print(f"\nnew process -> first screening, {args.entries:,} entries, median of {args.runs}")
    print("wall-clock seconds (CPU seconds of the process in brackets: on an idle machine")
    print("the two agree; on a busy one the wall clock includes waiting for a core)")
    print(f"{'':12} {'start-up':>15} {'first screening':>17} {'total':>15}  index")
    for mode, runs in results.items():

        def median(key: str, runs: list[dict[str, object]] = runs) -> str:
            wall = statistics.median(float(str(r[key])) for r in runs)
            cpu = statistics.median(float(str(r[f"cpu_{key}"])) for r in runs)
            return f"{wall:6.2f} ({cpu:5.2f})"

        print(
            f"{mode:12} {median('setup'):>15} {median('screening'):>17} "
            f"{median('total'):>15}  {runs[0]['origin']}, matches {runs[0]['matches']}"
        )
        expected = "stored" if mode == "kept index" else "built"
        if any(r["origin"] != expected for r in runs):
            print(f"  !! not every {mode} run's index was {expected}: {runs}")
    same = results["kept index"][0]["matches"] == results["baseline"][0]["matches"]
    print(f"same matches both ways: {same}")
    if not args.keep:
        import shutil

        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()

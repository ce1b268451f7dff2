"""Load test: officers doing a day's mix against the real servers, 127.0.0.1 only.

    .venv/bin/python bench/load/run.py --db postgres --officers 50      # 2 app processes + worker
    .venv/bin/python bench/load/run.py --db sqlite --officers 10        # the SQLite default

Steps, each timed:
1. A scratch office: a new PostgreSQL database `waspada_load` on 127.0.0.1:5432 (user
   postgres; dropped at the end, also after a failure) or a new SQLite file in a temporary
   folder; `waspada migrate`; `waspada demo --years 2026 --per-year N` (history, the
   newest weeks waiting at screening); `bench/load/setup.py`: the officers, interviews
   dealt out to the interviewers, proposals waiting for the supervisors (a plan file).
2. The servers as the README deploys them: gunicorn with 2 worker processes (4 threads
   each) on 127.0.0.1, and one `waspada db_worker`, production settings (DEBUG off).
3. locust (`bench/load/locustfile.py`), headless: every officer signs in through the login
   form and works with 1-4 s pauses; bounded by `--seconds` and `--max-requests`.
4. The figures: requests, failures and p50/p95/max per page type, every failure with its
   reason, and the server errors the app processes logged. Exit status 1 on any error.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PG_DATABASE = "waspada_load"
PG = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]


def step(title: str, command: list[str], env: dict[str, str]) -> None:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    print(f"  {title}: {time.perf_counter() - started:.0f} s", flush=True)


def psql(sql: str) -> None:
    subprocess.run(["psql", *PG, "-d", "postgres", "-qc", sql], check=True)


def wait_until_up(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def report(results: Path, server_log: Path) -> int:
    """Print the per-page figures and the errors; the number of errors."""
    record = json.loads(results.read_text())
    by_page: dict[str, list[float]] = defaultdict(list)
    failures: Counter[tuple[str, str]] = Counter()
    for name, milliseconds, failure in record:
        by_page[name].append(milliseconds)
        if failure:
            failures[(name, failure[:300])] += 1
    failed = Counter(name for name, _failure in failures.elements())
    head = ("requests", "errors", "p50 ms", "p95 ms", "max ms")
    print(f"\n{'page type':<24} " + " ".join(f"{h:>8}" for h in head))
    pages = sorted(by_page.items())
    pages.append(("all", [ms for _name, times in pages for ms in times]))
    for name, times in pages:
        errors = sum(failed.values()) if name == "all" else failed[name]
        print(
            f"{name:<24} {len(times):>8} {errors:>8} {percentile(times, 0.5):>8.0f} "
            f"{percentile(times, 0.95):>8.0f} {max(times):>8.0f}"
        )
    server_errors = [
        line
        for line in server_log.read_text(errors="replace").splitlines()
        if "Internal Server Error" in line or "Traceback" in line
    ]
    total = sum(failures.values())
    print(f"\nerrors: {total}" + ("" if total else " (every request answered as expected)"))
    for (name, failure), count in failures.most_common():
        print(f"  {count} x {name}: {failure}")
    print(f"server errors logged by the app processes: {len(server_errors)}")
    for line in server_errors[:20]:
        print(f"  {line[:300]}")
    return total + len(server_errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--officers", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=150, help="length of the run")
    parser.add_argument("--max-requests", type=int, default=20_000, help="bound on requests")
    parser.add_argument("--per-year", type=int, default=4000, help="demo applications a year")
    parser.add_argument("--proposals-per-supervisor", type=int, default=10)
    parser.add_argument("--port", type=int, default=8311)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per process")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="waspada-load-"))
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "waspada.settings",
        "WASPADA_VAR_DIR": str(scratch),
        "SECRET_KEY": "load-test-only-" + "k" * 40,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WASPADA_SECURE_COOKIES": "0",  # plain http on 127.0.0.1
        "WASPADA_CACHE_DIR": str(scratch / "cache"),  # one cache for both processes
    }
    env.pop("DATABASE_URL", None)
    if args.db == "postgres":
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"
        psql(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        psql(f"CREATE DATABASE {PG_DATABASE}")
    waspada = [str(BIN / "python"), str(ROOT / "manage.py")]
    plan = scratch / "plan.json"
    servers: list[subprocess.Popen[bytes]] = []
    server_log = scratch / "server.log"
    errors = 1
    try:
        print(f"office on {args.db} ({scratch}):", flush=True)
        step("migrate", [*waspada, "migrate", "-v", "0"], env)
        step(
            f"demo, {args.per_year} applications a year",
            [*waspada, "demo", "--years", "2026", "--per-year", str(args.per_year), "-v", "0"],
            env,
        )
        step(
            "officers and their work",
            [
                str(BIN / "python"),
                str(HERE / "setup.py"),
                "--officers",
                str(args.officers),
                "--proposals-per-supervisor",
                str(args.proposals_per_supervisor),
                "--plan",
                str(plan),
            ],
            env,
        )
        step("watchlist index", [*waspada, "build-watchlist-index"], env)
        with open(server_log, "wb") as log:
            servers.append(subprocess.Popen(
                [str(BIN / "gunicorn"), "waspada.wsgi:application", "--bind",
                 f"127.0.0.1:{args.port}", "--workers", str(args.workers), "--threads",
                 str(args.threads), "--timeout", "120"],
                env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            ))  # fmt: skip
            servers.append(subprocess.Popen(
                [*waspada, "db_worker"], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
            ))  # fmt: skip
        host = f"http://127.0.0.1:{args.port}"
        wait_until_up(f"{host}/healthz")
        print(
            f"\n{args.officers} officers, {args.seconds} s or {args.max_requests} requests, "
            f"against {args.workers} gunicorn processes x {args.threads} threads + 1 worker "
            f"on {args.db}; load average before: {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        results = scratch / "requests.json"
        started = time.perf_counter()
        with open(scratch / "locust.log", "wb") as log:
            subprocess.run(
                [str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
                 "-u", str(args.officers), "-r", str(max(1, args.officers // 5)),
                 "-t", f"{args.seconds}s", "--host", host, "--only-summary",
                 "--loglevel", "WARNING", "--exit-code-on-error", "0"],
                env={**env, "LOAD_PLAN": str(plan), "LOAD_RESULTS": str(results),
                     "LOAD_MAX_REQUESTS": str(args.max_requests)},
                cwd=ROOT, check=True, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        print(
            f"ran {time.perf_counter() - started:.0f} s; "
            f"load average after: {os.getloadavg()[0]:.1f}"
        )
        errors = report(results, server_log)
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.db == "postgres":
            psql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

"""Single verification lookups through the partner API with 1,000,000 recommendations on
PostgreSQL, 20 concurrent clients: p95 <= 50 ms?

A "single verification lookup" is what a Disnaker's system does to check one record of
its register: `GET /api/v1/recommendations/{id}` (by the id the API gave when it was
registered) and `GET /api/v1/recommendations?recommendation_no=...` (by the number on
the letter). Each call goes through the whole stack: the key (hash, address, throttle),
the permission policy and agency scoping, the ETag and the audit event every call writes.

Steps, each timed:
1. A new database `waspada_bench_api` on 127.0.0.1:5432 (user postgres; dropped at the
   end, also after a failure, unless `--keep`), migrated; two Disnaker agencies; N
   recommendations of the first (and N/100 of the other, whose ids the first must get
   404 for), filled in SQL in chunks with a progress bar; a key with
   `recommendations:read`.
2. gunicorn as the README deploys it (`--workers 2 --threads 4`, DEBUG off, a file cache
   shared by both processes) on a free port of 127.0.0.1.
3. For each kind of call, `--clients` threads (requests, one keep-alive session each)
   share `--requests` calls, after a warm-up; every answer checked (status and body).
   Beside them: `GET /api/v1/me` (the key and the audit event, no lookup: the floor any
   call pays) and the lookup by number with the register's number index dropped (the
   baseline: a sequential scan of the register).

    .venv/bin/python bench/api/verification_lookup.py [--rows 1000000] [--requests 4000]
        [--clients 20] [--keep]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.bench_recommendations import INSERT_SQL, VALUES_SQL  # noqa: E402
from bench.load.run import BIN, percentile, psql, wait_until_up  # noqa: E402

DATABASE = "waspada_bench_api"
CHUNK = 50_000
TARGET_P95_MS = 50.0

FILL_SQL = (
    INSERT_SQL
    + "SELECT %(agency)s,"
    + VALUES_SQL
    + "FROM generate_series(%(start)s, %(stop)s) AS i"
)


def number(i: int) -> str:
    return f"562/{i:07d}/REKOM/{2020 + i % 7}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Phase:
    name: str
    seconds: float = 0.0
    timings: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        if not self.timings:
            return f"{self.name:<38} no answer"
        ms = [t * 1000 for t in self.timings]
        return (
            f"{self.name:<38} {len(ms):>6,} {len(self.errors):>4} {statistics.median(ms):>7.1f} "
            f"{percentile(ms, 0.95):>7.1f} {percentile(ms, 0.99):>7.1f} "
            f"{len(ms) / self.seconds:>8.0f}"
        )

    def p95(self) -> float:
        return percentile([t * 1000 for t in self.timings], 0.95)


def fill(rows: int, agency: int, other: int) -> None:
    from django.db import connection
    from tqdm import tqdm

    started = time.perf_counter()
    plan = [(agency, start, min(rows, start + CHUNK - 1)) for start in range(1, rows + 1, CHUNK)]
    # The other Disnaker's numbers follow ours (ids after ours: 404 for our key).
    extra = max(1, rows // 100)
    plan.append((other, rows + 1, rows + extra))
    with tqdm(total=rows + extra, unit=" rows", desc="recommendations") as bar:
        for owner, start, stop in plan:
            with connection.cursor() as cursor:
                cursor.execute(
                    FILL_SQL.replace("%(agency)s", str(owner))
                    .replace("%(start)s", str(start))
                    .replace("%(stop)s", str(stop))
                )
            bar.update(stop - start + 1)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"  filled {rows + extra:,} recommendations in {time.perf_counter() - started:.0f} s")


def run_phase(name: str, base: str, key: str, paths: list[str], clients: int, check: str) -> Phase:
    """`clients` threads share the calls; each answer must be 200 with `check` in it."""
    import requests

    phase = Phase(name)
    lock = threading.Lock()
    local = threading.local()

    def call(path: str) -> None:
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
            session.headers["Authorization"] = f"Bearer {key}"
        started = time.perf_counter()
        try:
            answer = session.get(base + path, timeout=30)
            elapsed = time.perf_counter() - started
            problem = "" if answer.status_code == 200 and check in answer.text else answer.text
            problem = f"{answer.status_code} {path}: {problem[:200]}" if problem else ""
        except requests.RequestException as error:
            elapsed, problem = time.perf_counter() - started, f"{path}: {error}"
        with lock:
            phase.timings.append(elapsed)
            if problem:
                phase.errors.append(problem)

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(call, paths))
    phase.seconds = time.perf_counter() - started
    return phase


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=4_000, help="calls per kind")
    parser.add_argument("--baseline-requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per process")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="waspada-bench-api-"))
    env = {
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "waspada.settings",
        "WASPADA_VAR_DIR": str(scratch),
        "SECRET_KEY": "bench-only-" + "k" * 40,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WASPADA_SECURE_COOKIES": "0",  # plain http on 127.0.0.1
        "WASPADA_CACHE_DIR": str(scratch / "cache"),  # the throttle shared by both processes
        "WASPADA_API_REQUESTS_PER_MINUTE": "100000000",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    }
    os.environ.update(env)
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    psql(f"CREATE DATABASE {DATABASE}")
    server: subprocess.Popen[bytes] | None = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from waspada.api import keys
        from waspada.partners.models import Agency, AgencyKind

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"  migrated in {time.perf_counter() - started:.0f} s")
        ours = Agency.objects.create(
            name="Disnaker Kabupaten Cilacap", kind=AgencyKind.DISNAKER, regency_code="33.01"
        )
        other = Agency.objects.create(
            name="Disnaker Kabupaten Banyumas", kind=AgencyKind.DISNAKER, regency_code="33.02"
        )
        fill(args.rows, ours.pk, other.pk)
        _client, key = keys.create_client(
            ours, name="bench", scopes=["recommendations:read"], acting_user=None
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT min(id), max(id) FROM partners_recommendation")
            first_id, _last = cursor.fetchone()
        connection.close()

        port = free_port()
        log = open(scratch / "server.log", "wb")  # noqa: SIM115 - open while it runs
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "waspada.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", str(args.workers), "--threads",
             str(args.threads), "--timeout", "120"],
            env={**os.environ, **env}, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/healthz")

        load_before = os.getloadavg()[0]
        rng = random.Random(args.seed)
        picks = [rng.randrange(1, args.rows + 1) for _ in range(args.requests)]
        by_id = [f"/api/v1/recommendations/{first_id + i - 1}" for i in picks]
        by_number = [f"/api/v1/recommendations?recommendation_no={number(i)}" for i in picks]
        floor = ["/api/v1/me"] * args.requests
        for warm in (floor[:50], by_id[-50:], by_number[-50:]):
            run_phase("warm-up", base, key, warm, args.clients, "")
        phases = [
            run_phase("GET /me (key + audit, no lookup)", base, key, floor, args.clients, "bench"),
            run_phase("GET /recommendations/{id}", base, key, by_id, args.clients, "REKOM"),
            run_phase("GET /recommendations?recommendation_no=", base, key, by_number,
                      args.clients, "REKOM"),
            # One client alone: the time a lookup takes without waiting for a core.
            run_phase("GET /recommendations/{id}, 1 client", base, key, by_id[:200], 1, "REKOM"),
        ]  # fmt: skip
        # Another Disnaker's record does not exist for this key (checked, not timed).
        others = run_phase(
            "another agency's id", base, key,
            [f"/api/v1/recommendations/{first_id + args.rows}"], 1, "",
        )  # fmt: skip
        assert others.errors and others.errors[0].startswith("404"), others.errors
        with connection.cursor() as cursor:
            cursor.execute('DROP INDEX "recommendation_key_idx"')
            cursor.execute("ANALYZE partners_recommendation")
        baseline = run_phase(
            "baseline: by number, no number index", base, key,
            by_number[: args.baseline_requests], args.clients, "REKOM",
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(
                'CREATE INDEX "recommendation_key_idx" ON partners_recommendation (number_key)'
            )
        connection.close()
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if not args.keep:
            from django.db import connections

            connections.close_all()
            psql(f"DROP DATABASE IF EXISTS {DATABASE}")

    print(
        f"\nSingle verification lookups through the partner API: {args.rows:,} recommendations "
        f"of one Disnaker on PostgreSQL, {args.clients} concurrent clients, gunicorn "
        f"{args.workers} processes x {args.threads} threads, all on 127.0.0.1; load average "
        f"{load_before:.1f} before the calls, {os.getloadavg()[0]:.1f} after, "
        f"{os.cpu_count()} cores"
    )
    print(f"{'call':<38} {'calls':>6} {'err':>4} {'p50':>7} {'p95':>7} {'p99':>7} {'req/s':>8}")
    for phase in [*phases, baseline]:
        print(phase.line())
    lookups = phases[1:3]
    worst = max(p.p95() for p in lookups)
    errors = sum(len(p.errors) for p in [*phases, baseline])
    print(
        f"lookups: p95 {worst:.1f} ms at worst (target {TARGET_P95_MS:.0f} ms: "
        f"{'met' if worst <= TARGET_P95_MS else 'NOT met'}); errors {errors}; ms per call, "
        "measured by the clients (the clients share the machine's cores with the server)"
    )
    for phase in [*phases, baseline]:
        for problem in phase.errors[:3]:
            print(f"  error ({phase.name}): {problem}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

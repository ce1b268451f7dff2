"""The public pages under load: requests per second with the page cache, and without it.

Sets up a scratch SQLite database (migrated, with a few published articles), starts
gunicorn on 127.0.0.1 only with WASPADA_PUBLIC_ONLY=1 (as the internet-facing process
runs), and drives it with a small bounded asyncio client (standard library only: no load
tool to install). Each run is bounded in requests and in time; any answer other than 200
counts as an error. The baseline is the same run with WASPADA_PUBLIC_CACHE_SECONDS=0.

    .venv/bin/python bench/bench_public.py [--requests 6000] [--seconds 30]
        [--concurrency 32] [--workers 2] [--threads 4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PATHS = ["/publik/", "/publik/panduan/", "/publik/cek-lowongan/", "/publik/arsip/"]

SEED = """
import datetime as dt
from django.utils import timezone
from waspada.publik.models import Article
now = timezone.now()
for n in range(25):
    Article.objects.get_or_create(
        slug=f"kampanye-{n}",
        defaults=dict(
            title=f"Waspada tawaran kerja ke luar negeri, bagian {n}",
            summary="Kenali tanda bahaya tawaran kerja yang terlalu menggiurkan.",
            body="## Tanda bahaya\\n\\n- visa turis\\n- biaya ke perseorangan\\n" * 5,
            publish_at=now - dt.timedelta(days=n + 1),
        ),
    )
"""


@dataclass
class Outcome:
    done: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env(var_dir: Path, cache_seconds: int) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "waspada.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0000000000",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WASPADA_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
        "WASPADA_PUBLIC_ONLY": "1",
        "WASPADA_PUBLIC_CACHE_SECONDS": str(cache_seconds),
        "WASPADA_LOG_LEVEL": "WARNING",
    }


def prepare(var_dir: Path) -> None:
    env = _env(var_dir, 60)
    (var_dir / "static").mkdir()  # WhiteNoise's folder (the pages measured are HTML)
    subprocess.run([str(BIN / "waspada"), "migrate", "-v", "0"], env=env, check=True)
    subprocess.run([str(BIN / "waspada"), "shell", "-v", "0", "-c", SEED], env=env, check=True)


async def _one(port: int, path: str) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\n"
        "Connection: close\r\n\r\n".encode()
    )
    await writer.drain()
    status_line = await reader.readline()
    await reader.read()  # the rest, until the server closes
    writer.close()
    parts = status_line.split()
    return int(parts[1]) if len(parts) > 1 else 0


async def load(port: int, requests: int, seconds: float, concurrency: int) -> Outcome:
    outcome = Outcome()
    next_index = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal next_index
        while next_index < requests and time.perf_counter() < deadline:
            path = PATHS[next_index % len(PATHS)]
            next_index += 1
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(_one(port, path), timeout=10)
            except (OSError, TimeoutError):
                status = 0
            outcome.latencies.append(time.perf_counter() - started)
            outcome.done += 1
            if status != 200:
                outcome.errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    outcome.seconds = time.perf_counter() - started
    return outcome


def _wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if server.poll() is not None:
            raise SystemExit("gunicorn did not start")
        try:
            if asyncio.run(_one(port, "/publik/")) == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("gunicorn did not answer")


def run(var_dir: Path, args: argparse.Namespace, cache_seconds: int) -> Outcome:
    port = _free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "waspada.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--log-level",
            "warning",
        ],
        env=_env(var_dir, cache_seconds),
        cwd=ROOT,
    )
    try:
        _wait_until_up(port, server)
        asyncio.run(load(port, len(PATHS) * 10, 10, 4))  # warm every worker
        return asyncio.run(load(port, args.requests, args.seconds, args.concurrency))
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=6000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="waspada-bench-public-") as scratch:
        var_dir = Path(scratch)
        print("preparing a scratch database ...", flush=True)
        prepare(var_dir)
        results = {}
        for label, seconds in (("with the page cache", 60), ("baseline, no cache", 0)):
            results[label] = run(var_dir, args, seconds)
            found = results[label]
            print(
                f"{label:22} {found.rate:7.1f} requests/s  {found.done} requests in "
                f"{found.seconds:.1f} s, {found.errors} errors, p50 {found.percentile(0.5):.1f} "
                f"ms, p95 {found.percentile(0.95):.1f} ms",
                flush=True,
            )
    cached = results["with the page cache"]
    verdict = "met" if cached.rate >= 300 and cached.errors == 0 else "NOT met"
    print(f"target >= 300 requests/s with no errors: {verdict}")


if __name__ == "__main__":
    main()

"""The SQLite default holds an office: officers registering at once beside a file import.

A real installation as `make run` has it (a file database, a multi-threaded web server and
the background worker), driven over HTTP by four officers registering applications at the
same moment and a fifth pressing the export button, while a clerk imports a file from the
command line. Nobody may see an error, least of all "database is locked".
"""

from __future__ import annotations

import csv
import datetime as dt
import http.cookiejar
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import code_for_key

WASPADA = str(Path(sys.executable).parent / "waspada")
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
VILLAGE = "33.01.01.2001"  # a desa in Kedungreja, Cilacap
OFFICERS = 4
REGISTRATIONS_EACH = 5
IMPORTED_ROWS = 300
# Two processes of four threads: more parallel writers than an office has counters.
SERVER_OPTIONS = ["--workers", "2", "--threads", "4", "--timeout", "120"]


def _nik(birth_date: dt.date, sex: str, serial: int) -> str:
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"330101{day:02d}{birth_date:%m%y}{serial:04d}"


def _person(serial: int) -> dict[str, str]:
    born = dt.date(1970, 1, 1) + dt.timedelta(days=serial * 37 % 15000)
    sex = "P" if serial % 2 else "L"
    return {
        "nik": _nik(born, sex, serial),
        "full_name": f"Pemohon Serentak {serial}",
        "sex": sex,
        "birth_place": "Cilacap",
        "birth_date": born.isoformat(),
        "phone": f"0812{serial:08d}",
        "address": "Dusun Karanganyar RT 02/RW 04",
    }


def _import_file(path: Path) -> None:
    columns = [
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
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for serial in range(1000, 1000 + IMPORTED_ROWS):
        writer.writerow(
            {
                **_person(serial),
                "application_no": f"IMP-2026-{serial:06d}",
                "submitted_on": "2026-03-02",
                "village_code": VILLAGE,
                "purpose": "tourism",
                "destination_country": "SG",
            }
        )
    path.write_text(out.getvalue(), encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Officer:
    """A browser-like HTTP client with its own session cookie."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _csrf(self) -> str:
        return next(c.value or "" for c in self.jar if c.name == "csrftoken")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=120) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def post(self, path: str, data: dict[str, str | list[str]]) -> tuple[int, str]:
        fields = {**data, "csrfmiddlewaretoken": self._csrf()}
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def log_in(self, username: str, password: str) -> None:
        status, page = self.get("/login/")
        assert status == 200, page[:500]
        status, page = self.post("/login/", {"username": username, "password": password})
        key = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page)
        if key is not None:  # a supervisor sets up the second factor on the first sign-in
            status, page = self.post("/login/enrol/", {"code": code_for_key(key.group(1))})
        assert status == 200 and "logout" in page.lower(), page[:500]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A fresh office on a SQLite file: migrated, regions and demo logins, web + worker."""
    home = tmp_path_factory.mktemp("office")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{home / 'waspada.sqlite3'}",
        "WASPADA_VAR_DIR": str(home),
        "SECRET_KEY": "concurrency-test-secret-key-0123456789-abcdef",
        "DEBUG": "0",
        "WASPADA_SECURE_COOKIES": "0",
        "LANGUAGE_CODE": "en",
    }
    for step in (["migrate", "-v", "0"], ["load-regions"], ["demo-users"]):
        subprocess.run([WASPADA, *step], env=env, check=True, timeout=300, capture_output=True)
    port = _free_port()
    server_log = (home / "server.log").open("w")
    worker_log = (home / "worker.log").open("w")
    server = subprocess.Popen(
        [GUNICORN, "waspada.wsgi:application", "--bind", f"127.0.0.1:{port}", *SERVER_OPTIONS],
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [WASPADA, "db_worker", "--no-startup-delay"],
        env=env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/login/", timeout=2).close()
            break
        except OSError:
            time.sleep(0.3)
    try:
        yield base, env
    finally:
        for process in (server, worker):
            process.terminate()
            process.wait(timeout=30)
        server_log.close()
        worker_log.close()


def _register(officer: Officer, index: int) -> list[int]:
    statuses = []
    for n in range(REGISTRATIONS_EACH):
        serial = index * 100 + n + 1
        person = _person(serial)
        status, page = officer.post(
            "/applications/new/",
            {
                **person,
                "village": VILLAGE,
                "application_no": f"CLP-2026-{serial:06d}",
                "submitted_on": "2026-03-02",
                "application_type": "new",
                "purpose": "tourism",
                "destination_country": "MY",
                "return_ticket": "yes",
                "documents": ["ktp", "kk", "akta_lahir", "tiket_pulang"],
            },
        )
        # A registration ends on the application's page (200 after the redirect).
        assert "database is locked" not in page
        statuses.append(status)
    return statuses


def test_four_officers_register_at_once_beside_an_import_without_an_error(
    office: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    base, env = office
    officers = [Officer(base) for _ in range(OFFICERS + 1)]
    for officer in officers[:OFFICERS]:
        officer.log_in("loket", "loket-demo-2026")
    officers[OFFICERS].log_in("kasi", "kasi-demo-2026")
    import_path = tmp_path / "loket.csv"
    _import_file(import_path)

    clerk = subprocess.Popen(
        [WASPADA, "import-applications", str(import_path), "--verbosity", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with ThreadPoolExecutor(max_workers=OFFICERS + 1) as pool:
        registering = [pool.submit(_register, o, i) for i, o in enumerate(officers[:OFFICERS])]
        exports = [pool.submit(officers[OFFICERS].get, "/applications/export/?format=csv")]
        exports += [pool.submit(officers[OFFICERS].get, "/applications/") for _ in range(3)]
        statuses = [status for future in registering for status in future.result()]
        export_results = [future.result() for future in exports]
    out, err = clerk.communicate(timeout=600)

    assert statuses == [200] * (OFFICERS * REGISTRATIONS_EACH)
    assert [status for status, _page in export_results] == [200] * len(export_results)
    assert clerk.returncode == 0, err
    assert "locked" not in out + err
    server_log = (Path(env["WASPADA_VAR_DIR"]) / "server.log").read_text()
    assert "database is locked" not in server_log
    assert not re.search(r"\b500\b.*Internal Server Error", server_log)

    # Every registration and every imported row is there, each one screened.
    status, page = officers[OFFICERS].get("/applications/?q=Pemohon+Serentak")
    assert status == 200 and "Pemohon Serentak" in page
    total = OFFICERS * REGISTRATIONS_EACH + IMPORTED_ROWS
    counted = subprocess.run(
        [WASPADA, "shell", "-v", "0", "-c", _COUNT_SCRIPT],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.split()
    assert counted == [str(total), "0"]
    # Writers in two server processes, the worker and the clerk appended to one chain.
    verified = subprocess.run(
        [WASPADA, "verify-audit"], env=env, capture_output=True, text=True, timeout=120
    )
    assert verified.returncode == 0, verified.stderr
    assert "intact" in verified.stdout


# Applications saved, and of those how many have no risk assessment.
_COUNT_SCRIPT = (
    "from waspada.applications.models import PassportApplication as P; "
    "print(P.objects.count(), P.objects.filter(risk_level='').count())"
)

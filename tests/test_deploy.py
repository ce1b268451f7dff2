"""The deployment kit (deploy/, requirements.lock) fits the code: the lock pins every
production dependency with a hash and no test tool; the units start commands that exist;
the nginx site reaches the port gunicorn listens on and passes the request id.
(`bin/check-deploy` checks the files themselves with systemd-analyze and nginx -t.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from django.core.management import get_commands
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
UNITS = ROOT / "deploy" / "systemd"


def _locked() -> dict[str, tuple[str, str]]:
    text = (ROOT / "requirements.lock").read_text()
    return {
        canonicalize_name(name): (version, digest)
        for name, version, digest in re.findall(
            r"^([A-Za-z0-9._-]+)==(\S+) \\\n    --hash=sha256:([0-9a-f]{64})$", text, re.M
        )
    }


def test_the_lock_pins_every_production_dependency_with_a_hash() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    locked = _locked()
    entries = re.findall(r"^[A-Za-z0-9._-]+==", (ROOT / "requirements.lock").read_text(), re.M)
    assert len(locked) == len(entries), "every pinned line carries a sha256 hash"
    for line in project["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(locked[name][0]), f"{name}: run `make lock`"
    for tool in project["optional-dependencies"]["test"]:
        assert canonicalize_name(Requirement(tool).name) not in locked, "no test tools"


def test_the_units_start_commands_that_exist() -> None:
    commands = set(get_commands())
    started = set()
    for unit in UNITS.glob("*.service"):
        for command in re.findall(r"/opt/waspada/\.venv/bin/waspada ([a-z-]+)", unit.read_text()):
            started.add(command)
            assert command.replace("-", "_") in commands, f"{unit.name}: waspada {command}"
    assert started == {"worker", "check-deadlines", "prune", "verify-audit", "backup"}
    for timer in UNITS.glob("*.timer"):
        assert (UNITS / f"{timer.stem}.service").exists()


def test_nginx_reaches_gunicorn_and_passes_the_request_id() -> None:
    web = (UNITS / "waspada-web.service").read_text()
    site = (ROOT / "deploy" / "nginx" / "waspada.conf").read_text()
    port = re.search(r"--bind 127\.0\.0\.1:(\d+)", web)
    assert port is not None
    assert f"server 127.0.0.1:{port.group(1)};" in site
    assert "proxy_set_header X-Request-ID $request_id;" in site
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site

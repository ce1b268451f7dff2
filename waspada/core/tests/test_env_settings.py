"""Settings come from the environment and a bad value stops start-up, naming it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from waspada import env

ROOT = Path(__file__).resolve().parents[3]


def test_boolean_accepts_common_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    for raw, expected in [("1", True), ("yes", True), ("off", False), ("False", False)]:
        monkeypatch.setenv("DEBUG", raw)
        assert env.env_bool("DEBUG", default=not expected) is expected


def test_bad_boolean_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe'"):
        env.env_bool("DEBUG", default=False)


def test_sqlite_is_the_default_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.env_database("DATABASE_URL", tmp_path / "w.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "w.sqlite3")


@pytest.mark.parametrize("url", ["", "sqlite:////srv/waspada/office.sqlite3"])
def test_sqlite_is_set_up_for_concurrent_officers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str
) -> None:
    """WAL, a busy timeout and write locks taken at BEGIN: parallel writers wait, never fail."""
    monkeypatch.setenv("DATABASE_URL", url)
    options = env.env_database("DATABASE_URL", tmp_path / "w.sqlite3")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"  # type: ignore[index]
    assert options["timeout"] >= 20  # type: ignore[index]
    assert "journal_mode=WAL" in options["init_command"]  # type: ignore[index]


def test_postgres_url_is_parsed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://waspada:pw@db.local:5433/waspada")
    config = env.env_database("DATABASE_URL", tmp_path / "x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.local", 5433, "waspada")


def test_unsupported_database_scheme_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/w")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.env_database("DATABASE_URL", tmp_path / "x")


def test_secret_key_is_required_without_debug(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required"):
        env.env_secret_key("SECRET_KEY", debug=False, key_file=tmp_path / "k")


def test_local_secret_key_is_generated_once_and_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    key_file = tmp_path / "var" / "secret_key"
    first = env.env_secret_key("SECRET_KEY", debug=True, key_file=key_file)
    second = env.env_secret_key("SECRET_KEY", debug=True, key_file=key_file)
    assert first == second and len(first) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_short_secret_key_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="too short"):
        env.env_secret_key("SECRET_KEY", debug=False, key_file=tmp_path / "k")


def test_unknown_time_zone_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIME_ZONE", "Asia/Cilacap")
    with pytest.raises(ImproperlyConfigured, match="TIME_ZONE"):
        env.env_time_zone("TIME_ZONE", "Asia/Jakarta")


def test_defaults_are_jakarta_and_indonesian(settings: object) -> None:
    from django.conf import settings as live

    assert live.TIME_ZONE == "Asia/Jakarta"
    assert live.LANGUAGE_CODE == "id"
    assert live.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def _run_waspada(**environ: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [str(Path(sys.executable).parent / "waspada"), "check"],
        env={**clean, **environ},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "1", "TIME_ZONE": "Mars/Base"}, "TIME_ZONE"),
        ({"DEBUG": "1", "LANGUAGE_CODE": "fr"}, "LANGUAGE_CODE"),
        ({"DEBUG": "1", "DATABASE_URL": "oracle://x"}, "DATABASE_URL"),
        ({"DEBUG": "0"}, "SECRET_KEY"),
        ({"DEBUG": "1", "WASPADA_HSTS_SECONDS": "a year"}, "WASPADA_HSTS_SECONDS"),
        ({"DEBUG": "1", "WASPADA_TRUSTED_PROXIES": "10.0.0.1,nginx"}, "WASPADA_TRUSTED_PROXIES"),
    ],
)
def test_console_command_stops_with_a_message_naming_the_bad_variable(
    environ: dict[str, str], named: str, tmp_path: Path
) -> None:
    result = _run_waspada(WASPADA_VAR_DIR=str(tmp_path), **environ)
    assert result.returncode == 2
    assert f"configuration error: {named}" in result.stderr
    assert "Traceback" not in result.stderr


def test_console_command_runs_with_production_settings(tmp_path: Path) -> None:
    result = _run_waspada(
        WASPADA_VAR_DIR=str(tmp_path), DEBUG="0", SECRET_KEY="x" * 40, ALLOWED_HOSTS="waspada.local"
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout

"""Reading settings from the environment, failing loudly on bad values.

Each reader raises ``ImproperlyConfigured`` naming the variable, so a typo in a
deployment stops start-up with a message instead of running with a silent default.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import zoneinfo
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    """Comma-separated addresses or networks (CIDR), e.g. `127.0.0.1,10.0.0.0/8`."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is neither an IP address nor a network (e.g. 10.0.0.0/8)."
            ) from None
    return networks


def env_choice(name: str, default: str, choices: list[str]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {', '.join(choices)}.")
    return value


def env_time_zone(name: str, default: str) -> str:
    value = os.environ.get(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a known time zone (e.g. Asia/Jakarta)."
        ) from None
    return value


def env_database(name: str, default_sqlite_path: Path) -> dict[str, object]:
    """Parse DATABASE_URL: SQLite by default, PostgreSQL via postgres://."""
    import dj_database_url

    raw = os.environ.get(name, "").strip()
    if not raw:
        return _office_safe_sqlite(
            {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite_path)}
        )
    scheme = raw.split(":", 1)[0].lower()
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"{name} must start with sqlite:// or postgres:// (got scheme {scheme!r})."
        )
    try:
        config = dict(dj_database_url.parse(raw))
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} could not be parsed: {exc}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{name} names no SQLite file (sqlite:////path/to/db).")
        return _office_safe_sqlite(config)
    return config


# How long a writer waits for another writer before SQLite gives up (seconds). An office's
# longest write is an import batch with its screening; the busy timeout covers it.
SQLITE_BUSY_TIMEOUT_SECONDS = 30


def _office_safe_sqlite(config: dict[str, object]) -> dict[str, object]:
    """SQLite settings for an office of concurrent users plus the background worker.

    WAL lets readers go on while one connection writes; the busy timeout makes a second
    writer wait instead of failing; and IMMEDIATE transactions take the write lock when
    they begin, so a transaction that read first can never fail with "database is locked"
    when it then tries to write (SQLite cannot wait in that case, whatever the timeout).
    """
    options = dict(config.get("OPTIONS") or {})  # type: ignore[call-overload]
    options.setdefault("timeout", SQLITE_BUSY_TIMEOUT_SECONDS)
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault(
        "init_command",
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
    return {**config, "OPTIONS": options}


def env_secret_key(name: str, *, debug: bool, key_file: Path) -> str:
    """SECRET_KEY from the environment; for local use a generated key kept in var/."""
    value = os.environ.get(name, "")
    if value:
        if len(value) < 32:
            raise ImproperlyConfigured(f"{name} is too short: use at least 32 characters.")
        return value
    if not debug:
        raise ImproperlyConfigured(
            f"{name} is required when DEBUG is off (set it to a long random string)."
        )
    if key_file.exists():
        return key_file.read_text().strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key

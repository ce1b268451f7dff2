"""Shared fixtures: named personas for every role, so a test reads as who does what."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from waspada.core import services
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.partners.models import Agency, AgencyKind

PASSWORD = "persona-password-2026"


def _flush_past_the_audit_trigger() -> None:
    """Let the suite's flush (tests that commit) empty the audit table on SQLite.

    SQLite has no TRUNCATE: Django empties a table with DELETE, which the audit trail's
    trigger refuses (as it must everywhere else). The flush drops that trigger for its own
    transaction and puts it back; PostgreSQL's flush truncates, which no row trigger sees.
    """
    import django.db.backends.sqlite3.base  # noqa: F401  (before its operations module)
    from django.db.backends.sqlite3.operations import DatabaseOperations

    chain_migration = importlib.import_module("waspada.core.migrations.0003_auditevent_hash_chain")
    original = DatabaseOperations.sql_flush

    def sql_flush(
        self: DatabaseOperations,
        style: Any,
        tables: Sequence[str],
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        statements = original(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if "core_auditevent" not in tables:
            return statements
        return [
            "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
            *statements,
            chain_migration.SQLITE_DELETE,
        ]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign,assignment]


_flush_past_the_audit_trigger()


@pytest.fixture(autouse=True, scope="session")
def _throwaway_media(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploads, letters, reports and watchlist indexes made by tests go to pytest's
    temporary folder (cleaned up by pytest), never to the project's var/."""
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    settings.WASPADA_WATCHLIST_INDEX_DIR = tmp_path_factory.mktemp("watchlist-index")


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(username: str, role: str, agency_kind: str | None = None, **extra: object) -> User:
        agency = None
        if agency_kind:
            agency, _ = Agency.objects.get_or_create(
                name=f"Test {agency_kind}", defaults={"kind": agency_kind}
            )
        user = services.create_user(
            acting_user=None,
            username=username,
            full_name=username.replace("_", " ").title(),
            role=role,
            agency=agency,
            password=PASSWORD,
        )
        for key, value in extra.items():
            setattr(user, key, value)
        if extra:
            user.save()
        return user

    return make


@pytest.fixture
def intake_officer(make_user: Callable[..., User]) -> User:
    return make_user("intake_officer", Role.INTAKE_OFFICER)


@pytest.fixture
def interviewer(make_user: Callable[..., User]) -> User:
    return make_user("interviewer", Role.INTERVIEWER)


@pytest.fixture
def supervisor(make_user: Callable[..., User]) -> User:
    return make_user("supervisor", Role.SUPERVISOR)


@pytest.fixture
def head_of_office(make_user: Callable[..., User]) -> User:
    return make_user("head_of_office", Role.HEAD_OF_OFFICE)


@pytest.fixture
def admin_user(make_user: Callable[..., User]) -> User:
    return make_user("admin_user", Role.ADMIN)


@pytest.fixture
def auditor(make_user: Callable[..., User]) -> User:
    return make_user("auditor", Role.AUDITOR)


@pytest.fixture
def police_partner(make_user: Callable[..., User]) -> User:
    return make_user("police_partner", Role.PARTNER, AgencyKind.POLICE)


@pytest.fixture
def partners(make_user: Callable[..., User]) -> dict[str, User]:
    """One partner user for each kind of agency."""
    return {kind: make_user(f"partner_{kind}", Role.PARTNER, kind) for kind in AgencyKind.values}


@pytest.fixture
def personas(make_user: Callable[..., User]) -> dict[str, User]:
    """One user per staff role plus a police partner, keyed by persona name."""
    return {
        "intake_officer": make_user("intake_officer", Role.INTAKE_OFFICER),
        "interviewer": make_user("interviewer", Role.INTERVIEWER),
        "supervisor": make_user("supervisor", Role.SUPERVISOR),
        "head_of_office": make_user("head_of_office", Role.HEAD_OF_OFFICE),
        "admin": make_user("admin_user", Role.ADMIN),
        "auditor": make_user("auditor", Role.AUDITOR),
        "partner": make_user("police_partner", Role.PARTNER, AgencyKind.POLICE),
    }


def totp_code(device: Any) -> str:
    """The code the user's authenticator app shows now for `device` (a django-otp
    TOTPDevice); the next one if this one was already used (django-otp accepts a code once,
    and one step ahead)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += (device.last_t - totp.t() + 1) * device.step
    return f"{totp.token():0{device.digits}d}"


def code_for_key(key: str) -> str:
    """The current code for the key a set-up page shows (base32, spaced in fours)."""
    from base64 import b32decode

    from django_otp.oath import totp

    return f"{totp(b32decode(key.replace(' ', ''))):06d}"


def sign_in_with_form(client: Client, username: str, password: str) -> Any:
    """Sign in through the login form as a person would, with the second step when asked
    (setting up the authenticator the first time). Returns the last response."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    response = client.post(reverse("login"), {"username": username, "password": password})
    step = response.get("Location", "")
    if step in {reverse("login_enrol"), reverse("login_verify")}:
        client.get(step)  # the set-up page makes the device to confirm
        device = TOTPDevice.objects.filter(user__username=username).latest("id")
        response = client.post(step, {"code": totp_code(device)})
    return response


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def login() -> Callable[[User | None], Client]:
    """A test client logged in as the given user (or anonymous for None)."""
    return client_for


@pytest.fixture
def central_java_regions(db: None, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Province 33 (Central Java) from the real region list, loaded through the service.

    The whole country takes seconds to load; one province is enough for most tests.
    """
    from waspada.regions import services as region_services

    source = region_services.WILAYAH_CSV.read_text(encoding="utf-8").splitlines()
    subset = [source[0], *(line for line in source[1:] if line.startswith("33"))]
    path = tmp_path_factory.mktemp("regions") / "wilayah-33.csv"
    path.write_text("\n".join(subset) + "\n", encoding="utf-8")
    region_services.load_regions(path=path)

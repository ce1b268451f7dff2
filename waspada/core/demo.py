"""Demo accounts for every role, for `make run` and the browser tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from waspada.core import services
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.partners.models import Agency, AgencyKind


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    agency: tuple[str, str] | None = None  # (name, kind)

    @property
    def password(self) -> str:
        # Known on purpose: these accounts exist only in demo and test databases.
        return f"{self.username}-demo-2026"


DEMO_ACCOUNTS = [
    DemoAccount("loket", "Siti Rahayu", Role.INTAKE_OFFICER),
    DemoAccount("wawancara", "Agus Setiawan", Role.INTERVIEWER),
    DemoAccount("kasi", "Dra. Endang Purwaningsih", Role.SUPERVISOR),
    DemoAccount("kakanim", "Bambang Hermawan, S.H.", Role.HEAD_OF_OFFICE),
    DemoAccount("admin", "Admin TI", Role.ADMIN),
    DemoAccount("auditor", "Inspektorat Auditor", Role.AUDITOR),
    DemoAccount(
        "polresta", "AKP Joko Susilo", Role.PARTNER, ("Polresta Cilacap", AgencyKind.POLICE)
    ),
    DemoAccount(
        "disnaker", "Sri Wahyuni", Role.PARTNER, ("Disnaker Kabupaten Cilacap", AgencyKind.DISNAKER)
    ),
]


@transaction.atomic
def ensure_demo_users() -> list[DemoAccount]:
    """Create the demo accounts that do not exist yet (idempotent)."""
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        agency = None
        if account.agency:
            agency, _ = Agency.objects.get_or_create(
                name=account.agency[0], defaults={"kind": account.agency[1]}
            )
        services.create_user(
            acting_user=None,
            username=account.username,
            full_name=account.full_name,
            role=account.role,
            agency=agency,
            password=account.password,
        )
    return DEMO_ACCOUNTS

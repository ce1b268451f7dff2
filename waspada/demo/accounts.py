"""The demo logins as users: one per role (`waspada.synthetic.accounts`), created once."""

from __future__ import annotations

from django.db import transaction

from waspada.core import services, two_factor
from waspada.core.models import User
from waspada.partners.models import Agency
from waspada.synthetic.accounts import DEMO_ACCOUNTS, DemoAccount


@transaction.atomic
def ensure_demo_users() -> tuple[DemoAccount, ...]:
    """Create the demo accounts that do not exist yet (idempotent); all of them."""
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


def logins(accounts: tuple[DemoAccount, ...]) -> list[str]:
    """The lines the demo commands print: username, password, role."""
    return [
        f"  {account.username:<10} {account.password:<26} {account.role}"
        + (
            "  (sets up two-factor sign-in at the first login)"
            if account.role in two_factor.REQUIRED_ROLES
            else ""
        )
        for account in accounts
    ]

"""The demo logins: one account per role, with a password known on purpose.

Plain data (role and agency kind as their stored values), so that the browser tests can
log in as the accounts `waspada demo-users` creates without importing the demo.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str  # a `waspada.core.roles.Role` value
    agency: tuple[str, str] | None = None  # (name, `AgencyKind` value)

    @property
    def password(self) -> str:
        # Known on purpose: these accounts exist only in demo and test databases.
        return f"{self.username}-demo-2026"


DEMO_ACCOUNTS = (
    DemoAccount("loket", "Siti Rahayu", "intake_officer"),
    DemoAccount("wawancara", "Agus Setiawan", "interviewer"),
    DemoAccount("kasi", "Dra. Endang Purwaningsih", "supervisor"),
    DemoAccount("kakanim", "Bambang Hermawan, S.H.", "head_of_office"),
    DemoAccount("admin", "Admin TI", "admin"),
    DemoAccount("auditor", "Inspektorat Auditor", "auditor"),
    DemoAccount("polresta", "AKP Joko Susilo", "partner", ("Polresta Cilacap", "police")),
    DemoAccount("disnaker", "Sri Wahyuni", "partner", ("Disnaker Kabupaten Cilacap", "disnaker")),
    DemoAccount(
        "dukcapil", "Hendra Wijaya", "partner", ("Disdukcapil Kabupaten Cilacap", "dukcapil")
    ),
    DemoAccount("yayasan", "Ratna Dewi", "partner", ("Yayasan Peduli Buruh Migran Cilacap", "ngo")),
)


def account_for(role: str) -> DemoAccount:
    """The first demo account of `role`."""
    return next(account for account in DEMO_ACCOUNTS if account.role == role)

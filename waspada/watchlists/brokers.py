"""The brokers an application names: its sponsor, recruiter and companion.

A supervisor may put one of them on the office's own watchlist of known brokers from the
application page (`services.watchlist_broker`), or refer them to a police unit
(`waspada.partners.services.refer_broker`). Each is identified by the application and
the role, so the office's entry for "the sponsor of application X" is found again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from waspada.applications.models import PassportApplication
from waspada.watchlists.matching import BROKER_ROLES
from waspada.watchlists.models import MatchRole, Watchlist, WatchlistEntry


@dataclass(frozen=True)
class Broker:
    """A person an application names as sponsor, recruiter or companion."""

    role: str
    name: str
    phone: str = ""
    # What else the application says of them (relation, address, licence number).
    details: tuple[str, ...] = ()

    @property
    def role_label(self) -> str:
        return str(MatchRole(self.role).label)

    def external_id(self, application: PassportApplication) -> str:
        """The id of their entry on the office's watchlist."""
        return f"{application.application_no}-{self.role}"


def _details(application: PassportApplication, role: str) -> tuple[str, ...]:
    fields = {
        MatchRole.SPONSOR: ("sponsor_relation", "sponsor_address"),
        MatchRole.RECRUITER: ("recruiter_license_no",),
        MatchRole.COMPANION: ("companion_relation",),
    }[MatchRole(role)]
    return tuple(
        f"{getattr(PassportApplication._meta.get_field(field), 'verbose_name', field)}: "
        f"{getattr(application, field)}"
        for field in fields
        if getattr(application, field).strip()
    )


def named_brokers(application: PassportApplication) -> list[Broker]:
    """The sponsor, recruiter and companion the application names (those given)."""
    return [
        Broker(
            role=str(role),
            name=getattr(application, name_field).strip(),
            phone=getattr(application, phone_field) if phone_field else "",
            details=_details(application, role),
        )
        for role, name_field, phone_field in sorted(BROKER_ROLES, key=lambda r: _ORDER[r[0]])
        if getattr(application, name_field).strip()
    ]


_ORDER: dict[str, int] = {MatchRole.SPONSOR: 0, MatchRole.RECRUITER: 1, MatchRole.COMPANION: 2}


def broker(application: PassportApplication, role: str) -> Broker | None:
    """The broker the application names in `role` (None when it names none)."""
    return next((b for b in named_brokers(application) if b.role == role), None)


def office_list_name(office_name: str) -> str:
    """The name of the office's own list of known brokers (in the office's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return (_("%(office)s: known brokers") % {"office": office_name})[:200]


def office_list(application: PassportApplication) -> Watchlist | None:
    """The office's own list of known brokers, when it has one."""
    return Watchlist.objects.filter(name=office_list_name(application.office.name)).first()


def watchlisted(application: PassportApplication) -> dict[str, WatchlistEntry]:
    """Role -> the office's entry for the broker the application names in that role."""
    watchlist = office_list(application)
    if watchlist is None:
        return {}
    prefix = f"{application.application_no}-"
    return {
        entry.external_id.removeprefix(prefix): entry
        for entry in watchlist.entries.filter(external_id__startswith=prefix)
    }

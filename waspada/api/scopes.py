"""What an API key may do: its scopes, and the kinds of agency each scope is for.

A key carries scopes chosen when it is created; each endpoint needs one. On top of the
key's scopes every call goes through the same permission policy as the partner's web
pages (`waspada.core.policy`, with the agency's kind from `waspada.partners.scopes`):
a scope never lets a key see more than a user of its agency could.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from waspada.partners.models import AgencyKind
from waspada.partners.scopes import PERSON_RECEIVERS


class Scope(StrEnum):
    RECOMMENDATIONS_WRITE = "recommendations:write"
    RECOMMENDATIONS_READ = "recommendations:read"
    VERIFICATIONS_READ = "verifications:read"
    VERIFICATIONS_ANSWER = "verifications:answer"
    REFERRALS_READ = "referrals:read"
    REFERRALS_ANSWER = "referrals:answer"
    WATCHLIST_SUBMIT = "watchlist:submit"
    ALERTS_READ = "alerts:read"
    ALERTS_ANSWER = "alerts:answer"


LABELS = {
    Scope.RECOMMENDATIONS_WRITE: _("register and revoke recommendations"),
    Scope.RECOMMENDATIONS_READ: _("read own recommendations"),
    Scope.VERIFICATIONS_READ: _("read verification requests"),
    Scope.VERIFICATIONS_ANSWER: _("answer verification requests"),
    Scope.REFERRALS_READ: _("read referrals"),
    Scope.REFERRALS_ANSWER: _("answer referrals"),
    Scope.WATCHLIST_SUBMIT: _("submit watchlist entries"),
    Scope.ALERTS_READ: _("read alerts"),
    Scope.ALERTS_ANSWER: _("acknowledge alerts"),
}

_DISNAKER = frozenset({AgencyKind.DISNAKER})
_POLICE = frozenset({AgencyKind.POLICE})
# The kinds of agency a key with each scope may belong to.
SCOPE_KINDS: dict[Scope, frozenset[str]] = {
    Scope.RECOMMENDATIONS_WRITE: _DISNAKER,
    Scope.RECOMMENDATIONS_READ: _DISNAKER,
    # Disnaker: requests about recommendations; Dukcapil: NIK verifications.
    Scope.VERIFICATIONS_READ: _DISNAKER | {AgencyKind.DUKCAPIL},
    Scope.VERIFICATIONS_ANSWER: _DISNAKER | {AgencyKind.DUKCAPIL},
    # The police: rings referred to them; victim services and NGOs: persons.
    Scope.REFERRALS_READ: _POLICE | PERSON_RECEIVERS,
    Scope.REFERRALS_ANSWER: _POLICE | PERSON_RECEIVERS,
    Scope.WATCHLIST_SUBMIT: _POLICE,
    Scope.ALERTS_READ: _POLICE,
    Scope.ALERTS_ANSWER: _POLICE,
}


def scopes_for_kind(kind: str) -> list[Scope]:
    return [scope for scope in Scope if kind in SCOPE_KINDS[scope]]


def refused_scopes(kind: str, scopes: list[str]) -> list[str]:
    """The scopes a key of an agency of `kind` may not carry (unknown ones included)."""
    allowed = {scope.value for scope in scopes_for_kind(kind)}
    return [scope for scope in scopes if scope not in allowed]

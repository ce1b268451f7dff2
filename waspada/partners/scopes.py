"""What the users of each kind of partner agency may see and do: the one table.

The permission policy (`waspada.core.policy`) reads it (registered when the app starts),
so a partner user's actions depend on their agency's kind; docs/roles.md is generated
from it. Within an action a partner sees only its own agency's rows (`policy.scope`):
another agency's object is "not found", never "forbidden".
"""

from __future__ import annotations

from waspada.core.policy import Action
from waspada.partners.models import AgencyKind

# Victim services and community organisations receive persons referred with consent.
VICTIM_SERVICES = frozenset({AgencyKind.UPTD_PPA, AgencyKind.DINAS_SOSIAL, AgencyKind.BP3MI})
PERSON_RECEIVERS = VICTIM_SERVICES | {AgencyKind.NGO}

KIND_ACTIONS: dict[str, frozenset[Action]] = {
    # Rings and reports from the public referred to them, alerts sent to them; they
    # submit wanted persons and known brokers for the watchlists.
    AgencyKind.POLICE: frozenset(
        {Action.VIEW_REFERRALS, Action.VIEW_ALERTS, Action.SUBMIT_TO_WATCHLISTS}
    ),
    # Their register of recommendations and the verification requests sent to them.
    AgencyKind.DISNAKER: frozenset(
        {
            Action.VIEW_RECOMMENDATIONS,
            Action.MANAGE_RECOMMENDATIONS,
            Action.ANSWER_RECOMMENDATION_REQUESTS,
        }
    ),
    # NIK verification requests only: the NIK, name, birth place and date they are asked
    # to verify, and their answer.
    AgencyKind.DUKCAPIL: frozenset(
        {Action.VIEW_NIK_VERIFICATIONS, Action.ANSWER_NIK_VERIFICATIONS}
    ),
    # Persons referred to them with consent: the minimum, needs and contact; never
    # watchlists, rings or risk scores.
    **{kind: frozenset({Action.VIEW_PERSON_REFERRALS}) for kind in sorted(PERSON_RECEIVERS)},
    # Aggregate statistics only: nothing but their home for now.
    AgencyKind.LOCAL_GOVERNMENT: frozenset(),
}

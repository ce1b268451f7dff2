"""What each kind of partner agency may do: the one table, enforced by the policy."""

from __future__ import annotations

from waspada.core.models import User
from waspada.core.policy import Action, can
from waspada.partners.models import AgencyKind
from waspada.partners.scopes import KIND_ACTIONS


def test_every_kind_of_agency_is_in_the_table() -> None:
    assert set(KIND_ACTIONS) == set(AgencyKind.values)


def test_a_partner_may_do_exactly_what_its_kind_of_agency_may(partners: dict[str, User]) -> None:
    partner_actions = {a for actions in KIND_ACTIONS.values() for a in actions}
    for kind, user in partners.items():
        for action in partner_actions:
            assert can(user, action) == (action in KIND_ACTIONS[kind]), (kind, action)
        assert can(user, Action.VIEW_HOME)


def test_the_users_of_a_deactivated_agency_may_do_nothing(partners: dict[str, User]) -> None:
    police = partners[AgencyKind.POLICE]
    assert police.agency is not None
    police.agency.is_active = False
    police.agency.save()
    assert not can(police, Action.VIEW_REFERRALS)
    assert not can(police, Action.VIEW_HOME)

"""What each kind of partner agency may do: the one table, enforced by the policy."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, sign_in_with_form
from waspada.core.models import User
from waspada.core.policy import Action, can
from waspada.core.roles import Role
from waspada.partners.models import AgencyKind
from waspada.partners.scopes import KIND_ACTIONS
from waspada.partners.services import save_agency


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


def test_deactivating_an_agency_ends_its_users_sessions_and_refuses_their_login(
    make_user: Callable[..., User], admin_user: User
) -> None:
    user = make_user("ngo_worker", Role.PARTNER, AgencyKind.NGO)
    agency = user.agency
    assert agency is not None
    open_session = Client()
    sign_in_with_form(open_session, "ngo_worker", PASSWORD)
    assert "_auth_user_id" in open_session.session
    assert open_session.get(reverse("home")).status_code == 200
    save_agency(agency, acting_user=admin_user, name=agency.name, kind=agency.kind, is_active=False)
    again = open_session.get(reverse("home"))
    assert again.status_code == 302 and again["Location"].startswith(reverse("login"))
    fresh = Client().post(reverse("login"), {"username": "ngo_worker", "password": PASSWORD})
    assert fresh.status_code == 200  # the form again, not signed in
    assert "_auth_user_id" not in fresh.client.session

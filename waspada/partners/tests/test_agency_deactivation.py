"""A partner agency that is deactivated shuts its users out at once: no new login, and
the sessions already open end with the next page they ask for."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from waspada.core.models import User
from waspada.core.policy import Action, can
from waspada.partners import services
from waspada.partners.models import Agency


def _deactivate(agency: Agency, admin: User) -> None:
    services.save_agency(
        agency, name=agency.name, kind=agency.kind, is_active=False, acting_user=admin
    )


def test_an_open_session_ends_when_the_agency_is_deactivated(
    login: Callable[..., Client], police_partner: User, admin_user: User
) -> None:
    client = login(police_partner)
    assert client.get(reverse("referral_list")).status_code == 200
    assert police_partner.agency is not None

    _deactivate(police_partner.agency, admin_user)

    response = client.get(reverse("referral_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    police_partner.refresh_from_db()
    assert not can(police_partner, Action.VIEW_REFERRALS)


def test_a_user_of_a_deactivated_agency_cannot_log_in(
    police_partner: User, admin_user: User
) -> None:
    assert police_partner.agency is not None
    _deactivate(police_partner.agency, admin_user)
    client = Client()
    response = client.post(
        reverse("login"), {"username": police_partner.username, "password": PASSWORD}
    )
    assert response.status_code == 200  # the login form again, with its message
    assert "_auth_user_id" not in client.session


def test_other_agencies_and_office_staff_are_unaffected(
    login: Callable[..., Client], partners: dict[str, User], admin_user: User
) -> None:
    police, other = partners["police"], next(u for k, u in partners.items() if k != "police")
    assert police.agency is not None
    _deactivate(police.agency, admin_user)
    assert login(other).get(reverse("home"), follow=True).status_code == 200
    assert login(admin_user).get(reverse("agency_list")).status_code == 200

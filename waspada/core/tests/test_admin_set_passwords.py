"""An administrator who sets a password (a new account, a reset) cannot quietly work as
that user: the password must be replaced and a second factor set up at the next sign-in,
the user is told who set it, and a second factor already set up stays."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, sign_in_with_form
from waspada.core.models import User
from waspada.core.roles import Role

KNOWN = "Known-to-the-admin-2026"
OWN = "Only-Budi-knows-this-77"


def test_a_new_account_takes_a_second_factor_and_an_own_password(
    login: Callable[..., Client], admin_user: User
) -> None:
    admin = login(admin_user)
    admin.post(
        reverse("user_create"),
        {
            "username": "budi",
            "full_name": "Budi Santoso",
            "role": Role.INTAKE_OFFICER,
            "password": KNOWN,
        },
    )
    assert 'data-testid="must-change-password"' in admin.get(reverse("user_list")).content.decode()

    client = Client()
    step = client.post(reverse("login"), {"username": "budi", "password": KNOWN})
    assert step["Location"] == reverse("login_enrol")  # an intake officer, yet asked
    client = Client()
    sign_in_with_form(client, "budi", KNOWN)
    assert TOTPDevice.objects.filter(user__username="budi", confirmed=True).exists()

    for name in ("home", "application_list"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("password_change")
    page = client.get(reverse("password_change")).content.decode()
    assert "admin_user" in page and 'data-testid="password-set-by-admin"' in page

    same = client.post(
        reverse("password_change"),
        {"old_password": KNOWN, "new_password1": KNOWN, "new_password2": KNOWN},
    )
    assert same.status_code == 200 and "berbeda" in same.content.decode()
    changed = client.post(
        reverse("password_change"),
        {"old_password": KNOWN, "new_password1": OWN, "new_password2": OWN},
    )
    assert changed.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert not User.objects.get(username="budi").must_change_password


def test_a_reset_password_still_needs_the_users_own_second_factor(
    login: Callable[..., Client], admin_user: User, supervisor: User
) -> None:
    sign_in_with_form(Client(), "supervisor", PASSWORD)  # sets up the supervisor's app
    login(admin_user).post(
        reverse("user_set_password", args=[supervisor.pk]),
        {"new_password1": KNOWN, "new_password2": KNOWN},
    )
    supervisor.refresh_from_db()
    assert supervisor.must_change_password
    # The admin knows the password, but not the code of the supervisor's phone.
    client = Client()
    step = client.post(reverse("login"), {"username": "supervisor", "password": KNOWN})
    assert step["Location"] == reverse("login_verify")
    assert "_auth_user_id" not in client.session
    assert TOTPDevice.objects.filter(user=supervisor, confirmed=True).exists()


def test_users_created_without_an_admin_are_not_asked(interviewer: User) -> None:
    client = Client()
    step = client.post(reverse("login"), {"username": "interviewer", "password": PASSWORD})
    assert step["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200

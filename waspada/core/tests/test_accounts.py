"""Logging in and out, throttling, passwords, and admins managing accounts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from waspada.core.models import AuditEvent, User
from waspada.core.roles import Role


def _login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_lands_on_the_home_page_and_is_audited(interviewer: User) -> None:
    client = Client()
    response = _login(client, "interviewer", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert "Interviewer" in home.content.decode()
    assert AuditEvent.objects.filter(action="core.logged_in", actor=interviewer).exists()


def test_wrong_password_shows_a_message_not_an_error_page(interviewer: User) -> None:
    response = _login(Client(), "interviewer", "wrong")
    assert response.status_code == 200
    assert "dan sandi yang benar" in response.content.decode()
    assert AuditEvent.objects.filter(action="core.login_failed").count() == 1


def test_passwords_are_hashed_with_argon2(interviewer: User) -> None:
    assert interviewer.password.startswith("argon2$")


def test_logout_is_a_post_and_is_audited(interviewer: User) -> None:
    client = Client()
    client.force_login(interviewer)
    assert client.post(reverse("logout")).status_code == 302
    assert AuditEvent.objects.filter(action="core.logged_out", actor=interviewer).exists()
    assert client.get(reverse("home")).status_code == 302


def test_user_changes_own_password(interviewer: User) -> None:
    client = Client()
    client.force_login(interviewer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-Long-passphrase-42",
            "new_password2": "a-new-Long-passphrase-42",
        },
    )
    assert response.status_code == 302
    interviewer.refresh_from_db()
    assert interviewer.check_password("a-new-Long-passphrase-42")
    assert AuditEvent.objects.filter(action="core.password_changed", actor=interviewer).exists()
    # Still logged in after the change.
    assert client.get(reverse("home")).status_code == 200


def test_admin_creates_a_user_through_the_ui(
    login: Callable[..., Client], admin_user: User
) -> None:
    response = login(admin_user).post(
        reverse("user_create"),
        {
            "username": "budi",
            "full_name": "Budi Santoso",
            "role": Role.INTERVIEWER,
            "password": "Cilacap-wawancara-77",
        },
    )
    assert response.status_code == 302
    budi = User.objects.get(username="budi")
    assert budi.role == Role.INTERVIEWER and budi.check_password("Cilacap-wawancara-77")
    event = AuditEvent.objects.get(action="core.user_created", object_id=str(budi.pk))
    assert event.actor == admin_user


def test_partner_without_agency_is_refused_and_form_keeps_input(
    login: Callable[..., Client], admin_user: User
) -> None:
    response = login(admin_user).post(
        reverse("user_create"),
        {"username": "polisi1", "full_name": "Pak Polisi", "role": Role.PARTNER, "password": "x"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pengguna mitra harus terdaftar pada sebuah instansi." in body
    assert 'value="Pak Polisi"' in body
    assert not User.objects.filter(username="polisi1").exists()


def test_duplicate_username_is_refused(
    login: Callable[..., Client], admin_user: User, interviewer: User
) -> None:
    response = login(admin_user).post(
        reverse("user_create"),
        {
            "username": "Interviewer",
            "full_name": "X",
            "role": Role.INTERVIEWER,
            "password": "Cilacap-wawancara-77",
        },
    )
    assert response.status_code == 200
    assert User.objects.filter(username__iexact="interviewer").count() == 1


def test_admin_changes_role_and_deactivates_with_audit(
    login: Callable[..., Client], admin_user: User, interviewer: User, police_partner: User
) -> None:
    agency = police_partner.agency  # a police unit registered as a partner agency
    assert agency is not None
    response = login(admin_user).post(
        reverse("user_edit", args=[interviewer.pk]),
        {
            "full_name": "Interviewer",
            "email": "",
            "role": Role.PARTNER,
            "agency": agency.pk,
            "is_active": "",
        },
    )
    assert response.status_code == 302
    interviewer.refresh_from_db()
    assert (interviewer.role, interviewer.agency, interviewer.is_active) == (
        Role.PARTNER,
        agency,
        False,
    )
    event = AuditEvent.objects.get(action="core.user_updated", object_id=str(interviewer.pk))
    assert event.details["changes"]["role"] == [Role.INTERVIEWER, Role.PARTNER]
    # A deactivated user can no longer log in.
    assert _login(Client(), "interviewer", PASSWORD).status_code == 200


def test_admin_resets_a_password(
    login: Callable[..., Client], admin_user: User, interviewer: User
) -> None:
    response = login(admin_user).post(
        reverse("user_set_password", args=[interviewer.pk]),
        {"new_password1": "Reset-by-admin-2026", "new_password2": "Reset-by-admin-2026"},
    )
    assert response.status_code == 302
    interviewer.refresh_from_db()
    assert interviewer.check_password("Reset-by-admin-2026")
    assert AuditEvent.objects.filter(action="core.password_reset", actor=admin_user).exists()


def test_admin_cannot_edit_own_account(login: Callable[..., Client], admin_user: User) -> None:
    assert login(admin_user).get(reverse("user_edit", args=[admin_user.pk])).status_code == 403


def test_unknown_user_is_a_404(login: Callable[..., Client], admin_user: User) -> None:
    assert login(admin_user).get(reverse("user_edit", args=[999999])).status_code == 404


def _create(client: Client, **fields: str) -> Any:
    return client.post(
        reverse("user_create"),
        {"username": "sulis", "full_name": "Sulistyowati Handayani", "role": Role.INTERVIEWER}
        | fields,
    )


def test_a_password_needs_twelve_characters(login: Callable[..., Client], admin_user: User) -> None:
    response = _create(login(admin_user), password="Kx9#mPq2vLw")  # 11
    assert response.status_code == 200
    assert "setidaknya 12 karakter" in response.content.decode()
    assert not User.objects.filter(username="sulis").exists()
    assert _create(login(admin_user), password="Kx9#mPq2vLwz").status_code == 302


def test_a_new_users_password_may_not_resemble_their_name(
    login: Callable[..., Client], admin_user: User
) -> None:
    response = _create(login(admin_user), password="Sulistyowati#2026")
    assert response.status_code == 200
    assert "terlalu mirip" in response.content.decode()
    assert not User.objects.filter(username="sulis").exists()


def test_an_admin_cannot_reset_a_password_to_the_users_name(
    login: Callable[..., Client], admin_user: User, make_user: Callable[..., User]
) -> None:
    user = make_user("sulis", Role.INTERVIEWER, full_name="Sulistyowati Handayani")
    response = login(admin_user).post(
        reverse("user_set_password", args=[user.pk]),
        {"new_password1": "Handayani-2026", "new_password2": "Handayani-2026"},
    )
    assert response.status_code == 200 and "terlalu mirip" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

"""Two-factor sign-in: required for supervisors, the head of office, admins and partner
users, set up at the next sign-in, with recovery codes and an audited admin reset."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, sign_in_with_form, totp_code
from waspada.core.models import AuditEvent, User
from waspada.core.roles import Role


def _password_step(client: Client, username: str) -> str:
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return str(response["Location"])


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    "role", [Role.SUPERVISOR, Role.HEAD_OF_OFFICE, Role.ADMIN, Role.PARTNER], ids=str
)
def test_the_password_alone_does_not_sign_in_a_role_that_needs_two_factors(
    make_user: Callable[..., User], role: Role
) -> None:
    make_user("someone", role, "police" if role == Role.PARTNER else None)
    client = Client()
    assert _password_step(client, "someone") == reverse("login_enrol")
    assert not _signed_in(client)
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("login"))


def test_an_interviewer_signs_in_with_the_password(interviewer: User) -> None:
    client = Client()
    assert _password_step(client, "interviewer") == reverse("home")
    assert _signed_in(client)


def test_setting_up_shows_a_qr_code_then_recovery_codes(supervisor: User) -> None:
    client = Client()
    _password_step(client, "supervisor")
    page = client.get(reverse("login_enrol")).content.decode()
    qr = re.search(r'<div class="qr" data-testid="totp-qr">(.*?)</div>', page, re.S)
    assert qr is not None and qr.group(1).strip().startswith("<svg")
    assert "style=" not in qr.group(1)  # the strict CSP allows no inline style
    device = TOTPDevice.objects.get(user=supervisor, confirmed=False)

    wrong = client.post(reverse("login_enrol"), {"code": "000000"})
    assert wrong.status_code == 200 and not _signed_in(client)
    failed = AuditEvent.objects.get(action="core.login_failed")
    assert failed.details["username"] == "supervisor"
    assert failed.details["step"] == "second factor"
    time.sleep(1.1)  # django-otp makes the next try after a wrong code wait a second

    done = client.post(reverse("login_enrol"), {"code": totp_code(device)})
    assert _signed_in(client)
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=supervisor).values_list("token", flat=True)
    )
    assert AuditEvent.objects.filter(action="core.two_factor_enrolled", actor=supervisor).exists()
    assert AuditEvent.objects.filter(action="core.logged_in", actor=supervisor).exists()


def test_the_next_sign_in_asks_for_the_apps_code(supervisor: User) -> None:
    sign_in_with_form(Client(), "supervisor", PASSWORD)
    client = Client()
    assert _password_step(client, "supervisor") == reverse("login_verify")
    assert client.post(reverse("login_verify"), {"code": "123456"}).status_code == 200
    assert not _signed_in(client)
    time.sleep(1.1)
    device = TOTPDevice.objects.get(user=supervisor, confirmed=True)
    response = client.post(reverse("login_verify"), {"code": totp_code(device)})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert _signed_in(client)


def test_a_recovery_code_works_once(supervisor: User) -> None:
    sign_in_with_form(Client(), "supervisor", PASSWORD)
    code = StaticToken.objects.filter(device__user=supervisor).first()
    assert code is not None
    first = Client()
    _password_step(first, "supervisor")
    response = first.post(reverse("login_verify"), {"code": code.token.upper()}, follow=True)
    assert _signed_in(first)
    assert "tersisa 9" in response.content.decode()
    again = Client()
    _password_step(again, "supervisor")
    again.post(reverse("login_verify"), {"code": code.token})
    assert not _signed_in(again)


def test_the_second_step_needs_the_password_step_first(supervisor: User) -> None:
    for step in ("login_verify", "login_enrol"):
        response = Client().get(reverse(step))
        assert response.status_code == 302 and response["Location"] == reverse("login")
    assert not TOTPDevice.objects.exists()


def test_the_second_step_keeps_where_the_user_was_going(supervisor: User) -> None:
    client = Client()
    client.post(
        reverse("login"), {"username": "supervisor", "password": PASSWORD, "next": "/audit/"}
    )
    client.get(reverse("login_enrol"))
    device = TOTPDevice.objects.get(user=supervisor)
    done = client.post(reverse("login_enrol"), {"code": totp_code(device)})
    assert 'href="/audit/"' in done.content.decode()


def test_an_admin_resets_a_lost_second_factor_with_an_audit_event(
    login: Callable[..., Client], admin_user: User, supervisor: User, interviewer: User
) -> None:
    sign_in_with_form(Client(), "supervisor", PASSWORD)
    admin = login(admin_user)
    page = admin.get(reverse("user_list")).content.decode()
    assert reverse("user_reset_two_factor", args=[supervisor.pk]) in page
    assert reverse("user_reset_two_factor", args=[interviewer.pk]) not in page
    assert admin.get(reverse("user_reset_two_factor", args=[supervisor.pk])).status_code == 405
    response = admin.post(reverse("user_reset_two_factor", args=[supervisor.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=supervisor).exists()
    assert not StaticToken.objects.filter(device__user=supervisor).exists()
    event = AuditEvent.objects.get(action="core.two_factor_reset")
    assert event.actor == admin_user and event.object_id == str(supervisor.pk)
    assert _password_step(Client(), "supervisor") == reverse("login_enrol")


def test_only_an_admin_resets_a_second_factor(
    login: Callable[..., Client], supervisor: User, head_of_office: User
) -> None:
    response = login(head_of_office).post(reverse("user_reset_two_factor", args=[supervisor.pk]))
    assert response.status_code == 403

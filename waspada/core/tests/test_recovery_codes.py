"""A user renews their own recovery codes on their sign-in security page: after their
password or an authenticator code, the new codes are shown once, the old ones stop
working, and the renewal is in the audit trail."""

from __future__ import annotations

import re
import time

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, sign_in_with_form, totp_code
from waspada.core import throttle
from waspada.core.audit_actions import AuditAction
from waspada.core.models import AuditEvent, User


def _codes(page: str) -> list[str]:
    listed = re.search(r'data-testid="recovery-codes">(.*?)</ul>', page, re.S)
    assert listed is not None
    return re.findall(r"<code>([^<]+)</code>", listed.group(1))


def _signed_in_supervisor(supervisor: User) -> tuple[Client, list[str]]:
    client = Client()
    page = sign_in_with_form(client, "supervisor", PASSWORD).content.decode()
    return client, _codes(page)


def _uses_a_recovery_code(username: str, code: str) -> bool:
    client = Client()
    client.post(reverse("login"), {"username": username, "password": PASSWORD})
    client.post(reverse("login_verify"), {"code": code})
    return "_auth_user_id" in client.session


def test_new_codes_after_the_password_replace_the_old_ones(supervisor: User) -> None:
    client, old = _signed_in_supervisor(supervisor)
    page = client.get(reverse("account_security"))
    assert page.status_code == 200
    assert "10" in page.content.decode().split('data-testid="recovery-codes-left"')[1][:200]
    renewed = client.post(reverse("account_security"), {"proof": PASSWORD})
    assert renewed.status_code == 200
    assert renewed["Cache-Control"].startswith("max-age=0")
    body = renewed.content.decode()
    assert 'data-testid="recovery-codes-renewed"' in body
    new = _codes(body)
    assert len(new) == 10 and not set(new) & set(old)
    assert StaticToken.objects.filter(device__user=supervisor).count() == 10
    # A new code signs in, once; the old codes no longer do.
    assert _uses_a_recovery_code("supervisor", new[0])
    assert not _uses_a_recovery_code("supervisor", new[0])
    time.sleep(1.1)  # django-otp makes the next try after a wrong code wait a second
    assert not _uses_a_recovery_code("supervisor", old[0])
    time.sleep(2.1)  # and two seconds after a second one
    assert _uses_a_recovery_code("supervisor", new[1])
    event = AuditEvent.objects.get(action=AuditAction.RECOVERY_CODES_RENEWED)
    assert event.actor == supervisor and event.object_id == str(supervisor.pk)
    # The codes are shown once: the page afterwards shows how many are left, not them.
    again = client.get(reverse("account_security")).content.decode()
    assert new[2] not in again


def test_an_authenticator_code_proves_it_too(supervisor: User) -> None:
    client, old = _signed_in_supervisor(supervisor)
    device = TOTPDevice.objects.get(user=supervisor, confirmed=True)
    renewed = client.post(reverse("account_security"), {"proof": totp_code(device)})
    assert renewed.status_code == 200
    assert not set(_codes(renewed.content.decode())) & set(old)


def test_a_wrong_answer_changes_nothing_and_slows_down(supervisor: User) -> None:
    client, old = _signed_in_supervisor(supervisor)
    for proof in ["not my password", "123456", old[0], ""]:
        refused = client.post(reverse("account_security"), {"proof": proof})
        assert refused.status_code == 400
        assert refused.context["form"].errors["proof"]
    assert set(
        StaticToken.objects.filter(device__user=supervisor).values_list("token", flat=True)
    ) == set(old)
    assert not AuditEvent.objects.filter(action=AuditAction.RECOVERY_CODES_RENEWED).exists()
    assert throttle.wait_seconds("supervisor") > 0


def test_without_two_factor_there_are_no_codes_to_renew(interviewer: User) -> None:
    client = Client()
    client.force_login(interviewer)
    page = client.get(reverse("account_security"))
    assert 'data-testid="two-factor-not-set-up"' in page.content.decode()
    refused = client.post(reverse("account_security"), {"proof": PASSWORD})
    assert refused.status_code == 400
    assert not StaticToken.objects.exists()

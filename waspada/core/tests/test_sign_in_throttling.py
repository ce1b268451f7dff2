"""Sign-in throttling: wrong passwords pause the address they come from and slow the
username down, but never lock the account; an administrator can lift both."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from waspada.core.models import AuditEvent, SignInSlowdown, User

HOME = "10.20.0.5"  # the interviewer's PC
ELSEWHERE = "10.20.0.6"


def _login(username: str, password: str, address: str = HOME) -> Any:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": password})
    response.signed_in = "_auth_user_id" in client.session  # type: ignore[attr-defined]
    return response


def test_someone_typing_the_username_only_slows_it_down(settings: Any, interviewer: User) -> None:
    settings.WASPADA_LOGIN_SLOWDOWN_MAX_SECONDS = 1
    for _ in range(5):
        assert not _login("interviewer", "wrong").signed_in
    # Right away even the right password waits (and is not even checked) ...
    early = _login("interviewer", PASSWORD)
    assert early.status_code == 200 and not early.signed_in
    assert "Tunggu" in early.content.decode()
    # ... but after the wait the owner signs in, from the same PC: no lockout.
    time.sleep(1.1)
    assert _login("interviewer", PASSWORD).signed_in


def test_the_slowdown_starts_after_a_few_failures_and_grows(interviewer: User) -> None:
    for _ in range(2):
        _login("interviewer", "wrong")
    assert _login("interviewer", "wrong again").status_code == 200  # third: still checked
    refused = _login("interviewer", PASSWORD, address=ELSEWHERE)
    assert not refused.signed_in
    assert "Tunggu 1 detik" in refused.content.decode()


def test_a_success_forgets_the_failures(interviewer: User) -> None:
    for _ in range(2):
        _login("interviewer", "wrong")
    assert _login("interviewer", PASSWORD).signed_in
    for _ in range(2):
        _login("interviewer", "wrong")
    assert _login("interviewer", PASSWORD).signed_in


def test_many_failures_from_one_address_pause_that_address_only(interviewer: User) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(f"guess{n}", "wrong")
    paused = _login("interviewer", PASSWORD)
    assert paused.status_code == 429 and not paused.signed_in
    assert "alamat komputer ini" in paused.content.decode()
    assert _login("interviewer", PASSWORD, address=ELSEWHERE).signed_in


def test_an_admin_sees_the_block_and_lifts_it_with_an_audit_event(
    login: Callable[..., Client], admin_user: User, interviewer: User
) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(f"guess{n}", "wrong")
    _login("interviewer", "wrong")
    assert _login("interviewer", PASSWORD).status_code == 429
    admin = login(admin_user)
    users_page = admin.get(reverse("user_list")).content.decode()
    assert users_page.count('data-testid="sign-in-blocked"') >= 1
    assert reverse("user_unblock", args=[interviewer.pk]) in users_page
    assert admin.get(reverse("user_unblock", args=[interviewer.pk])).status_code == 405
    response = admin.post(reverse("user_unblock", args=[interviewer.pk]))
    assert response.status_code == 302
    assert _login("interviewer", PASSWORD).signed_in
    event = AuditEvent.objects.get(action="core.sign_in_unblocked")
    assert event.actor == admin_user and event.object_id == str(interviewer.pk)
    assert event.details["addresses"] == [HOME]
    assert 'data-testid="sign-in-blocked"' not in admin.get(reverse("user_list")).content.decode()


def test_forgotten_failures_do_not_pile_up(db: None) -> None:
    _login("typed-once", "wrong")
    SignInSlowdown.objects.update(last_failure_at=timezone.now() - dt.timedelta(hours=1))
    _login("someone-else", "wrong")
    assert list(SignInSlowdown.objects.values_list("username", flat=True)) == ["someone-else"]

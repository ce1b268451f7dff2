"""A sign-in ends when the browser closes and after the idle time, with a warning before."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from waspada.core.middleware import LAST_SEEN
from waspada.core.models import AuditEvent, User


def _idle_for(client: Client, minutes: float) -> None:
    session = client.session
    session[LAST_SEEN] = time.time() - minutes * 60
    session.save()


def test_a_session_idle_past_the_limit_is_signed_out_and_audited(
    login: Callable[..., Client], interviewer: User
) -> None:
    client = login(interviewer)
    assert client.get(reverse("home")).status_code == 200
    _idle_for(client, 31)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Anda dikeluarkan setelah 30 menit tanpa aktivitas" in page
    event = AuditEvent.objects.get(action="core.session_expired")
    assert event.actor == interviewer


def test_activity_keeps_the_session(login: Callable[..., Client], interviewer: User) -> None:
    client = login(interviewer)
    client.get(reverse("home"))
    _idle_for(client, 29)
    assert client.get(reverse("home")).status_code == 200
    _idle_for(client, 29)  # 58 minutes signed in, never 30 idle
    assert client.get(reverse("home")).status_code == 200


def test_the_idle_time_is_a_setting(
    settings: Any, login: Callable[..., Client], interviewer: User
) -> None:
    settings.WASPADA_SESSION_IDLE_MINUTES = 10
    client = login(interviewer)
    client.get(reverse("home"))
    _idle_for(client, 11)
    assert client.get(reverse("home")).status_code == 302


def test_the_session_cookie_ends_with_the_browser(interviewer: User) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "interviewer", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie.value and not cookie["expires"] and not cookie["max-age"]


def test_pages_carry_the_idle_time_for_the_warning(
    login: Callable[..., Client], interviewer: User
) -> None:
    page = login(interviewer).get(reverse("home")).content.decode()
    assert 'data-idle-seconds="1800"' in page
    assert 'data-testid="idle-warning" hidden' in page
    assert "data-idle-seconds" not in Client().get(reverse("login")).content.decode()

"""Behind the reverse proxy: whose address the audit trail records and the login
throttling counts, and that nobody else can name an address of their choosing."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from conftest import PASSWORD
from waspada.core.client_address import client_address
from waspada.core.models import AuditEvent, User

PROXY = "10.0.0.2"


@pytest.fixture
def behind_proxy(settings: Any) -> None:
    settings.WASPADA_TRUSTED_PROXIES = ["10.0.0.0/24", "::1"]


def _address(remote: str, **headers: str) -> str | None:
    request = RequestFactory().get("/")
    request.META.update(REMOTE_ADDR=remote, **headers)
    return client_address(request)


@pytest.mark.parametrize(
    ("remote", "headers", "expected"),
    [
        # Not from a trusted proxy: its headers are ignored, whatever they say.
        ("198.51.100.9", {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}, "198.51.100.9"),
        ("198.51.100.9", {"HTTP_X_REAL_IP": "203.0.113.7"}, "198.51.100.9"),
        # From the proxy: the rightmost address that is not a proxy; the left is forgeable.
        (PROXY, {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}, "203.0.113.7"),
        (PROXY, {"HTTP_X_FORWARDED_FOR": "203.0.113.7, 10.0.0.9"}, "203.0.113.7"),
        (PROXY, {"HTTP_X_FORWARDED_FOR": "203.0.113.7:51234"}, "203.0.113.7"),
        (PROXY, {"HTTP_X_FORWARDED_FOR": "[2001:db8::7]:443"}, "2001:db8::7"),
        (PROXY, {"HTTP_X_FORWARDED_FOR": "evil, 10.0.0.9"}, "10.0.0.9"),
        (PROXY, {"HTTP_X_REAL_IP": "203.0.113.7"}, "203.0.113.7"),
        (PROXY, {"HTTP_X_REAL_IP": "not an address"}, PROXY),
        (PROXY, {}, PROXY),
        ("::1", {"HTTP_X_FORWARDED_FOR": "::ffff:203.0.113.7"}, "203.0.113.7"),
    ],
)
def test_forwarded_addresses_are_believed_only_from_a_trusted_proxy(
    behind_proxy: None, remote: str, headers: dict[str, str], expected: str
) -> None:
    assert _address(remote, **headers) == expected


def test_without_trusted_proxies_no_header_is_believed() -> None:
    assert _address("127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7") == "127.0.0.1"


def _login(
    client_ip: str, password: str, remote: str = PROXY, username: str = "interviewer"
) -> Any:
    return Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=client_ip).post(
        reverse("login"), {"username": username, "password": password}
    )


def test_the_audit_trail_records_the_client_behind_the_proxy(
    behind_proxy: None, interviewer: User
) -> None:
    _login("203.0.113.7", PASSWORD)
    event = AuditEvent.objects.get(action="core.logged_in")
    assert event.ip_address == "203.0.113.7"


def test_throttling_counts_each_client_behind_the_proxy(
    behind_proxy: None, interviewer: User
) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login("203.0.113.7", "wrong", username=f"someone{n}")
    assert _login("203.0.113.7", PASSWORD).status_code == 429
    # Another office PC behind the same proxy is not locked out by the first one.
    assert _login("203.0.113.8", PASSWORD).status_code == 302


def test_a_forged_header_does_not_escape_the_throttling(interviewer: User) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(f"203.0.113.{n}", "wrong", remote="198.51.100.9", username=f"someone{n}")
    assert _login("203.0.113.99", PASSWORD, remote="198.51.100.9").status_code == 429

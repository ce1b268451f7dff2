"""The administrator's pages: a key made on the page is shown once and works; revoking it
is audited; disabled webhook addresses are announced on the key page."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from waspada.api.models import ApiClient, WebhookEndpoint
from waspada.api.tests.helpers import POLICE, Api, agency
from waspada.core.models import AuditEvent, User


def test_the_admin_makes_a_key_on_the_page_and_revokes_it(
    admin_user: User, login: Callable[[User | None], Client]
) -> None:
    police = agency(POLICE)
    client = login(admin_user)
    refused = client.post(
        reverse("api_client_create"),
        {"agency": police.pk, "name": "Sistem Polres", "scopes": ["recommendations:write"]},
    )
    assert refused.status_code == 400
    assert not ApiClient.objects.exists()
    created = client.post(
        reverse("api_client_create"),
        {
            "agency": police.pk,
            "name": "Sistem Polres",
            "scopes": ["referrals:read", "referrals:answer"],
            "allowed_addresses": "127.0.0.0/8",
        },
    )
    assert created.status_code == 200
    match = re.search(r'data-testid="api-key">([^<]+)<', created.content.decode())
    assert match is not None
    key = match.group(1)
    assert Api(key).get("ring-referrals").status_code == 200
    listed = client.get(reverse("api_client_list")).content.decode()
    assert "Sistem Polres" in listed and key not in listed
    record = ApiClient.objects.get()
    client.post(reverse("api_client_revoke", args=[record.pk]))
    assert Api(key).get("ring-referrals").status_code == 401
    revoked = AuditEvent.objects.get(action="api.key_revoked")
    assert revoked.actor == admin_user


def test_a_disabled_webhook_is_announced_to_the_admin(
    admin_user: User, login: Callable[[User | None], Client]
) -> None:
    police = agency(POLICE)
    client = login(admin_user)
    answer = client.post(
        reverse("api_webhook_create"),
        {"agency": police.pk, "url": "https://polres.example/hook", "events": ["referral.created"]},
    )
    assert answer.status_code == 200
    assert 'data-testid="webhook-secret"' in answer.content.decode()
    WebhookEndpoint.objects.update(is_active=False, failures_in_row=3)
    page = client.get(reverse("api_client_list")).content.decode()
    assert 'data-testid="webhook-disabled"' in page and "https://polres.example/hook" in page
    assert client.get(reverse("api_webhook_list")).status_code == 200

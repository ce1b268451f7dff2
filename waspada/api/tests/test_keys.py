"""API keys: shown once, kept hashed, scoped by agency kind, revocable, throttled, bound to
addresses; every call audited, refused ones included; errors as problem details."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from waspada.api import keys
from waspada.api.keys import digest
from waspada.api.models import ApiClient
from waspada.api.tests.helpers import DISNAKER, NGO, POLICE, Api, agency, key_for
from waspada.core.errors import UserFacingError
from waspada.core.models import AuditEvent


def test_create_api_key_prints_the_key_once_alone_on_its_last_line(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    agency(DISNAKER, "Disnaker Cilacap")
    call_command(
        "create_api_key",
        "--agency",
        "Disnaker Cilacap",
        "--scope",
        "recommendations:write",
        "--scope",
        "recommendations:read",
    )
    key = capsys.readouterr().out.strip().splitlines()[-1]
    client = ApiClient.objects.get()
    assert key.startswith(client.prefix) and len(key) > 40
    # Only the hash is kept.
    assert client.key_hash == digest(key) and key not in str(ApiClient.objects.values().get())
    assert client.scopes == ["recommendations:read", "recommendations:write"]
    answer = Api(key).get("me")
    assert answer.status_code == 200
    assert answer.json()["agency"] == "Disnaker Cilacap"
    created = AuditEvent.objects.get(action="api.key_created")
    assert created.object_id == str(client.pk)


def test_a_key_cannot_have_a_scope_its_agency_kind_has_no_use_for(db: None) -> None:
    with pytest.raises(UserFacingError, match="recommendations:write"):
        keys.create_client(
            agency(NGO), name="x", scopes=["recommendations:write"], acting_user=None
        )


@pytest.mark.parametrize("language", ["id", "en"])
def test_without_a_valid_key_401_as_a_problem_in_the_client_language_and_audited(
    db: None, language: str
) -> None:
    key = key_for(agency(POLICE))
    for header in (None, key[:-2] + "xx", "nonsense"):
        answer = Api(header, language).get("ring-referrals")
        assert answer.status_code == 401
        assert answer["Content-Type"] == "application/problem+json"
        assert answer["WWW-Authenticate"].startswith("Bearer")
        body = answer.json()
        assert body["status"] == 401
        expected = "Not authenticated" if language == "en" else "Tidak terautentikasi"
        assert body["title"] == expected
    refused = AuditEvent.objects.filter(action="api.call_refused")
    assert refused.count() == 3
    assert {e.details["key_prefix"] for e in refused} == {"", key[:12], "nonsense"}


def test_a_revoked_key_and_a_deactivated_agency_are_refused_at_once(db: None) -> None:
    police = agency(POLICE)
    key = key_for(police)
    api = Api(key)
    assert api.get("ring-referrals").status_code == 200
    police.is_active = False
    police.save()
    assert api.get("ring-referrals").status_code == 401
    police.is_active = True
    police.save()
    keys.revoke_client(ApiClient.objects.get(), acting_user=None)
    assert api.get("ring-referrals").status_code == 401
    assert AuditEvent.objects.filter(action="api.key_revoked").count() == 1


def test_a_missing_scope_is_403(db: None) -> None:
    key = key_for(agency(DISNAKER), ["recommendations:read"])
    answer = Api(key).post("recommendations", [])
    assert answer.status_code == 403
    assert "recommendations:write" in answer.json()["detail"]


def test_a_key_bound_to_addresses_works_only_from_them(db: None) -> None:
    key = key_for(agency(POLICE), allowed_addresses=["203.0.113.0/24"])
    assert Api(key).get("me").status_code == 403  # the test client is 127.0.0.1
    key = key_for(agency(POLICE), allowed_addresses=["127.0.0.0/8"])
    assert Api(key).get("me").status_code == 200


@override_settings(WASPADA_API_REQUESTS_PER_MINUTE=3)
def test_too_many_calls_are_429_with_retry_after(db: None) -> None:
    from django.core.cache import cache

    cache.clear()
    api = Api(key_for(agency(POLICE)))
    statuses = [api.get("me").status_code for _ in range(4)]
    assert statuses[:3] == [200, 200, 200]
    last = api.get("me")
    assert last.status_code == 429
    assert 1 <= int(last["Retry-After"]) <= 60


def test_every_call_is_audited_with_client_endpoint_and_result(db: None) -> None:
    api = Api(key_for(agency(POLICE)))
    api.get("me")
    api.get("ring-referrals/999")
    events = list(AuditEvent.objects.filter(action="api.called").order_by("id"))
    assert [(e.details["endpoint"], e.details["status"]) for e in events] == [
        ("GET /api/v1/me", 200),
        ("GET /api/v1/ring-referrals/999", 404),
    ]
    assert events[0].actor == ApiClient.objects.get().user


def test_etag_gives_304_when_nothing_changed(db: None) -> None:
    api = Api(key_for(agency(POLICE)))
    first = api.get("ring-referrals")
    assert first.status_code == 200
    again = api.get("ring-referrals", **{"If-None-Match": first["ETag"]})
    assert again.status_code == 304

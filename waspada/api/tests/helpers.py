"""Agencies with API keys, and a client that calls the API with one."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from waspada.api import keys
from waspada.api.scopes import scopes_for_kind
from waspada.networks.models import RingCluster
from waspada.partners.models import Agency, AgencyKind


def agency(kind: str, name: str | None = None) -> Agency:
    found, _ = Agency.objects.get_or_create(name=name or f"API {kind}", defaults={"kind": kind})
    return found


def key_for(of: Agency, scopes: list[str] | None = None, **extra: Any) -> str:
    """A key of the agency with `scopes` (every scope its kind may have by default)."""
    chosen = scopes if scopes is not None else [s.value for s in scopes_for_kind(of.kind)]
    _client, key = keys.create_client(
        of, name=f"{of.name} system", scopes=chosen, acting_user=None, **extra
    )
    return key


def risky_ring(people: int = 4) -> RingCluster:
    """A ring of `people` applicants sharing a broker, found risky by detection."""
    from waspada.networks import services
    from waspada.networks.tests.helpers import broker_ring

    broker_ring(people)
    services.detect_networks()
    return RingCluster.objects.get(run=services.queries.latest_run(), risky=True)


class Api:
    """Calls /api/v1/ with a key (and a language)."""

    def __init__(self, key: str | None, language: str = "en") -> None:
        self.client = Client()
        self.headers: dict[str, str] = {"Accept-Language": language}
        if key is not None:
            self.headers["Authorization"] = f"Bearer {key}"

    def get(self, path: str, **headers: str) -> Any:
        return self.client.get(f"/api/v1/{path}", headers={**self.headers, **headers})

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(
            f"/api/v1/{path}",
            data=json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )


DISNAKER = AgencyKind.DISNAKER
POLICE = AgencyKind.POLICE
NGO = AgencyKind.NGO

"""The API with its endpoints (imported by the URLs)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema

from waspada.api.endpoints import dukcapil, police, recommendations, referrals
from waspada.api.endpoints.common import get_answers
from waspada.api.main import api
from waspada.api.models import ApiClient


class ClientOut(Schema):
    name: str
    agency: str
    agency_kind: str
    scopes: list[str]


@api.get(
    "/me", response=get_answers(ClientOut), summary="Your key: agency and scopes", tags=["Key"]
)
def me(request: HttpRequest) -> Any:
    client: ApiClient = request.auth  # type: ignore[attr-defined]
    return {
        "name": client.name,
        "agency": client.agency.name,
        "agency_kind": client.agency.kind,
        "scopes": list(client.scopes),
    }


api.add_router("", recommendations.router)
api.add_router("", dukcapil.router)
api.add_router("", referrals.router)
api.add_router("", police.router)

"""The partner API (`/api/v1/`): authentication by key, the errors, the OpenAPI document.

Every endpoint calls the partners' services with the client's own account, so the
permission policy, the agency scoping ("another agency's object does not exist") and
the audit trail are those of the web pages.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.security import HttpBearer

from waspada.api import keys, problems
from waspada.api.models import ApiClient
from waspada.api.problems import CONTENT_TYPE, Problem
from waspada.api.scopes import Scope
from waspada.core.client_address import client_address
from waspada.core.errors import UserFacingError
from waspada.core.policy import Action, can

log = logging.getLogger(__name__)

DESCRIPTION = """\
Exchange with the immigration office's TPPO screening system without re-typing.

**Keys.** The office's administrator creates a key for your system (one agency, chosen
scopes). Send it as `Authorization: Bearer KEY`. Keys may be limited to addresses and are
throttled (`429` with `Retry-After`).

**Paging.** Lists answer `{"items": [...], "next_cursor": ...}`; pass `cursor` to get the
next page, `updated_since` (ISO 8601) to get what changed since your last sync.
Answers carry an `ETag`: send it back as `If-None-Match` to get `304` when nothing changed.

**Errors** are problem details (`application/problem+json`) with field errors, in the
language of `Accept-Language` (`id` or `en`). Objects of another agency are `404`.
"""


class KeyAuth(HttpBearer):
    """`Authorization: Bearer KEY`: the active client of an active agency, from an
    allowed address, within its rate; with `scope`, a key carrying it, of an agency
    whose users may do `action` (403 otherwise, before the body is even read)."""

    def __init__(self, scope: Scope | None = None, action: Action | None = None) -> None:
        super().__init__()
        self.scope, self.action = scope, action

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        request.api_key_prefix = keys.prefix_of(token)  # type: ignore[attr-defined]
        client = keys.find(token)
        if client is None or not client.agency.is_active:
            return None
        address = client_address(request)
        if not keys.address_allowed(client, address):
            raise problems.forbidden(_("This key may not be used from your address."))
        request.api_client = client  # type: ignore[attr-defined]
        wait = keys.throttle(client)
        if wait is not None:
            raise Problem(
                429,
                _("Too many requests"),
                _("This key made too many calls; try again in %(seconds)d seconds.")
                % {"seconds": wait},
                headers={"Retry-After": str(wait)},
            )
        keys.touch(client, address)
        if self.scope is not None and self.scope not in client.scopes:
            raise problems.forbidden(
                _("This key lacks the scope %(scope)s.") % {"scope": self.scope.value}
            )
        if self.action is not None and not can(client.user, self.action):
            raise problems.forbidden(_("Your agency may not do this."))
        return client


class WaspadaApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """Error answers are problem details: say so in the document."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for code, answer in operation.get("responses", {}).items():
                    content = answer.get("content") or {}
                    if str(code).startswith(("4", "5")) and "application/json" in content:
                        content[CONTENT_TYPE] = content.pop("application/json")
        return schema


api = WaspadaApi(
    title="Waspada partner API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=KeyAuth(),
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(Problem)
def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
    return problems.response(exc)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problems.response(problems.unauthorized())


@api.exception_handler(Http404)
def _missing(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problems.response(problems.not_found())


@api.exception_handler(UserFacingError)
def _refused(request: HttpRequest, exc: UserFacingError) -> HttpResponse:
    return problems.response(problems.from_user_error(exc))


def _field(location: list[Any]) -> str:
    # ("body", "payload", "items", 3, "nik") -> "items[3].nik"
    parts = [str(p) for p in location if p not in ("body", "query", "path", "payload")]
    text = ""
    for part in parts:
        text += f"[{part}]" if part.isdigit() else (f".{part}" if text else part)
    return text


_PYDANTIC_WORDS = {
    "missing": lambda: _("This field is required."),
    "string_too_long": lambda: _("This value is too long."),
    "string_type": lambda: _("Write this value as text."),
    "too_long": lambda: _("Too many items."),
    "too_short": lambda: _("Too few items."),
}


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "field": _field(list(error.get("loc", []))),
            "message": str(
                _PYDANTIC_WORDS.get(error.get("type", ""), lambda: _("Invalid value."))()
            ),
        }
        for error in exc.errors
    ]
    return problems.response(problems.invalid(errors))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        return problems.response(
            Problem(400, _("Bad request"), _("The request body is not valid JSON."))
        )
    return problems.response(Problem(exc.status_code, _("Refused")))


@api.exception_handler(Exception)
def _failed(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("API call failed: %s %s", request.method, request.path)
    return problems.response(
        Problem(500, _("Server error"), _("The call failed; nothing was saved."))
    )


# --- For the endpoints --------------------------------------------------------------------


def needs(scope: Scope, action: Action) -> KeyAuth:
    """The authentication of an endpoint that needs `scope` (and `action` of the policy):
    refused before the body is read."""
    return KeyAuth(scope, action)


def calling(request: HttpRequest, scope: Scope, action: Action) -> ApiClient:
    """The calling client, when its key has `scope` and its agency may do `action`."""
    client: ApiClient = request.auth  # type: ignore[attr-defined]
    if scope not in client.scopes:
        raise problems.forbidden(_("This key lacks the scope %(scope)s.") % {"scope": scope.value})
    if not can(client.user, action):
        raise problems.forbidden(_("Your agency may not do this."))
    return client


def note_objects(request: HttpRequest, *ids: object) -> None:
    """The objects a call touched (for its audit event)."""
    found: list[str] = getattr(request, "api_objects", [])
    found.extend(str(i) for i in ids)
    request.api_objects = found  # type: ignore[attr-defined]

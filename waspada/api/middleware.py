"""Around every call of the API: the client's language, problem details for whatever
Django answers itself, ETags, and the audit event of the call (refused keys included)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.utils.translation.trans_real import parse_accept_lang_header

from waspada.api import problems
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said

PREFIX = "/api/v1/"
# Served to anybody, audited as nothing: the document and its pages.
OPEN_PATHS = {f"{PREFIX}openapi.json", f"{PREFIX}docs"}


def language(request: HttpRequest) -> str:
    """The first of the client's Accept-Language the API speaks, else the office's."""
    known = dict(settings.LANGUAGES)
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header[:500]) if header else ():
        base = code.split("-")[0].lower()
        if base in known:
            return base
    return settings.LANGUAGE_CODE


def _as_problem(response: HttpResponse) -> HttpResponse:
    """An answer Django gave itself (no such address, a refused request) as a problem."""
    titles = {404: _("Not found"), 405: _("Method not allowed"), 400: _("Bad request")}
    status = response.status_code
    replaced = problems.response(
        problems.Problem(status, str(titles.get(status, _("Refused"))))
        if status != 404
        else problems.not_found()
    )
    if "Allow" in response:
        replaced["Allow"] = response["Allow"]
    return replaced


def _etag(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    tag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    asked = request.META.get("HTTP_IF_NONE_MATCH", "")
    if asked and (asked.strip() == "*" or tag in [t.strip() for t in asked.split(",")]):
        unchanged = HttpResponse(status=304)
        unchanged["ETag"] = tag
        return unchanged
    response["ETag"] = tag
    return response


def _audit(request: HttpRequest, response: HttpResponse) -> None:
    client = getattr(request, "api_client", None)
    objects = getattr(request, "api_objects", [])
    endpoint = f"{request.method} {request.path}"[:300]
    details = {
        "endpoint": endpoint,
        "status": response.status_code,
        "objects": objects[:200],
        "object_count": len(objects),
    }
    if client is not None:
        audit.record(
            AuditAction.API_CALLED,
            said(
                gettext_noop("API %(endpoint)s by %(key)s (%(agency)s): %(status)s"),
                endpoint=endpoint,
                key=client.prefix,
                agency=client.agency.name,
                status=response.status_code,
            ),
            actor=client.user,
            object_type="api.apiclient",
            object_id=str(client.pk),
            details={**details, "client": client.prefix},
            request=request,
        )
        return
    presented = getattr(request, "api_key_prefix", "")
    audit.record(
        AuditAction.API_REFUSED,
        said(
            gettext_noop("API %(endpoint)s refused (%(status)s): key %(key)s"),
            endpoint=endpoint,
            status=response.status_code,
            key=presented,
        )
        if presented
        else said(
            gettext_noop("API %(endpoint)s refused (%(status)s): no key"),
            endpoint=endpoint,
            status=response.status_code,
        ),
        actor=None,
        details={**details, "key_prefix": presented},
        request=request,
    )


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        chosen = language(request)
        with translation.override(chosen):
            response = self.get_response(request)
            if request.path.rstrip("/") in {p.rstrip("/") for p in OPEN_PATHS}:
                return response
            if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
                problems.CONTENT_TYPE
            ):
                response = _as_problem(response)
            if request.method == "GET" and response.status_code == 200:
                response = _etag(request, response)
            _audit(request, response)
        response["Content-Language"] = chosen
        response["Cache-Control"] = "no-store, private"
        patch_vary_headers(response, ("Accept-Language", "Authorization"))
        return response

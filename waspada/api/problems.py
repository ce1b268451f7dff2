"""Errors as JSON problem details (RFC 9457), in the client's language."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from waspada.core.errors import UserFacingError

CONTENT_TYPE = "application/problem+json"


class Problem(Exception):
    """Refuse a call: the status, a short title, what went wrong, and field errors."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {title}")
        self.status, self.title, self.detail = status, title, detail
        self.errors = errors or []
        self.headers = headers or {}


def response(problem: Problem) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail or problem.title,
    }
    if problem.errors:
        body["errors"] = problem.errors
    answer = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=problem.status, content_type=CONTENT_TYPE
    )
    for name, value in problem.headers.items():
        answer[name] = value
    if problem.status == 401:
        answer["WWW-Authenticate"] = 'Bearer realm="waspada"'
    return answer


def unauthorized(detail: str = "") -> Problem:
    return Problem(
        401,
        _("Not authenticated"),
        detail or _("Send a valid API key: Authorization: Bearer KEY."),
    )


def forbidden(detail: str) -> Problem:
    return Problem(403, _("Forbidden"), detail)


def not_found() -> Problem:
    return Problem(404, _("Not found"), _("There is nothing at this address for your agency."))


def invalid(errors: list[dict[str, str]], detail: str = "") -> Problem:
    return Problem(
        422,
        _("Invalid request"),
        detail or _("Some fields are not valid; nothing was saved."),
        errors=errors,
    )


def conflict(detail: str) -> Problem:
    return Problem(409, _("Conflict"), detail)


def from_user_error(error: UserFacingError, *, status: int = 422, prefix: str = "") -> Problem:
    errors = [
        {"field": f"{prefix}{field}" if field else prefix.rstrip("."), "message": message}
        for field, message in error.form_errors()
    ]
    return Problem(
        status, _("Refused"), errors[0]["message"] if errors else str(error), errors=errors
    )


def from_form(form: Any, *, prefix: str = "") -> Problem:
    """A Django form's errors (the web pages' own checks and words) as field errors."""
    errors = [
        {"field": f"{prefix}{field}" if field != "__all__" else prefix.rstrip("."), "message": m}
        for field, messages in form.errors.items()
        for m in messages
    ]
    return invalid(errors)

"""What the endpoints share: the error answers they document, the list parameters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Expression, Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Schema

from waspada.api import problems
from waspada.api.main import calling, note_objects
from waspada.api.models import ApiClient
from waspada.api.paging import DEFAULT_LIMIT, MAX_LIMIT, page
from waspada.api.scopes import Scope
from waspada.core.policy import Action, scope


class FieldError(Schema):
    field: str
    message: str


class ProblemOut(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


# Every call may be refused for its request (400: not JSON, a NUL character), its key
# (401, 403), its rate (429) or its input (422).
_ALWAYS = (400, 401, 403, 422, 429)


def answers(ok: Any, *codes: int, status: int = 200) -> dict[int, Any]:
    """The documented answers of an endpoint: `ok` and the problems it may give."""
    documented: dict[int, Any] = {status: ok}
    for code in sorted({*_ALWAYS, *codes}):
        documented[code] = ProblemOut
    return documented


def get_answers(ok: Any, *codes: int) -> dict[int, Any]:
    """A GET: also 304 (If-None-Match with the current ETag)."""
    documented = answers(ok, *codes)
    documented[304] = None
    return documented


class ListQuery(Schema):
    cursor: str | None = Field(None, max_length=200, description="next_cursor of the page before")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    updated_since: dt.datetime | None = Field(
        None, description="only what changed at or after this moment (ISO 8601)"
    )


def no_nul(values: dict[str, Any], prefix: str = "") -> None:
    """Text with a NUL character is refused (no person types one; PostgreSQL cannot
    store it)."""
    from django.utils.translation import gettext as _

    bad = [name for name, value in values.items() if isinstance(value, str) and "\x00" in value]
    if bad:
        raise problems.invalid(
            [
                {"field": f"{prefix}{name}", "message": _("This value has a NUL character.")}
                for name in bad
            ]
        )


def listed(
    request: HttpRequest,
    queryset: QuerySet[Any],
    query: ListQuery,
    *,
    changed: Expression | str,
    out: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """A page of a list as the API answers it (the objects noted for the audit event)."""
    rows, cursor = page(
        queryset,
        cursor=query.cursor,
        limit=query.limit,
        updated_since=query.updated_since,
        changed=changed,
    )
    note_objects(request, *[row.pk for row in rows])
    return {"items": [out(row) for row in rows], "next_cursor": cursor}


def own(
    request: HttpRequest, needed: Scope, action: Action, model: type[Model]
) -> tuple[ApiClient, QuerySet[Any]]:
    """The calling client and the rows of `model` its agency may see for `action`."""
    client = calling(request, needed, action)
    return client, scope(client.user, action, model._default_manager.all())


def one(
    request: HttpRequest,
    needed: Scope,
    action: Action,
    model: type[Model],
    pk: int,
    *related: str,
) -> tuple[ApiClient, Any]:
    """The agency's own object (another agency's does not exist: 404), noted for the
    audit event."""
    client, rows = own(request, needed, action, model)
    found = get_object_or_404(rows.select_related(*related), pk=pk)
    note_objects(request, found.pk)
    return client, found

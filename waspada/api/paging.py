"""Cursor paging and `updated_since` for the lists of the API."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any, TypeVar

from django.db.models import Expression, F, Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.api import problems

M = TypeVar("M", bound=Model)
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_BIGGEST = 2**63 - 1


def encode(pk: int) -> str:
    return base64.urlsafe_b64encode(f"id:{pk}".encode()).decode().rstrip("=")


def decode(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _sep, value = text.partition(":")
        pk = int(value) if kind == "id" and value.isdigit() else -1
    except (ValueError, UnicodeDecodeError):
        pk = -1
    if not 0 <= pk <= _BIGGEST:
        raise problems.invalid(
            [{"field": "cursor", "message": _("This is not a cursor this API gave.")}]
        )
    return pk


def since(value: dt.datetime | None) -> dt.datetime | None:
    """An aware moment (a moment without its zone is in the office's time zone)."""
    if value is None:
        return None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise problems.invalid(
            [{"field": "updated_since", "message": _("This moment is out of range.")}]
        ) from None


def page(
    queryset: QuerySet[M],
    *,
    cursor: str | None,
    limit: int,
    updated_since: dt.datetime | None,
    changed: Expression | str,
) -> tuple[list[M], str | None]:
    """One page of `queryset` in the order rows were created, after `cursor`, changed
    (`changed`: a field or an expression) at or after `updated_since`."""
    moment = since(updated_since)
    if moment is not None:
        expression = F(changed) if isinstance(changed, str) else changed
        queryset = queryset.annotate(api_changed=expression).filter(  # type: ignore[assignment]
            api_changed__gte=moment
        )
    if cursor:
        queryset = queryset.filter(pk__gt=decode(cursor))
    rows = list(queryset.order_by("pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode(rows[-1].pk) if more and rows else None


def page_params() -> dict[str, Any]:
    return {"default": DEFAULT_LIMIT, "ge": 1, "le": MAX_LIMIT}

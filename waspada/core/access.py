"""View helpers that apply the policy: deny unless `can` says yes."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404

from waspada.core.policy import Action, can

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponseBase]


def requires(action: Action) -> Callable[[View], View]:
    """Decorate a view: anonymous users go to the login page, others need `action`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorator


def get_object_or_deny(
    request: HttpRequest, action: Action, queryset: QuerySet[M], **lookup: Any
) -> M:
    """The object when it exists and the user may act on it; 404 or 403 otherwise."""
    obj = get_object_or_404(queryset, **lookup)
    if not can(request.user, action, obj):
        raise PermissionDenied
    return obj

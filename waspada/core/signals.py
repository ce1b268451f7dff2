"""Login, logout and failed logins go into the audit trail; failures slow the username's
next attempts down, a success lifts that (waspada/core/throttle.py)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext_noop

from waspada.core import audit, throttle
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.middleware import LAST_SEEN


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    throttle.clear(user.username)
    # The idle time counts from the sign-in (IdleSessionMiddleware).
    request.session[LAST_SEEN] = time.time()
    audit.record(
        AuditAction.LOGGED_IN,
        said(gettext_noop("%(user)s logged in"), user=user.username),
        actor=user,
        obj=user,
        request=request,
    )


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(
            AuditAction.LOGGED_OUT,
            said(gettext_noop("%(user)s logged out"), user=user.username),
            actor=user,
            obj=user,
            request=request,
        )


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    throttle.record_failure(username)
    step = {"step": str(credentials["step"])} if "step" in credentials else {}
    audit.record(
        AuditAction.LOGIN_FAILED,
        said(gettext_noop("Failed login for %(user)r"), user=username),
        actor=None,
        object_type="core.user",
        details={"username": username, **step},
        request=request,
    )

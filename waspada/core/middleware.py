"""The project's middleware: the language, no caching of what signed-in users see, no
NUL characters in what is sent, and the end of idle sessions.

Language choice: Indonesian unless the user picked another language.

Django's LocaleMiddleware follows the browser's Accept-Language, so an office PC
with an English browser would show English. The office works in Indonesian, so
only the user's own choice (the language switch sets a cookie) changes it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        # Only for this request: a server thread goes on to serve other users (and a test
        # process other tests) in their own language.
        with translation.override(language):
            response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class NoStoreMiddleware:
    """`Cache-Control: no-store` on everything a signed-in user is sent (pages, letters,
    exports): applicants' data must not stay in a browser's or a proxy's cache, where the
    next user of a shared office PC, or the back button after logging out, would find it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in = request.user.is_authenticated
        response = self.get_response(request)
        # Also the answer that logs a user out, or in.
        if signed_in or request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class NulCharacterRequest(SuspiciousOperation):
    """A NUL character in the address, a query parameter or a form field: no person types
    one, PostgreSQL cannot store or even compare it, so the request is refused (400)."""


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for data in (request.GET, request.POST)
            for key, values in data.lists()
        ):
            raise NulCharacterRequest("NUL character in the request")
        return self.get_response(request)


LAST_SEEN = "waspada_last_seen"
# The time of the last request is written at most this often (a session write per
# request would be a database write per request): the idle time is exact to this.
LAST_SEEN_PRECISION_SECONDS = 60


class IdleSessionMiddleware:
    """Signs out a session that made no request for WASPADA_SESSION_IDLE_MINUTES: an
    office PC left signed in does not stay open to the next person. The server decides,
    whatever the page's script does (the script only warns before)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_SEEN)
            minutes = settings.WASPADA_SESSION_IDLE_MINUTES
            if isinstance(last, int | float) and now - last > minutes * 60:
                audit.record(
                    AuditAction.SESSION_EXPIRED,
                    said(
                        gettext_noop("%(user)s signed out after %(minutes)s idle minutes"),
                        user=user.get_username(),
                        minutes=minutes,
                    ),
                    actor=user,  # type: ignore[arg-type]
                    obj=user,  # type: ignore[arg-type]
                    request=request,
                )
                request.session.flush()
                request.user = AnonymousUser()
                messages.info(
                    request,
                    _("You were signed out after %(minutes)s minutes without activity.")
                    % {"minutes": minutes},
                )
            elif not isinstance(last, int | float) or now - last >= LAST_SEEN_PRECISION_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """A user whose password an administrator set sees nothing but the page to choose
    their own (and may sign out or switch language) until they have."""

    ALLOWED = frozenset({"password_change", "logout", "set_language"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: object, view_args: object, view_kwargs: object
    ) -> HttpResponse | None:
        user = request.user
        if not (user.is_authenticated and getattr(user, "must_change_password", False)):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in self.ALLOWED:
            return None
        return redirect("password_change")

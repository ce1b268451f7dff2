"""WASPADA_PUBLIC_ONLY=1: this process answers the public pages (and static files) only.

The office side need not face the internet: a second process, reachable only from the
office network, serves it. Here every other address is unknown (404), and the login page,
the office pages and their APIs do not exist, and nobody is signed in (an office session
cookie that reaches this host opens nothing).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse

PUBLIC_URLCONF = "waspada.publik.urls_public_only"


class PublicOnlyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(settings, "WASPADA_PUBLIC_ONLY", False):
            request.urlconf = PUBLIC_URLCONF  # type: ignore[attr-defined]
            request.user = AnonymousUser()
        return self.get_response(request)

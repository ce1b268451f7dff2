"""The public side's guards before any view runs.

WASPADA_PUBLIC_ONLY=1: this process answers the public pages (and static files) only.

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
from django.shortcuts import render

PUBLIC_URLCONF = "waspada.publik.urls_public_only"


class PublicOnlyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(settings, "WASPADA_PUBLIC_ONLY", False):
            request.urlconf = PUBLIC_URLCONF  # type: ignore[attr-defined]
            request.user = AnonymousUser()
        return self.get_response(request)


# A report carries at most 3 photos of 5 MB and some text: anything much larger is refused
# before Django reads the body (the CSRF check would otherwise parse it first).
MAX_PUBLIC_POST_BYTES = 16 * 1024 * 1024


class PublicPostSizeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path.startswith("/publik/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = MAX_PUBLIC_POST_BYTES + 1
            if length > MAX_PUBLIC_POST_BYTES:
                return render(
                    request,
                    "publik/too_large.html",
                    {"limit": MAX_PUBLIC_POST_BYTES // (1024 * 1024)},
                    status=413,
                )
        return self.get_response(request)

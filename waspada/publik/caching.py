"""The public pages without a form are kept in the cache, per language and address.

They are the same for everybody (no login, no personal data), so a busy day costs one
rendering per minute and page. Django's cache_page keys on the Cookie header (the language
cookie varies the response), which would make every visitor with a CSRF cookie a miss;
here the key is the language itself. A change to an article forgets them all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from waspada.publik.services import pages_generation

View = Callable[..., HttpResponse]


def public_page(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.WASPADA_PUBLIC_CACHE_SECONDS
        if request.method != "GET" or not seconds:
            return view(request, *args, **kwargs)
        # The address is hashed: a long or odd query must not make a key a cache refuses.
        address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"publik:page:{pages_generation()}:{get_language()}:{address}"
        stored = cache.get(key)
        if stored is not None:
            content, content_type, status = stored
            response = HttpResponse(content, content_type=content_type, status=status)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code in {200, 404} and not response.cookies:
                stored = (response.content, response["Content-Type"], response.status_code)
                cache.set(key, stored, seconds)
        response["Cache-Control"] = f"public, max-age={min(seconds, 60)}"
        return response

    return wrapped

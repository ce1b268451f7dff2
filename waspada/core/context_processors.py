from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from waspada.core.navigation import visible_entries


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_entries": []}
    entries = [(reverse(entry.url_name), entry.label) for entry in visible_entries(user)]
    # The longest matching URL is the current section (/applications/new/ is "Register",
    # not also "Applications").
    matching = [url for url, _label in entries if request.path.startswith(url) and url != "/"]
    current = max(matching, key=len, default=None)
    return {
        "nav_entries": [
            {"url": url, "label": label, "active": url == current} for url, label in entries
        ]
    }

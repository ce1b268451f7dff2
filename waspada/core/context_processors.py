from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from waspada.core.navigation import visible_entries


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_entries": []}
    return {
        "nav_entries": [
            {
                "url": reverse(entry.url_name),
                "label": entry.label,
                "active": request.path.startswith(reverse(entry.url_name)),
            }
            for entry in visible_entries(user)
        ]
    }

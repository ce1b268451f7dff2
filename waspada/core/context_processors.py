from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from waspada.core.navigation import entry_count, visible_entries
from waspada.core.notifications import unread_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_entries": [], "unread_notifications": 0}
    entries = [
        (reverse(entry.url_name), entry.label, entry_count(entry, user))
        for entry in visible_entries(user)
    ]
    # The longest matching URL is the current section (/applications/new/ is "Register",
    # not also "Applications").
    matching = [url for url, _label, _n in entries if request.path.startswith(url) and url != "/"]
    current = max(matching, key=len, default=None)
    return {
        # The bell: one indexed count per page.
        "unread_notifications": unread_count(user),
        "nav_entries": [
            {"url": url, "label": label, "count": count, "active": url == current}
            for url, label, count in entries
        ],
        # For the script that warns before an idle session ends.
        "idle_seconds": settings.WASPADA_SESSION_IDLE_MINUTES * 60,
    }

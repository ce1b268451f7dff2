"""Who may see the reports (see tests/test_url_access.py)."""

from __future__ import annotations

from django.urls import reverse

from waspada.core.models import User

READERS = {"supervisor", "head_of_office", "auditor"}

ACCESS: dict[str, set[str] | str] = {
    "report_dashboard": READERS,
    "report_download": READERS,
}


def url(name: str, target: User) -> str:
    if name == "report_download":
        return reverse(name) + "?period=year&year=2025&format=xlsx"
    return reverse(name)

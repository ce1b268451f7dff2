"""Read helpers for applications: the filtered list shared by the list page and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from waspada.applications.models import PassportApplication
from waspada.domain.phones import normalize_phone

SORTS = {
    "-submitted_on": ("-submitted_on", "-id"),
    "submitted_on": ("submitted_on", "id"),
    "application_no": ("application_no",),
    "-application_no": ("-application_no",),
    "name": ("applicant__full_name", "id"),
    "-name": ("-applicant__full_name", "-id"),
    "status": ("status", "-submitted_on", "-id"),
}
DEFAULT_SORT = "-submitted_on"


@dataclass(frozen=True)
class ApplicationFilters:
    """What the officer asked for; every field optional."""

    q: str = ""
    status: str = ""
    purpose: str = ""
    destination: str = ""
    regency: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = DEFAULT_SORT


def _search(q: str) -> Q:
    """What the officer typed, read as one kind of key so that one index answers it.

    An application number matches exactly (as typed or in capitals), 16 digits are a
    NIK, a phone number matches the applicant's phone in E.164, anything else is part
    of a name. Mixing them in one OR across two tables would defeat the indexes on a
    million rows.
    """
    text = q.strip()
    numbers = [text, text.upper()]
    if PassportApplication.objects.filter(application_no__in=numbers).exists():
        return Q(application_no__in=numbers)
    digits = "".join(ch for ch in text if ch.isdigit())
    looks_numeric = len(digits) >= len(text.replace(" ", "").replace("-", "")) - 1
    if looks_numeric and len(digits) == 16:
        return Q(applicant__nik=digits)
    phone = normalize_phone(text) if looks_numeric and len(digits) >= 8 else None
    if phone:
        return Q(applicant__phone=phone)
    return Q(applicant__full_name__icontains=" ".join(text.split()))


def filtered_applications(filters: ApplicationFilters) -> QuerySet[PassportApplication]:
    """Applications matching the filters, with the applicant joined (no N+1), sorted."""
    apps = PassportApplication.objects.select_related("applicant")
    if filters.q.strip():
        apps = apps.filter(_search(filters.q))
    if filters.status:
        apps = apps.filter(status=filters.status)
    if filters.purpose:
        apps = apps.filter(purpose=filters.purpose)
    if filters.destination:
        apps = apps.filter(destination_country=filters.destination.upper())
    if filters.regency:
        apps = apps.filter(regency_code=filters.regency)
    if filters.date_from:
        apps = apps.filter(submitted_on__gte=filters.date_from)
    if filters.date_to:
        apps = apps.filter(submitted_on__lte=filters.date_to)
    return apps.order_by(*SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))

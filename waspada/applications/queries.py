"""Read helpers for applications: the filtered list shared by the list page and exports.

The filters here read the application and its applicant. What happened to an
application later (decisions, interviews, rings, referrals) is filtered by the apps
that know it, through `LIST_FILTERS` (the reports' drill-down registers those).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Expression,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.lookups import LessThan

from waspada.applications.hooks import LIST_FILTERS
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

# Age on the day of application: (youngest, oldest or None), both included.
AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "0-17": (0, 17),
    "18-24": (18, 24),
    "25-34": (25, 34),
    "35-44": (35, 44),
    "45-54": (45, 54),
    "55+": (55, None),
}


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
    # Who applied.
    district: str = ""
    sex: str = ""
    age_band: str = ""  # a key of AGE_BANDS: age on the day of application
    indicator: str = ""  # an indicator code of the latest assessment, e.g. "D02"
    # Who registered it (user name).
    registered_by: str = ""
    # The cleaned values of the LIST_FILTERS' fields that are set, by field name.
    more: Mapping[str, Any] = field(default_factory=dict)


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


def in_area_and_period(
    apps: QuerySet[PassportApplication],
    regency: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> QuerySet[PassportApplication]:
    """The applications of a regency (of origin) submitted in a period; empty values do
    not filter. Every list of applications filters these the same way."""
    if regency:
        apps = apps.filter(regency_code=regency)
    if date_from:
        apps = apps.filter(submitted_on__gte=date_from)
    if date_to:
        apps = apps.filter(submitted_on__lte=date_to)
    return apps


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
    apps = in_area_and_period(apps, filters.regency, filters.date_from, filters.date_to)
    if filters.district:
        apps = apps.filter(district_code=filters.district)
    if filters.sex:
        apps = apps.filter(applicant__sex=filters.sex)
    if filters.age_band in AGE_BANDS:
        youngest, oldest = AGE_BANDS[filters.age_band]
        apps = apps.alias(age_key=age_key()).filter(age_key__gte=youngest * 10000)
        if oldest is not None:
            apps = apps.filter(age_key__lt=(oldest + 1) * 10000)
    if filters.indicator:
        apps = apps.filter(has_indicator(filters.indicator))
    if filters.registered_by:
        apps = apps.filter(created_by__username=filters.registered_by)
    for list_filter in LIST_FILTERS:
        for condition in list_filter.conditions(filters.more):
            apps = apps.filter(condition)
    return apps.order_by(*SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))


class DayNumber(Func):
    """A date as the integer YYYYMMDD, computed by the database.

    PostgreSQL formats it with `to_char` (independent of DateStyle); SQLite stores dates
    as 'YYYY-MM-DD' text, so dropping the dashes is enough (no Python function per row,
    which `Extract` costs there).
    """

    template = "CAST(to_char(%(expressions)s, 'YYYYMMDD') AS integer)"
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        template = "CAST(REPLACE(%(expressions)s, '-', '') AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def age_key(prefix: str = "") -> Expression:
    """The applicant's age on the day of application as an integer in SQL: years * 10000
    plus the month-day difference, so that age >= n exactly when the key >= n * 10000.

    (YYYYMMDD of the application minus YYYYMMDD of the birth date.) `prefix` reaches
    the application from another model, e.g. "application__".
    """
    return DayNumber(f"{prefix}submitted_on") - DayNumber(f"{prefix}applicant__birth_date")


def age_band(prefix: str = "") -> Expression:
    """The AGE_BANDS key of the applicant's age on the day of application, in SQL."""
    key = age_key(prefix)
    *younger, (oldest_band, _bounds) = AGE_BANDS.items()
    return Case(
        *(
            When(LessThan(key, ((oldest or 0) + 1) * 10000), then=Value(band))
            for band, (_youngest, oldest) in younger
        ),
        default=Value(oldest_band),
    )


def has_indicator(code: str, prefix: str = "") -> Q:
    """The latest assessment raised this indicator (codes are three characters, so a
    substring of the ";"-joined list cannot match another code)."""
    return Q(**{f"{prefix}risk_indicators__contains": code.strip().upper()[:3]})

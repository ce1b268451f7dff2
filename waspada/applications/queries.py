"""Read helpers for applications: the filtered list shared by the list page and exports.

Besides what an officer types, the list answers the reports' drill-down: every figure
of the dashboard links here with filters that select exactly the applications it
counts (what happened to them, when, and who did it). The conditions on decisions,
interviews, rings and referrals are `Exists` subqueries, so an application matches
once however many rows it has there, and the page costs no extra query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Exists,
    Expression,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.lookups import LessThan
from django.utils import timezone

from waspada.applications.models import PassportApplication
from waspada.decisions.models import Decision, DecisionState
from waspada.domain.phones import normalize_phone
from waspada.interviews.models import InterviewSession
from waspada.networks.models import RingMembership
from waspada.networks.queries import latest_run
from waspada.partners.models import Referral

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

# What `event_from`/`event_to` date: the filters on the same row follow it.
EVENT_DECIDED = "decided"  # a decision came into force
EVENT_INTERVIEWED = "interviewed"  # an interview started
EVENT_PROPOSED = "proposed"  # a decision was proposed
EVENT_REVIEWED = "reviewed"  # a proposal was signed off or returned
EVENT_REFERRED = "referred"  # the application was referred to a partner agency
EVENTS = (EVENT_DECIDED, EVENT_INTERVIEWED, EVENT_PROPOSED, EVENT_REVIEWED, EVENT_REFERRED)


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
    # What happened to the application.
    outcome: str = ""  # an outcome of a decision in force
    reason: str = ""  # the reason code of a decision in force
    interview: str = ""  # the kind of an interview held
    ring: bool = False  # member of a risky ring of the latest detection run
    referred: bool = False  # referred to a partner agency
    # Who did it (user names).
    registered_by: str = ""
    interviewer: str = ""
    proposed_by: str = ""
    reviewed_by: str = ""
    # When it happened: the same decision, interview or referral as the conditions above.
    event: str = ""  # a key of EVENTS
    event_from: dt.date | None = None
    event_to: dt.date | None = None


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
    for condition in _activity_conditions(filters):
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


def local_day_range(
    start: dt.date | None, end: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """[start, end] in calendar days of the office's time zone as [from, before) instants,
    so that a timestamp index can answer (`__date` would wrap the column in a function)."""

    def midnight(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    return (
        midnight(start) if start else None,
        midnight(end + dt.timedelta(days=1)) if end else None,
    )


def instant_range(field: str, start: dt.date | None, end: dt.date | None) -> Q:
    """Timestamps `field` on the days from `start` to `end` (either may be open)."""
    since, before = local_day_range(start, end)
    condition = Q()
    if since is not None:
        condition &= Q(**{f"{field}__gte": since})
    if before is not None:
        condition &= Q(**{f"{field}__lt": before})
    return condition


def decision_condition(filters: ApplicationFilters) -> Q | None:
    """What the application's decision must be, or None when the filters ask nothing."""
    condition, asked = Q(), False
    if filters.outcome or filters.reason or filters.event == EVENT_DECIDED:
        condition &= Q(state=DecisionState.IN_FORCE)
        asked = True
    if filters.outcome:
        condition &= Q(outcome=filters.outcome)
    if filters.reason:
        condition &= Q(reason_code=filters.reason)
    if filters.proposed_by or filters.event == EVENT_PROPOSED:
        asked = True
    if filters.proposed_by:
        condition &= Q(proposed_by__username=filters.proposed_by)
    if filters.reviewed_by or filters.event == EVENT_REVIEWED:
        condition &= Q(reviewed_by__isnull=False)
        asked = True
    if filters.reviewed_by:
        condition &= Q(reviewed_by__username=filters.reviewed_by)
    dated = {
        EVENT_DECIDED: "in_force_at",
        EVENT_PROPOSED: "proposed_at",
        EVENT_REVIEWED: "reviewed_at",
    }
    if filters.event in dated:
        condition &= instant_range(dated[filters.event], filters.event_from, filters.event_to)
    return condition if asked else None


def interview_condition(filters: ApplicationFilters) -> Q | None:
    """What the application's interview must be, or None when the filters ask nothing."""
    if not (filters.interview or filters.interviewer or filters.event == EVENT_INTERVIEWED):
        return None
    condition = Q()
    if filters.interview:
        condition &= Q(kind=filters.interview)
    if filters.interviewer:
        condition &= Q(interviewer__username=filters.interviewer)
    if filters.event == EVENT_INTERVIEWED:
        condition &= instant_range("started_at", filters.event_from, filters.event_to)
    return condition


def referral_condition(filters: ApplicationFilters) -> Q | None:
    if not (filters.referred or filters.event == EVENT_REFERRED):
        return None
    if filters.event == EVENT_REFERRED:
        return instant_range("referral__referred_at", filters.event_from, filters.event_to)
    return Q()


def ring_members(run_id: int | None) -> Q:
    """The application belongs to a risky ring of this detection run.

    An uncorrelated IN (...): the few hundred members are found once, where a correlated
    EXISTS led SQLite to walk every cluster of the run for every application.
    """
    members = RingMembership.objects.filter(cluster__run_id=run_id, cluster__risky=True)
    return Q(pk__in=members.values("application_id"))


def _activity_conditions(filters: ApplicationFilters) -> list[Exists | Q]:
    conditions: list[Exists | Q] = []
    decision = decision_condition(filters)
    if decision is not None:
        conditions.append(Exists(Decision.objects.filter(decision, application=OuterRef("pk"))))
    interview = interview_condition(filters)
    if interview is not None:
        conditions.append(
            Exists(InterviewSession.objects.filter(interview, application=OuterRef("pk")))
        )
    referral = referral_condition(filters)
    if referral is not None:
        through = Referral.applications.through.objects.filter(
            referral, passportapplication=OuterRef("pk")
        )
        conditions.append(Exists(through))
    if filters.ring:
        run = latest_run()
        conditions.append(ring_members(run.pk if run else None))
    return conditions

"""Screening contexts for applications in the database, a batch at a time.

Everything an indicator may read is gathered here with a fixed number of queries per
batch (history by NIK, the office, the providers), then handed to the pure engine.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence

from waspada.applications.models import PassportApplication, Status
from waspada.applications.records import IDENTITY_FIELDS, ApplicantRecord, ApplicationRecord
from waspada.domain.nik import cross_check
from waspada.domain.risk import Policy, context_from_records
from waspada.domain.screening import ScreeningContext
from waspada.regions.nik import check_nik
from waspada.regions.queries import working_area_codes
from waspada.screening.providers import collect_facts

OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.SCREENING,
    Status.INTERVIEW,
    Status.DECISION_PENDING,
    Status.DEFERRED,
)
# An ordinary passport is valid 5 years (under 17) or 10; 5 is the safe lower bound for
# "still holds a valid passport" without the issue date of the passport itself.
PASSPORT_VALID_YEARS = 5


def records_of(application: PassportApplication) -> tuple[ApplicantRecord, ApplicationRecord]:
    """The application (with its applicant loaded) as the plain records of intake: the
    identity as written on this application, under its applicant's NIK."""
    applicant = ApplicantRecord(
        nik=application.applicant.nik,
        **{name: getattr(application, name) for name in IDENTITY_FIELDS if name != "village_code"},
        village_code=application.village_id,
    )
    record = ApplicationRecord(
        **{name: getattr(application, name) for name in ApplicationRecord.__dataclass_fields__}
    )
    return applicant, record


def _history(
    applications: Sequence[PassportApplication], window_days: int
) -> tuple[Counter[int], set[int]]:
    """Per application id: other open applications of the same applicant submitted
    within `window_days`, and whether a valid passport was issued on another one."""
    applicant_ids = {app.applicant_id for app in applications}
    since = min(app.submitted_on for app in applications) - dt.timedelta(
        days=round(365.25 * PASSPORT_VALID_YEARS)
    )
    open_apps: defaultdict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    issued: defaultdict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    rows = PassportApplication.objects.filter(applicant_id__in=applicant_ids).values_list(
        "pk", "applicant_id", "status", "submitted_on"
    )
    for pk, applicant_id, status, submitted_on in rows:
        if status in OPEN_STATUSES:
            open_apps[applicant_id].append((pk, submitted_on))
        elif status == Status.ISSUED and submitted_on >= since:
            issued[applicant_id].append((pk, submitted_on))
    duplicates: Counter[int] = Counter()
    holds: set[int] = set()
    for app in applications:
        for pk, submitted_on in open_apps.get(app.applicant_id, ()):
            if pk != app.pk and abs((app.submitted_on - submitted_on).days) <= window_days:
                duplicates[app.pk] += 1
        for pk, submitted_on in issued.get(app.applicant_id, ()):
            if (
                pk != app.pk
                and 0 <= (app.submitted_on - submitted_on).days < 365.25 * PASSPORT_VALID_YEARS
            ):
                holds.add(app.pk)
    return duplicates, holds


def duplicate_window(policy: Policy) -> int:
    """D11's window (days) in which two open applications count as a duplicate."""
    spec = policy.indicators.get("D11")
    return int(spec.params.get("window_days", 60)) if spec is not None else 60


def build_contexts(
    applications: Sequence[PassportApplication], policy: Policy
) -> dict[int, ScreeningContext]:
    """A context per application id (applications must have `applicant` loaded)."""
    if not applications:
        return {}
    office_regencies = frozenset(working_area_codes())
    duplicates, holds = _history(applications, duplicate_window(policy))
    facts = collect_facts(applications)
    contexts: dict[int, ScreeningContext] = {}
    for app in applications:
        applicant, record = records_of(app)
        nik = check_nik(applicant.nik, today=app.submitted_on)
        parsed = nik.parsed
        mismatches = (
            tuple(
                found.field
                for found in cross_check(parsed, birth_date=applicant.birth_date, sex=applicant.sex)
            )
            if parsed
            else ()
        )
        contexts[app.pk] = context_from_records(
            applicant,
            record,
            office_regencies=office_regencies,
            nik_valid=nik.valid,
            nik_regency=parsed.regency_code if parsed else "",
            nik_mismatches=mismatches,
            other_open_applications=duplicates[app.pk],
            holds_valid_passport=app.pk in holds,
            facts=facts.get(app.pk, {}),
        )
    return contexts

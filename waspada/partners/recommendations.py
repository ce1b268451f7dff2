"""The registers of Disnaker passport recommendations, and D03's verification against them.

A Disnaker (an agency of kind Disnaker) keeps the register of the recommendations it
issued: one by one on its page, or by file (`import_recommendations`, all or nothing).
Screening checks every application that names a recommendation number
(`recommendation_facts`, the "disnaker_unverified" provider):

- in the register and consistent (NIK, name loosely, destination, P3MI when given, valid
  on the application date, not revoked): a note "verified", D03 stays off;
- in the register but not consistent: D03, with the differences as typed evidence;
- not in the register of a Disnaker that declared its register complete for a period
  covering the application date: D03;
- otherwise unknown is not bad: a note only, and a verification request goes to the
  Disnaker of the applicant's regency (else the only Disnaker; else the supervisors).

The Disnaker answers a request (issued, not issued, revoked); each answer, registration,
revocation, import and declaration re-screens the applications naming the number.
Every change is one function here, audited.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Replace, Upper
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from waspada.applications import exchange  # noqa: F401  (registers "bad_date", "bad_country")
from waspada.applications.countries import is_country_code
from waspada.applications.models import PassportApplication
from waspada.core import audit, jobs
from waspada.core.audit_actions import AuditAction, names_of
from waspada.core.audit_summaries import said
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.core.registries import RegistryStatus, table_status
from waspada.core.tables import (
    Checked,
    Columns,
    ImportOutcome,
    Notice,
    RawRow,
    RowError,
    TableImport,
    register_messages,
)
from waspada.domain.evidence import Reason
from waspada.domain.recommendations import Claim, Issued, differences, number_key
from waspada.domain.screening import Fact, Note
from waspada.partners import events as partner_events
from waspada.partners.models import (
    Agency,
    AgencyKind,
    Recommendation,
    RecommendationImportJob,
    RecommendationRequest,
    RecommendationStatus,
    RegisterPeriod,
    RequestState,
)
from waspada.screening.context import OPEN_STATUSES
from waspada.screening.services import rescreen_for_fact

FACT = "disnaker_unverified"  # the fact name D03 reads
COLUMNS = (
    "recommendation_no",
    "issued_on",
    "nik",
    "full_name",
    "destination_country",
    "employer_name",
    "p3mi_name",
    "p3mi_license_no",
    "valid_until",
    "status",
)
SPEC = Columns(
    ("recommendation_no", "issued_on", "nik", "full_name", "destination_country", "valid_until"),
    ("employer_name", "p3mi_name", "p3mi_license_no", "status"),
)
# Re-screened at once up to this many applications; more go to the background worker
# (a command always re-screens at once).
RESCREEN_NOW = 500
BATCH_SIZE = 1000
# What a row gives besides its number (the key).
_VALUE_FIELDS = COLUMNS[1:]
REGISTER_IMPORTS = names_of(AuditAction.RECOMMENDATIONS_IMPORTED)
REGISTER_CHANGES = names_of(
    AuditAction.RECOMMENDATION_REGISTERED, AuditAction.RECOMMENDATION_REVOKED
)

register_messages(
    {
        "bad_recommendation_nik": gettext_lazy("'%(value)s' is not a NIK: write its 16 digits."),
        "bad_recommendation_status": gettext_lazy(
            "Unknown status '%(value)s': use issued or revoked."
        ),
        "valid_before_issued": gettext_lazy(
            "Valid until %(value)s is before the issue date %(issued)s."
        ),
        "duplicate_recommendation_no": gettext_lazy(
            "Recommendation number %(value)s is already on row %(first)d: each "
            "recommendation may appear only once in a file."
        ),
        "recommendations_not_imported": gettext_lazy(
            "The file has rows with errors: nothing was imported. Correct the rows listed "
            "and import the whole file again."
        ),
    }
)


def _chunks(values: Iterable[int], size: int = BATCH_SIZE) -> Iterator[list[int]]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


# --- Which Disnaker verifies an application ------------------------------------------------


@dataclass(frozen=True)
class Disnakers:
    """The active Disnaker agencies: by the regency each serves, and the only one."""

    by_regency: dict[str, Agency]
    only: Agency | None

    @classmethod
    def load(cls) -> Disnakers:
        agencies = list(Agency.objects.filter(kind=AgencyKind.DISNAKER, is_active=True))
        return cls(
            {a.regency_code: a for a in agencies if a.regency_code},
            agencies[0] if len(agencies) == 1 else None,
        )

    def for_application(self, app: PassportApplication) -> Agency | None:
        """The Disnaker of the applicant's regency (address, else the NIK's), else the only
        Disnaker, else None (the supervisors verify)."""
        nik = app.applicant.nik if app.applicant_id else ""
        for regency in (app.regency_code, f"{nik[:2]}.{nik[2:4]}" if len(nik) >= 4 else ""):
            if regency and regency in self.by_regency:
                return self.by_regency[regency]
        return self.only


# --- Checking applications against the registers ---------------------------------------


@dataclass
class Verdict:
    """What the registers say about one application's recommendation."""

    number: str
    agency: Agency | None  # who answers a request about it
    facts: list[Fact] = field(default_factory=list)
    unknown: bool = False  # nobody knows it yet: a request is to be opened


def _issued(record: Recommendation) -> Issued:
    """The register's row as the domain compares it (the fields of one name)."""
    return Issued(**{name: getattr(record, name) for name in Issued.__dataclass_fields__})


def _claim(app: PassportApplication) -> Claim:
    """The application as the domain compares it: its own fields, its applicant's NIK."""
    fields = (name for name in Claim.__dataclass_fields__ if name != "nik")
    return Claim(nik=app.applicant.nik, **{name: getattr(app, name) for name in fields})


def _answer_fact(request: RecommendationRequest, number: str) -> Fact:
    # No agency: a supervisor answered (D03 words it as the office, per language).
    agency = request.agency.name if request.agency else ""
    if request.state == RequestState.ISSUED:
        return Note("D03", Reason.of("recommendation_confirmed", number=number, agency=agency))
    code = "answered_revoked" if request.state == RequestState.REVOKED else "answered_not_issued"
    return Reason.of(code, agency=agency, note=request.note)


class _Context:
    """What verifying a batch may also need, each read once and only when asked for."""

    def __init__(self, missing: set[str]) -> None:
        self.missing = missing

    @cached_property
    def disnakers(self) -> Disnakers:
        return Disnakers.load()

    @cached_property
    def answered(self) -> dict[tuple[int | None, str], RecommendationRequest]:
        """Answered requests about the numbers no register holds."""
        return {
            (request.agency_id, request.number_key): request
            for request in RecommendationRequest.objects.filter(number_key__in=self.missing)
            .exclude(state=RequestState.OPEN)
            .select_related("agency")
        }

    @cached_property
    def periods(self) -> dict[int, list[RegisterPeriod]]:
        periods: defaultdict[int, list[RegisterPeriod]] = defaultdict(list)
        for period in RegisterPeriod.objects.all():
            periods[period.agency_id].append(period)
        return periods


def verdicts(applications: Sequence[PassportApplication]) -> dict[int, Verdict]:
    """Per application naming a recommendation: what the registers say (at most four
    queries per batch; one when the register holds every number once)."""
    named: dict[int, str] = {
        app.pk: number_key(app.disnaker_recommendation_no or "") for app in applications
    }
    named = {pk: key for pk, key in named.items() if key}
    if not named:
        return {}
    keys = set(named.values())
    records: defaultdict[str, list[Recommendation]] = defaultdict(list)
    for record in Recommendation.objects.filter(number_key__in=keys).select_related("agency"):
        records[record.number_key].append(record)
    # Read only when needed: a number the register holds once needs nothing more.
    more = _Context(keys - set(records))
    found: dict[int, Verdict] = {}
    for app in applications:
        key = named.get(app.pk, "")
        if not key:
            continue
        number = app.disnaker_recommendation_no.strip()
        candidates = records.get(key, [])
        agency = None
        if not candidates or len({r.agency_id for r in candidates}) > 1:
            agency = more.disnakers.for_application(app)
        verdict = found[app.pk] = Verdict(number, agency)
        if agency is not None and any(r.agency_id == agency.pk for r in candidates):
            candidates = [r for r in candidates if r.agency_id == agency.pk]
        if candidates:
            compared = sorted(
                ((differences(_issued(r), _claim(app)), r) for r in candidates),
                key=lambda item: (len(item[0]), item[1].pk),
            )
            diffs, record = compared[0]
            if diffs:
                verdict.facts.extend(diffs)
            else:
                verdict.facts.append(
                    Note(
                        "D03",
                        Reason.of(
                            "recommendation_verified", number=number, agency=record.agency.name
                        ),
                    )
                )
            continue
        answer = more.answered.get((agency.pk if agency else None, key))
        if answer is not None:
            verdict.facts.append(_answer_fact(answer, number))
            continue
        complete = next(
            (
                p
                for p in more.periods.get(agency.pk if agency else -1, ())
                if p.starts_on <= app.submitted_on <= p.ends_on
            ),
            None,
        )
        if agency is not None and complete is not None:
            verdict.facts.append(
                Reason.of(
                    "not_in_register",
                    agency=agency.name,
                    start=complete.starts_on.isoformat(),
                    end=complete.ends_on.isoformat(),
                )
            )
            continue
        verdict.unknown = True
        verdict.facts.append(
            Note(
                "D03",
                Reason.of(
                    "recommendation_unknown",
                    number=number,
                    agency=agency.name if agency else "",
                ),
            )
        )
    return found


def recommendation_facts(
    applications: Sequence[PassportApplication],
) -> dict[int, tuple[Fact, ...]]:
    return {pk: tuple(v.facts) for pk, v in verdicts(_with_applicant(applications)).items()}


def _with_applicant(applications: Sequence[PassportApplication]) -> list[PassportApplication]:
    """The applications with their applicants loaded (one query when any is missing)."""
    missing = [app.pk for app in applications if "applicant" not in app._state.fields_cache]
    if not missing:
        return list(applications)
    loaded = PassportApplication.objects.select_related("applicant").in_bulk(missing)
    return [loaded.get(app.pk, app) for app in applications]


class RecommendationProvider:
    """D03's facts: what the registers of Disnaker recommendations say."""

    name = FACT

    def collect(self, applications: Sequence[PassportApplication]) -> dict[int, tuple[Fact, ...]]:
        return recommendation_facts(applications)


def registry_status() -> RegistryStatus:
    return table_status(
        Recommendation.objects.all(),
        in_force=Q(status=RecommendationStatus.ISSUED),
        imports=REGISTER_IMPORTS,
        changes=REGISTER_CHANGES,
    )


class RecommendationRegistry:
    name = "disnaker_recommendations"

    @property
    def label(self) -> str:
        return _("registers of Disnaker recommendations")

    def status(self) -> RegistryStatus:
        return registry_status()


# --- Opening requests (after an application is saved) ---------------------------------------


def open_requests(
    application_ids: Sequence[int], *, trigger: str, acting_user: User | None
) -> None:
    """After-save hook (after screening): an application naming a number nobody knows
    joins the verification request for that number at its Disnaker (opened if new)."""
    for chunk in _chunks(application_ids):
        apps = list(
            PassportApplication.objects.filter(pk__in=chunk)
            .exclude(disnaker_recommendation_no="")
            .select_related("applicant")
        )
        wanted: defaultdict[tuple[int | None, str], list[int]] = defaultdict(list)
        first: dict[tuple[int | None, str], Verdict] = {}
        for pk, verdict in verdicts(apps).items():
            if verdict.unknown:
                queue = (verdict.agency.pk if verdict.agency else None, number_key(verdict.number))
                wanted[queue].append(pk)
                first.setdefault(queue, verdict)
        if wanted:
            with transaction.atomic():
                _join(wanted, first, acting_user)


def _join(
    wanted: dict[tuple[int | None, str], list[int]],
    first: dict[tuple[int | None, str], Verdict],
    acting_user: User | None,
) -> None:
    keys = {key for _agency, key in wanted}
    existing = {
        (r.agency_id, r.number_key): r
        for r in RecommendationRequest.objects.filter(number_key__in=keys, state=RequestState.OPEN)
    }
    new = {
        queue: RecommendationRequest(
            agency=verdict.agency, number=verdict.number, number_key=number_key(verdict.number)
        )
        for queue, verdict in first.items()
        if queue not in existing
    }
    RecommendationRequest.objects.bulk_create(list(new.values()), batch_size=BATCH_SIZE)
    existing.update(new)
    events = [
        audit.event(
            AuditAction.RECOMMENDATION_REQUEST_OPENED,
            said(
                gettext_noop(
                    "Verification of Disnaker recommendation %(number)s requested from %(whom)s"
                ),
                number=request.number,
                whom=request.agency.name
                if request.agency
                else said(gettext_noop("the supervisors")),
            ),
            actor=acting_user,
            object_type=RecommendationRequest._meta.label_lower,
            object_id=str(request.pk),
            details={"number": request.number, "applications": wanted[queue][:200]},
        )
        for queue, request in new.items()
    ]
    through = RecommendationRequest.applications.through
    through.objects.bulk_create(
        [
            through(recommendationrequest_id=existing[queue].pk, passportapplication_id=pk)
            for queue, ids in wanted.items()
            for pk in ids
        ],
        ignore_conflicts=True,
    )
    audit.record_many(events)
    for request in new.values():
        partner_events.emit(
            partner_events.VERIFICATION_REQUESTED,
            request.agency,
            {"kind": "recommendation", "id": request.pk, "recommendation_no": request.number},
        )


# --- Re-screening -----------------------------------------------------------------------------


def naming_applications(keys: Iterable[str], *, open_only: bool = True) -> list[int]:
    """Applications (not yet decided, unless `open_only` is False) that name one of the
    numbers (by number key: spaces and capitals aside), and those waiting on a request
    about one."""
    keys = sorted({key for key in keys if key})
    ids: set[int] = set()
    spelled = Upper(Replace(F("disnaker_recommendation_no"), Value(" "), Value("")))
    open_apps = PassportApplication.objects.all()
    if open_only:
        open_apps = open_apps.filter(status__in=OPEN_STATUSES)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        requested = RecommendationRequest.applications.through.objects.filter(
            recommendationrequest__number_key__in=chunk
        ).values("passportapplication_id")
        ids.update(
            open_apps.annotate(spelled_key=spelled)
            .filter(Q(spelled_key__in=chunk) | Q(pk__in=requested))
            .values_list("pk", flat=True)
        )
    return sorted(ids)


def rescreen(keys: Iterable[str], acting_user: User | None, *, now: bool = False) -> int:
    """Re-screen the applications naming the numbers: at once (up to `RESCREEN_NOW`, or all
    when `now`), else in the background. Returns how many."""
    keys = set(keys)
    return rescreen_for_fact(
        naming_applications(keys),
        description=said(
            gettext_noop("Disnaker register changed (%(count)s recommendation(s))"), count=len(keys)
        ),
        acting_user=acting_user,
        at_once=None if now else RESCREEN_NOW,
    )


# --- The register: one by one ---------------------------------------------------------------


@dataclass(frozen=True)
class RecommendationValues:
    number: str
    issued_on: dt.date
    nik: str
    full_name: str
    destination_country: str
    valid_until: dt.date
    employer_name: str = ""
    p3mi_name: str = ""
    p3mi_license_no: str = ""
    status: str = RecommendationStatus.ISSUED

    def fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _VALUE_FIELDS}


class AlreadyRegistered(UserFacingError):
    def __init__(self, number: str) -> None:
        super().__init__(f"recommendation {number} already registered")
        self.number = number

    def form_errors(self) -> list[tuple[str, str]]:
        return [("number", str(self))]

    def __str__(self) -> str:
        return _("Recommendation %(number)s is already in your register.") % {"number": self.number}


def _settle_requests(agency: Agency, keys: Iterable[str], acting_user: User | None) -> None:
    """Open requests to `agency` about numbers now in its register need no answer."""
    now = timezone.now()
    RecommendationRequest.objects.filter(
        agency=agency, number_key__in=set(keys), state=RequestState.OPEN
    ).update(
        state=RequestState.ISSUED,
        note="registered",
        answered_by=acting_user if acting_user is not None and acting_user.pk else None,
        answered_at=now,
    )


def _create(agency: Agency, values: RecommendationValues) -> Recommendation:
    if Recommendation.objects.filter(agency=agency, number=values.number).exists():
        raise AlreadyRegistered(values.number)
    return Recommendation.objects.create(agency=agency, number=values.number, **values.fields())


def register_recommendation(
    agency: Agency,
    values: RecommendationValues,
    *,
    acting_user: User,
    request: HttpRequest | None = None,
) -> Recommendation:
    """Register a recommendation the agency issued; the applications naming it are
    re-screened."""
    with transaction.atomic():
        record = _create(agency, values)
        _settle_requests(agency, [record.number_key], acting_user)
        audit.record(
            AuditAction.RECOMMENDATION_REGISTERED,
            said(
                gettext_noop("Disnaker recommendation %(number)s registered by %(agency)s"),
                number=record.number,
                agency=agency.name,
            ),
            actor=acting_user,
            obj=record,
            details={"number": record.number, "agency": agency.pk},
            request=request,
        )
    rescreen([record.number_key], acting_user)
    return record


class AlreadyRevoked(UserFacingError):
    def __str__(self) -> str:
        return _("This recommendation was revoked in the meantime; nothing was saved.")


def revoke_recommendation(
    record: Recommendation,
    *,
    reason: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> Recommendation:
    """Revoke a recommendation (with the reason): D03 fires on the applications naming it."""
    with transaction.atomic():
        record = Recommendation.objects.select_for_update().get(pk=record.pk)
        if record.revoked:
            raise AlreadyRevoked("already revoked")
        record.status = RecommendationStatus.REVOKED
        record.revoked_reason = reason[:1000]
        record.save(update_fields=["status", "revoked_reason", "updated_at"])
        audit.record(
            AuditAction.RECOMMENDATION_REVOKED,
            said(
                gettext_noop("Disnaker recommendation %(number)s revoked: %(reason)s"),
                number=record.number,
                reason=reason,
            ),
            actor=acting_user,
            obj=record,
            details={"reason": record.revoked_reason},
            request=request,
        )
    rescreen([record.number_key], acting_user)
    return record


def declare_complete(
    agency: Agency,
    *,
    starts_on: dt.date,
    ends_on: dt.date,
    acting_user: User,
    request: HttpRequest | None = None,
) -> RegisterPeriod:
    """The agency declares its register complete for the period: a number it does not
    hold, on an application dated then, fires D03. Re-screens its open requests'
    applications."""
    with transaction.atomic():
        period = RegisterPeriod.objects.create(
            agency=agency, starts_on=starts_on, ends_on=ends_on, declared_by=acting_user
        )
        audit.record(
            AuditAction.REGISTER_DECLARED_COMPLETE,
            said(
                gettext_noop(
                    "%(agency)s declared its register of recommendations complete "
                    "from %(start)s to %(end)s"
                ),
                agency=agency.name,
                start=starts_on,
                end=ends_on,
            ),
            actor=acting_user,
            obj=period,
            details={"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()},
            request=request,
        )
    keys = RecommendationRequest.objects.filter(agency=agency, state=RequestState.OPEN).values_list(
        "number_key", flat=True
    )
    rescreen(list(keys), acting_user)
    return period


# --- Answering requests ---------------------------------------------------------------------


class RequestAnswered(UserFacingError):
    def __init__(self, request: RecommendationRequest) -> None:
        super().__init__(f"request {request.pk} is {request.state}")
        self.request = request

    def __str__(self) -> str:
        return _(
            "This request was answered in the meantime (now: %(state)s); nothing was saved."
        ) % {"state": self.request.get_state_display()}


def answer_request(
    request_obj: RecommendationRequest,
    *,
    answer: str,
    note: str,
    acting_user: User,
    values: RecommendationValues | None = None,
    request: HttpRequest | None = None,
) -> RecommendationRequest:
    """Answer a verification request: `issued` (registering the recommendation with
    `values` when a Disnaker answers), `not_issued` or `revoked`. The applications naming
    the number are re-screened at once."""
    if answer not in (RequestState.ISSUED, RequestState.NOT_ISSUED, RequestState.REVOKED):
        raise ValueError(f"not an answer: {answer}")
    with transaction.atomic():
        current = RecommendationRequest.objects.select_for_update().get(pk=request_obj.pk)
        if current.state != RequestState.OPEN:
            raise RequestAnswered(current)
        if answer == RequestState.ISSUED and current.agency is not None and values is not None:
            record = _create(current.agency, values)
            audit.record(
                AuditAction.RECOMMENDATION_REGISTERED,
                said(
                    gettext_noop(
                        "Disnaker recommendation %(number)s registered by %(agency)s "
                        "answering request %(id)s"
                    ),
                    number=record.number,
                    agency=current.agency.name,
                    id=current.pk,
                ),
                actor=acting_user,
                obj=record,
                details={"number": record.number, "request": current.pk},
                request=request,
            )
        current.state = answer
        current.note = note[:1000]
        current.answered_by = acting_user
        current.answered_at = timezone.now()
        current.save(update_fields=["state", "note", "answered_by", "answered_at"])
        audit.record(
            AuditAction.RECOMMENDATION_REQUEST_ANSWERED,
            said(
                gettext_noop(
                    "Request %(id)s about recommendation %(number)s answered: %(answer)s (%(note)s)"
                ),
                id=current.pk,
                number=current.number,
                answer=RequestState(answer).label,
                note=note,
            )
            if note
            else said(
                gettext_noop("Request %(id)s about recommendation %(number)s answered: %(answer)s"),
                id=current.pk,
                number=current.number,
                answer=RequestState(answer).label,
            ),
            actor=acting_user,
            obj=current,
            details={"answer": answer, "note": current.note},
            request=request,
        )
    rescreen([current.number_key], acting_user, now=True)
    return current


def overdue_after() -> dt.timedelta:
    return dt.timedelta(days=settings.WASPADA_RECOMMENDATION_OVERDUE_DAYS)


def open_requests_for(agency: Agency | None) -> Any:
    return RecommendationRequest.objects.filter(agency=agency, state=RequestState.OPEN)


def queue_count(user: Any = None) -> int:
    """The menu's number: a Disnaker user's open requests; the office's overdue ones."""
    agency_id = getattr(user, "agency_id", None)
    if agency_id is not None:
        return RecommendationRequest.objects.filter(
            agency_id=agency_id, state=RequestState.OPEN
        ).count()
    return overdue_count()


def overdue_count(user: object = None) -> int:
    """Open requests older than the overdue setting (the supervisors' menu shows it)."""
    return RecommendationRequest.objects.filter(
        state=RequestState.OPEN, opened_at__lt=timezone.now() - overdue_after()
    ).count()


# --- The register by file -------------------------------------------------------------------


@dataclass
class RecommendationImport(ImportOutcome):
    agency: Agency | None = None
    agency_created: bool = False
    rescreened: int = 0
    keys: set[str] = field(default_factory=set)


def _date(raw: RawRow, column: str, problems: list[RowError]) -> dt.date | None:
    value = raw.values.get(column, "")
    if not value:
        problems.append(RowError(raw.number, column, "required"))
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        pass
    problems.append(RowError(raw.number, column, "bad_date", {"value": value}))
    return None


def parse_row(raw: RawRow) -> tuple[RecommendationValues | None, list[RowError]]:
    row, number = raw.values, raw.number
    problems: list[RowError] = []
    for column in ("recommendation_no", "full_name"):
        if not row.get(column, ""):
            problems.append(RowError(number, column, "required"))
    issued_on = _date(raw, "issued_on", problems)
    valid_until = _date(raw, "valid_until", problems)
    if (
        issued_on is None
        and row.get("issued_on")
        and not any(p.column == "issued_on" for p in problems)
    ):
        problems.append(RowError(number, "issued_on", "bad_date", {"value": row["issued_on"]}))
    if (
        valid_until is None
        and row.get("valid_until")
        and not any(p.column == "valid_until" for p in problems)
    ):
        problems.append(RowError(number, "valid_until", "bad_date", {"value": row["valid_until"]}))
    nik = "".join(row.get("nik", "").split())
    if not nik:
        problems.append(RowError(number, "nik", "required"))
    elif not (len(nik) == 16 and nik.isdigit()):
        problems.append(RowError(number, "nik", "bad_recommendation_nik", {"value": nik}))
    country = row.get("destination_country", "").upper()
    if not country:
        problems.append(RowError(number, "destination_country", "required"))
    elif not is_country_code(country):
        problems.append(RowError(number, "destination_country", "bad_country", {"value": country}))
    status = (row.get("status", "") or RecommendationStatus.ISSUED).lower()
    if status not in RecommendationStatus.values:
        problems.append(
            RowError(number, "status", "bad_recommendation_status", {"value": row["status"]})
        )
    if issued_on and valid_until and valid_until < issued_on:
        problems.append(
            RowError(
                number,
                "valid_until",
                "valid_before_issued",
                {"value": valid_until.isoformat(), "issued": issued_on.isoformat()},
            )
        )
    for column, limit in (
        ("recommendation_no", 100),
        ("full_name", 200),
        ("employer_name", 200),
        ("p3mi_name", 200),
        ("p3mi_license_no", 100),
    ):
        if len(row.get(column, "")) > limit:
            problems.append(
                RowError(number, column, "too_long", {"max": limit, "length": len(row[column])})
            )
    if problems or issued_on is None or valid_until is None:
        return None, problems
    return (
        RecommendationValues(
            number=row["recommendation_no"],
            issued_on=issued_on,
            nik=nik,
            full_name=row["full_name"],
            destination_country=country,
            valid_until=valid_until,
            employer_name=row.get("employer_name", ""),
            p3mi_name=row.get("p3mi_name", ""),
            p3mi_license_no=row.get("p3mi_license_no", ""),
            status=status,
        ),
        [],
    )


class _Import(TableImport[RecommendationValues, RecommendationImport]):
    columns = SPEC

    def __init__(self, agency: Agency) -> None:
        self.agency = agency
        self.seen: dict[str, int] = {}

    def parse(self, rows: list[RawRow]) -> list[Checked[RecommendationValues]]:
        checked = []
        for raw in rows:
            value, problems = parse_row(raw)
            number = raw.values.get("recommendation_no", "")
            if number:
                first = self.seen.setdefault(number, raw.number)
                if first != raw.number:
                    value = None
                    problems.append(
                        RowError(
                            raw.number,
                            "recommendation_no",
                            "duplicate_recommendation_no",
                            {"value": number, "first": first},
                        )
                    )
            checked.append(Checked(raw, value, problems))
        return checked

    def save(
        self, valid: list[Checked[RecommendationValues]], outcome: RecommendationImport
    ) -> None:
        values = [item.value for item in valid if item.value is not None]
        existing = {
            r.number: r
            for r in Recommendation.objects.filter(
                agency=self.agency, number__in=[v.number for v in values]
            )
        }
        new = []
        for value in values:
            record = existing.get(value.number)
            if record is None:
                new.append(
                    Recommendation(
                        agency=self.agency,
                        number=value.number,
                        number_key=number_key(value.number),
                        **value.fields(),
                    )
                )
                outcome.created += 1
            elif all(getattr(record, k) == v for k, v in value.fields().items()):
                outcome.unchanged += 1
                continue
            else:
                for k, v in value.fields().items():
                    setattr(record, k, v)
                record.save()
                outcome.updated += 1
            outcome.keys.add(number_key(value.number))
        Recommendation.objects.bulk_create(new, batch_size=BATCH_SIZE)


def import_recommendations(
    source: str | Path | IO[bytes],
    *,
    filename: str,
    agency_name: str,
    acting_user: User | None = None,
    request: HttpRequest | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int | None], None] | None = None,
    rescreen_now: bool = True,
) -> RecommendationImport:
    """Import a Disnaker's register from a CSV or XLSX file (columns `COLUMNS`), all or
    nothing: one bad row and nothing is saved, every bad row reported by row and column.
    The agency is created (kind Disnaker) when new. Re-importing a number updates it.
    The applications naming the numbers added or changed are re-screened (at once when
    `rescreen_now`)."""
    if isinstance(source, str):
        source = io.BytesIO(source.encode("utf-8"))
    outcome = RecommendationImport()
    with transaction.atomic():
        agency, created = Agency.objects.get_or_create(
            name=agency_name.strip(), defaults={"kind": AgencyKind.DISNAKER}
        )
        outcome.agency, outcome.agency_created = agency, created
        _Import(agency).run(
            source, filename=filename, outcome=outcome, progress=progress, on_total=on_total
        )
        if outcome.failure is None and outcome.refused:
            outcome.failure = Notice("recommendations_not_imported", {"count": outcome.refused})
        if outcome.failure is not None:
            transaction.set_rollback(True)
            outcome.created = outcome.updated = outcome.unchanged = 0
            outcome.keys = set()
            return outcome
        _settle_requests(agency, outcome.keys, acting_user)
        audit.record(
            AuditAction.RECOMMENDATIONS_IMPORTED,
            said(
                gettext_noop(
                    "Disnaker recommendations of %(agency)s imported from %(file)s: "
                    "%(created)s added, %(updated)s updated, %(unchanged)s unchanged"
                ),
                agency=agency.name,
                file=filename,
                created=outcome.created,
                updated=outcome.updated,
                unchanged=outcome.unchanged,
            ),
            actor=acting_user,
            object_type=Recommendation._meta.label_lower,
            details={"file": filename, "rows": outcome.rows, "agency": agency.pk},
            request=request,
        )
    outcome.rescreened = rescreen(outcome.keys, acting_user, now=rescreen_now)
    return outcome


def queue_import(
    upload: Any, *, agency: Agency, acting_user: User, request: HttpRequest | None = None
) -> RecommendationImportJob:
    """Keep the uploaded file and queue its import for the background worker."""
    return jobs.create(
        RecommendationImportJob,
        acting_user=acting_user,
        action=AuditAction.RECOMMENDATION_IMPORT_QUEUED,
        summary=said(
            gettext_noop("Disnaker recommendations file %(file)s queued for %(agency)s"),
            file=upload.name,
            agency=agency.name,
        ),
        details={"file": upload.name},
        request=request,
        agency=agency,
        file=upload,
        filename=Path(upload.name or "file").name[:255],
    )


def run_import_job(job_id: int) -> RecommendationImport | None:
    """Import the file of a queued job, keeping its progress up to date."""
    job = RecommendationImportJob.objects.select_related("agency", "created_by").get(pk=job_id)
    if not jobs.start(job):
        return None

    def on_total(total: int | None) -> None:
        jobs.progress(job, total=total)

    def progress(rows: int) -> None:
        jobs.progress(job, advance=rows)

    with (
        jobs.failing_on_error(job, action=AuditAction.RECOMMENDATION_IMPORT_FAILED),
        job.file.open("rb") as handle,
    ):
        outcome = import_recommendations(
            handle,
            filename=job.filename,
            agency_name=job.agency.name,
            acting_user=job.created_by,
            progress=progress,
            on_total=on_total,
            rescreen_now=False,
        )
    fields: dict[str, Any] = {
        "created_count": outcome.created,
        "updated_count": outcome.updated,
        "unchanged_count": outcome.unchanged,
        "errors": [problem.to_dict() for problem in outcome.problems[:1000]],
        "failure": outcome.failure.to_dict() if outcome.failure else None,
    }
    if outcome.failure is not None:
        jobs.fail(job, outcome.failure.message, **fields)
    else:
        jobs.finish(job, **fields)
    return outcome


# --- Words of the notes ---------------------------------------------------------------------


def _verified(reason: Reason) -> str:
    return _(
        "Verified: Disnaker recommendation %(number)s is in the register of %(agency)s and "
        "matches this application."
    ) % {"number": reason.param("number"), "agency": reason.param("agency")}


def _confirmed(reason: Reason) -> str:
    return _("Verified: %(agency)s confirmed that it issued recommendation %(number)s.") % {
        "number": reason.param("number"),
        "agency": reason.param("agency"),
    }


def _unknown(reason: Reason) -> str:
    if reason.param("agency"):
        return _(
            "Not verified: Disnaker recommendation %(number)s is not in the register; "
            "%(agency)s was asked to verify it."
        ) % {"number": reason.param("number"), "agency": reason.param("agency")}
    return _(
        "Not verified: Disnaker recommendation %(number)s is not in any register; a "
        "supervisor verifies it with the Disnaker."
    ) % {"number": reason.param("number")}


NOTE_RENDERINGS = {
    "recommendation_verified": _verified,
    "recommendation_confirmed": _confirmed,
    "recommendation_unknown": _unknown,
}

"""State changes of applicants and applications. Atomic, each writes an audit event."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from waspada.applications import hooks
from waspada.applications.models import Applicant, PassportApplication, Status, StatusChange
from waspada.applications.records import (
    ApplicantRecord,
    ApplicationRecord,
    identity_values,
    record_values,
)
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import field_labels, said, terms, text
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.regions.models import Office

# The audit summaries written here (the application's timeline shows them).
REGISTERED = text(gettext_noop("Application %(number)s registered (%(source)s)"))
STATUS_CHANGED = text(gettext_noop("Application %(number)s: %(old)s → %(new)s"))
# Where a registration came from, in words.
SOURCES = {"intake form": _("intake form"), "demo": _("demo"), "import": _("import")}
terms(SOURCES)
terms(Status.choices)


class StaleApplication(UserFacingError):
    """Somebody else changed the application since the officer loaded it."""

    def __init__(self, application_no: str) -> None:
        super().__init__(application_no)
        self.application_no = application_no

    def message(self) -> str:
        return gettext(
            "Application %(number)s was changed by someone else in the meantime; "
            "nothing was saved. Reload the page to see the change."
        ) % {"number": self.application_no}

    def form_errors(self) -> list[tuple[str, str]]:
        return [("", self.message())]


def origin_codes(village_code: str) -> tuple[str, str]:
    """(regency code, kecamatan code) of a dotted village code."""
    parts = village_code.split(".")
    return ".".join(parts[:2]), ".".join(parts[:3])


def waspada_number(application: PassportApplication) -> str:
    """A number for an application registered in Waspada without one, e.g. WSP-2026-0000123."""
    return f"WSP-{application.submitted_on.year}-{application.pk:07d}"


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def diff(instance: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every value that differs from the instance."""
    return {
        name: [_jsonable(getattr(instance, name)), _jsonable(new)]
        for name, new in values.items()
        if getattr(instance, name) != new
    }


def upsert_applicant(
    record: ApplicantRecord, *, acting_user: User | None, request: HttpRequest | None = None
) -> tuple[Applicant, bool]:
    """The applicant with this NIK, created or brought up to date (audited); (obj, created)."""
    values = record_values(record)
    applicant = Applicant.objects.filter(nik=record.nik).first()
    if applicant is None:
        applicant = Applicant.objects.create(**values)
        audit.record(
            AuditAction.APPLICANT_CREATED,
            said(
                gettext_noop("Applicant %(name)s (%(nik)s) registered"),
                name=record.full_name,
                nik=record.nik,
            ),
            actor=acting_user,
            obj=applicant,
            request=request,
        )
        return applicant, True
    changes = diff(applicant, values)
    if changes:
        for name, new in values.items():
            setattr(applicant, name, new)
        applicant.save()
        audit.record(
            AuditAction.APPLICANT_UPDATED,
            said(
                gettext_noop("Applicant %(nik)s changed: %(fields)s"),
                nik=applicant.nik,
                fields=field_labels(Applicant, changes),
            ),
            actor=acting_user,
            obj=applicant,
            details={"changes": changes},
            request=request,
        )
    return applicant, False


@transaction.atomic
def register_application(
    applicant_record: ApplicantRecord,
    application_record: ApplicationRecord,
    *,
    office: Office,
    acting_user: User | None,
    source: str = "intake form",
    request: HttpRequest | None = None,
) -> PassportApplication:
    """Register a new application (and its applicant) in status `submitted`."""
    applicant, _ = upsert_applicant(applicant_record, acting_user=acting_user, request=request)
    regency_code, district_code = origin_codes(applicant_record.village_code)
    values = record_values(application_record)
    numbered = bool(values["application_no"])
    if not numbered:
        # No M-Paspor/SIMKIM number yet: a placeholder until the id gives a Waspada number.
        values["application_no"] = f"pending-{uuid.uuid4().hex}"
    application = PassportApplication.objects.create(
        applicant=applicant,
        office=office,
        regency_code=regency_code,
        district_code=district_code,
        created_by=acting_user,
        status=Status.SUBMITTED,
        **identity_values(applicant_record),
        **values,
    )
    if not numbered:
        application.application_no = waspada_number(application)
        application.save(update_fields=["application_no"])
    StatusChange.objects.create(
        application=application, to_status=Status.SUBMITTED, changed_by=acting_user, note=source
    )
    hooks.applications_saved([application.pk], trigger="intake", acting_user=acting_user)
    audit.record(
        AuditAction.APPLICATION_REGISTERED,
        said(
            REGISTERED,
            number=application.application_no,
            source=SOURCES.get(source, source),
        ),
        actor=acting_user,
        obj=application,
        details={"source": source, "applicant": applicant.nik},
        request=request,
    )
    return application


def change_status(
    application: PassportApplication,
    to_status: str,
    *,
    expected_version: int,
    acting_user: User | None,
    note: str = "",
    request: HttpRequest | None = None,
) -> PassportApplication:
    """Move an application to `to_status`, guarded by its version (optimistic locking).

    The UPDATE only matches while the row still has `expected_version`; when another
    officer got there first it matches nothing and StaleApplication is raised (the
    caller's transaction rolls back, so nothing is half-saved). Call inside the
    caller's transaction together with the rest of the state change.
    """
    from_status = application.status
    now = timezone.now()
    updated = PassportApplication.objects.filter(
        pk=application.pk, version=expected_version
    ).update(status=to_status, version=F("version") + 1, updated_at=now)
    if updated != 1:
        raise StaleApplication(application.application_no)
    application.status = to_status
    application.version = expected_version + 1
    application.updated_at = now
    StatusChange.objects.create(
        application=application,
        from_status=from_status,
        to_status=to_status,
        changed_at=now,
        changed_by=acting_user,
        note=note[:300],
    )
    audit.record(
        AuditAction.STATUS_CHANGED,
        said(
            STATUS_CHANGED,
            number=application.application_no,
            old=Status(from_status).label if from_status else "-",
            new=Status(to_status).label,
        ),
        actor=acting_user,
        obj=application,
        details={"from": from_status, "to": to_status, "note": note},
        request=request,
    )
    return application

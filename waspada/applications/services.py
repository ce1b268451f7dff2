"""State changes of applicants and applications. Atomic, each writes an audit event."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from waspada.applications import hooks
from waspada.applications.models import Applicant, PassportApplication, Status, StatusChange
from waspada.applications.records import ApplicantRecord, ApplicationRecord, record_values
from waspada.core import audit
from waspada.core.models import User
from waspada.regions.models import Office


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
            "applicant.created",
            f"Applicant {record.full_name} ({record.nik}) registered",
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
            "applicant.updated",
            f"Applicant {applicant.nik} changed: {', '.join(sorted(changes))}",
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
        "application.registered",
        f"Application {application.application_no} registered ({source})",
        actor=acting_user,
        obj=application,
        details={"source": source, "applicant": applicant.nik},
        request=request,
    )
    return application

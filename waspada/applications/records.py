"""Validated application data as plain dataclasses: what a form or an import row becomes.

The intake form, the file import and the demo generator all build these and hand
them to the services, so there is one path into the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class ApplicantRecord:
    nik: str
    full_name: str
    sex: str
    birth_place: str
    birth_date: dt.date
    phone: str  # E.164 or ""
    address: str
    village_code: str
    education: str = ""
    occupation: str = ""
    marital_status: str = ""


@dataclass
class ApplicationRecord:
    application_no: str
    submitted_on: dt.date
    purpose: str
    destination_country: str
    application_type: str = "new"
    intended_departure: dt.date | None = None
    return_ticket: str = "unknown"
    itinerary: str = ""
    funds_source: str = ""
    sponsor_name: str = ""
    sponsor_phone: str = ""
    sponsor_relation: str = ""
    sponsor_address: str = ""
    employer_name: str = ""
    recruiter_name: str = ""
    recruiter_license_no: str = ""
    disnaker_recommendation_no: str = ""
    companion_name: str = ""
    companion_phone: str = ""
    companion_relation: str = ""
    previous_passport_no: str = ""
    documents: list[str] = field(default_factory=list)


# What a person's identity is on one application: every applicant value but the NIK
# (the key that links the application to its applicant). Intake and imports copy these
# onto the application as written, so each application keeps its own.
IDENTITY_FIELDS: tuple[str, ...] = tuple(
    name for name in ApplicantRecord.__dataclass_fields__ if name != "nik"
)


def identity_values(record: ApplicantRecord) -> dict[str, Any]:
    """The identity written on an application, as its model field values."""
    values = {name: getattr(record, name) for name in IDENTITY_FIELDS}
    values["village_id"] = values.pop("village_code")
    return values


def record_values(record: ApplicantRecord | ApplicationRecord) -> dict[str, Any]:
    """The record as model field values (village_code becomes village_id)."""
    values = asdict(record)
    if "village_code" in values:
        values["village_id"] = values.pop("village_code")
    return values

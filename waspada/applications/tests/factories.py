"""Test data built through the real services (no fixtures that bypass them)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from typing import Any

from waspada.applications import services
from waspada.applications.models import PassportApplication
from waspada.applications.records import ApplicantRecord, ApplicationRecord
from waspada.core.models import User
from waspada.regions.services import ensure_office

_serials = itertools.count(1)


def make_nik(district: str, birth_date: dt.date, sex: str, serial: int | None = None) -> str:
    """A NIK consistent with the district, birth date and sex (women: day + 40)."""
    day = birth_date.day + (40 if sex == "P" else 0)
    number = serial if serial is not None else next(_serials)
    return f"{district.replace('.', '')}{day:02d}{birth_date:%m%y}{number:04d}"


def applicant_record(**overrides: Any) -> ApplicantRecord:
    # A different birth date for each default applicant: the same name, birth date and
    # place under two NIKs is an identity duplicate (D12), which tests must not hit by chance.
    default_birth = dt.date(1998, 3, 14) + dt.timedelta(days=next(_serials) % 3000)
    birth = overrides.pop("birth_date", default_birth)
    sex = overrides.pop("sex", "P")
    village = overrides.pop("village_code", "33.01.01.2001")
    district = ".".join(village.split(".")[:3])
    record = ApplicantRecord(
        nik=make_nik(district, birth, sex),
        full_name="Siti Aminah",
        sex=sex,
        birth_place="Cilacap",
        birth_date=birth,
        phone="+6281234567890",
        address="Dusun Karanganyar RT 02/RW 04",
        village_code=village,
        education="SMA",
        occupation="Ibu Rumah Tangga",
        marital_status="Kawin",
    )
    return replace(record, **overrides)


def application_record(**overrides: Any) -> ApplicationRecord:
    record = ApplicationRecord(
        application_no=f"CLP-2026-{next(_serials):06d}",
        submitted_on=dt.date(2026, 3, 2),
        purpose="tourism",
        destination_country="MY",
        return_ticket="yes",
        documents=["ktp", "kk", "akta_lahir", "tiket_pulang"],
    )
    return replace(record, **overrides)


def make_application(
    *, acting_user: User | None = None, applicant: dict[str, Any] | None = None, **fields: Any
) -> PassportApplication:
    return services.register_application(
        applicant_record(**(applicant or {})),
        application_record(**fields),
        office=ensure_office(),
        acting_user=acting_user,
        source="test",
    )

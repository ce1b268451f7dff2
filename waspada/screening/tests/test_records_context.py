"""Intake's records meet the pure risk engine: the context screening assesses."""

from __future__ import annotations

import datetime as dt

from waspada.applications.records import ApplicantRecord, ApplicationRecord
from waspada.domain.risk import assess, context_from_records, load_policy_file
from waspada.domain.screening import RecommendedAction

POLICY = load_policy_file()
TODAY = dt.date(2025, 6, 16)
OFFICE = frozenset({"33.01", "33.02", "33.03", "33.04", "33.05"})


def test_context_from_records_derives_regions_and_keeps_facts() -> None:
    applicant = ApplicantRecord(
        nik="3301064512990002",
        full_name="Siti Aminah",
        sex="P",
        birth_place="Cilacap",
        birth_date=dt.date(1999, 12, 5),
        phone="+6281234567890",
        address="Dusun Krajan RT 01/RW 02",
        village_code="33.01.06.2005",
        occupation="Ibu Rumah Tangga",
    )
    application = ApplicationRecord(
        application_no="CLP-2025-000042",
        submitted_on=TODAY,
        purpose="work",
        destination_country="sa",
        return_ticket="No",
        documents=["ktp", "kk", " akta_lahir "],
    )
    context = context_from_records(
        applicant,
        application,
        office_regencies=["33.01", "33.02"],
        nik_valid=True,
        nik_regency="33.01",
        nik_mismatches=[],
        other_open_applications=2,
        facts={"watchlist": ["line"], "ring": [], "broker": "one line"},
    )
    assert context.address_regency == "33.01"
    assert context.address_district == "33.01.06"
    assert context.destination_country == "SA"
    assert context.return_ticket == "no"
    assert context.documents == frozenset({"ktp", "kk", "akta_lahir"})
    assert context.office_regencies == frozenset({"33.01", "33.02"})
    assert dict(context.facts) == {"watchlist": ("line",), "broker": ("one line",)}
    assert context.other_open_applications == 2
    assert not context.holds_valid_passport
    result = assess(context, POLICY)
    assert {"D02", "D05", "D11", "D14", "D28"} <= set(result.codes)
    assert result.action is RecommendedAction.DEEP_INTERVIEW


def test_an_invalid_nik_has_no_regency() -> None:
    applicant = ApplicantRecord(
        "12", "X", "L", "Cilacap", dt.date(1990, 1, 1), "", "", "33.01.01.2001"
    )
    application = ApplicationRecord("CLP-1", TODAY, "tourism", "JP")
    context = context_from_records(
        applicant,
        application,
        office_regencies=OFFICE,
        nik_valid=False,
        nik_regency="12.34",
        nik_mismatches=(),
    )
    assert context.nik_regency == ""
    assert "D12" in assess(context, POLICY).codes

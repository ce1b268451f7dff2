"""A recommendation against the register: what differs, in typed reasons worded per language."""

from __future__ import annotations

import dataclasses
import datetime as dt

from waspada.domain.evidence import Reason
from waspada.domain.recommendations import Claim, Issued, differences, number_key
from waspada.domain.risk import recommendation_evidence

ISSUED = Issued(
    number="562/0101/REKOM/2026",
    nik="3301014101900001",
    full_name="Siti Aminah",
    destination_country="TW",
    p3mi_name="PT Karya Baru Mandiri",
    p3mi_license_no="KEP.77/SIP3MI/2026",
    issued_on=dt.date(2026, 2, 2),
    valid_until=dt.date(2026, 8, 2),
)
CLAIM = Claim(
    nik="3301014101900001",
    full_name="Hj. SITI AMINAH",
    destination_country="tw",
    recruiter_name="PT. Karya Baru Mandiri",
    recruiter_license_no="kep 77 sip3mi 2026",
    submitted_on=dt.date(2026, 3, 2),
)


def test_the_same_recommendation_written_differently_is_verified() -> None:
    assert differences(ISSUED, CLAIM) == ()
    assert number_key(" 562/0101/REKOM/ 2026 ") == number_key("562/0101/rekom/2026")


def test_a_p3mi_is_compared_only_when_both_give_one() -> None:
    assert (
        differences(ISSUED, dataclasses.replace(CLAIM, recruiter_name="", recruiter_license_no=""))
        == ()
    )


def test_every_difference_is_a_reason_with_its_values() -> None:
    claim = dataclasses.replace(
        CLAIM,
        nik="3301010101900009",
        full_name="Dewi Lestari",
        destination_country="MY",
        recruiter_license_no="KEP.9/SIP3MI/2020",
        submitted_on=dt.date(2026, 9, 1),
    )
    found = differences(dataclasses.replace(ISSUED, revoked=True), claim)
    assert [reason.code for reason in found] == [
        "revoked",
        "other_person_nik",
        "other_person_name",
        "other_destination",
        "other_p3mi",
        "expired",
    ]
    assert found[3] == Reason.of(
        "other_destination", number=ISSUED.number, country="TW", claimed="MY"
    )
    early = differences(ISSUED, dataclasses.replace(CLAIM, submitted_on=dt.date(2026, 1, 2)))
    assert [reason.code for reason in early] == ["not_yet_issued"]


def test_the_evidence_reads_in_both_languages() -> None:
    reason = Reason.of("answered_not_issued", agency="Disnaker Cilacap", note="tidak ada")
    assert (
        recommendation_evidence(reason, "en")
        == "Disnaker Cilacap answered: never issued (tidak ada)"
    )
    assert recommendation_evidence(reason, "id") == (
        "Disnaker Cilacap menjawab: tidak pernah diterbitkan (tidak ada)"
    )
    office = Reason.of("answered_revoked", agency="", note="")
    assert recommendation_evidence(office, "en") == "the office answered: revoked"
    assert recommendation_evidence(Reason.of("something_new"), "en") == "something_new"

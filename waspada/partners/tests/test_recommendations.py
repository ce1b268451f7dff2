"""D03 against the registers of Disnaker recommendations: verified, contradicted, not in a
complete register, or unknown (a note and a request to the Disnaker, never a score)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from waspada.applications.models import PassportApplication
from waspada.core.models import AuditEvent, User
from waspada.core.roles import Role
from waspada.networks.models import LicensedOrganiser
from waspada.networks.tests.helpers import KARYA, KARYA_LICENCE, indicators, worker
from waspada.partners import recommendations as rec
from waspada.partners.models import (
    Agency,
    AgencyKind,
    Recommendation,
    RecommendationRequest,
    RequestState,
)
from waspada.screening.models import RiskAssessment

pytestmark = pytest.mark.usefixtures("central_java_regions")


def values_for(app: PassportApplication, **changes: Any) -> rec.RecommendationValues:
    """What the Disnaker registered when it issued the worker's recommendation."""
    fields: dict[str, Any] = {
        "number": app.disnaker_recommendation_no,
        "issued_on": dt.date(2026, 2, 2),
        "nik": app.applicant.nik,
        "full_name": app.full_name,
        "destination_country": "TW",
        "valid_until": dt.date(2026, 8, 2),
        "employer_name": app.employer_name,
        "p3mi_name": KARYA,
        "p3mi_license_no": KARYA_LICENCE,
        **changes,
    }
    return rec.RecommendationValues(**fields)


def latest(app: PassportApplication) -> RiskAssessment:
    return RiskAssessment.objects.filter(application=app).order_by("-created_at", "-id")[0]


def note_codes(app: PassportApplication) -> list[str]:
    return [note["code"] for note in latest(app).notes]


def d03_evidence(app: PassportApplication, language: str = "en") -> str:
    hit = latest(app).hits.get(code="D03")
    return str(hit.evidence_id if language == "id" else hit.evidence_en)


def agency_of(user: User) -> Agency:
    assert user.agency is not None
    return user.agency


@pytest.fixture(autouse=True)
def _licensed_p3mi(db: None) -> None:
    """The workers' placement company is a licensed one (its own check says nothing)."""
    LicensedOrganiser.objects.create(kind="p3mi", name=KARYA, licence_no=KARYA_LICENCE)


@pytest.fixture
def disnaker(make_user: Callable[..., User]) -> User:
    return make_user("disnaker_cilacap", Role.PARTNER, AgencyKind.DISNAKER)


def test_fresh_install_a_procedural_worker_gets_no_d03_but_a_note_and_a_request_for_supervisors(
    db: None,
) -> None:
    app = worker(1)
    assert "D03" not in indicators(app)
    assert note_codes(app) == ["recommendation_unknown"]
    request = RecommendationRequest.objects.get()
    assert (request.agency, request.number, request.state) == (None, "562/0101/REKOM/2026", "open")
    assert list(request.applications.all()) == [app]
    opened = AuditEvent.objects.get(action="partners.recommendation_request_opened")
    assert opened.object_id == str(request.pk)


def test_with_one_disnaker_the_request_goes_to_it_and_a_second_application_joins(
    disnaker: User,
) -> None:
    first = worker(1)
    second = worker(2, disnaker_recommendation_no=first.disnaker_recommendation_no)
    request = RecommendationRequest.objects.get()
    assert request.agency == disnaker.agency
    assert set(request.applications.all()) == {first, second}


def test_the_disnaker_of_the_applicants_regency_is_asked(make_user: Callable[..., User]) -> None:
    cilacap = Agency.objects.create(
        name="Disnaker Cilacap", kind=AgencyKind.DISNAKER, regency_code="33.01"
    )
    banyumas = Agency.objects.create(
        name="Disnaker Banyumas", kind=AgencyKind.DISNAKER, regency_code="33.02"
    )
    worker(2)  # lives in 33.02
    worker(1)  # lives in 33.01
    asked = dict(RecommendationRequest.objects.values_list("number", "agency"))
    assert asked == {"562/0102/REKOM/2026": banyumas.pk, "562/0101/REKOM/2026": cilacap.pk}


def test_registered_and_consistent_is_verified_and_the_open_request_is_settled(
    disnaker: User,
) -> None:
    app = worker(1)
    assert RecommendationRequest.objects.get().state == RequestState.OPEN
    app.refresh_from_db()
    score_before = app.risk_score
    rec.register_recommendation(agency_of(disnaker), values_for(app), acting_user=disnaker)
    assert "D03" not in indicators(app)
    assert note_codes(app) == ["recommendation_verified"]
    assert RecommendationRequest.objects.get().state == RequestState.ISSUED
    app.refresh_from_db()
    assert app.risk_score == score_before
    # The name is compared loosely (spelling and capitals aside); spaces in the number too.
    other = worker(2)
    rec.register_recommendation(
        agency_of(disnaker),
        values_for(other, full_name=other.full_name.upper(), number="562/0102/REKOM/ 2026"),
        acting_user=disnaker,
    )
    assert "D03" not in indicators(other)


@pytest.mark.parametrize(
    ("changes", "evidence"),
    [
        ({"nik": "3301010101900001"}, "registered for another NIK (3301010101900001)"),
        ({"full_name": "Siti Rahayu"}, "registered in another person's name (Siti Rahayu)"),
        ({"destination_country": "MY"}, "registered for destination MY, not TW"),
        (
            {"p3mi_name": "PT Lain Sekali", "p3mi_license_no": "KEP.9/SIP3MI/2020"},
            "registered for another P3MI (PT Lain Sekali KEP.9/SIP3MI/2020)",
        ),
        ({"valid_until": dt.date(2026, 3, 1)}, "it expired on 2026-03-01"),
    ],
)
def test_registered_but_different_fires_d03_with_the_difference(
    disnaker: User, changes: dict[str, Any], evidence: str
) -> None:
    app = worker(1)
    rec.register_recommendation(
        agency_of(disnaker), values_for(app, **changes), acting_user=disnaker
    )
    assert "D03" in indicators(app)
    assert evidence in d03_evidence(app)
    assert d03_evidence(app, "id") != d03_evidence(app, "en")


def test_revoked_fires_d03_with_the_reason_in_the_audit_trail(disnaker: User) -> None:
    app = worker(1)
    record = rec.register_recommendation(agency_of(disnaker), values_for(app), acting_user=disnaker)
    assert "D03" not in indicators(app)
    rec.revoke_recommendation(record, reason="dokumen kontrak palsu", acting_user=disnaker)
    assert "D03" in indicators(app)
    assert "revoked by Disnaker" in d03_evidence(app)
    assert AuditEvent.objects.filter(
        action="partners.recommendation_revoked", object_id=str(record.pk)
    ).exists()
    with pytest.raises(rec.AlreadyRevoked):
        rec.revoke_recommendation(record, reason="again", acting_user=disnaker)


def test_unknown_in_a_register_declared_complete_fires_d03(disnaker: User) -> None:
    app = worker(1)
    assert "D03" not in indicators(app)
    rec.declare_complete(
        agency_of(disnaker),
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 6, 30),
        acting_user=disnaker,
    )
    assert "D03" in indicators(app)
    assert "declared complete from 2026-01-01 to 2026-06-30" in d03_evidence(app)
    # Outside the period declared, unknown stays a note.
    later = worker(2, submitted_on=dt.date(2026, 7, 6))
    assert "D03" not in indicators(later)
    assert note_codes(later) == ["recommendation_unknown"]


def test_answer_not_issued_fires_d03_and_issued_registers_and_verifies(disnaker: User) -> None:
    fake = worker(1)
    genuine = worker(2)
    requests = {r.number: r for r in RecommendationRequest.objects.all()}
    rec.answer_request(
        requests[fake.disnaker_recommendation_no],
        answer="not_issued",
        note="nomor tidak ada di buku agenda",
        acting_user=disnaker,
    )
    assert "D03" in indicators(fake)
    assert "never issued (nomor tidak ada di buku agenda)" in d03_evidence(fake)
    rec.answer_request(
        requests[genuine.disnaker_recommendation_no],
        answer="issued",
        note="",
        acting_user=disnaker,
        values=values_for(genuine),
    )
    assert "D03" not in indicators(genuine)
    assert note_codes(genuine) == ["recommendation_verified"]
    assert Recommendation.objects.filter(number=genuine.disnaker_recommendation_no).exists()
    with pytest.raises(rec.RequestAnswered):
        rec.answer_request(
            requests[fake.disnaker_recommendation_no],
            answer="issued",
            note="",
            acting_user=disnaker,
        )


def test_a_supervisor_answers_when_there_is_no_disnaker(supervisor: User) -> None:
    app = worker(1)
    request = RecommendationRequest.objects.get()
    rec.answer_request(request, answer="revoked", note="per telepon", acting_user=supervisor)
    assert "D03" in indicators(app)
    assert "the office answered: revoked (per telepon)" in d03_evidence(app)


def test_overdue_requests_are_counted_for_the_office(disnaker: User) -> None:
    worker(1)
    worker(2)
    assert rec.overdue_count() == 0
    RecommendationRequest.objects.filter(number="562/0101/REKOM/2026").update(
        opened_at=timezone.now() - dt.timedelta(days=4)
    )
    assert rec.overdue_count() == 1
    assert rec.queue_count(disnaker) == 2

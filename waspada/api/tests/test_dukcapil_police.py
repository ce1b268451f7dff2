"""Dukcapil's NIK verifications and the police's alerts and watchlist submissions through
the API: the services of the web pages, the same minimum of data, another agency's
objects not found."""

from __future__ import annotations

import datetime as dt

import pytest

from waspada.api.tests.helpers import POLICE, Api, agency, key_for, risky_ring
from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent
from waspada.networks.tests.helpers import indicators
from waspada.partners import alerts, services
from waspada.partners import nik_verifications as nik
from waspada.partners.models import (
    Agency,
    AgencyKind,
    NikVerification,
    PoliceAlert,
    Submission,
)
from waspada.partners.tests.factories import make_agreement, office_supervisor
from waspada.watchlists.models import WatchlistEntry

pytestmark = pytest.mark.usefixtures("central_java_regions")

NIK = "3301015403980007"
BORN = dt.date(1998, 3, 14)
# Exactly what Dukcapil may read of a request (and its own answer).
DUKCAPIL_SEES = {
    "id",
    "reference",
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "opened_at",
    "age_days",
    "result",
    "note",
    "channel",
    "answered_at",
}


def dukcapil_of(app: PassportApplication, name: str = "Dukcapil Cilacap") -> Agency:
    found = agency(AgencyKind.DUKCAPIL, name)
    found.regency_code = app.regency_code
    found.save()
    return found


@pytest.fixture
def asked(db: None) -> NikVerification:
    app = make_application(applicant={"nik": NIK, "birth_date": BORN, "full_name": "Siti Aminah"})
    dukcapil_of(app)
    other = agency(AgencyKind.DUKCAPIL, "Dukcapil lain")
    other.regency_code = "33.99"
    other.save()
    return nik.request_verification(app, reason="KTP tampak diubah", acting_user=None)


def test_a_dukcapil_system_reads_the_minimum_and_its_answer_rescreens(
    asked: NikVerification,
) -> None:
    assert asked.agency is not None  # the Dukcapil of the applicant's regency
    api = Api(key_for(asked.agency))
    listed = api.get("nik-verifications").json()["items"]
    assert [(item["reference"], item["result"]) for item in listed] == [(asked.reference, "open")]
    detail = api.get(f"nik-verifications/{asked.pk}").json()
    # The NIK, name, birth place and date: never the application nor why it was asked.
    assert set(detail) == DUKCAPIL_SEES
    assert (detail["nik"], detail["full_name"], detail["birth_date"]) == (
        NIK,
        "Siti Aminah",
        "1998-03-14",
    )
    assert "KTP tampak diubah" not in str(detail)
    assert AuditEvent.objects.filter(
        action="partners.nik_verification_viewed", object_id=str(asked.pk)
    ).exists()
    assert "D12" not in indicators(asked.application)
    # The answer with another request's reference, or no known answer: refused.
    wrong = api.post(f"nik-verifications/{asked.pk}/answer", {"result": "match", "reference": "X"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "reference"
    unknown = api.post(f"nik-verifications/{asked.pk}/answer", {"result": "maybe"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "result"
    answer = api.post(
        f"nik-verifications/{asked.pk}/answer",
        {"result": "not_found", "note": "Tidak ada di database", "reference": asked.reference},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["result"] == "not_found"
    # Re-screened at once, as after the liaison's page: D12 with Dukcapil's answer.
    assert "D12" in indicators(asked.application)
    asked.refresh_from_db()
    assert asked.answered_by is not None
    assert asked.answered_by.api_client.agency == asked.agency
    again = api.post(f"nik-verifications/{asked.pk}/answer", {"result": "match"})
    assert again.status_code == 409
    # updated_since: the answer is a change.
    assert asked.answered_at is not None
    before = (asked.answered_at - dt.timedelta(seconds=1)).isoformat().replace("+", "%2B")
    changed = api.get(f"nik-verifications?updated_since={before}").json()["items"]
    assert [item["id"] for item in changed] == [asked.pk]


def test_another_dukcapil_does_not_see_the_request(asked: NikVerification) -> None:
    other = Api(key_for(Agency.objects.get(name="Dukcapil lain")))
    assert other.get("nik-verifications").json()["items"] == []
    assert other.get(f"nik-verifications/{asked.pk}").status_code == 404
    assert other.post(f"nik-verifications/{asked.pk}/answer", {"result": "match"}).status_code == (
        404
    )
    asked.refresh_from_db()
    assert asked.is_open


@pytest.fixture
def alerted(db: None) -> PoliceAlert:
    ring = risky_ring()
    police = agency(POLICE)
    make_agreement(police)
    return alerts.alert_ring(
        ring, agency=police, note="Calo yang sama", acting_user=office_supervisor()
    )


def test_a_police_system_reads_and_acknowledges_its_alert(alerted: PoliceAlert) -> None:
    api = Api(key_for(alerted.agency))
    first = api.get("alerts")
    (item,) = first.json()["items"]
    assert (item["id"], item["kind"], item["status"]) == (alerted.pk, "ring", "sent")
    # Unchanged: the ETag answers 304.
    assert api.get("alerts", **{"If-None-Match": first["ETag"]}).status_code == 304
    detail = api.get(f"alerts/{alerted.pk}").json()
    assert detail["details"] == alerted.details and detail["note"] == "Calo yang sama"
    assert AuditEvent.objects.filter(
        action="partners.alert_viewed", object_id=str(alerted.pk)
    ).exists()
    answer = api.post(f"alerts/{alerted.pk}/acknowledge", {})
    assert answer.status_code == 200 and answer.json()["status"] == "acknowledged"
    alerted.refresh_from_db()
    assert alerted.acknowledged_by is not None
    assert alerted.acknowledged_by.api_client.agency == alerted.agency
    # The list changed: the old ETag no longer matches.
    assert api.get("alerts", **{"If-None-Match": first["ETag"]}).status_code == 200
    # Another police unit: the alert does not exist for it.
    other = Api(key_for(agency(POLICE, "Polres lain")))
    assert other.get("alerts").json()["items"] == []
    assert other.get(f"alerts/{alerted.pk}").status_code == 404
    assert other.post(f"alerts/{alerted.pk}/acknowledge", {}).status_code == 404


def test_a_police_system_submits_and_follows_the_supervisor_s_decision(db: None) -> None:
    police = agency(POLICE)
    api = Api(key_for(police))
    bad = api.post(
        "watchlist-submissions",
        {"list_type": "wanted", "full_name": "Joko", "basis": "DPO/7", "nik": "12"},
    )
    assert bad.status_code == 422
    assert bad.json()["errors"] == [{"field": "nik", "message": "A NIK has 16 digits."}]
    sent = api.post(
        "watchlist-submissions",
        {
            "list_type": "known_broker",
            "full_name": "Joko Prasetyo",
            "aliases": "Pak Joko; Jok",
            "birth_date": "1985-07-09",
            "phone": "+6281234567890",
            "basis": "LP/B/12/2026",
        },
    )
    assert sent.status_code == 201, sent.content
    assert sent.json()["state"] == "pending"
    submission = Submission.objects.get(pk=sent.json()["id"])
    assert submission.agency == police and submission.birth_date == dt.date(1985, 7, 9)
    alerts.accept_submission(submission, acting_user=office_supervisor())
    (listed,) = api.get("watchlist-submissions").json()["items"]
    assert listed["state"] == "accepted"
    assert WatchlistEntry.objects.filter(full_name="Joko Prasetyo").exists()
    other = Api(key_for(agency(POLICE, "Polres lain")))
    assert other.get("watchlist-submissions").json()["items"] == []
    assert other.get(f"watchlist-submissions/{submission.pk}").status_code == 404


def test_a_police_system_reads_and_answers_a_report_referred_to_it(db: None) -> None:
    police = agency(POLICE)
    make_agreement(police)
    case = services.refer_case(
        agency=police,
        what="Lowongan kerja ke Kamboja tanpa visa kerja",
        place="Desa Sidareja",
        who="Seorang perekrut bernama Pak Tono",
        reported_on=dt.date(2026, 1, 5),
        note="Mohon ditindaklanjuti",
        acting_user=office_supervisor(),
    )
    api = Api(key_for(police))
    (listed,) = api.get("case-referrals").json()["items"]
    assert (listed["id"], listed["next_statuses"]) == (case.pk, ["accepted", "rejected"])
    assert api.get(f"case-referrals/{case.pk}").json()["place"] == "Desa Sidareja"
    assert AuditEvent.objects.filter(
        action="partners.case_referral_viewed", object_id=str(case.pk)
    ).exists()
    answer = api.post(
        f"case-referrals/{case.pk}/answer",
        {"status": "accepted", "note": "Diselidiki", "seen_status": "sent"},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "accepted"
    case.refresh_from_db()
    assert case.response == "Diselidiki"
    other = Api(key_for(agency(POLICE, "Polres lain")))
    assert other.get(f"case-referrals/{case.pk}").status_code == 404
    assert other.get("case-referrals").json()["items"] == []

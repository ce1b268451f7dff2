"""Each endpoint does what the partner's web page does, through the same services, for
the agency kinds whose keys carry its scope; another agency's objects do not exist."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from waspada.api.keys import BadClient
from waspada.api.scopes import Scope, scopes_for_kind
from waspada.api.tests.helpers import DISNAKER, NGO, POLICE, Api, agency, key_for, risky_ring
from waspada.applications.models import PassportApplication
from waspada.core.models import AuditEvent
from waspada.networks.models import LicensedOrganiser
from waspada.networks.tests.helpers import KARYA, KARYA_LICENCE, indicators, worker
from waspada.partners import services
from waspada.partners.models import (
    AgencyKind,
    PersonReferral,
    Recommendation,
    RecommendationRequest,
    Referral,
    RequestState,
)
from waspada.partners.tests.factories import make_agreement, make_person_referral, office_supervisor
from waspada.screening.models import RiskAssessment

pytestmark = pytest.mark.usefixtures("central_java_regions")


def row_for(app: PassportApplication, **changes: Any) -> dict[str, str]:
    """The register row of the worker's recommendation, as the Disnaker's system sends it."""
    return {
        "recommendation_no": app.disnaker_recommendation_no,
        "issued_on": "2026-02-02",
        "nik": app.applicant.nik,
        "full_name": app.full_name,
        "destination_country": "TW",
        "employer_name": app.employer_name,
        "p3mi_name": KARYA,
        "p3mi_license_no": KARYA_LICENCE,
        "valid_until": "2026-08-02",
        "status": "issued",
        **changes,
    }


def note_codes(app: PassportApplication) -> list[str]:
    latest = RiskAssessment.objects.filter(application=app).order_by("-created_at", "-id")[0]
    return [note["code"] for note in latest.notes]


@pytest.fixture
def licensed(db: None) -> None:
    LicensedOrganiser.objects.create(kind="p3mi", name=KARYA, licence_no=KARYA_LICENCE)


@pytest.mark.usefixtures("licensed")
def test_a_disnaker_system_registers_a_batch_and_the_applications_are_verified() -> None:
    disnaker = agency(DISNAKER)
    first, second = worker(1), worker(2)
    assert RecommendationRequest.objects.filter(state=RequestState.OPEN).count() == 2
    api = Api(key_for(disnaker))
    # The queue the Disnaker answers, with the applications naming each number.
    queue = api.get("verification-requests").json()["items"]
    assert {item["recommendation_no"] for item in queue} == {
        first.disnaker_recommendation_no,
        second.disnaker_recommendation_no,
    }
    detail = api.get(f"verification-requests/{queue[0]['id']}").json()
    assert detail["applications"][0]["application_no"] in {
        first.application_no,
        second.application_no,
    }
    answer = api.post("recommendations", [row_for(first), row_for(second)])
    assert answer.status_code == 200, answer.content
    assert answer.json()["created"] == 2
    for app in (first, second):
        assert "D03" not in indicators(app)
        assert note_codes(app) == ["recommendation_verified"]
    # Requests about numbers now registered need no answer (as on the web).
    assert not RecommendationRequest.objects.filter(state=RequestState.OPEN).exists()
    listed = api.get("recommendations").json()["items"]
    assert sorted(r["recommendation_no"] for r in listed) == sorted(
        [first.disnaker_recommendation_no, second.disnaker_recommendation_no]
    )
    # One number looked up, written as on the letter (spaces and case do not matter).
    asked = first.disnaker_recommendation_no.lower().replace("/", " / ")
    (found,) = api.get(f"recommendations?recommendation_no={asked}").json()["items"]
    assert found["recommendation_no"] == first.disnaker_recommendation_no
    assert api.get("recommendations?recommendation_no=562/0/X").json()["items"] == []


@pytest.mark.usefixtures("licensed")
def test_one_bad_item_saves_nothing_and_names_the_item_and_field() -> None:
    app = worker(1)
    api = Api(key_for(agency(DISNAKER)))
    answer = api.post("recommendations", [row_for(app), row_for(worker(2), nik="12")])
    assert answer.status_code == 422
    assert answer["Content-Type"] == "application/problem+json"
    errors = answer.json()["errors"]
    assert errors == [
        {"field": "items[1].nik", "message": "'12' is not a NIK: write its 16 digits."}
    ]
    assert not Recommendation.objects.exists()
    # One object (not a list) is one recommendation; its errors name the field alone.
    indonesian = Api(api.headers["Authorization"].split()[1], "id")
    single = indonesian.post("recommendations", row_for(app, destination_country="XX"))
    assert single.status_code == 422
    assert single.json()["errors"][0]["field"] == "destination_country"
    assert "XX" in single.json()["errors"][0]["message"]


@pytest.mark.usefixtures("licensed")
def test_revoking_through_the_api_fires_d03_and_twice_is_a_conflict() -> None:
    app = worker(1)
    api = Api(key_for(agency(DISNAKER)))
    record_id = api.post("recommendations", row_for(app)).json()["recommendations"][0]["id"]
    assert "D03" not in indicators(app)
    answer = api.post(f"recommendations/{record_id}/revoke", {"reason": "Dicabut: dokumen palsu"})
    assert answer.status_code == 200 and answer.json()["status"] == "revoked"
    assert "D03" in indicators(app)
    assert api.post(f"recommendations/{record_id}/revoke", {"reason": "x"}).status_code == 409
    assert api.post(f"recommendations/{record_id}/revoke", {"reason": ""}).status_code == 422


@pytest.mark.usefixtures("licensed")
def test_answering_not_issued_fires_d03_and_another_disnaker_sees_nothing() -> None:
    # The Disnaker of the worker's regency is asked (with two, each answers for its own).
    disnaker = agency(DISNAKER)
    disnaker.regency_code = "33.01"
    disnaker.save()
    app = worker(1)
    request_id = RecommendationRequest.objects.get().pk
    other = Api(key_for(agency(DISNAKER, "Disnaker lain")))
    assert other.get(f"verification-requests/{request_id}").status_code == 404
    assert (
        other.post(
            f"verification-requests/{request_id}/answer", {"answer": "not_issued"}
        ).status_code
        == 404
    )
    api = Api(key_for(disnaker))
    answer = api.post(
        f"verification-requests/{request_id}/answer",
        {"answer": "not_issued", "note": "Tidak ada di arsip kami"},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["state"] == "not_issued"
    assert "D03" in indicators(app)
    again = api.post(f"verification-requests/{request_id}/answer", {"answer": "issued"})
    assert again.status_code == 409


@pytest.fixture
def referred_ring(db: None) -> Referral:
    ring = risky_ring()
    police = agency(POLICE)
    make_agreement(police)
    return services.refer_ring(
        ring, agency=police, note="Calo yang sama", acting_user=office_supervisor()
    )


def test_a_police_system_reads_and_answers_its_ring_referral(referred_ring: Referral) -> None:
    api = Api(key_for(referred_ring.agency))
    listed = api.get("ring-referrals").json()["items"]
    assert [(r["id"], r["status"], r["next_statuses"]) for r in listed] == [
        (referred_ring.pk, "sent", ["accepted", "rejected"])
    ]
    detail = api.get(f"ring-referrals/{referred_ring.pk}").json()
    assert len(detail["members"]) == detail["people"] == 4
    assert all(member["nik"] for member in detail["members"])
    viewed = AuditEvent.objects.get(action="partners.referral_viewed")
    assert viewed.object_id == str(referred_ring.pk)
    # Answering from a status that changed meanwhile is refused, nothing saved.
    stale = api.post(
        f"ring-referrals/{referred_ring.pk}/answer",
        {"status": "accepted", "note": "Diterima", "seen_status": "accepted"},
    )
    assert stale.status_code == 409
    accepted = api.post(
        f"ring-referrals/{referred_ring.pk}/answer",
        {"status": "accepted", "note": "Diterima, diselidiki", "seen_status": "sent"},
    )
    assert accepted.status_code == 200, accepted.content
    referred_ring.refresh_from_db()
    assert (referred_ring.status, referred_ring.response) == ("accepted", "Diterima, diselidiki")
    assert referred_ring.responded_by is not None
    assert referred_ring.responded_by.api_client.agency == referred_ring.agency
    # Another police unit: the referral does not exist for it.
    other = Api(key_for(agency(POLICE, "Polres lain")))
    assert other.get(f"ring-referrals/{referred_ring.pk}").status_code == 404
    assert other.get("ring-referrals").json()["items"] == []


def test_an_ngo_system_reads_only_the_minimum_and_answers(db: None) -> None:
    ngo = agency(NGO)
    referral = make_person_referral(ngo)
    api = Api(key_for(ngo))
    detail = api.get(f"person-referrals/{referral.pk}").json()
    assert detail["full_name"] == referral.full_name
    # The minimum: never the application, its risk score, watchlists or rings.
    assert not {"application", "risk_score", "indicators", "ring"} & set(detail)
    assert AuditEvent.objects.filter(action="partners.person_referral_viewed").count() == 1
    answer = api.post(
        f"person-referrals/{referral.pk}/answer",
        {"status": "accepted", "note": "Kami dampingi", "seen_status": "sent"},
    )
    assert answer.status_code == 200
    assert answer.json()["next_statuses"] == ["in_progress", "closed"]
    wrong = api.post(
        f"person-referrals/{referral.pk}/answer",
        {"status": "rejected", "note": "x", "seen_status": "accepted"},
    )
    assert wrong.status_code == 422
    assert PersonReferral.objects.get().status == "accepted"
    other = Api(key_for(agency(NGO, "LSM lain")))
    assert other.get(f"person-referrals/{referral.pk}").status_code == 404


def test_paging_by_cursor_and_updated_since(db: None) -> None:
    ngo = agency(NGO)
    referrals = [make_person_referral(ngo) for _ in range(3)]
    api = Api(key_for(ngo))
    first = api.get("person-referrals?limit=2").json()
    assert [r["id"] for r in first["items"]] == [r.pk for r in referrals[:2]]
    rest = api.get(f"person-referrals?limit=2&cursor={first['next_cursor']}").json()
    assert [r["id"] for r in rest["items"]] == [referrals[2].pk]
    assert rest["next_cursor"] is None
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    assert (
        api.get(f"person-referrals?updated_since={later.replace('+', '%2B')}").json()["items"] == []
    )
    assert api.get("person-referrals?cursor=bad").status_code == 422


# --- Every endpoint x every agency kind: the scope decides, then the policy ----------------

ENDPOINTS: list[tuple[str, str, Scope]] = [
    ("post", "recommendations", Scope.RECOMMENDATIONS_WRITE),
    ("get", "recommendations", Scope.RECOMMENDATIONS_READ),
    ("get", "recommendations/1", Scope.RECOMMENDATIONS_READ),
    ("post", "recommendations/1/revoke", Scope.RECOMMENDATIONS_WRITE),
    ("get", "verification-requests", Scope.VERIFICATIONS_READ),
    ("get", "verification-requests/1", Scope.VERIFICATIONS_READ),
    ("post", "verification-requests/1/answer", Scope.VERIFICATIONS_ANSWER),
    ("get", "ring-referrals", Scope.REFERRALS_READ),
    ("get", "ring-referrals/1", Scope.REFERRALS_READ),
    ("post", "ring-referrals/1/answer", Scope.REFERRALS_ANSWER),
    ("get", "person-referrals", Scope.REFERRALS_READ),
    ("get", "person-referrals/1", Scope.REFERRALS_READ),
    ("post", "person-referrals/1/answer", Scope.REFERRALS_ANSWER),
    ("get", "case-referrals", Scope.REFERRALS_READ),
    ("get", "case-referrals/1", Scope.REFERRALS_READ),
    ("post", "case-referrals/1/answer", Scope.REFERRALS_ANSWER),
    ("get", "nik-verifications", Scope.VERIFICATIONS_READ),
    ("get", "nik-verifications/1", Scope.VERIFICATIONS_READ),
    ("post", "nik-verifications/1/answer", Scope.VERIFICATIONS_ANSWER),
    ("get", "alerts", Scope.ALERTS_READ),
    ("get", "alerts/1", Scope.ALERTS_READ),
    ("post", "alerts/1/acknowledge", Scope.ALERTS_ANSWER),
    ("post", "watchlist-submissions", Scope.WATCHLIST_SUBMIT),
    ("get", "watchlist-submissions", Scope.WATCHLIST_SUBMIT),
    ("get", "watchlist-submissions/1", Scope.WATCHLIST_SUBMIT),
]
# What each kind's web users may do decides within the scopes: a Disnaker verifies
# recommendation numbers, Dukcapil NIKs (with the same scopes); the police get rings and
# reports and alerts and submit to the watchlists, victim services persons.
SERVED = {
    AgencyKind.DISNAKER: {"recommendations", "verification-requests"},
    AgencyKind.DUKCAPIL: {"nik-verifications"},
    AgencyKind.POLICE: {"ring-referrals", "case-referrals", "alerts", "watchlist-submissions"},
    **{kind: {"person-referrals"} for kind in ("ngo", "uptd_ppa", "dinas_sosial", "bp3mi")},
}


def _call(api: Api, method: str, path: str) -> Any:
    body: list[Any] | dict[str, Any] = [] if path == "recommendations" else {}
    return api.get(path) if method == "get" else api.post(path, body)


@pytest.mark.parametrize("kind", AgencyKind.values)
def test_every_endpoint_for_every_agency_kind(db: None, kind: str) -> None:
    scopes = scopes_for_kind(kind)
    if not scopes:  # other local governments: aggregate statistics only, no key
        for scope in Scope:
            with pytest.raises(BadClient):
                key_for(agency(kind), [scope.value])
        return
    full = Api(key_for(agency(kind)))
    for method, path, needed in ENDPOINTS:
        area = path.split("/")[0]
        status = _call(full, method, path).status_code
        if needed not in scopes or area not in SERVED.get(kind, set()):
            assert status == 403, f"{kind} {method} {path}: {status}"
        else:
            # Allowed: the list, or nothing there (404), or the empty body refused (422).
            assert status in {200, 404, 422}, f"{kind} {method} {path}: {status}"
        # Without the scope on the key, whatever the kind: 403.
        others = [s.value for s in scopes if s != needed]
        if others:
            lacking = Api(key_for(agency(kind), others))
            assert _call(lacking, method, path).status_code == 403


def test_every_endpoint_refuses_a_call_without_a_valid_key(db: None) -> None:
    for key in (None, "wsp_not-a-key"):
        api = Api(key)
        for method, path, _scope in ENDPOINTS:
            answer = _call(api, method, path)
            assert answer.status_code == 401, f"{method} {path}: {answer.status_code}"
            assert answer["Content-Type"] == "application/problem+json"

"""Every kind of partner agency against every partner URL: a partner gets exactly the
pages its kind may use (waspada/partners/scopes.py), and another agency's object is
"not found" (404), never "forbidden": it never learns that it exists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import URLPattern, resolve, reverse

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.networks.models import DetectionRun, RingCluster
from waspada.partners import nik_verifications, urls
from waspada.partners.models import (
    Agency,
    AgencyKind,
    CaseReferral,
    NikVerification,
    PersonReferral,
    PoliceAlert,
    Recommendation,
    RecommendationImportJob,
    RecommendationRequest,
    Referral,
    Submission,
)
from waspada.partners.scopes import KIND_ACTIONS, PERSON_RECEIVERS
from waspada.partners.tests.factories import make_person_referral, office_supervisor

pytestmark = pytest.mark.usefixtures("central_java_regions")


def _referral(agency: Agency) -> list[object]:
    referral = Referral.objects.create(
        ring_number=7, agency=agency, note="Calo", referred_by=office_supervisor()
    )
    return [referral.pk]


def _recommendation(agency: Agency) -> list[object]:
    record = Recommendation.objects.create(
        agency=agency,
        number=f"562/{agency.pk}/REKOM/2026",
        issued_on=dt.date(2026, 2, 2),
        nik="3301014101900001",
        full_name="Siti Aminah",
        destination_country="TW",
        valid_until=dt.date(2026, 8, 2),
    )
    return [record.pk]


def _person(agency: Agency) -> PersonReferral:
    """A person referred to `agency`, or to an NGO when persons do not go to its kind (its
    users are refused the page before any referral is looked up)."""
    if agency.kind not in PERSON_RECEIVERS:
        agency, _ = Agency.objects.get_or_create(name="Yayasan", defaults={"kind": AgencyKind.NGO})
    return make_person_referral(agency)


def _nik_request(agency: Agency) -> NikVerification:
    item = nik_verifications.request_verification(
        make_application(), reason="test", acting_user=None
    )
    item.agency = agency
    item.save(update_fields=["agency"])
    return item


def _office() -> User:
    return office_supervisor()


def _case(agency: Agency) -> CaseReferral:
    return CaseReferral.objects.create(
        agency=agency,
        what="Lowongan palsu",
        place="Kesugihan",
        reported_on=dt.date(2026, 3, 2),
        note="x",
        referred_by=_office(),
    )


def _alert(agency: Agency) -> PoliceAlert:
    return PoliceAlert.objects.create(
        agency=agency, kind="ring", subject="Ring 1", note="x", sent_by=_office()
    )


def _ring() -> RingCluster:
    return RingCluster.objects.create(run=DetectionRun.objects.create(), size=2, score=70)


# url name -> the arguments of a URL for an object of `agency` (none: a page without one).
OBJECTS: dict[str, Callable[[Agency], list[object]]] = {
    "agency_edit": lambda agency: [agency.pk],
    "agreement_create": lambda agency: [agency.pk],
    "referral_detail": _referral,
    "referral_respond": _referral,
    "ring_referral_letter": _referral,
    "person_referral_letter": lambda agency: [_person(agency).pk],
    "recommendation_detail": _recommendation,
    "recommendation_revoke": _recommendation,
    "recommendation_request_detail": lambda agency: [
        RecommendationRequest.objects.create(agency=agency, number="562/9/REKOM/2026").pk
    ],
    "recommendation_import_job": lambda agency: [
        RecommendationImportJob.objects.create(agency=agency, filename="x.csv").pk
    ],
    "person_refer": lambda agency: [_person(agency).application.application_no],
    "register_person_referral": lambda agency: [_person(agency).pk],
    "person_referral_revoke": lambda agency: [_person(agency).pk],
    "person_referral_detail": lambda agency: [_person(agency).pk],
    "person_referral_answer": lambda agency: [_person(agency).pk],
    "nik_verification_detail": lambda agency: [_nik_request(agency).pk],
    "nik_verification_request": lambda agency: [make_application().application_no],
    "case_referral_detail": lambda agency: [_case(agency).pk],
    "alert_detail": lambda agency: [_alert(agency).pk],
    "alert_application": lambda agency: [make_application().application_no],
    "alert_ring": lambda agency: [_ring().pk],
    "broker_page": lambda agency: [make_application(sponsor_name="Pak Darto").application_no],
    "broker_watchlist": lambda agency: [make_application().application_no],
    "broker_refer": lambda agency: [make_application().application_no],
    "submission_decide": lambda agency: [
        Submission.objects.create(
            agency=agency, list_type="wanted", full_name="X", basis="DPO", submitted_by=_office()
        ).pk
    ],
}
PARTNER_URLS = sorted(
    [entry.name for entry in urls.urlpatterns if isinstance(entry, URLPattern) and entry.name]
    + ["ring_refer"]
)


def _url(name: str, agency: Agency) -> str:
    if name == "ring_refer":
        return reverse(name, args=[_ring().pk])
    build = OBJECTS.get(name)
    return reverse(name, args=build(agency) if build else [])


def _answer(client: Client, url: str) -> int:
    """GET the page, or POST an empty form to an action that takes posts only."""
    status = client.get(url).status_code
    return client.post(url, {}).status_code if status == 405 else status


def test_every_partner_url_is_in_the_matrix() -> None:
    with_objects = {name for name in PARTNER_URLS if "<" in _route(name)}
    assert with_objects <= set(OBJECTS) | {"ring_refer"}


def _route(name: str) -> str:
    for entry in urls.urlpatterns:
        if isinstance(entry, URLPattern) and entry.name == name:
            return str(entry.pattern)
    return "<ring_id>"


@pytest.mark.parametrize("kind", AgencyKind.values)
@pytest.mark.parametrize("name", PARTNER_URLS)
def test_a_partner_gets_exactly_the_pages_of_its_kind(
    kind: str, name: str, make_user: Callable[..., User]
) -> None:
    user = make_user(f"partner_{kind}", Role.PARTNER, kind)
    assert user.agency is not None
    url = _url(name, user.agency)
    allowed = resolve(url).func.required_action in KIND_ACTIONS[kind]  # type: ignore[attr-defined]
    client = Client()
    client.force_login(user)
    status = _answer(client, url)
    if allowed:
        assert status not in {403, 404, 500}, f"{kind} {url}: {status}"
    else:
        assert status == 403, f"{kind} {url}: {status}, expected 403"


@pytest.mark.parametrize("kind", AgencyKind.values)
@pytest.mark.parametrize("name", sorted(set(OBJECTS) & set(PARTNER_URLS)))
def test_another_agency_s_object_is_not_found(
    kind: str, name: str, make_user: Callable[..., User]
) -> None:
    user = make_user(f"partner_{kind}", Role.PARTNER, kind)
    other = Agency.objects.create(name=f"Other {kind}", kind=kind)
    url = _url(name, other)
    if resolve(url).func.required_action not in KIND_ACTIONS[kind]:  # type: ignore[attr-defined]
        return  # refused before any object is looked up: the page itself is forbidden
    client = Client()
    client.force_login(user)
    assert _answer(client, url) == 404, f"{kind} {url}"

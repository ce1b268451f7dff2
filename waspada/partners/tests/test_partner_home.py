"""Each partner user lands on their agency's open items with counts and ages; other local
governments see aggregate figures only; the head of office sees the agreements about to
expire."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.partners import nik_verifications
from waspada.partners.models import (
    AgencyKind,
    NikVerification,
    RecommendationRequest,
    Referral,
)
from waspada.partners.tests.factories import (
    make_agreement,
    make_person_referral,
    office_supervisor,
)

pytestmark = pytest.mark.usefixtures("central_java_regions")


def home_of(user: User) -> str:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def row(page: str, key: str) -> str:
    start = page.index(f'data-testid="open-{key}"')
    return page[start : page.index("</tr>", start)]


def aged(rows: object, field: str, days: int) -> None:
    rows.update(**{field: timezone.now() - dt.timedelta(days=days)})  # type: ignore[attr-defined]


def test_dukcapil_lands_on_its_open_nik_requests_with_the_oldest_age(
    make_user: Callable[..., User],
) -> None:
    user = make_user("dukcapil_liaison", Role.PARTNER, AgencyKind.DUKCAPIL)
    for _ in range(2):
        nik_verifications.request_verification(make_application(), reason="x", acting_user=None)
    oldest = NikVerification.objects.order_by("pk").first()
    assert oldest is not None
    aged(NikVerification.objects.filter(pk=oldest.pk), "opened_at", 4)
    line = row(home_of(user), "nik_verifications")
    assert 'data-testid="open-count">2<' in line and "4 days" in line
    assert reverse("nik_verification_list") in line


def test_police_land_on_their_open_referrals(make_user: Callable[..., User]) -> None:
    user = make_user("polisi", Role.PARTNER, AgencyKind.POLICE)
    assert user.agency is not None
    Referral.objects.create(
        ring_number=3, agency=user.agency, note="x", referred_by=office_supervisor()
    )
    aged(Referral.objects.all(), "referred_at", 2)
    page = home_of(user)
    line = row(page, "ring_referrals")
    assert 'data-testid="open-count">1<' in line and "2 days" in line
    # Nothing of the other kinds' queues.
    assert 'data-testid="open-nik_verifications"' not in page
    assert 'data-testid="open-person_referrals"' not in page


def test_an_ngo_sees_its_open_person_referrals(make_user: Callable[..., User]) -> None:
    user = make_user("ngo", Role.PARTNER, AgencyKind.NGO)
    assert user.agency is not None
    make_person_referral(user.agency)
    line = row(home_of(user), "person_referrals")
    assert 'data-testid="open-count">1<' in line and "0 days" in line


def test_a_disnaker_sees_its_open_recommendation_requests(make_user: Callable[..., User]) -> None:
    user = make_user("disnaker", Role.PARTNER, AgencyKind.DISNAKER)
    RecommendationRequest.objects.create(agency=user.agency, number="562/1/REKOM/2026")
    RecommendationRequest.objects.create(agency=None, number="562/2/REKOM/2026")
    line = row(home_of(user), "recommendation_requests")
    assert 'data-testid="open-count">1<' in line


def test_a_local_government_sees_aggregate_figures_only(make_user: Callable[..., User]) -> None:
    user = make_user("pemda", Role.PARTNER, AgencyKind.LOCAL_GOVERNMENT)
    app = make_application(submitted_on=timezone.localdate())
    page = home_of(user)
    figures = page[page.index('data-testid="aggregate-statistics"') :]
    assert "Passport applications</dt><dd>1<" in figures
    assert app.full_name not in page and app.applicant.nik not in page
    assert 'data-testid="open-count"' not in page


def test_the_head_of_office_sees_agreements_ending_within_30_days(
    make_user: Callable[..., User],
) -> None:
    head = make_user("kakanim", Role.HEAD_OF_OFFICE)
    police = make_user("polisi", Role.PARTNER, AgencyKind.POLICE).agency
    ngo = make_user("ngo", Role.PARTNER, AgencyKind.NGO).agency
    assert police is not None and ngo is not None
    make_agreement(police, days_left=20)
    make_agreement(ngo, days_left=45)
    page = home_of(head)
    warning = page[page.index('data-testid="expiring-agreements"') :][:800]
    assert police.name in warning and ngo.name not in warning
    # Not on an interviewer's home, nor a partner's.
    assert 'data-testid="expiring-agreements"' not in home_of(make_user("w", Role.INTERVIEWER))
    assert 'data-testid="partner-open-items"' not in home_of(head)

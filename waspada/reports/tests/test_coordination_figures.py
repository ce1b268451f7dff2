"""Coordination with the partner agencies on the dashboard and in the annual report:
requests per agency, how many answered and how fast, referrals by outcome, alerts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.domain import periods
from waspada.partners.models import (
    Agency,
    AgencyKind,
    CaseReferral,
    NikVerification,
    PoliceAlert,
    RecommendationRequest,
    Referral,
)
from waspada.reports.document import build_document

pytestmark = pytest.mark.django_db


def at(month: int, day: int, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2025, month, day, hour))


@pytest.fixture
def coordination(supervisor: User, central_java_regions: None) -> dict[str, Agency]:
    disnaker = Agency.objects.create(name="Disnaker Cilacap", kind=AgencyKind.DISNAKER)
    dukcapil = Agency.objects.create(name="Disdukcapil Cilacap", kind=AgencyKind.DUKCAPIL)
    police = Agency.objects.create(name="Polresta Cilacap", kind=AgencyKind.POLICE)
    # Two requests to the Disnaker, one answered after 6 hours; one of 2024 left out.
    RecommendationRequest.objects.create(
        agency=disnaker, number="562/1/2025", opened_at=at(3, 1), state="issued",
        answered_at=at(3, 1, 15), answered_by=supervisor,
    )  # fmt: skip
    RecommendationRequest.objects.create(agency=disnaker, number="562/2/2025", opened_at=at(4, 1))
    RecommendationRequest.objects.create(
        agency=disnaker, number="562/3/2024",
        opened_at=timezone.make_aware(dt.datetime(2024, 5, 1)),
    )  # fmt: skip
    app = make_application(submitted_on=dt.date(2025, 5, 1))  # the year has applications
    NikVerification.objects.create(
        application=app, agency=dukcapil, reference="R-1", nik=app.applicant.nik,
        full_name=app.full_name, birth_place="Cilacap", birth_date=app.birth_date,
        opened_at=at(5, 2, 8), result="match", answered_at=at(5, 2, 10), channel="liaison",
    )  # fmt: skip
    Referral.objects.create(
        ring_number=4, agency=police, note="x", referred_by=supervisor, referred_at=at(6, 1),
        status="accepted",
    )  # fmt: skip
    CaseReferral.objects.create(
        agency=police, what="Lowongan palsu", place="Kesugihan", reported_on=dt.date(2025, 6, 2),
        note="x", referred_by=supervisor, referred_at=at(6, 3),
    )  # fmt: skip
    PoliceAlert.objects.create(
        agency=police, kind="ring", subject="Ring 4", note="x", sent_by=supervisor,
        sent_at=at(6, 4),
    )  # fmt: skip
    return {"disnaker": disnaker, "dukcapil": dukcapil, "police": police}


def test_the_annual_report_has_the_coordination_table(coordination: dict[str, Agency]) -> None:
    document = build_document(periods.year(2025))
    table = next(t for t in document.tables if t.key == "coordination")
    assert table.internal  # it names the agencies: never published
    rows = dict(zip(table.row_labels, table.counts, strict=True))
    # requests, answered, hours, referrals, waiting, working, rejected, done, revoked, alerts
    assert rows["Disdukcapil Cilacap (Dinas Kependudukan dan Pencatatan Sipil (Dukcapil))"] == [
        1,
        1,
        2,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
    ]
    assert rows["Disnaker Cilacap (Dinas Tenaga Kerja (Disnaker))"] == [
        2,
        1,
        6,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
    ]
    assert rows["Polresta Cilacap (Kepolisian)"] == [0, 0, 0, 2, 1, 1, 0, 0, 0, 1]
    published = build_document(periods.year(2025), publication=True)
    assert "coordination" not in {t.key for t in published.tables}


def test_the_dashboard_shows_the_coordination_figures(
    coordination: dict[str, Agency], supervisor: User, login
) -> None:  # type: ignore[no-untyped-def]
    html = login(supervisor).get("/reports/", {"period": "year", "year": "2025"}).content.decode()
    row = html[html.index(f'data-testid="coordination-{coordination["disnaker"].pk}"') :]
    row = row[: row.index("</tr>")]
    assert '<td class="num">2</td><td class="num">1</td><td class="num">6</td>' in row


def test_a_year_without_partner_work_has_no_coordination_table() -> None:
    assert "coordination" not in {t.key for t in build_document(periods.year(2022)).tables}

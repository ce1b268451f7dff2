"""The campaign's figures on the reports dashboard and in the annual report: outreach per
regency, people reached, media coverage, reports from the public and their outcomes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from waspada.core.models import User
from waspada.domain import periods
from waspada.partners.models import Agency, AgencyKind, SharingKind
from waspada.partners.tests.factories import make_agreement
from waspada.publik import services
from waspada.publik.models import MediaCoverage, OutreachActivity
from waspada.reports.document import build_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(supervisor: User, central_java_regions: None) -> None:
    for village, people in (("33.01.01.2001", 120), ("33.01.02.2001", 80), ("33.02.01.2001", 45)):
        OutreachActivity.objects.create(
            held_on=dt.date(2025, 3, 4), village_id=village, place="Balai desa",
            audience="villagers", people_reached=people, recorded_by=supervisor,
        )  # fmt: skip
    OutreachActivity.objects.create(
        held_on=dt.date(2024, 3, 4), village_id="33.01.01.2001", place="Sekolah",
        audience="students", people_reached=999, recorded_by=supervisor,
    )  # fmt: skip
    MediaCoverage.objects.create(
        outlet="Radar Banyumas", kind="print", published_on=dt.date(2025, 3, 5),
        recorded_by=supervisor,
    )  # fmt: skip
    police = Agency.objects.create(name="Polresta Cilacap", kind=AgencyKind.POLICE)
    make_agreement(police, covers=(SharingKind.CASE,))
    for n in range(3):
        received = services.receive_report(what="Lowongan palsu", place="Cilacap", photos=[])
        received.report.received_at = timezone.make_aware(dt.datetime(2025, 6, 1 + n))
        received.report.save()
        if n == 0:
            services.refer_report(
                received.report, agency=police, note="x", public_note="", acting_user=supervisor
            )


def test_the_dashboard_shows_the_campaign_of_the_period(
    campaign: None, supervisor: User, login
) -> None:  # type: ignore[no-untyped-def]
    page = login(supervisor).get("/reports/", {"period": "year", "year": "2025"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="campaign-figures"' in html
    assert "<dt>Kegiatan sosialisasi</dt><dd>3</dd>" in html
    assert "<dt>Jumlah peserta</dt><dd>245</dd>" in html
    assert "<dt>Laporan masyarakat diteruskan ke kepolisian</dt><dd>1</dd>" in html


def test_the_annual_report_has_the_campaign_tables(campaign: None) -> None:
    document = build_document(periods.year(2025))
    tables = {table.key: table for table in document.tables}
    assert tables["campaign"].counts == [[3], [245], [1], [3], [1]]
    regencies = tables["campaign_regencies"]
    assert regencies.row_labels == ["Kabupaten Cilacap", "Kabupaten Banyumas"]
    assert regencies.counts == [[2, 200], [1, 45]]
    assert tables["public_reports"].counts == [[2], [0], [1], [0]]


def test_a_year_without_campaign_work_has_no_campaign_tables() -> None:
    document = build_document(periods.year(2022))
    assert not {"campaign", "campaign_regencies", "public_reports"} & {
        table.key for table in document.tables
    }

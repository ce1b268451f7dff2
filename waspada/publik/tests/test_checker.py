"""The job-offer checker page: plain Indonesian warning signs, the organiser registry as a
hint (never a verdict), and nothing stored."""

from __future__ import annotations

import pytest
from django.test import Client

from waspada.core.models import AuditEvent
from waspada.networks.models import LicensedOrganiser, OrganiserKind
from waspada.publik.models import PublicReport

pytestmark = pytest.mark.django_db

CAMBODIA = {
    "destination": "KH",
    "job": "online",
    "monthly_pay": "25000000",
    "fee": "3000000",
    "fee_paid_to": "individual",
    "arranged_by": "online",
    "visa": "tourist",
    "contract": "later",
    "recruiter_name": "",
    "recruiter_licence": "",
}


def _check(**changes: str) -> str:
    response = Client().get("/publik/cek-lowongan/", {**CAMBODIA, **changes})
    assert response.status_code == 200
    return response.content.decode()


def test_a_scam_compound_offer_shows_its_warning_signs_in_plain_indonesian() -> None:
    page = _check()
    assert "Tawaran ini menunjukkan tanda bahaya yang serius" in page
    assert "Tidak ada perjanjian penempatan dengan negara ini" in page
    assert "Visa turis atau umrah untuk bekerja" in page
    assert "Uang dibayar kepada perseorangan" in page
    assert "Belum melihat perjanjian kerja" in page
    assert "Disnaker" in page


def test_domestic_work_in_saudi_arabia_cites_kepmenaker_260() -> None:
    page = _check(destination="SA", job="domestic", visa="umrah")
    assert "Kepmenaker 260/2015" in page


def test_a_recruiter_unknown_to_the_registry_is_not_called_illegal() -> None:
    page = _check(recruiter_name="PT Maju Jaya Abadi", recruiter_licence="KEP.999/2024")
    assert "tidak membuktikan bahwa perekrut ini ilegal" in page


def test_an_umrah_organiser_recruiting_workers_is_named_from_the_registry() -> None:
    LicensedOrganiser.objects.create(
        kind=OrganiserKind.PPIU, name="PT Safar Barokah", licence_no="U.123/2023"
    )
    page = _check(recruiter_licence="u 123 2023", destination="SA", job="factory")
    assert "Bukan perusahaan penempatan" in page
    assert "PT Safar Barokah" in page


def test_a_licensed_agency_still_asks_to_check_the_job_order() -> None:
    LicensedOrganiser.objects.create(
        kind=OrganiserKind.P3MI, name="PT Karya Migran Sejahtera", licence_no="P3MI-77/2022"
    )
    page = _check(
        destination="TW",
        job="factory",
        monthly_pay="9000000",
        fee="0",
        fee_paid_to="nobody",
        arranged_by="agency",
        visa="work",
        contract="seen",
        recruiter_name="pt karya migran sejahtera",
    )
    assert "Jawaban Anda tidak menunjukkan tanda bahaya" in page
    assert "Itu bukan jaminan" in page
    assert "kadang ada yang memakai nama perusahaan resmi" in page


def test_checking_stores_nothing() -> None:
    _check()
    assert PublicReport.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_the_checked_offer_can_start_a_report() -> None:
    response = Client().get("/publik/lapor/", CAMBODIA)
    assert response.status_code == 200
    assert "Tawaran kerja yang saya periksa:" in response.content.decode()
    assert PublicReport.objects.count() == 0


def test_nonsense_answers_are_named_not_a_500() -> None:
    response = Client().get("/publik/cek-lowongan/", {"job": "astronaut", "monthly_pay": "-5"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pilih salah satu jawaban yang tersedia." in page
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 0." in page

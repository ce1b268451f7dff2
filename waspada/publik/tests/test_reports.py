"""Anonymous reports: a tracking code shown once, no address stored, a rate limit per network,
the status by code, and the office's triage (link, refer to the police, close)."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from PIL import Image

from waspada.applications.tests.factories import make_application
from waspada.core.audit_actions import AuditAction
from waspada.core.models import AuditEvent, User
from waspada.core.roles import Role
from waspada.partners.models import Agency, AgencyKind, CaseReferral, SharingKind
from waspada.partners.tests.factories import make_agreement
from waspada.publik import tracking
from waspada.publik.models import PublicReport, ReportStatus
from waspada.publik.tests.helpers import photo_with_gps, send_report, tracking_code, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def _status(client: Client, code: str):  # type: ignore[no-untyped-def]
    return client.post("/publik/lapor/status/", {"code": code})


def test_a_report_gets_a_tracking_code_and_only_its_hash_is_stored() -> None:
    response = send_report()
    assert response.status_code == 200
    code = tracking_code(response)
    assert len(tracking.normalise(code)) == 12
    assert set(tracking.normalise(code)) <= set(tracking.ALPHABET)
    report = PublicReport.objects.get()
    assert report.tracking_hash == tracking.code_hash(code)
    assert tracking.normalise(code) not in str(PublicReport.objects.values().get()), (
        "the code itself must not be stored"
    )
    assert response["Cache-Control"] == "no-store"


def test_no_address_or_browser_string_is_stored_with_a_report() -> None:
    client = Client(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Mozilla/5.0 CheapPhone")
    send_report(client)
    row = PublicReport.objects.values().get()
    stored = " ".join(str(value) for value in row.values())
    assert "203.0.113" not in stored
    assert "CheapPhone" not in stored
    event = AuditEvent.objects.get(action=AuditAction.PUBLIC_REPORT_RECEIVED)
    assert event.ip_address is None
    assert "203.0.113" not in str(event.details) + event.summary


def test_the_status_shows_by_code_without_personal_data() -> None:
    code = tracking_code(send_report())
    response = _status(Client(), code.lower().replace("-", " "))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Diterima" in page
    assert "Pak B" not in page and "Kesugihan" not in page


def test_a_wrong_code_says_so_in_indonesian() -> None:
    response = _status(Client(), "ABCD-EFGH-JKMN")
    assert response.status_code == 400
    assert "Tidak ada laporan dengan kode ini" in response.content.decode()
    response = _status(Client(), "not a code")
    assert "12 huruf dan angka" in response.content.decode()


def test_a_burst_of_reports_from_one_network_gets_429(settings: object) -> None:
    settings.WASPADA_PUBLIC_REPORT_LIMIT = 3  # type: ignore[attr-defined]
    neighbours = [Client(REMOTE_ADDR=f"198.51.100.{n}") for n in (10, 11, 12, 13)]
    answers = [send_report(client).status_code for client in neighbours]
    assert answers == [200, 200, 200, 429]
    assert "Terlalu banyak" in send_report(neighbours[0]).content.decode()
    assert PublicReport.objects.count() == 3
    # Another network is not held back.
    assert send_report(Client(REMOTE_ADDR="192.0.2.5")).status_code == 200
    # IPv6: one /64 is one network.
    v6 = [Client(REMOTE_ADDR=f"2001:db8:1:2::{n}") for n in range(1, 5)]
    assert [send_report(client).status_code for client in v6] == [200, 200, 200, 429]


def test_the_honeypot_refuses_robots_and_saves_nothing() -> None:
    response = send_report(website="http://spam.example")
    assert response.status_code == 400
    assert PublicReport.objects.count() == 0


def test_missing_fields_are_named_and_nothing_is_saved() -> None:
    response = send_report(what="", place="")
    assert response.status_code == 400
    assert "Bidang ini tidak boleh kosong" in response.content.decode()
    assert PublicReport.objects.count() == 0


def test_photos_are_resized_and_lose_their_metadata() -> None:
    client = Client()
    response = client.post(
        "/publik/lapor/",
        {
            "what": "Sebuah brosur lowongan kerja di Kamboja.",
            "place": "Cilacap",
            "photos": [upload(photo_with_gps()), upload(photo_with_gps(), "b.jpg")],
        },
    )
    assert response.status_code == 200
    report = PublicReport.objects.get()
    assert report.photos.count() == 2
    stored = Image.open(io.BytesIO(bytes(report.photos.first().data)))  # type: ignore[union-attr]
    assert max(stored.size) <= 1600
    assert not stored.getexif()
    assert b"Phone Model X" not in bytes(report.photos.first().data)  # type: ignore[union-attr]


def test_a_file_that_is_not_an_image_is_refused_clearly() -> None:
    response = Client().post(
        "/publik/lapor/",
        {
            "what": "Sebuah brosur lowongan kerja di Kamboja.",
            "place": "Cilacap",
            "photos": [upload(b"%PDF-1.4 not an image", "offer.pdf", "application/pdf")],
        },
    )
    assert response.status_code == 400
    assert "bukan gambar" in response.content.decode()
    assert PublicReport.objects.count() == 0


def test_more_than_three_photos_are_refused() -> None:
    photos = [upload(photo_with_gps(size=(50, 50)), f"{n}.jpg") for n in range(4)]
    response = Client().post(
        "/publik/lapor/", {"what": "Brosur lowongan kerja.", "place": "Cilacap", "photos": photos}
    )
    assert response.status_code == 400
    assert PublicReport.objects.count() == 0


def test_triage_links_refers_to_the_police_and_the_reporter_sees_the_status(
    supervisor: User, login, central_java_regions: None
) -> None:  # type: ignore[no-untyped-def]
    code = tracking_code(send_report(contact="WA 081234567890"))
    report = PublicReport.objects.get()
    police = Agency.objects.create(name="Polresta Cilacap", kind=AgencyKind.POLICE)
    make_agreement(police, covers=(SharingKind.CASE,))
    application = make_application()
    office = login(supervisor)

    queue = office.get("/public-side/reports/")
    assert queue.status_code == 200
    assert "Desa Kesugihan" in queue.content.decode()
    assert 'data-testid="tab-received">Diterima <span class="badge">1<' in queue.content.decode()

    found = office.get(f"/public-side/reports/{report.pk}/", {"q": application.application_no})
    assert application.application_no in found.content.decode()
    linked = office.post(
        f"/public-side/reports/{report.pk}/link/",
        {"field": "application", "target": application.pk},
    )
    assert linked.status_code == 302
    assert "Sedang ditelaah" in _status(Client(), code).content.decode()

    referred = office.post(
        f"/public-side/reports/{report.pk}/refer/",
        {"agency": police.pk, "note": "Sponsor Pak B", "public_note": "Sudah diteruskan."},
    )
    assert referred.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.REFERRED
    assert report.referred_to == police
    assert report.application == application
    # A referral in the unit's queue, with what was reported and nothing of the reporter.
    case = report.case_referral
    assert case is not None and case.agency == police and case.note == "Sponsor Pak B"
    assert case.what == report.what and case.place == report.place
    unit = User.objects.create_user(
        username="polresta", password="x-x-x-x-1", role=Role.PARTNER, agency=police
    )
    police_client = Client()
    police_client.force_login(unit)
    assert report.place in police_client.get(reverse("case_referral_list")).content.decode()
    case_page = police_client.get(reverse("case_referral_detail", args=[case.pk]))
    assert report.what in case_page.content.decode()
    assert report.contact and report.contact not in case_page.content.decode()
    status_page = _status(Client(), code).content.decode()
    assert "Diteruskan ke kepolisian" in status_page
    assert "Sudah diteruskan." in status_page
    assert "Polresta" not in status_page

    closed = office.post(
        f"/public-side/reports/{report.pk}/close/", {"reason": "handled", "public_note": ""}
    )
    assert closed.status_code == 302
    assert "Selesai" in _status(Client(), code).content.decode()
    actions = list(
        AuditEvent.objects.filter(
            object_type="publik.publicreport", object_id=str(report.pk)
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == sorted(
        [
            AuditAction.PUBLIC_REPORT_RECEIVED,
            AuditAction.PUBLIC_REPORT_LINKED,
            AuditAction.PUBLIC_REPORT_REFERRED,
            AuditAction.PUBLIC_REPORT_CLOSED,
        ]
    )
    # A closed report stays closed.
    again = office.post(
        f"/public-side/reports/{report.pk}/close/", {"reason": "duplicate", "public_note": ""}
    )
    assert again.status_code == 400
    assert "ditutup" in again.content.decode()


def test_without_an_agreement_in_force_the_report_is_not_referred(supervisor: User, login) -> None:  # type: ignore[no-untyped-def]
    send_report()
    report = PublicReport.objects.get()
    police = Agency.objects.create(name="Polresta Cilacap", kind=AgencyKind.POLICE)
    make_agreement(police, covers=(SharingKind.PERSON,))  # persons only
    office = login(supervisor)
    page = office.get(f"/public-side/reports/{report.pk}/").content.decode()
    assert 'data-testid="refer-report"' in page and "disabled" in page
    response = office.post(
        f"/public-side/reports/{report.pk}/refer/", {"agency": police.pk, "note": "x"}
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED and report.case_referral is None
    assert not CaseReferral.objects.exists()


def test_a_referral_needs_a_police_unit_and_a_note(supervisor: User, login) -> None:  # type: ignore[no-untyped-def]
    send_report()
    report = PublicReport.objects.get()
    response = login(supervisor).post(f"/public-side/reports/{report.pk}/refer/", {"note": ""})
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED


def test_new_reports_are_counted_beside_the_menu_entry(supervisor: User, login) -> None:  # type: ignore[no-untyped-def]
    send_report()
    send_report()
    page = login(supervisor).get("/").content.decode()
    assert 'data-testid="nav-count">2<' in page


def test_a_post_larger_than_a_report_can_be_is_refused_before_it_is_read() -> None:
    response = Client().generic(
        "POST",
        "/publik/lapor/",
        b"x" * 100,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(64 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "terlalu besar" in response.content.decode()
    assert PublicReport.objects.count() == 0

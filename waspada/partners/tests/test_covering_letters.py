"""Every referral has its covering letter (surat pengantar): the office's signed letter to
the agency, with the referral's content, a complete signature block kept with the closing
paragraph, and the copies list."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from waspada.core.audit_actions import AuditAction
from waspada.core.models import AuditEvent, User
from waspada.decisions import letters
from waspada.decisions.tests.test_letters import configure_office
from waspada.networks import services
from waspada.networks.models import RingCluster
from waspada.networks.tests.helpers import BROKER_E164, broker_ring
from waspada.partners.models import Agency, AgencyKind, PersonReferral, Referral
from waspada.partners.tests.factories import make_agreement, make_person_referral
from waspada.partners.tests.test_referrals import refer
from waspada.regions.services import ensure_office

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]

KASI_NIP = "198105222006042002"


def pages(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def same_page(texts: list[str], *words: str) -> bool:
    return any(all(word in text for word in words) for text in texts)


@pytest.fixture
def kasi(supervisor: User, admin_user: User) -> User:
    configure_office()
    letters.set_signatory(
        supervisor,
        nip=KASI_NIP,
        position="Kepala Seksi Intelijen dan Penindakan Keimigrasian",
        signs_for_head=True,
        acting_user=admin_user,
    )
    return supervisor


def test_a_ring_referral_has_a_signed_covering_letter(
    login: Callable[..., Client], kasi: User, police_partner: User
) -> None:
    assert police_partner.agency is not None
    make_agreement(police_partner.agency)
    broker_ring(4)
    services.detect_networks()
    ring = RingCluster.objects.get(run=services.queries.latest_run(), risky=True)
    client = login(kasi)
    refer(client, ring, police_partner.agency, note="Calo yang sama di empat kecamatan")
    referral = Referral.objects.get()
    page = client.get(reverse("ring_detail", args=[ring.pk])).content.decode()
    link = reverse("ring_referral_letter", args=[referral.pk])
    assert f'href="{link}"' in page
    response = client.get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    referral.refresh_from_db()
    # Numbered from the office's letter register, in its letter number format.
    year = referral.referred_at.year
    assert referral.letter_number == f"W13.IMI.IMI.3-1.GR.02.06.{year}"
    texts = pages(response.content)
    text = " ".join(texts)
    for expected in (
        "KANTOR IMIGRASI KELAS I TPI CILACAP",
        f"Nomor : {referral.letter_number}",
        f"Yth. Pimpinan {police_partner.agency.name}",
        f"jaringan #{ring.pk}",
        "4 pemohon",
        f"telepon: {BROKER_E164}",
        "Calo yang sama di empat kecamatan",
        "a.n. Kepala Kantor Imigrasi Kelas I TPI Cilacap",
        "Kepala Seksi Intelijen dan Penindakan Keimigrasian,",
        kasi.get_full_name(),
        f"NIP {KASI_NIP}",
        "Tembusan: 1. Kepala Kantor Imigrasi Kelas I TPI Cilacap (sebagai laporan) 2. Arsip",
    ):
        assert expected in text, expected
    assert same_page(texts, "Demikian kami sampaikan", f"NIP {KASI_NIP}")
    # The letter says no more than the agency's page: no risk score, no NIK.
    assert "skor" not in text.lower() and "NIK" not in text


def test_a_person_referral_has_a_signed_covering_letter(
    login: Callable[..., Client], kasi: User
) -> None:
    ngo = Agency.objects.create(name="Yayasan Pelita Desa", kind=AgencyKind.NGO)
    referral = make_person_referral(ngo, acting_user=kasi)
    client = login(kasi)
    detail = client.get(reverse("register_person_referral", args=[referral.pk])).content.decode()
    link = reverse("person_referral_letter", args=[referral.pk])
    assert f'href="{link}"' in detail
    texts = pages(client.get(link).content)
    text = " ".join(texts)
    referral.refresh_from_db()
    for expected in (
        f"Nomor : {referral.letter_number}",
        "Yth. Pimpinan Yayasan Pelita Desa",
        referral.full_name,
        "Rumah aman",
        f"NIP {KASI_NIP}",
        "Tembusan:",
    ):
        assert expected in text, expected
    assert same_page(texts, "Demikian kami sampaikan", f"NIP {KASI_NIP}")


def test_partners_and_interviewers_get_no_covering_letter(
    login: Callable[..., Client], kasi: User, interviewer: User, police_partner: User
) -> None:
    ngo = Agency.objects.create(name="Yayasan Pelita Desa", kind=AgencyKind.NGO)
    referral = make_person_referral(ngo, acting_user=kasi)
    link = reverse("person_referral_letter", args=[referral.pk])
    assert login(interviewer).get(link).status_code == 403
    assert login(police_partner).get(link).status_code in {403, 404}


def _ngo_referral(kasi: User) -> PersonReferral:
    ngo, _ = Agency.objects.get_or_create(name="Yayasan Pelita Desa", kind=AgencyKind.NGO)
    return make_person_referral(ngo, acting_user=kasi)


def test_a_covering_letter_keeps_the_next_number_of_the_office_register(
    login: Callable[..., Client], kasi: User
) -> None:
    referral = _ngo_referral(kasi)
    year = timezone.localtime(referral.referred_at).year
    with transaction.atomic():  # a refusal letter took the year's first number
        assert letters.next_sequence(year) == 1
    client = login(kasi)
    link = reverse("person_referral_letter", args=[referral.pk])
    first = client.get(link)
    referral.refresh_from_db()
    assert referral.letter_number == f"W13.IMI.IMI.3-2.GR.02.06.{year}"
    assert referral.letter_number in first["Content-Disposition"]
    # Printed again: the same number, given once (one audit event), the register moves on.
    assert f"Nomor : {referral.letter_number}" in " ".join(pages(client.get(link).content))
    events = AuditEvent.objects.filter(action=AuditAction.COVERING_LETTER_NUMBERED)
    assert [e.details["number"] for e in events] == [referral.letter_number]
    with transaction.atomic():
        assert letters.next_sequence(year) == 3
    # The register finds the referral by the number on the printed letter.
    found = client.get(reverse("referral_register"), {"number": referral.letter_number})
    assert referral.letter_number in found.content.decode()
    assert referral.full_name in found.content.decode()
    missed = client.get(reverse("referral_register"), {"number": "W13-999"})
    assert referral.full_name not in missed.content.decode()


def test_covering_letters_have_a_series_of_their_own_when_the_office_sets_one(
    login: Callable[..., Client], kasi: User
) -> None:
    office = ensure_office()
    office.covering_letter_number_format = "W13.IMI.IMI.3-PG.{number:03d}/{year}"
    office.save()
    first, second = _ngo_referral(kasi), _ngo_referral(kasi)
    year = timezone.localtime(first.referred_at).year
    with transaction.atomic():
        letters.next_sequence(year)  # the office's other letters go on regardless
    client = login(kasi)
    for referral in (second, first):
        client.get(reverse("person_referral_letter", args=[referral.pk]))
        referral.refresh_from_db()
    assert second.letter_number == f"W13.IMI.IMI.3-PG.001/{year}"
    assert first.letter_number == f"W13.IMI.IMI.3-PG.002/{year}"
    with transaction.atomic():
        assert letters.next_sequence(year) == 2


def test_the_office_page_refuses_a_covering_number_format_without_a_number(
    login: Callable[..., Client], admin_user: User
) -> None:
    office = configure_office()
    form = {
        "name": office.name,
        "regencies": ["33.01"],
        "letter_number_format": office.letter_number_format,
        "covering_letter_number_format": "PG/{year}",
    }
    response = login(admin_user).post(reverse("office_edit"), form)
    assert "covering_letter_number_format" in response.context["form"].errors
    office.refresh_from_db()
    assert office.covering_letter_number_format == ""

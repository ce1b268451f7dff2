"""Referring a ring to the police, and the police unit's side: only its own referrals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.models import PassportApplication
from waspada.core.models import AuditEvent, User
from waspada.core.navigation import visible_entries
from waspada.networks import services
from waspada.networks.models import RingCluster
from waspada.networks.tests.helpers import BROKER_E164, broker_ring
from waspada.partners import services as services_partners
from waspada.partners.agreements import NoAgreement
from waspada.partners.models import Agency, AgencyKind, Referral, ReferralStatus
from waspada.partners.tests.factories import make_agreement

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture
def ring() -> RingCluster:
    broker_ring(4)
    services.detect_networks()
    return RingCluster.objects.get(run=services.queries.latest_run(), risky=True)


@pytest.fixture
def police(police_partner: User) -> Agency:
    assert police_partner.agency is not None
    make_agreement(police_partner.agency)
    return police_partner.agency


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def refer(client: Client, ring: RingCluster, agency: Agency, note: str = "Calo yang sama") -> Any:
    return client.post(
        reverse("ring_refer", args=[ring.pk]),
        {"referral-agency": agency.pk, "referral-note": note},
    )


def test_supervisor_refers_a_ring_to_a_police_unit(
    login: Callable[..., Client], supervisor: User, ring: RingCluster, police: Agency
) -> None:
    client = login(supervisor)
    page = client.get(reverse("ring_detail", args=[ring.pk])).content.decode()
    assert 'data-testid="refer-form"' in page and police.name in page
    response = refer(client, ring, police)
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.ring, referral.agency, referral.status) == (ring, police, ReferralStatus.SENT)
    assert referral.applications.count() == 4 and referral.shared == ring.shared
    sent = AuditEvent.objects.get(action="partners.referral_sent")
    assert sent.actor == supervisor and sent.details["applications"] == 4
    listed = client.get(reverse("ring_detail", args=[ring.pk])).content.decode()
    assert 'data-testid="ring-referrals"' in listed


def test_referring_a_ring_marks_it_reviewed(
    login: Callable[..., Client], supervisor: User, ring: RingCluster, police: Agency
) -> None:
    assert ring.reviewed_at is None
    refer(login(supervisor), ring, police, note="Calo yang sama")
    ring.refresh_from_db()
    assert ring.reviewed_by == supervisor and ring.reviewed_at is not None
    assert ring.review_note == f"Dirujuk ke {police.name}. Calo yang sama"
    reviewed = AuditEvent.objects.get(action="networks.ring_reviewed")
    assert reviewed.actor == supervisor and reviewed.object_id == str(ring.pk)
    listing = login(supervisor).get(reverse("ring_list")).content.decode()
    assert "to review" not in listing and "perlu ditelaah" not in listing


def test_a_referral_needs_a_note_a_police_unit_and_no_open_one_already(
    login: Callable[..., Client], head_of_office: User, ring: RingCluster, police: Agency
) -> None:
    client = english(login(head_of_office))
    empty = refer(client, ring, police, note="  ")
    assert empty.status_code == 400
    assert "Write what the police should look at." in empty.content.decode()
    ngo = Agency.objects.create(name="Yayasan Peduli Migran", kind=AgencyKind.NGO)
    assert refer(client, ring, ngo).status_code == 400
    assert not Referral.objects.exists()
    refer(client, ring, police)
    again = refer(client, ring, police)
    assert again.status_code == 400
    assert "still open" in again.content.decode()
    assert Referral.objects.count() == 1


def test_police_see_only_their_own_unit_s_referrals(
    login: Callable[..., Client],
    supervisor: User,
    police_partner: User,
    ring: RingCluster,
    police: Agency,
) -> None:
    other = Agency.objects.create(name="Polres Banyumas", kind=AgencyKind.POLICE)
    make_agreement(other)
    refer(login(supervisor), ring, other)
    theirs = Referral.objects.get()
    client = login(police_partner)
    assert list(client.get(reverse("referral_list")).context["page"].object_list) == []
    assert client.get(reverse("referral_detail", args=[theirs.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="partners.referral_viewed").exists()
    refer(login(supervisor), ring, police)
    ours = Referral.objects.get(agency=police)
    assert list(client.get(reverse("referral_list")).context["page"].object_list) == [ours]
    assert "referral_list" in [entry.url_name for entry in visible_entries(police_partner)]


def test_the_police_see_what_they_need_and_every_look_is_recorded(
    login: Callable[..., Client],
    supervisor: User,
    police_partner: User,
    ring: RingCluster,
    police: Agency,
) -> None:
    refer(login(supervisor), ring, police)
    referral = Referral.objects.get()
    member = PassportApplication.objects.select_related("applicant__village").get(
        pk=ring.memberships.order_by("application_id").first().application_id  # type: ignore[union-attr]
    )
    client = login(police_partner)
    body = client.get(reverse("referral_detail", args=[referral.pk])).content.decode()
    applicant = member.applicant
    for shown in (applicant.full_name, applicant.nik, applicant.village.name, applicant.phone):
        assert shown in body
    assert BROKER_E164 in body, "the shared phone"
    # Not for the police: the screening result, the application itself, the birth date.
    assert "D18" not in body and member.application_no not in body
    assert applicant.birth_date.isoformat() not in body
    client.get(reverse("referral_detail", args=[referral.pk]))
    views = AuditEvent.objects.filter(action="partners.referral_viewed", actor=police_partner)
    assert views.count() == 2 and views.first().object_id == str(referral.pk)  # type: ignore[union-attr]


def test_police_accept_then_mark_done_and_the_office_sees_the_answer(
    login: Callable[..., Client],
    supervisor: User,
    police_partner: User,
    ring: RingCluster,
    police: Agency,
) -> None:
    refer(login(supervisor), ring, police)
    referral = Referral.objects.get()
    client = english(login(police_partner))
    url = reverse("referral_respond", args=[referral.pk])
    # "Done" cannot be the first answer.
    early = client.post(url, {"status": "done", "note": "Selesai", "seen": "sent"})
    assert early.status_code == 400
    client.post(url, {"status": "accepted", "note": "Ditangani Satreskrim", "seen": "sent"})
    referral.refresh_from_db()
    assert (referral.status, referral.response, referral.responded_by) == (
        ReferralStatus.ACCEPTED,
        "Ditangani Satreskrim",
        police_partner,
    )
    client.post(url, {"status": "done", "note": "Tersangka ditahan", "seen": "accepted"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DONE
    assert {"partners.referral_accepted", "partners.referral_done"} <= set(
        AuditEvent.objects.filter(actor=police_partner).values_list("action", flat=True)
    )
    office = login(supervisor).get(reverse("ring_detail", args=[ring.pk])).content.decode()
    assert "Tersangka ditahan" in office


def test_an_answer_on_a_stale_page_saves_nothing(
    login: Callable[..., Client],
    supervisor: User,
    police_partner: User,
    ring: RingCluster,
    police: Agency,
) -> None:
    refer(login(supervisor), ring, police)
    referral = Referral.objects.get()
    client = english(login(police_partner))
    url = reverse("referral_respond", args=[referral.pk])
    client.post(url, {"status": "accepted", "note": "Kami tangani", "seen": "sent"})
    # A colleague's page still showed "sent": rejecting now must not overwrite the answer.
    stale = client.post(url, {"status": "rejected", "note": "Bukan wilayah kami", "seen": "sent"})
    assert stale.status_code == 302
    followed = client.get(stale["Location"]).content.decode()
    assert "answered this referral in the meantime" in followed
    referral.refresh_from_db()
    assert (referral.status, referral.response) == (ReferralStatus.ACCEPTED, "Kami tangani")


def test_office_staff_cannot_open_the_partner_pages(
    login: Callable[..., Client], supervisor: User, ring: RingCluster, police: Agency
) -> None:
    client = login(supervisor)
    refer(client, ring, police)
    referral = Referral.objects.get()
    assert client.get(reverse("referral_list")).status_code == 403
    assert client.get(reverse("referral_detail", args=[referral.pk])).status_code == 403


def test_without_an_agreement_in_force_a_ring_is_not_shared(
    login: Callable[..., Client], supervisor: User, ring: RingCluster, police_partner: User
) -> None:
    agency = police_partner.agency
    assert agency is not None
    client = english(login(supervisor))
    page = client.get(reverse("ring_detail", args=[ring.pk])).content.decode()
    panel = page[page.index('id="referrals"') :][:2500]
    assert 'data-testid="refer-ring"' in panel and "disabled" in panel
    assert "data-sharing agreement" in panel
    assert refer(client, ring, agency).status_code == 400
    with pytest.raises(NoAgreement):
        services_partners.refer_ring(ring, agency=agency, note="x", acting_user=supervisor)
    assert not Referral.objects.exists()

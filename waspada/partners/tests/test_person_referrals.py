"""Referring a suspected victim to victim services or an NGO: consent or an override,
an agreement in force, the agency's answers, the minimum it sees, the office's register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.errors import UserFacingError
from waspada.core.models import AuditEvent, User
from waspada.core.roles import Role
from waspada.networks import services as network_services
from waspada.networks.models import RingCluster
from waspada.networks.tests.helpers import broker_ring
from waspada.partners import person_referrals
from waspada.partners.agreements import NoAgreement
from waspada.partners.models import Agency, AgencyKind, ConsentMethod, PersonReferral, SharingKind
from waspada.partners.services import NotAllowedAnswer, StaleReferral
from waspada.partners.tests.factories import SUMMARY, make_agreement, make_person_referral
from waspada.partners.tests.odd_input import ODD, SETTINGS

pytestmark = pytest.mark.usefixtures("central_java_regions")
TODAY = timezone.localdate


@pytest.fixture
def ngo_user(make_user: Callable[..., User]) -> User:
    return make_user("ngo_partner", Role.PARTNER, AgencyKind.NGO)


@pytest.fixture
def ngo(ngo_user: User) -> Agency:
    assert ngo_user.agency is not None
    make_agreement(ngo_user.agency)
    return ngo_user.agency


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def refer(
    application: PassportApplication, agency: Agency, supervisor: User, **changes: Any
) -> PersonReferral:
    values: dict[str, Any] = {
        "agency": agency,
        "contact": "+6281234567890",
        "needs": ["shelter"],
        "note": "",
        "summary": SUMMARY,
        "consent": person_referrals.Consent(ConsentMethod.ORAL, "the person", TODAY()),
        "follow_up_due": TODAY() + dt.timedelta(days=7),
        "acting_user": supervisor,
    }
    return person_referrals.refer_person(application, **(values | changes))


def form_errors(error: UserFacingError) -> dict[str, str]:
    return dict(error.form_errors())


# --- The service -----------------------------------------------------------------------------


def test_a_referral_needs_consent_or_an_override_with_its_legal_basis(
    supervisor: User, ngo: Agency
) -> None:
    application = make_application()
    refused = [
        person_referrals.Consent(ConsentMethod.WRITTEN, given_by=" ", given_on=TODAY()),
        person_referrals.Consent(ConsentMethod.ORAL, given_by="the person", given_on=None),
        person_referrals.Consent(ConsentMethod.NONE, override_basis="  "),
        person_referrals.Consent("nodded"),
    ]
    for consent in refused:
        with pytest.raises(person_referrals.RefusedReferral):
            refer(application, ngo, supervisor, consent=consent)
    assert not PersonReferral.objects.exists()
    basis = "Pasal 43 UU 21/2007: korban anak, wali tidak dapat dihubungi"
    referral = refer(
        application,
        ngo,
        supervisor,
        consent=person_referrals.Consent(ConsentMethod.NONE, override_basis=basis),
    )
    assert (referral.consent_method, referral.override_basis) == ("none", basis)
    sent = AuditEvent.objects.get(action="partners.person_referral_sent")
    assert sent.actor == supervisor and sent.details["consent"] == "none"


def test_the_referral_carries_the_minimum_copied_from_the_application(
    supervisor: User, ngo: Agency
) -> None:
    application = make_application()
    referral = refer(application, ngo, supervisor, needs=["legal", "shelter", "unknown"][:2])
    assert referral.full_name == application.full_name
    assert referral.sex == application.sex
    assert 0 < referral.age < 120
    assert referral.village and referral.regency
    assert referral.needs == ["shelter", "legal"]


def test_no_agreement_in_force_no_sharing(supervisor: User, make_user: Callable[..., User]) -> None:
    user = make_user("uptd", Role.PARTNER, AgencyKind.UPTD_PPA)
    agency = user.agency
    assert agency is not None
    application = make_application()
    with pytest.raises(NoAgreement) as none:
        refer(application, agency, supervisor)
    assert "MoU/PKS" in form_errors(none.value)["agency"]
    make_agreement(agency, covers=(SharingKind.RING,))  # rings only
    with pytest.raises(NoAgreement):
        refer(application, agency, supervisor)
    expired = make_agreement(agency, covers=(SharingKind.PERSON,))
    expired.valid_until = TODAY() - dt.timedelta(days=1)
    expired.save()
    with pytest.raises(NoAgreement):
        refer(application, agency, supervisor)
    assert not PersonReferral.objects.exists()
    make_agreement(agency, covers=(SharingKind.PERSON,))
    assert refer(application, agency, supervisor).status == "sent"


def test_persons_go_only_to_victim_services_and_ngos(
    supervisor: User, partners: dict[str, User]
) -> None:
    police = partners[AgencyKind.POLICE].agency
    assert police is not None
    make_agreement(police)
    with pytest.raises(person_referrals.RefusedReferral):
        refer(make_application(), police, supervisor)


def test_the_agency_answers_as_its_case_goes_and_may_not_skip_a_step(
    supervisor: User, ngo: Agency, ngo_user: User
) -> None:
    referral = refer(make_application(), ngo, supervisor)

    def answer(status: str, seen: str) -> PersonReferral:
        return person_referrals.respond(
            referral, status=status, note="ok", seen_status=seen, acting_user=ngo_user
        )

    with pytest.raises(NotAllowedAnswer):
        answer("closed", "sent")
    with pytest.raises(NotAllowedAnswer):
        answer("revoked", "sent")
    assert answer("accepted", "sent").status == "accepted"
    with pytest.raises(StaleReferral):
        answer("in_progress", "sent")
    assert answer("in_progress", "accepted").status == "in_progress"
    assert answer("closed", "in_progress").response == "ok"
    with pytest.raises(NotAllowedAnswer):
        answer("accepted", "closed")
    with pytest.raises(NotAllowedAnswer):
        person_referrals.revoke(
            referral, reason="salah", seen_status="closed", acting_user=supervisor
        )
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "partners.person_referral_accepted",
        "partners.person_referral_started",
        "partners.person_referral_closed",
    } <= actions


def test_the_office_revokes_an_open_referral_with_a_reason(supervisor: User, ngo: Agency) -> None:
    referral = refer(make_application(), ngo, supervisor)
    with pytest.raises(person_referrals.RefusedReferral):
        person_referrals.revoke(referral, reason=" ", seen_status="sent", acting_user=supervisor)
    revoked = person_referrals.revoke(
        referral, reason="Salah orang", seen_status="sent", acting_user=supervisor
    )
    assert (revoked.status, revoked.response) == ("revoked", "Salah orang")


# --- The pages -------------------------------------------------------------------------------


@pytest.fixture
def ring_member() -> tuple[PassportApplication, RingCluster]:
    broker_ring(4)
    network_services.detect_networks()
    ring = RingCluster.objects.get(run=network_services.queries.latest_run(), risky=True)
    member = ring.memberships.select_related("application").first()
    assert member is not None
    return member.application, ring


def test_supervisor_refers_from_the_application_page_with_consent(
    login: Callable[..., Client], supervisor: User, ngo: Agency
) -> None:
    application = make_application()
    client = english(login(supervisor))
    page = client.get(reverse("application_detail", args=[application.application_no]))
    assert 'data-testid="refer-person"' in page.content.decode()
    url = reverse("person_refer", args=[application.application_no])
    missing = client.post(url, {"agency": ngo.pk, "consent_method": "written"})
    assert missing.status_code == 400
    body = missing.content.decode()
    assert "Choose at least one need." in body
    assert "Summarise in your own words" in body
    no_giver = client.post(
        url,
        {
            "agency": ngo.pk,
            "needs": ["shelter"],
            "summary": SUMMARY,
            "consent_method": "written",
            "consent_on": str(TODAY()),
            "follow_up_due": str(TODAY() + dt.timedelta(days=14)),
        },
    )
    assert no_giver.status_code == 400
    assert "Write who gave the consent." in no_giver.content.decode()
    assert not PersonReferral.objects.exists()
    sent = client.post(
        url,
        {
            "agency": ngo.pk,
            "needs": ["shelter", "health"],
            "summary": SUMMARY,
            "consent_method": "written",
            "consent_given_by": "Siti (the person)",
            "consent_on": str(TODAY()),
            "follow_up_due": str(TODAY() + dt.timedelta(days=14)),
        },
    )
    assert sent.status_code == 302
    page = client.get(reverse("application_detail", args=[application.application_no]))
    assert ngo.name in page.content.decode()


def test_without_an_agreement_the_refer_button_is_disabled_and_says_why(
    login: Callable[..., Client], supervisor: User
) -> None:
    Agency.objects.create(name="Yayasan Tanpa PKS", kind=AgencyKind.NGO)
    application = make_application()
    client = english(login(supervisor))
    page = client.get(reverse("application_detail", args=[application.application_no]))
    body = page.content.decode()
    panel = body[body.index('data-testid="person-referrals"') :][:1200]
    assert "disabled" in panel and "data-sharing agreement" in panel
    form = client.get(reverse("person_refer", args=[application.application_no])).content
    assert b'data-testid="no-agreement"' in form


def test_the_ngo_sees_only_its_own_referrals_and_only_the_minimum(
    login: Callable[..., Client],
    supervisor: User,
    ngo: Agency,
    ngo_user: User,
    ring_member: tuple[PassportApplication, RingCluster],
) -> None:
    application, ring = ring_member
    application.refresh_from_db()
    assert application.risk_indicators  # a risky applicant, a ring member
    mine = refer(application, ngo, supervisor)
    other = Agency.objects.create(name="Yayasan Lain", kind=AgencyKind.NGO)
    theirs = make_person_referral(
        other, application=make_application(applicant={"full_name": "Rina Wati"})
    )
    client = english(login(ngo_user))
    listed = client.get(reverse("person_referral_list")).content.decode()
    assert mine.full_name in listed and theirs.full_name not in listed
    page = client.get(reverse("person_referral_detail", args=[mine.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and SUMMARY in body
    for code in application.risk_indicators.split(","):
        assert code.strip() not in body, code
    assert f"#{ring.pk}" not in body
    assert "isk" not in body  # no "Risk score", "risk level"
    assert application.applicant.nik not in body
    assert client.get(reverse("person_referral_detail", args=[theirs.pk])).status_code == 404
    views = AuditEvent.objects.filter(action="partners.person_referral_viewed", actor=ngo_user)
    assert views.count() == 1


def test_the_ngo_accepts_and_the_office_sees_accepted(
    login: Callable[..., Client], supervisor: User, ngo: Agency, ngo_user: User
) -> None:
    referral = refer(make_application(), ngo, supervisor)
    client = english(login(ngo_user))
    url = reverse("person_referral_answer", args=[referral.pk])
    empty = client.post(url, {"status": "accepted", "seen": "sent"})
    assert empty.status_code == 400 and "Write a note for the office." in empty.content.decode()
    done = client.post(url, {"status": "accepted", "note": "Kami hubungi besok", "seen": "sent"})
    assert done.status_code == 302
    office = english(login(supervisor))
    register = office.get(reverse("referral_register")).content.decode()
    assert "Accepted" in register
    detail = office.get(reverse("register_person_referral", args=[referral.pk])).content.decode()
    assert "Kami hubungi besok" in detail


def test_the_register_shows_overdue_follow_ups_and_filters_them(
    login: Callable[..., Client], supervisor: User, ngo: Agency
) -> None:
    late = refer(make_application(applicant={"full_name": "Dewi Lestari"}), ngo, supervisor)
    PersonReferral.objects.filter(pk=late.pk).update(follow_up_due=TODAY() - dt.timedelta(days=2))
    on_time = refer(make_application(applicant={"full_name": "Rina Wati"}), ngo, supervisor)
    client = english(login(supervisor))
    overdue = client.get(reverse("referral_register"), {"overdue": "on"}).content.decode()
    assert late.full_name in overdue and "overdue" in overdue
    assert on_time.full_name not in overdue
    accepted = client.get(reverse("referral_register"), {"state": "accepted"}).content.decode()
    assert late.full_name not in accepted


def test_agreements_ending_within_60_days_are_shown_to_the_head_of_office(
    login: Callable[..., Client], head_of_office: User, ngo: Agency
) -> None:
    make_agreement(ngo, days_left=20)
    page = english(login(head_of_office)).get(reverse("referral_register")).content.decode()
    assert 'data-testid="expiring-agreements"' in page and ngo.name in page


def test_an_administrator_records_an_agreement_and_bad_dates_are_a_form_error(
    login: Callable[..., Client], admin_user: User, ngo: Agency
) -> None:
    client = english(login(admin_user))
    url = reverse("agreement_create", args=[ngo.pk])
    values = {
        "legal_basis": "PKS No. 12/2026",
        "covers": ["person"],
        "valid_from": "2026-12-31",
        "valid_until": "2026-01-01",
        "document_reference": "PKS/12/2026",
    }
    bad = client.post(url, values)
    assert bad.status_code == 400 and "cannot end before it starts" in bad.content.decode()
    good = client.post(url, values | {"valid_from": "2026-01-01", "valid_until": "2027-12-31"})
    assert good.status_code == 302
    assert AuditEvent.objects.filter(action="partners.agreement_recorded").count() == 2  # fixture


_FIELDS = st.sampled_from(
    [
        "agency",
        "contact",
        "needs",
        "summary",
        "note",
        "consent_method",
        "consent_given_by",
        "consent_on",
        "override_basis",
        "follow_up_due",
        "status",
        "seen",
        "reason",
        "legal_basis",
        "covers",
        "valid_from",
        "valid_until",
        "document_reference",
        "state",
        "overdue",
        "page",
    ]
)


@pytest.fixture
def odd_setup(
    login: Callable[..., Client],
    supervisor: User,
    admin_user: User,
    ngo: Agency,
    ngo_user: User,
) -> dict[str, Any]:
    referral = refer(make_application(), ngo, supervisor)
    return {
        "office": login(supervisor),
        "admin": login(admin_user),
        "ngo": login(ngo_user),
        "referral": referral,
        "agency": ngo,
    }


@SETTINGS
@given(body=st.dictionaries(_FIELDS, ODD, max_size=8))
def test_odd_post_bodies_are_form_errors_never_server_errors(
    odd_setup: dict[str, Any], body: dict[str, str]
) -> None:
    referral = odd_setup["referral"]
    posts = [
        (odd_setup["office"], reverse("person_refer", args=[referral.application.application_no])),
        (odd_setup["office"], reverse("person_referral_revoke", args=[referral.pk])),
        (odd_setup["ngo"], reverse("person_referral_answer", args=[referral.pk])),
        (odd_setup["admin"], reverse("agreement_create", args=[odd_setup["agency"].pk])),
    ]
    for client, url in posts:
        assert client.post(url, body).status_code in {200, 302, 400}, url


@SETTINGS
@given(query=st.dictionaries(_FIELDS, ODD, max_size=4))
def test_odd_query_values_show_the_lists(odd_setup: dict[str, Any], query: dict[str, str]) -> None:
    # A NUL character is refused before any page is built (400, "request refused").
    expected = 400 if "\x00" in "".join(map(str, query.values())) else 200
    assert odd_setup["office"].get(reverse("referral_register"), query).status_code == expected
    assert odd_setup["ngo"].get(reverse("person_referral_list"), query).status_code == expected


def test_the_agency_list_shows_each_agency_s_agreements_and_those_ending_soon(
    login: Callable[..., Client], admin_user: User, ngo: Agency
) -> None:
    other = Agency.objects.create(name="Dinas Sosial Cilacap", kind=AgencyKind.DINAS_SOSIAL)
    make_agreement(other, days_left=10)
    page = english(login(admin_user)).get(reverse("agency_list")).content.decode()
    expiring = page[page.index('data-testid="expiring-agreements"') :][:600]
    assert other.name in expiring and ngo.name not in expiring
    assert f"PKS/{ngo.pk}/365" in page

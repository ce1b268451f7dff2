"""A broker named on an application: a supervisor puts them on the office's own watchlist
(with where they came from, who and why) or refers them to a police unit under an
agreement covering cases; other roles do neither, and bad input comes back on the form."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.audit_actions import AuditAction
from waspada.core.errors import Refused
from waspada.core.models import AuditEvent, User
from waspada.partners import services
from waspada.partners.agreements import NoAgreement
from waspada.partners.models import Agency, AgencyKind, CaseReferral, ReferralStatus, SharingKind
from waspada.partners.tests.factories import make_agreement
from waspada.watchlists import services as watchlists
from waspada.watchlists.models import ListType, WatchlistEntry, WatchlistMatch

pytestmark = pytest.mark.usefixtures("central_java_regions")
Login = Callable[[User | None], Client]


def named_application() -> PassportApplication:
    return make_application(
        sponsor_name="Pak Darto",
        sponsor_phone="081322994455",
        sponsor_relation="Teman",
        recruiter_name="Bu Sari",
        recruiter_license_no="KEP-123/2024",
    )


@pytest.fixture
def police_unit(police_partner: User) -> Agency:
    assert police_partner.agency is not None
    return police_partner.agency


def test_the_sponsor_goes_on_the_offices_list_with_its_provenance(supervisor: User) -> None:
    application = named_application()
    entry = watchlists.watchlist_broker(
        application,
        role="sponsor",
        reason="Menjamin tiga pemohon lain ke Malaysia",
        acting_user=supervisor,
        rescreen="now",
    )
    assert entry.watchlist.list_type == ListType.KNOWN_BROKER
    assert entry.watchlist.owner_agency == application.office.name
    assert entry.full_name == "Pak Darto" and entry.phone == "+6281322994455"
    assert application.application_no in entry.note
    assert supervisor.username in entry.note and "tiga pemohon lain" in entry.note
    event = AuditEvent.objects.get(action=AuditAction.BROKER_WATCHLISTED)
    assert event.details["reason"] == "Menjamin tiga pemohon lain ke Malaysia"
    assert event.object_id == str(application.pk)
    # Another application naming the same sponsor now matches the office's list.
    other = make_application(sponsor_name="Pak Darto", sponsor_phone="081322994455")
    assert WatchlistMatch.objects.filter(application=other, entry=entry).exists()
    # The recruiter goes on the same list; the sponsor a second time does not.
    second = watchlists.watchlist_broker(
        application, role="recruiter", reason="Tanpa izin", acting_user=supervisor
    )
    assert second.watchlist == entry.watchlist and "KEP-123/2024" in second.note
    with pytest.raises(Refused):
        watchlists.watchlist_broker(
            application, role="sponsor", reason="lagi", acting_user=supervisor
        )


@pytest.mark.parametrize(
    ("role", "reason", "field"),
    [("companion", "Pendamping", "role"), ("sponsor", "  ", "reason")],
)
def test_nothing_is_watchlisted_without_a_broker_or_a_reason(
    supervisor: User, role: str, reason: str, field: str
) -> None:
    with pytest.raises(Refused) as refused:
        watchlists.watchlist_broker(
            named_application(), role=role, reason=reason, acting_user=supervisor
        )
    assert refused.value.field == field
    assert not WatchlistEntry.objects.exists()


def test_the_recruiter_is_referred_to_a_police_unit(
    supervisor: User, police_unit: Agency, police_partner: User, login: Login
) -> None:
    make_agreement(police_unit, covers=(SharingKind.CASE,))
    application = named_application()
    referral = services.refer_broker(
        application,
        role="recruiter",
        agency=police_unit,
        reason="Merekrut tanpa izin P3MI",
        acting_user=supervisor,
    )
    assert referral.application == application and referral.broker_role == "recruiter"
    assert "Bu Sari" in referral.who and "KEP-123/2024" in referral.who
    assert referral.note == "Merekrut tanpa izin P3MI"
    # The applicant's own identity is not part of what the police reads.
    assert application.full_name not in referral.what + referral.who
    assert AuditEvent.objects.filter(
        action=AuditAction.BROKER_REFERRED, object_id=str(application.pk)
    ).exists()
    # The unit finds it among its cases and answers; the answer reaches the application.
    police = login(police_partner)
    listed = police.get(reverse("case_referral_list")).content.decode()
    link = reverse("case_referral_detail", args=[referral.pk])
    assert f'<a href="{link}">' in listed and f"<td>{referral.place}</td>" in listed
    page = police.get(link).content.decode()
    assert "Bu Sari" in page
    assert '<form method="post" novalidate data-testid="case-answer">' in page
    services.respond_to_referral(
        referral,
        status=ReferralStatus.ACCEPTED,
        note="Diselidiki",
        seen_status=ReferralStatus.SENT,
        acting_user=police_partner,
    )
    # Once more to the same unit while it is open: refused.
    with pytest.raises(Refused):
        services.refer_broker(
            application, role="recruiter", agency=police_unit, reason="x", acting_user=supervisor
        )


def test_no_referral_without_an_agreement_covering_cases(
    supervisor: User, police_unit: Agency
) -> None:
    make_agreement(police_unit, covers=(SharingKind.RING,))
    with pytest.raises(NoAgreement):
        services.refer_broker(
            named_application(),
            role="sponsor",
            agency=police_unit,
            reason="Calo",
            acting_user=supervisor,
        )
    assert not CaseReferral.objects.exists()


def test_a_supervisor_acts_from_the_application_page(
    supervisor: User, police_unit: Agency, login: Login
) -> None:
    make_agreement(police_unit, covers=(SharingKind.CASE,))
    application = named_application()
    client = login(supervisor)
    number = application.application_no
    detail = client.get(reverse("application_detail", args=[number])).content.decode()
    assert 'data-testid="brokers"' in detail and "Pak Darto" in detail
    page = client.get(reverse("broker_page", args=[number]) + "?role=sponsor")
    assert page.status_code == 200 and 'data-testid="broker-refer-form"' in page.content.decode()
    done = client.post(
        reverse("broker_watchlist", args=[number]), {"role": "sponsor", "reason": "Calo"}
    )
    assert done.status_code == 302
    sent = client.post(
        reverse("broker_refer", args=[number]),
        {"refer-role": "sponsor", "refer-agency": police_unit.pk, "refer-reason": "Calo"},
    )
    assert sent.status_code == 302
    detail = client.get(reverse("application_detail", args=[number])).content.decode()
    assert 'data-testid="broker-watchlisted"' in detail
    assert 'data-testid="broker-referred"' in detail


def test_bad_input_comes_back_on_the_form(
    supervisor: User, police_unit: Agency, login: Login
) -> None:
    make_agreement(police_unit, covers=(SharingKind.CASE,))
    number = named_application().application_no
    client = login(supervisor)
    no_reason = client.post(reverse("broker_watchlist", args=[number]), {"role": "sponsor"})
    assert no_reason.status_code == 400
    assert no_reason.context["watchlist_form"].errors["reason"]
    nobody = client.post(
        reverse("broker_watchlist", args=[number]), {"role": "companion", "reason": "x"}
    )
    assert nobody.status_code == 400 and nobody.context["watchlist_form"].errors["role"]
    other_unit = Agency.objects.create(name="Polres tanpa PKS", kind=AgencyKind.POLICE)
    refused = client.post(
        reverse("broker_refer", args=[number]),
        {"refer-role": "sponsor", "refer-agency": other_unit.pk, "refer-reason": "Calo"},
    )
    assert refused.status_code == 400 and refused.context["referral_form"].errors["agency"]
    assert not CaseReferral.objects.exists() and not WatchlistEntry.objects.exists()


def test_without_an_agreement_the_page_says_why_not(supervisor: User, login: Login) -> None:
    number = named_application().application_no
    client = login(supervisor)
    detail = client.get(reverse("application_detail", args=[number])).content.decode()
    assert 'data-testid="broker-no-agreement"' in detail
    page = client.get(reverse("broker_page", args=[number])).content.decode()
    assert 'data-testid="broker-refer-form"' not in page
    assert 'data-testid="broker-no-agreement"' in page


@pytest.mark.parametrize("persona", ["interviewer", "head_of_office", "intake_officer"])
def test_other_roles_neither_see_nor_use_it(
    persona: str, request: pytest.FixtureRequest, police_unit: Agency, login: Login
) -> None:
    make_agreement(police_unit, covers=(SharingKind.CASE,))
    number = named_application().application_no
    client = login(request.getfixturevalue(persona))
    detail = client.get(reverse("application_detail", args=[number])).content.decode()
    assert 'data-testid="brokers"' not in detail
    assert client.get(reverse("broker_page", args=[number])).status_code == 403
    assert (
        client.post(
            reverse("broker_watchlist", args=[number]), {"role": "sponsor", "reason": "x"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("broker_refer", args=[number]),
            {"refer-role": "sponsor", "refer-agency": police_unit.pk, "refer-reason": "x"},
        ).status_code
        == 403
    )
    assert not CaseReferral.objects.exists() and not WatchlistEntry.objects.exists()

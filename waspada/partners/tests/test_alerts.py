"""Alerts to the police (a wanted-person match, a risky ring) under an agreement in force;
the police's submissions entering a watchlist once a supervisor accepts them; reports
from the public referred to a police unit's queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.core.roles import Role
from waspada.networks.models import DetectionRun, RingCluster, RingMembership
from waspada.partners import alerts, services
from waspada.partners.agreements import NoAgreement
from waspada.partners.models import (
    Agency,
    AgencyKind,
    AlertStatus,
    PoliceAlert,
    SharingKind,
    Submission,
    SubmissionState,
)
from waspada.partners.tests.factories import make_agreement
from waspada.watchlists import services as watchlists
from waspada.watchlists.importing import EntryValues
from waspada.watchlists.models import ListType, WatchlistEntry

pytestmark = pytest.mark.usefixtures("central_java_regions")

BORN = dt.date(1985, 7, 9)


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def supervisor(make_user: Callable[..., User]) -> User:
    return make_user("kasi", Role.SUPERVISOR)


@pytest.fixture
def police(make_user: Callable[..., User]) -> User:
    return make_user("polisi", Role.PARTNER, AgencyKind.POLICE)


def wanted_applicant(supervisor: User) -> PassportApplication:
    wanted = watchlists.create_watchlist(
        acting_user=supervisor, name="DPO Polda Jateng", list_type=ListType.WANTED
    )
    watchlists.add_entry(
        wanted,
        EntryValues("DPO-7", "Joko Prasetyo", birth_date=BORN.isoformat(), sex="L"),
        acting_user=supervisor,
        rescreen="now",
    )
    return make_application(
        applicant={"full_name": "Joko Prasetyo", "birth_date": BORN, "sex": "L"}
    )


def logged(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return english(client)


def test_a_supervisor_alerts_a_police_unit_about_a_wanted_person(
    supervisor: User, police: User
) -> None:
    app = wanted_applicant(supervisor)
    assert police.agency is not None
    make_agreement(police.agency, covers=(SharingKind.CASE,))
    office = logged(supervisor)
    page = office.get(reverse("application_detail", args=[app.application_no])).content.decode()
    assert 'data-testid="alert-form"' in page
    sent = office.post(
        reverse("alert_application", args=[app.application_no]),
        {"agency": police.agency.pk, "note": "Pemohon hadir besok pukul 09.00"},
    )
    assert sent.status_code == 302
    alert = PoliceAlert.objects.get()
    assert alert.agency == police.agency and alert.application == app
    assert any("DPO Polda Jateng" in line for line in alert.details)
    assert AuditEvent.objects.filter(action="partners.alert_sent", object_id=str(alert.pk))

    unit = logged(police)
    listing = unit.get(reverse("alert_list")).content.decode()
    assert "Joko Prasetyo" in listing
    detail = unit.get(reverse("alert_detail", args=[alert.pk])).content.decode()
    assert "Pemohon hadir besok pukul 09.00" in detail and app.applicant.nik in detail
    assert unit.post(reverse("alert_detail", args=[alert.pk])).status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED and alert.acknowledged_by == police
    assert AuditEvent.objects.filter(action="partners.alert_viewed", object_id=str(alert.pk))


def test_the_unit_reads_the_alert_in_its_own_language(supervisor: User, police: User) -> None:
    app = wanted_applicant(supervisor)
    assert police.agency is not None
    make_agreement(police.agency, covers=(SharingKind.CASE,))
    alert = alerts.alert_wanted_match(
        app, agency=police.agency, note="Hadir besok", acting_user=supervisor
    )
    unit = Client()
    unit.force_login(police)
    unit.cookies["django_language"] = "id"
    detail = unit.get(reverse("alert_detail", args=[alert.pk])).content.decode()
    assert f"Joko Prasetyo ({app.application_no}) cocok dengan buronan" in detail
    assert "lahir di" in detail and "cocok dengan Joko Prasetyo pada" in detail
    for english_words in ("matches a wanted person", " born ", "matches Joko"):
        assert english_words not in detail
    listing = unit.get(reverse("alert_list")).content.decode()
    assert "cocok dengan buronan" in listing
    # The English stays what was sent (the audit trail and exports keep it).
    assert alert.subject.endswith("matches a wanted person")
    assert "born" in alert.details[0]


def test_without_an_agreement_the_button_says_why_and_nothing_is_sent(
    supervisor: User, police: User
) -> None:
    app = wanted_applicant(supervisor)
    assert police.agency is not None
    make_agreement(police.agency, covers=(SharingKind.RING,))  # rings only: no alerts
    office = logged(supervisor)
    page = office.get(reverse("application_detail", args=[app.application_no])).content.decode()
    panel = page[page.index('data-testid="police-alert"') :][:1500]
    assert "disabled" in panel and "covering alerts" in panel
    office.post(
        reverse("alert_application", args=[app.application_no]),
        {"agency": police.agency.pk, "note": "x"},
    )
    assert not PoliceAlert.objects.exists()
    with pytest.raises(NoAgreement):
        alerts.alert_wanted_match(app, agency=police.agency, note="x", acting_user=supervisor)


def test_an_application_without_a_wanted_match_cannot_be_alerted(
    supervisor: User, police: User
) -> None:
    app = make_application()
    assert police.agency is not None
    make_agreement(police.agency, covers=(SharingKind.CASE,))
    page = logged(supervisor).get(reverse("application_detail", args=[app.application_no]))
    assert 'data-testid="police-alert"' not in page.content.decode()
    with pytest.raises(alerts.AlertRefused):
        alerts.alert_wanted_match(app, agency=police.agency, note="x", acting_user=supervisor)


def test_a_risky_ring_alerts_the_unit_with_its_members(supervisor: User, police: User) -> None:
    assert police.agency is not None
    make_agreement(police.agency, covers=(SharingKind.CASE,))
    ring = RingCluster.objects.create(run=DetectionRun.objects.create(), size=2, score=80)
    members = [make_application(), make_application()]
    for app in members:
        RingMembership.objects.create(cluster=ring, application=app)
    with pytest.raises(alerts.AlertRefused):
        alerts.alert_ring(ring, agency=police.agency, note="x", acting_user=supervisor)
    ring.risky = True
    ring.save()
    office = logged(supervisor)
    assert (
        'data-testid="alert-form"'
        in office.get(reverse("ring_detail", args=[ring.pk])).content.decode()
    )
    office.post(reverse("alert_ring", args=[ring.pk]), {"agency": police.agency.pk, "note": "Calo"})
    alert = PoliceAlert.objects.get(ring=ring)
    assert all(any(app.applicant.nik in line for line in alert.details) for app in members)


def test_another_unit_s_alert_is_not_found(supervisor: User, police: User) -> None:
    app = wanted_applicant(supervisor)
    other = Agency.objects.create(name="Polres Banyumas", kind=AgencyKind.POLICE)
    make_agreement(other, covers=(SharingKind.CASE,))
    alert = alerts.alert_wanted_match(app, agency=other, note="x", acting_user=supervisor)
    unit = logged(police)
    assert unit.get(reverse("alert_detail", args=[alert.pk])).status_code == 404
    assert unit.post(reverse("alert_detail", args=[alert.pk])).status_code == 404
    assert "Joko" not in unit.get(reverse("alert_list")).content.decode()


def test_a_police_submission_enters_a_watchlist_once_a_supervisor_accepts_it(
    supervisor: User, police: User
) -> None:
    unit = logged(police)
    response = unit.post(
        reverse("submission_create"),
        {
            "list_type": "known_broker",
            "full_name": "Bambang Sutrisno",
            "aliases": "Pak Bams; Mas Bambang",
            "phone": "+6281399887766",
            "basis": "LP/B/123/VI/2026/Jateng/Resta Clp",
        },
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.state == SubmissionState.PENDING
    assert not WatchlistEntry.objects.exists()  # not before a supervisor accepts it

    office = logged(supervisor)
    queue = office.get(reverse("submission_queue")).content.decode()
    assert "Bambang Sutrisno" in queue
    office.post(reverse("submission_decide", args=[submission.pk]), {"decision": "accept"})
    submission.refresh_from_db()
    assert submission.state == SubmissionState.ACCEPTED and submission.entry is not None
    entry = submission.entry
    assert entry.watchlist.list_type == ListType.KNOWN_BROKER
    assert entry.watchlist.owner_agency == police.agency.name  # type: ignore[union-attr]
    assert entry.aliases == ["Pak Bams", "Mas Bambang"] and entry.phone == "+6281399887766"
    # Its provenance: who submitted it, on what basis, who accepted it.
    assert "polisi" in entry.note and "LP/B/123/VI/2026" in entry.note and "kasi" in entry.note
    assert AuditEvent.objects.filter(
        action="partners.submission_accepted", object_id=str(submission.pk)
    ).exists()
    # The unit sees the decision.
    assert "Accepted into the watchlist" in unit.get(reverse("submission_create")).content.decode()


def test_rejecting_a_submission_needs_a_reason(supervisor: User, police: User) -> None:
    assert police.agency is not None
    submission = alerts.submit(
        police.agency,
        list_type=ListType.WANTED,
        full_name="Anton",
        basis="DPO/1/2026",
        acting_user=police,
    )
    office = logged(supervisor)
    office.post(reverse("submission_decide", args=[submission.pk]), {"decision": "reject"})
    submission.refresh_from_db()
    assert submission.state == SubmissionState.PENDING
    office.post(
        reverse("submission_decide", args=[submission.pk]),
        {"decision": "reject", "note": "Tanpa NIK dan tanggal lahir"},
    )
    submission.refresh_from_db()
    assert submission.state == SubmissionState.REJECTED and not WatchlistEntry.objects.exists()


def test_a_bad_submission_is_a_form_error_and_nothing_is_saved(police: User) -> None:
    response = logged(police).post(
        reverse("submission_create"),
        {"list_type": "wanted", "full_name": "X", "nik": "12345", "basis": ""},
    )
    assert response.status_code == 400
    assert "A NIK has 16 digits." in response.content.decode()
    assert not Submission.objects.exists()


def test_the_police_answer_a_referred_report_and_the_office_sees_it(
    supervisor: User, police: User
) -> None:
    assert police.agency is not None
    make_agreement(police.agency, covers=(SharingKind.CASE,))
    case = services.refer_case(
        agency=police.agency,
        what="Lowongan kerja di Kamboja dengan visa turis",
        place="Desa Kesugihan",
        who="",
        reported_on=dt.date(2026, 3, 2),
        note="Mohon ditindaklanjuti",
        acting_user=supervisor,
    )
    unit = logged(police)
    url = reverse("case_referral_detail", args=[case.pk])
    assert "Mohon ditindaklanjuti" in unit.get(url).content.decode()
    answered = unit.post(url, {"status": "accepted", "note": "Diselidiki", "seen": "sent"})
    assert answered.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.response, case.responded_by) == ("accepted", "Diselidiki", police)
    assert AuditEvent.objects.filter(
        action="partners.case_referral_accepted", object_id=str(case.pk)
    ).exists()
    assert AuditEvent.objects.filter(action="partners.case_referral_viewed").exists()
    # Another unit never learns it exists.
    other = Agency.objects.create(name="Polres Banyumas", kind=AgencyKind.POLICE)
    stranger = User.objects.create_user(
        username="banyumas", password="x-x-x-x-1", role=Role.PARTNER, agency=other
    )
    assert logged(stranger).get(url).status_code == 404

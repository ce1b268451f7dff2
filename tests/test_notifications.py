"""The bell: what changed for me (an interview assigned to me, my proposal returned, a
partner's answer), counted in the header with one indexed query, read by opening it."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from waspada.core.models import User
from waspada.core.roles import Role
from waspada.decisions import services as decisions
from waspada.decisions.tests.helpers import HIGH_RISK, at_interview, propose
from waspada.interviews import services as interviews
from waspada.interviews.tests.conftest import HONEST_TOURIST, screened
from waspada.partners import person_referrals
from waspada.partners.models import AgencyKind
from waspada.partners.tests.factories import make_person_referral

Login = Callable[[User | None], Client]


def _bell(client: Client) -> str:
    html = client.get(reverse("home")).content.decode()
    if 'data-testid="bell-count"' not in html:
        return ""
    return html.split('data-testid="bell-count">')[1].split("<")[0]


def _texts(client: Client) -> list[str]:
    html = client.get(reverse("notification_list")).content.decode()
    return [
        part.split('data-testid="open-notification">')[1].split("</button>")[0]
        for part in html.split('data-testid="notification"')[1:]
    ]


def test_an_assigned_interview_rings_the_bell_until_it_is_opened(
    central_java_regions: None, interviewer: User, supervisor: User, login: Login
) -> None:
    application = screened(**HONEST_TOURIST)
    client = login(interviewer)
    assert _bell(client) == ""
    interviews.assign_interview(application, interviewer, acting_user=supervisor)
    assert _bell(client) == "1"
    (text,) = _texts(client)
    assert (
        text
        == f"Wawancara ditugaskan kepada Anda: {application.application_no} {application.full_name}"
    )
    note = interviewer.notifications.get()
    opened = client.post(reverse("notification_open", args=[note.pk]))
    assert opened["Location"] == reverse("application_detail", args=[application.application_no])
    assert _bell(client) == ""
    # Someone else's notification does not exist for me.
    assert login(supervisor).post(reverse("notification_open", args=[note.pk])).status_code == 404


def test_a_returned_proposal_and_a_partner_answer_notify_who_sent_them(
    central_java_regions: None,
    interviewer: User,
    supervisor: User,
    make_user: Callable[..., User],
    login: Login,
) -> None:
    proposal = propose(at_interview(**HIGH_RISK), "refuse", by=interviewer)
    decisions.return_proposal(
        proposal,
        acting_user=supervisor,
        comment="Lengkapi dulu.",
        expected_version=proposal.application.version,
    )
    ngo_user = make_user("ngo_user", Role.PARTNER, AgencyKind.NGO)
    assert ngo_user.agency is not None
    referral = make_person_referral(ngo_user.agency, acting_user=supervisor)
    person_referrals.respond(
        referral, status="accepted", note="ok", seen_status="sent", acting_user=ngo_user
    )
    assert _texts(login(interviewer)) == [
        f"Usulan Anda dikembalikan: {proposal.application.application_no}"
    ]
    supervisor_client = login(supervisor)
    (answered,) = _texts(supervisor_client)
    assert answered.startswith("Instansi mitra menjawab rujukan: ")
    assert _bell(supervisor_client) == "1"
    supervisor_client.post(reverse("notification_read_all"))
    assert _bell(supervisor_client) == ""


def test_the_bell_costs_one_count_query_per_page(
    central_java_regions: None, interviewer: User, supervisor: User, login: Login
) -> None:
    for _ in range(3):
        interviews.assign_interview(screened(**HONEST_TOURIST), interviewer, acting_user=supervisor)
    client = login(interviewer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("application_list")).status_code == 200
    touching = [q["sql"] for q in queries.captured_queries if "core_notification" in q["sql"]]
    assert len(touching) == 1 and "COUNT(" in touching[0].upper()

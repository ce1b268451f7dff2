"""Signing off from the queue: each row shows the reason, the risk and the evidence,
approving takes a confirmation step, returning takes a comment, and the supervisor
lands back on the queue with the next proposal on top."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from waspada.applications.models import Status
from waspada.core.models import User
from waspada.decisions.models import DecisionState
from waspada.decisions.tests.helpers import at_interview, propose, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]

Login = Callable[[User], Client]
# Screening finds a broker and no return ticket on this one (evidence to show).
RISKY = {"purpose": "work", "destination_country": "MY", "sponsor_relation": "agen"}


def _rows(html: str) -> list[str]:
    return html.split('data-testid="queue-row"')[1:]


def test_each_row_shows_the_reason_risk_evidence_and_the_actions(
    interviewer: User, supervisor: User, english: Login
) -> None:
    application = at_interview(**RISKY)
    decision = propose(application, "refuse", by=interviewer)
    html = english(supervisor).get(reverse("decision_queue")).content.decode()
    (row,) = _rows(html)
    assert decision.reason.split()[0] in row
    assert f"risk-{application.risk_level}" in row
    assert "D17" in row and "Broker" in row
    assert reverse("decision_sign_off_confirm", args=[decision.pk]) in row
    assert 'data-testid="return-form"' in row


def test_approving_asks_for_confirmation_then_returns_to_the_next_proposal(
    interviewer: User, supervisor: User, english: Login
) -> None:
    first = propose(at_interview(), "refuse", by=interviewer)
    second = propose(at_interview(), "refuse", by=interviewer)
    client = english(supervisor)
    version = first.application.version
    confirm = client.get(
        reverse("decision_sign_off_confirm", args=[first.pk]), {"version": version}
    )
    assert confirm.status_code == 200
    first.refresh_from_db()
    assert first.state == DecisionState.PROPOSED  # looking changes nothing
    page = confirm.content.decode()
    assert 'data-testid="confirm-sign-off"' in page
    assert f'name="version" value="{version}"' in page

    done = client.post(
        reverse("decision_sign_off", args=[first.pk]),
        {"version": version, "comment": "", "next": "queue"},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == reverse("decision_queue")
    html = done.content.decode()
    assert "Signed off: the decision is in force." in html
    first.refresh_from_db()
    assert first.state == DecisionState.IN_FORCE
    (row,) = _rows(html)
    assert second.application.application_no in row


def test_returning_from_the_queue_needs_a_comment(
    interviewer: User, supervisor: User, english: Login
) -> None:
    decision = propose(at_interview(), "refuse", by=interviewer)
    client = english(supervisor)
    before = snapshot()
    refused = client.post(
        reverse("decision_return", args=[decision.pk]),
        {"version": decision.application.version, "comment": "", "next": "queue"},
    )
    assert refused.status_code == 200
    assert "Write a comment saying why the proposal is returned." in refused.content.decode()
    assert snapshot() == before

    done = client.post(
        reverse("decision_return", args=[decision.pk]),
        {"version": decision.application.version, "comment": "Lengkapi.", "next": "queue"},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == reverse("decision_queue")
    decision.refresh_from_db()
    assert decision.state == DecisionState.RETURNED
    assert decision.application.status == Status.INTERVIEW


def test_a_confirmation_on_a_stale_page_saves_nothing_and_says_so(
    interviewer: User, supervisor: User, head_of_office: User, english: Login
) -> None:
    decision = propose(at_interview(), "refuse", by=interviewer)
    seen = decision.application.version
    english(head_of_office).post(
        reverse("decision_return", args=[decision.pk]),
        {"version": seen, "comment": "Lengkapi.", "next": "queue"},
    )
    response = english(supervisor).post(
        reverse("decision_sign_off", args=[decision.pk]),
        {"version": seen, "next": "queue"},
        follow=True,
    )
    assert "was changed by someone else in the meantime" in response.content.decode()
    decision.refresh_from_db()
    assert decision.state == DecisionState.RETURNED


def test_the_supervisor_gets_no_actions_on_their_own_proposal(
    supervisor: User, english: Login
) -> None:
    decision = propose(at_interview(), "refuse", by=supervisor)
    with translation.override("en"):
        html = english(supervisor).get(reverse("decision_queue")).content.decode()
    (row,) = _rows(html)
    assert reverse("decision_sign_off_confirm", args=[decision.pk]) not in row
    assert "another supervisor signs it off" in row
    response = english(supervisor).post(
        reverse("decision_sign_off", args=[decision.pk]),
        {"version": decision.application.version, "next": "queue"},
    )
    assert response.status_code == 403

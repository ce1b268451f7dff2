"""The decision pages as officers use them: forms, messages, the queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from waspada.applications.models import PassportApplication, Status
from waspada.core.models import User
from waspada.decisions import services
from waspada.decisions.models import Decision, DecisionState
from waspada.decisions.tests.helpers import (
    PROPOSALS,
    approve,
    at_interview,
    decided,
    propose,
    snapshot,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]

Login = Callable[[User], Client]


def detail(application: PassportApplication) -> str:
    return reverse("application_detail", args=[application.application_no])


def proposal_data(application: PassportApplication, outcome: str, **overrides: Any) -> dict:
    data: dict[str, Any] = {"version": application.version, "outcome": outcome}
    data.update(PROPOSALS[outcome])
    if outcome == "defer":
        data["deadline"] = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    data.update(overrides)
    return data


def test_the_interviewer_proposes_from_the_application_page(
    interviewer: User, english: Login
) -> None:
    application = at_interview()
    client = english(interviewer)

    page = client.get(detail(application)).content.decode()
    assert 'data-testid="propose-form"' in page
    assert f'name="version" value="{application.version}"' in page
    expected = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    assert f'value="{expected}"' in page  # the deadline, office.deferral_days ahead
    response = client.post(
        reverse("decision_propose", args=[application.application_no]),
        proposal_data(application, "refuse"),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == detail(application)
    assert "It now waits for a supervisor&#x27;s sign-off" in response.content.decode()
    decision = Decision.objects.get()
    assert (decision.outcome, decision.state, decision.proposed_by) == (
        "refuse",
        "proposed",
        interviewer,
    )


def test_the_intake_counter_sees_decisions_but_may_not_propose(
    intake_officer: User, interviewer: User, english: Login
) -> None:
    application = at_interview()
    propose(application, "defer", by=interviewer)
    client = english(intake_officer)

    page = client.get(detail(application)).content.decode()

    assert 'data-testid="pending-proposal"' in page
    assert 'data-testid="propose-form"' not in page
    assert 'data-testid="review-form"' not in page
    url = reverse("decision_propose", args=[application.application_no])
    assert client.post(url, proposal_data(application, "issue")).status_code == 403


def test_a_proposal_form_with_bad_input_shows_the_errors_on_the_fields(
    interviewer: User, english: Login
) -> None:
    application = at_interview()
    client = english(interviewer)
    before = snapshot()

    response = client.post(
        reverse("decision_propose", args=[application.application_no]),
        proposal_data(application, "defer", reason="", missing_documents=[]),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["reason"] == ["Write the reason for the decision."]
    assert form.errors["missing_documents"] == ["A deferral must list the missing documents."]
    assert snapshot() == before


def test_a_proposal_sent_from_an_outdated_page_keeps_what_was_typed(
    interviewer: User, supervisor: User, english: Login
) -> None:
    application = at_interview()
    data = proposal_data(application, "refuse", reason="Tulisan petugas yang panjang.")
    propose(application, "defer", by=supervisor)  # somebody else was quicker
    client = english(interviewer)
    before = snapshot()

    response = client.post(reverse("decision_propose", args=[application.application_no]), data)

    assert snapshot() == before
    html = response.content.decode()
    assert "was changed by someone else in the meantime" in html
    assert "Tulisan petugas yang panjang." in html
    assert "Decision pending" in html  # the status as it is now


def test_the_supervisor_signs_off_from_the_application_page_and_gets_the_letter(
    interviewer: User, supervisor: User, english: Login
) -> None:
    application = at_interview()
    decision = propose(application, "refuse", by=interviewer)
    client = english(supervisor)
    page = client.get(detail(application)).content.decode()
    assert 'data-testid="review-form"' in page

    response = client.post(
        reverse("decision_sign_off", args=[decision.pk]),
        {"version": decision.application.version, "comment": "Setuju."},
        follow=True,
    )

    html = response.content.decode()
    assert "Signed off: the decision is in force." in html
    decision.refresh_from_db()
    assert decision.state == DecisionState.IN_FORCE
    letter = decision.letters.get()
    assert reverse("letter_download", args=[letter.pk]) in html


def test_a_supervisor_sees_no_sign_off_buttons_on_their_own_proposal_and_is_refused(
    supervisor: User, english: Login
) -> None:
    application = at_interview()
    decision = propose(application, "refuse", by=supervisor)
    client = english(supervisor)

    page = client.get(detail(application)).content.decode()
    response = client.post(
        reverse("decision_sign_off", args=[decision.pk]),
        {"version": decision.application.version},
    )

    assert 'data-testid="review-form"' not in page
    assert "another supervisor signs it off" in page
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.state == DecisionState.PROPOSED


def test_a_return_without_a_comment_is_refused_on_the_comment_field(
    interviewer: User, supervisor: User, english: Login
) -> None:
    application = at_interview()
    decision = propose(application, "refuse", by=interviewer)
    client = english(supervisor)
    before = snapshot()

    response = client.post(
        reverse("decision_return", args=[decision.pk]),
        {"version": decision.application.version, "comment": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["comment"] == [
        "Write a comment saying why the proposal is returned."
    ]
    assert snapshot() == before


def test_a_sign_off_after_somebody_else_returned_it_says_so(
    interviewer: User, supervisor: User, head_of_office: User, english: Login
) -> None:
    application = at_interview()
    decision = propose(application, "refuse", by=interviewer)
    version_on_the_page = decision.application.version
    services.return_proposal(
        decision,
        acting_user=head_of_office,
        comment="Lengkapi wawancara.",
        expected_version=version_on_the_page,
    )

    response = english(supervisor).post(
        reverse("decision_sign_off", args=[decision.pk]),
        {"version": version_on_the_page},
        follow=True,
    )

    assert "was changed by someone else in the meantime" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.INTERVIEW


def test_documents_completed_from_the_application_page(
    interviewer: User, supervisor: User, english: Login
) -> None:
    application = at_interview()
    approve(propose(application, "defer", by=interviewer), by=supervisor)
    application.refresh_from_db()
    client = english(interviewer)
    assert 'data-testid="documents-completed"' in client.get(detail(application)).content.decode()

    response = client.post(
        reverse("decision_documents_completed", args=[application.application_no]),
        {"version": application.version},
        follow=True,
    )

    assert "back at the interview" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.INTERVIEW


def test_the_queue_lists_proposals_oldest_first_with_automatic_ones_marked(
    interviewer: User, supervisor: User, english: Login
) -> None:
    older = propose(at_interview(), "refuse", by=interviewer)
    newer = propose(at_interview(), "cancel", by=interviewer)
    overdue = at_interview()
    approve(
        propose(
            overdue,
            "defer",
            by=interviewer,
            deadline=dt.date(2026, 4, 1),
            today=dt.date(2026, 3, 2),
        ),
        by=supervisor,
    )
    overdue.refresh_from_db()
    automatic = services.propose_overdue_refusals(dt.date(2026, 4, 2)).proposed[0].refusal
    waiting = decided("defer", interviewer=interviewer, supervisor=supervisor)
    client = english(supervisor)

    response = client.get(reverse("decision_queue"))

    html = response.content.decode()
    rows = list(response.context["page"].object_list)
    assert rows == [older, newer, automatic]
    assert html.count('data-testid="automatic"') == 1
    deferrals = list(response.context["deferrals"].object_list)
    assert deferrals == [waiting]  # the overdue one is now waiting for its refusal
    assert 'data-overdue="1"' not in html


def test_overdue_deferrals_are_highlighted_in_the_queue(
    interviewer: User, supervisor: User, english: Login
) -> None:
    application = at_interview()
    approve(
        propose(
            application,
            "defer",
            by=interviewer,
            deadline=dt.date(2026, 4, 1),
            today=dt.date(2026, 3, 2),
        ),
        by=supervisor,
    )

    html = english(supervisor).get(reverse("decision_queue")).content.decode()

    assert 'data-overdue="1"' in html
    assert application.application_no in html


def test_the_queue_costs_the_same_queries_for_many_rows(
    interviewer: User, supervisor: User, english: Login, django_assert_num_queries: Any
) -> None:
    client = english(supervisor)
    for _ in range(2):
        propose(at_interview(), "refuse", by=interviewer)
    decided("defer", interviewer=interviewer, supervisor=supervisor)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("decision_queue"))
    for _ in range(3):
        propose(at_interview(), "refuse", by=interviewer)
        decided("defer", interviewer=interviewer, supervisor=supervisor)

    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("decision_queue"))

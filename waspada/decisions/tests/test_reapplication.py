"""A person refused or deferred before: the new application shows the earlier decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.decisions.queries import earlier_decisions
from waspada.decisions.tests.helpers import at_interview, decided, propose

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]

PERSON = {
    "full_name": "Muhammad Rizki Pratama",
    "sex": "L",
    "birth_date": dt.date(1999, 4, 2),
    "birth_place": "Kab. Cilacap",
}


def test_a_new_application_with_the_same_nik_shows_the_earlier_refusal(
    interviewer: User, supervisor: User, login: Callable[[User], Client]
) -> None:
    refusal = decided("refuse", interviewer=interviewer, supervisor=supervisor)
    nik = refusal.application.applicant.nik
    again = at_interview(applicant={"nik": nik})

    found = earlier_decisions(again)

    assert [item.decision for item in found] == [refusal]
    assert found[0].via_nik == ""
    page = login(interviewer).get(reverse("application_detail", args=[again.application_no]))
    html = page.content.decode()
    panel = html[html.index('data-testid="assessment"') :]
    assert 'data-testid="earlier-decision"' in panel
    assert reverse("application_detail", args=[refusal.application.application_no]) in panel


def test_an_identity_match_under_another_nik_shows_the_earlier_deferral(
    interviewer: User, supervisor: User
) -> None:
    deferral = decided(
        "defer", interviewer=interviewer, supervisor=supervisor, applicant=dict(PERSON)
    )
    again = make_application(
        applicant={**PERSON, "full_name": "Mochamad Rizky Pratama", "birth_place": "CILACAP"}
    )
    assert again.applicant.nik != deferral.application.applicant.nik

    found = earlier_decisions(again)

    assert [item.decision for item in found] == [deferral]
    assert found[0].via_nik == deferral.application.applicant.nik


def test_proposals_not_in_force_and_the_application_itself_are_not_earlier_decisions(
    interviewer: User, supervisor: User
) -> None:
    first = decided("cancel", interviewer=interviewer, supervisor=supervisor)
    same_person = {"nik": first.application.applicant.nik}
    waiting = at_interview(applicant=same_person)
    propose(waiting, "refuse", by=interviewer)
    application = at_interview(applicant=same_person)

    assert [item.decision for item in earlier_decisions(application)] == [first]
    assert [item.decision for item in earlier_decisions(first.application)] == []


def test_a_person_without_earlier_decisions_shows_nothing(
    interviewer: User, login: Callable[[User], Client]
) -> None:
    application = at_interview()

    page = login(interviewer).get(reverse("application_detail", args=[application.application_no]))

    assert earlier_decisions(application) == []
    assert b'data-testid="earlier-decisions"' not in page.content

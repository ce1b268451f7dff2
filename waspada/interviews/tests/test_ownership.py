"""An interview session is written by its interviewer only; a supervisor may take it over
by an explicit, audited handover."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.models import PassportApplication
from waspada.core.models import AuditEvent, User
from waspada.core.roles import Role
from waspada.interviews import services
from waspada.interviews.services import InterviewError
from waspada.interviews.tests.conftest import start
from waspada.interviews.tests.test_views import session_form

Login = Callable[[User | None], Client]


@pytest.fixture
def colleague(make_user: Callable[..., User]) -> User:
    return make_user("second_interviewer", Role.INTERVIEWER)


def _save(client: Client, session_id: int, answer: str) -> int:
    from waspada.interviews.models import InterviewSession

    session = InterviewSession.objects.get(pk=session_id)
    response = client.post(
        reverse("interview_save", args=[session_id]), session_form(session, **{"a_D16-Q1": answer})
    )
    return response.status_code


def test_another_officer_cannot_write_in_an_interview(
    tourist: PassportApplication, interviewer: User, colleague: User, supervisor: User, login: Login
) -> None:
    session = start(tourist, interviewer)
    recorded_before = AuditEvent.objects.filter(action="interviews.recorded").count()

    assert _save(login(colleague), session.pk, "Ditulis orang lain") == 403
    assert _save(login(supervisor), session.pk, "Ditulis kasi") == 403
    with pytest.raises(InterviewError):
        services.record_answers(session, acting_user=colleague, notes="lewat layanan")
    with pytest.raises(InterviewError):
        services.finish_interview(session, acting_user=colleague)

    session.refresh_from_db()
    assert session.answers.get(question_code="D16-Q1").answer == ""
    assert session.notes == "" and session.is_open
    assert AuditEvent.objects.filter(action="interviews.recorded").count() == recorded_before
    # They still read it, without the form.
    page = login(colleague).get(reverse("interview_session", args=[session.pk]))
    assert page.status_code == 200 and not page.context["editable"]


def test_a_supervisor_takes_an_interview_over_and_it_is_audited(
    tourist: PassportApplication, interviewer: User, supervisor: User, login: Login
) -> None:
    session = start(tourist, interviewer)
    kasi = login(supervisor)
    page = kasi.get(reverse("interview_session", args=[session.pk]))
    assert 'data-testid="take-over"' in page.content.decode()

    response = kasi.post(reverse("interview_take_over", args=[session.pk]))

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.interviewer == supervisor
    event = AuditEvent.objects.get(action="interviews.handed_over")
    assert event.actor == supervisor and event.details["previous_interviewer"] == "interviewer"
    assert _save(kasi, session.pk, "Dilanjutkan kasi") == 302
    assert _save(login(interviewer), session.pk, "Masih dari pewawancara") == 403
    assert session.answers.get(question_code="D16-Q1").answer == "Dilanjutkan kasi"


def test_only_a_supervisor_takes_an_interview_over(
    tourist: PassportApplication, interviewer: User, colleague: User, supervisor: User, login: Login
) -> None:
    session = start(tourist, interviewer)
    assert (
        login(colleague).post(reverse("interview_take_over", args=[session.pk])).status_code == 403
    )
    own = login(interviewer).post(reverse("interview_take_over", args=[session.pk]))
    assert own.status_code == 403
    session.refresh_from_db()
    assert session.interviewer == interviewer
    assert not AuditEvent.objects.filter(action="interviews.handed_over").exists()

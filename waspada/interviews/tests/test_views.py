"""The interview pages as officers use them: start from the application or the queue,
answer on the session page (htmx saves), finish, and read the record afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from waspada.applications.models import PassportApplication, Status
from waspada.core.models import User
from waspada.domain.question_bank import STANDARD_QUESTIONS
from waspada.interviews import services
from waspada.interviews.models import InterviewSession, SessionState
from waspada.interviews.tests.conftest import HONEST_TOURIST, screened, start

Login = Callable[[User | None], Client]


def session_form(session: InterviewSession, **changes: Any) -> dict[str, Any]:
    """The session form as the browser posts it, untouched, with `changes` applied."""
    data: dict[str, Any] = {
        "stated_purpose": "",
        "stated_destination": "",
        "stated_departure": "",
        "stated_return_ticket": "",
        "stated_funds": "",
        "stated_sponsor_relation": "",
        "notes": "",
        "raised_code_0": "",
        "raised_note_0": "",
    }
    for answer in session.answers.all():
        data[f"a_{answer.question_code}"] = answer.answer
        data[f"r_{answer.question_code}"] = answer.raises
    data.update(changes)
    return data


def test_an_interviewer_starts_a_deep_interview_from_the_application_page(
    worker: PassportApplication, interviewer: User, login: Login
) -> None:
    client = login(interviewer)
    page = client.get(reverse("application_detail", args=[worker.application_no]))
    html = page.content.decode()
    assert 'data-testid="start-interview"' in html
    assert 'value="deep"' in html and 'value="standard"' not in html

    response = client.post(
        reverse("interview_start", args=[worker.application_no]),
        {"kind": "deep", "version": worker.version},
    )
    session = InterviewSession.objects.get()
    assert response["Location"] == reverse("interview_session", args=[session.pk])
    worker.refresh_from_db()
    assert worker.status == Status.INTERVIEW

    page = client.get(response["Location"])
    assert page.status_code == 200
    first = session.answers.order_by("position").first()
    assert first is not None and first.question_text in page.content.decode()
    assert b'data-testid="session-form"' in page.content


def test_a_stale_start_shows_who_won_and_saves_nothing(
    tourist: PassportApplication, interviewer: User, supervisor: User, login: Login
) -> None:
    loaded = tourist.version
    services.finish_interview(start(tourist, supervisor), acting_user=supervisor)
    client = login(interviewer)
    response = client.post(
        reverse("interview_start", args=[tourist.application_no]),
        {"kind": "standard", "version": loaded},
        follow=True,
    )
    # The office works in Indonesian: the message says the application was changed meanwhile.
    assert f"Permohonan {tourist.application_no} telah diubah orang lain" in (
        response.content.decode()
    )
    assert InterviewSession.objects.count() == 1


def test_a_refused_start_shows_the_reason_on_the_form(
    worker: PassportApplication, interviewer: User, login: Login
) -> None:
    response = login(interviewer).post(
        reverse("interview_start", args=[worker.application_no]),
        {"kind": "standard", "version": worker.version},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["kind"]
    assert not InterviewSession.objects.exists()


def test_the_intake_counter_sees_no_interview_record(
    tourist: PassportApplication, interviewer: User, intake_officer: User, login: Login
) -> None:
    start(tourist, interviewer)
    page = login(intake_officer).get(reverse("application_detail", args=[tourist.application_no]))
    assert page.status_code == 200 and b'data-testid="interviews"' not in page.content


def test_the_screening_queue_offers_the_interview_to_interviewers_only(
    tourist: PassportApplication, interviewer: User, intake_officer: User, login: Login
) -> None:
    link = f'data-testid="queue-start-{tourist.application_no}"'.encode()
    assert link in login(interviewer).get(reverse("screening_queue")).content
    assert link not in login(intake_officer).get(reverse("screening_queue")).content


def test_an_htmx_save_records_the_answers_and_shows_the_findings(
    tourist: PassportApplication, interviewer: User, login: Login
) -> None:
    session = start(tourist, interviewer)
    response = login(interviewer).post(
        reverse("interview_save", args=[session.pk]),
        session_form(
            session,
            **{
                "a_D16-Q1": "Dibayari agen, nanti dipotong gaji",
                "w_D16-Q1": "on",
                "r_D16-Q1": "U03",
                "stated_destination": "SA",
                "observations": ["fearful"],
            },
        ),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="saved"' in html
    assert "<html" not in html  # the partial only
    assert "finding-contradiction" in html  # destination JP vs SA, as a preview
    answer = session.answers.get(question_code="D16-Q1")
    assert (answer.answer, answer.worrying, answer.raises) == (
        "Dibayari agen, nanti dipotong gaji",
        True,
        "U03",
    )
    tourist.refresh_from_db()
    assert tourist.risk_indicators.split(";") == ["D24", "U03"]


def test_a_bad_value_is_shown_on_its_field_and_nothing_is_saved(
    tourist: PassportApplication, interviewer: User, login: Login
) -> None:
    session = start(tourist, interviewer)
    response = login(interviewer).post(
        reverse("interview_save", args=[session.pk]),
        session_form(session, **{"a_D16-Q1": "Tabungan", "stated_destination": "XX"}),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["stated_destination"]
    assert session.answers.get(question_code="D16-Q1").answer == ""


def test_finishing_closes_the_record_and_the_application_page_lists_it(
    tourist: PassportApplication, interviewer: User, auditor: User, login: Login
) -> None:
    session = start(tourist, interviewer)
    client = login(interviewer)
    response = client.post(
        reverse("interview_save", args=[session.pk]),
        session_form(
            session,
            **{"a_D16-Q1": "Tabungan sendiri", "stated_return_ticket": "no", "finish": "1"},
        ),
    )
    assert response["Location"] == reverse("interview_session", args=[session.pk])
    session.refresh_from_db()
    assert session.state == SessionState.FINISHED
    assert [item["code"] for item in session.findings] == ["return_ticket"]

    record = login(auditor).get(reverse("interview_session", args=[session.pk])).content.decode()
    assert 'data-testid="session-form"' not in record and "Tabungan sendiri" in record
    panel = client.get(reverse("application_detail", args=[tourist.application_no]))
    html = panel.content.decode()
    assert 'data-testid="interview-sessions"' in html and "finding-contradiction" in html
    assert reverse("interview_session", args=[session.pk]) in html
    # Saving again after the finish (e.g. from a second tablet) is refused, nothing changes.
    again = client.post(
        reverse("interview_save", args=[session.pk]),
        session_form(session, notes="later"),
        follow=True,
    )
    assert again.redirect_chain[-1][0] == reverse("interview_session", args=[session.pk])
    assert [m.level_tag for m in again.context["messages"]] == ["error"]
    session.refresh_from_db()
    assert session.notes == ""


def test_the_officer_adds_a_question_on_the_session_page(
    tourist: PassportApplication, interviewer: User, login: Login
) -> None:
    session = start(tourist, interviewer)
    client = login(interviewer)
    save = reverse("interview_save", args=[session.pk])
    # Nothing chosen: the field says so and what was typed is not saved.
    refused = client.post(save, session_form(session, **{"a_D16-Q1": "Tabungan", "add": "1"}))
    assert refused.context["form"].errors["add_code"]
    # Adding keeps what was typed alongside.
    client.post(
        save, session_form(session, **{"a_D16-Q1": "Tabungan", "add_code": "U09-Q1", "add": "1"})
    )
    assert list(session.answers.values_list("question_code", flat=True)) == [
        *STANDARD_QUESTIONS,
        "U09-Q1",
    ]
    assert session.answers.get(question_code="D16-Q1").answer == "Tabungan"
    page = client.get(reverse("interview_session", args=[session.pk]))
    assert b'data-testid="question-U09-Q1"' in page.content


def test_a_reapplying_person_shows_their_earlier_interview(
    central_java_regions: None, interviewer: User, login: Login
) -> None:
    first = screened(purpose="umrah", destination_country="SA", submitted_on=dt.date(2026, 1, 5))
    earlier = start(first, interviewer)
    services.finish_interview(earlier, acting_user=interviewer)
    person = first.applicant
    again = screened(
        applicant={
            "nik": person.nik,
            "full_name": person.full_name,
            "birth_date": person.birth_date,
            "sex": person.sex,
        },
        **HONEST_TOURIST,
    )
    page = login(interviewer).get(reverse("application_detail", args=[again.application_no]))
    html = page.content.decode()
    assert 'data-testid="earlier-interviews"' in html
    assert reverse("interview_session", args=[earlier.pk]) in html
    assert first.application_no in html


def test_the_interview_list_shows_open_and_finished_sessions(
    tourist: PassportApplication, interviewer: User, head_of_office: User, login: Login
) -> None:
    session = start(tourist, interviewer)
    page = login(head_of_office).get(reverse("interview_list"))
    assert page.status_code == 200
    assert reverse("interview_session", args=[session.pk]).encode() in page.content

"""Answers saved as they are typed: the autosave endpoint records the form and answers
with the time for the save bar; the session page shows what was recorded (stated purpose,
indicators raised per question) and, beside the questions, age, missing documents and
the assessment's reasons."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from waspada.applications.models import PassportApplication
from waspada.core.models import User
from waspada.interviews import services
from waspada.interviews.forms import SessionForm
from waspada.interviews.models import InterviewSession
from waspada.interviews.tests.conftest import start

Login = Callable[[User | None], Client]


def _form_data(session: InterviewSession, **changes: str) -> dict[str, object]:
    form = SessionForm(session=session)
    data: dict[str, object] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value in (None, False):
            continue
        data[name] = value if value is not True else "on"
    data.update(changes)
    return data


def test_an_answer_typed_is_saved_and_the_bar_says_when(
    worker: PassportApplication, interviewer: User, login: Login
) -> None:
    session = start(worker, interviewer)
    code = session.answers.order_by("position").first().question_code  # type: ignore[union-attr]
    client = login(interviewer)
    page = client.get(reverse("interview_session", args=[session.pk])).content.decode()
    assert 'data-testid="save-bar"' in page and "Jawaban tersimpan otomatis" in page
    response = client.post(
        reverse("interview_autosave", args=[session.pk]),
        _form_data(session, **{f"a_{code}": "Dijanjikan kerja di pabrik."}),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert f"tersimpan {timezone.localtime():%H:}" in response.content.decode()
    assert session.answers.get(question_code=code).answer == "Dijanjikan kerja di pabrik."
    # The page, opened again, shows the last save in its bar.
    again = client.get(reverse("interview_session", args=[session.pk])).content.decode()
    assert "Dijanjikan kerja di pabrik." in again and 'data-state="saved"' in again


def test_autosave_refuses_what_the_officer_may_not_write(
    worker: PassportApplication, interviewer: User, supervisor: User, login: Login
) -> None:
    session = start(worker, interviewer)
    code = session.answers.order_by("position").first().question_code  # type: ignore[union-attr]
    data = _form_data(session, **{f"a_{code}": "x"})
    url = reverse("interview_autosave", args=[session.pk])
    assert login(supervisor).post(url, data).status_code in {403, 404}
    services.finish_interview(session, acting_user=interviewer)
    finished = login(interviewer).post(url, data)
    assert 'data-state="error"' in finished.content.decode()
    assert session.answers.get(question_code=code).answer == ""


def test_the_record_and_the_screen_show_everything_recorded_and_the_case_beside_it(
    worker: PassportApplication, interviewer: User, login: Login
) -> None:
    session = start(worker, interviewer)
    code = session.answers.order_by("position").first().question_code  # type: ignore[union-attr]
    client = login(interviewer)
    page = client.get(reverse("interview_session", args=[session.pk])).content.decode()
    age = page.split('data-testid="glance-age">')[1].split("</dd>")[0]
    assert age.endswith("tahun") and int(age.split()[0]) >= 17
    missing = page.split('data-testid="glance-missing">')[1].split("</dd>")[0]
    assert "Akta" in missing or "akta" in missing  # the worker brought only KTP and KK
    assert 'data-testid="glance-reasons"' in page
    services.record_answers(
        session,
        acting_user=interviewer,
        answers={code: services.AnswerInput("Tidak tahu.", False, "U02")},
        stated=services.StatedFacts(purpose="work", destination_country="SA"),
    )
    services.finish_interview(session, acting_user=interviewer)
    record = client.get(reverse("interview_session", args=[session.pk])).content.decode()
    assert record.split('data-testid="stated-purpose">')[1].startswith("Bekerja")
    raised = record.split('data-testid="raised-summary">')[1].split("</dd>")[0]
    assert "U02" in raised and code in raised

"""The Berita Acara Wawancara of a deep interview, made through the interview services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from waspada.applications.models import PassportApplication, Status
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.decisions import letters
from waspada.decisions.models import Letter, LetterSequence
from waspada.decisions.pdf import render_letter
from waspada.decisions.tests.test_letters import configure_office, pdf_text, stored_bytes
from waspada.domain.consistency import StatedFacts
from waspada.interviews import services as interviews
from waspada.interviews.models import InterviewSession, Observation
from waspada.screening.models import Trigger
from waspada.screening.services import screen_applications

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]

ANSWER = "Paspor nanti dipegang oleh agen di Riyadh."


def screened_application() -> PassportApplication:
    application = make_application(
        applicant={"full_name": "Sri Wahyuni"},
        purpose="umrah",
        destination_country="SA",
        documents=["ktp", "kk", "akta_lahir"],
    )
    screen_applications([application.pk], trigger=Trigger.MANUAL)
    application.refresh_from_db()
    assert application.status == Status.SCREENING
    return application


def deep_interview(interviewer: User, *, finish: bool = True) -> InterviewSession:
    application = screened_application()
    session = interviews.start_interview(
        application, kind="deep", acting_user=interviewer, expected_version=application.version
    )
    first = session.answers.order_by("position").first()
    assert first is not None
    interviews.record_answers(
        session,
        acting_user=interviewer,
        answers={first.question_code: interviews.AnswerInput(ANSWER, True, "U01")},
        observations=["fearful", "companion_answers"],
        raised_indicators=[interviews.RaisedIndicator("U01", "agen memegang paspor")],
        notes="Pemohon didampingi seorang laki-laki yang mengaku saudara.",
        stated=StatedFacts(purpose="work", destination_country="SA"),
    )
    if finish:
        interviews.finish_interview(session, acting_user=interviewer)
    session.refresh_from_db()
    return session


def test_the_record_holds_who_when_what_was_asked_seen_and_found(interviewer: User) -> None:
    configure_office()
    letters.set_signatory(
        interviewer,
        nip="199001012015031001",
        position="Analis Keimigrasian",
        signs_for_head=False,
        acting_user=interviewer,
    )
    session = deep_interview(interviewer)

    record = letters.make_interview_record(session, acting_user=interviewer)

    assert record.kind == "berita_acara"
    assert record.interview == session
    assert record.application == session.application
    with translation.override("id"):  # whatever the catalogue calls it in Indonesian
        fearful = str(Observation.FEARFUL.label)
    started = session.started_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    text = pdf_text(stored_bytes(record))
    for expected in (
        "BERITA ACARA WAWANCARA MENDALAM",
        f"Nomor: {record.number}",
        f"pukul {started:%H.%M}",
        "WIB",
        "Sri Wahyuni",
        session.application.applicant.nik,
        session.application.application_no,
        "Interviewer",  # the persona's full name
        "199001012015031001",
        "Analis Keimigrasian",
        ANSWER,
        "Ya (U01)",
        fearful,
        "U01",
        "agen memegang paspor",
        "didampingi seorang laki-laki",
        "Tidak sesuai",  # the stated purpose (work) contradicts the application (umrah)
        "Pemohon yang diwawancarai",
        "Petugas pemeriksa",
    ):
        assert expected in text, expected
    question = session.answers.order_by("position").first()
    assert question is not None and question.question_text.split()[0] in text
    assert AuditEvent.objects.filter(
        action="decisions.letter_issued", object_id=str(record.pk)
    ).exists()


def test_the_record_is_made_once_per_interview_and_renders_again_the_same(
    interviewer: User,
) -> None:
    configure_office()
    session = deep_interview(interviewer)

    first = letters.make_interview_record(session, acting_user=interviewer)
    again = letters.make_interview_record(session, acting_user=interviewer)

    assert first == again
    assert Letter.objects.filter(interview=session).count() == 1
    assert render_letter(first) == stored_bytes(first)


def test_an_open_interview_gets_no_record(interviewer: User) -> None:
    configure_office()
    session = deep_interview(interviewer, finish=False)

    with pytest.raises(letters.LetterError):
        letters.make_interview_record(session, acting_user=interviewer)

    assert not Letter.objects.exists()
    assert not LetterSequence.objects.exists()


def test_the_record_holds_what_the_applicant_stated_and_the_indicators_beside_questions(
    interviewer: User,
) -> None:
    configure_office()
    application = screened_application()
    session = interviews.start_interview(
        application, kind="deep", acting_user=interviewer, expected_version=application.version
    )
    first = session.answers.order_by("position").first()
    assert first is not None
    interviews.record_answers(
        session,
        acting_user=interviewer,
        answers={first.question_code: interviews.AnswerInput("Belum tahu.", False, "U02")},
        stated=StatedFacts(purpose="work", destination_country="SA", funds="recruiter"),
    )
    interviews.finish_interview(session, acting_user=interviewer)
    session.refresh_from_db()

    text = " ".join(
        pdf_text(
            stored_bytes(letters.make_interview_record(session, acting_user=interviewer))
        ).split()
    )

    for expected in (
        "Keterangan pemohon",
        "Tujuan perjalanan : Bekerja",
        "Negara tujuan : Arab Saudi",
        "- (U02)",  # raised beside the question, not marked worrying
        "U02",
        "jawaban atas pertanyaan nomor 1",
    ):
        assert expected in text, expected

"""Interview sessions through the services: start, questions, answers, finish, and what the
screening makes of them (U-indicators, observations, contradictions)."""

from __future__ import annotations

import datetime as dt

import pytest

from waspada.applications.models import PassportApplication, Status
from waspada.applications.services import StaleApplication, change_status
from waspada.core.models import AuditEvent, User
from waspada.domain.consistency import StatedFacts
from waspada.domain.question_bank import DEEP_CORE_QUESTIONS, STANDARD_QUESTIONS
from waspada.interviews import queries, services
from waspada.interviews.bank import bank_in_force
from waspada.interviews.models import InterviewAnswer, InterviewSession, SessionState
from waspada.interviews.providers import interview_facts
from waspada.interviews.services import AnswerInput, InterviewError, RaisedIndicator
from waspada.interviews.tests.conftest import HONEST_TOURIST, screened, start
from waspada.screening.models import IndicatorHit, RiskAssessment, Trigger


def audited(application: PassportApplication, action: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=action,
            object_type="applications.passportapplication",
            object_id=str(application.pk),
        )
    )


def codes_of(session: InterviewSession) -> list[str]:
    return list(session.answers.order_by("position").values_list("question_code", flat=True))


# --- Starting -------------------------------------------------------------------------------


def test_starting_moves_the_application_to_the_interview_with_the_general_questions(
    tourist: PassportApplication, interviewer: User
) -> None:
    version = tourist.version
    session = start(tourist, interviewer)
    tourist.refresh_from_db()
    assert tourist.status == Status.INTERVIEW and tourist.version == version + 1
    assert tourist.status_changes.last().to_status == Status.INTERVIEW  # type: ignore[union-attr]
    assert (session.kind, session.state, session.interviewer) == ("standard", "open", interviewer)
    assert session.question_bank == bank_in_force()
    assert codes_of(session) == list(STANDARD_QUESTIONS)
    first = session.answers.order_by("position").first()
    assert first is not None
    assert first.question_text == bank_in_force().data[first.question_code]["text"]["id"]
    [event] = audited(tourist, "interviews.started")
    assert event.actor == interviewer and event.details["session"] == session.pk


def test_a_deep_interview_asks_about_the_indicators_that_fired(
    worker: PassportApplication, interviewer: User
) -> None:
    assert worker.risk_action == "deep_interview"
    fired = worker.risk_indicators.split(";")
    session = start(worker, interviewer, "deep")
    codes = codes_of(session)
    assert {code.split("-")[0] for code in codes} >= set(fired)
    assert codes.index(f"{fired[0]}-Q1") == 0
    assert set(DEEP_CORE_QUESTIONS) <= set(codes)


def test_a_standard_interview_is_refused_when_the_deep_one_is_recommended(
    worker: PassportApplication, interviewer: User
) -> None:
    with pytest.raises(InterviewError) as refused:
        start(worker, interviewer, "standard")
    assert refused.value.field == "kind"
    worker.refresh_from_db()
    assert worker.status == Status.SCREENING
    assert not InterviewSession.objects.exists()


def test_an_officer_may_choose_a_deep_interview_for_a_low_risk_applicant(
    tourist: PassportApplication, interviewer: User
) -> None:
    assert codes_of(start(tourist, interviewer, "deep"))[:1] == [DEEP_CORE_QUESTIONS[0]]


def test_an_unknown_kind_is_refused(tourist: PassportApplication, interviewer: User) -> None:
    with pytest.raises(InterviewError):
        start(tourist, interviewer, "casual")


def test_starting_from_a_page_loaded_before_a_change_is_refused_as_stale(
    tourist: PassportApplication, interviewer: User, supervisor: User
) -> None:
    loaded = tourist.version
    start(tourist, supervisor)
    services.finish_interview(InterviewSession.objects.get(), acting_user=supervisor)
    with pytest.raises(StaleApplication) as stale:
        services.start_interview(
            tourist, kind="standard", acting_user=interviewer, expected_version=loaded
        )
    assert tourist.application_no in stale.value.message()
    assert InterviewSession.objects.count() == 1


def test_a_second_session_waits_until_the_first_is_finished(
    tourist: PassportApplication, interviewer: User
) -> None:
    first = start(tourist, interviewer)
    with pytest.raises(InterviewError):
        start(tourist, interviewer)
    services.finish_interview(first, acting_user=interviewer)
    second = start(tourist, interviewer, "deep")
    tourist.refresh_from_db()
    assert tourist.status == Status.INTERVIEW
    assert second.kind == "deep" and InterviewSession.objects.count() == 2


def test_no_interview_for_a_decided_application(
    tourist: PassportApplication, interviewer: User, supervisor: User
) -> None:
    change_status(tourist, Status.REFUSED, expected_version=tourist.version, acting_user=supervisor)
    with pytest.raises(InterviewError):
        start(tourist, interviewer)
    assert not InterviewSession.objects.exists()


# --- Questions and answers ------------------------------------------------------------------


def test_the_officer_adds_a_question_from_the_bank(
    tourist: PassportApplication, interviewer: User
) -> None:
    session = start(tourist, interviewer)
    added = services.add_question(session, "U05-Q1", acting_user=interviewer)
    assert added.added_by_officer and codes_of(session)[-1] == "U05-Q1"
    assert added.question_text == bank_in_force().data["U05-Q1"]["text"]["id"]
    assert audited(tourist, "interviews.question_added")[0].details["question"] == "U05-Q1"
    for code in ("U05-Q1", "X01-Q1", ""):
        with pytest.raises(InterviewError):
            services.add_question(session, code, acting_user=interviewer)
    assert session.answers.count() == len(STANDARD_QUESTIONS) + 1


def test_answers_observations_notes_and_statements_are_recorded(
    tourist: PassportApplication, interviewer: User
) -> None:
    session = start(tourist, interviewer)
    services.record_answers(
        session,
        acting_user=interviewer,
        answers={"D16-Q1": AnswerInput("Tabungan sendiri, sekitar 20 juta")},
        notes="Menjawab dengan tenang.",
        stated=StatedFacts(purpose="tourism", destination_country="jp", return_ticket="yes"),
    )
    session.refresh_from_db()
    assert session.answers.get(question_code="D16-Q1").answer == "Tabungan sendiri, sekitar 20 juta"
    assert (session.notes, session.stated_destination) == ("Menjawab dengan tenang.", "JP")
    [event] = audited(tourist, "interviews.recorded")
    assert event.details["answers_changed"] == ["D16-Q1"] and not event.details["rescreened"]
    # Nothing the screening reads changed: no new assessment.
    assert RiskAssessment.objects.filter(application=tourist).count() == 1
    # Saving the same again changes nothing and records nothing.
    services.record_answers(
        session,
        acting_user=interviewer,
        answers={"D16-Q1": AnswerInput("Tabungan sendiri, sekitar 20 juta")},
        notes="Menjawab dengan tenang.",
    )
    assert len(audited(tourist, "interviews.recorded")) == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"answers": {"D05-Q1": AnswerInput("not asked in this interview")}},
        {"answers": {"D16-Q1": AnswerInput("x", raises="U11")}},
        {"observations": ["fearful", "sleepy"]},
        {"raised_indicators": [RaisedIndicator("D99", "no such indicator")]},
        {"stated": StatedFacts(destination_country="XX")},
        {"stated": StatedFacts(funds="lottery")},
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    tourist: PassportApplication, interviewer: User, bad: dict[str, object]
) -> None:
    session = start(tourist, interviewer)
    # A valid answer and notes typed alongside the mistake are not saved either.
    given: dict[str, object] = {
        "answers": {"D16-Q1": AnswerInput("Tabungan")},
        "notes": "typed before the mistake",
        "observations": ["fearful"],
        **bad,
    }
    with pytest.raises(InterviewError):
        services.record_answers(session, acting_user=interviewer, **given)  # type: ignore[arg-type]
    session.refresh_from_db()
    assert session.notes == "" and session.observations == [] and session.raised_indicators == []
    assert not InterviewAnswer.objects.exclude(answer="").exists()
    assert not audited(tourist, "interviews.recorded")


# --- What the screening makes of it ----------------------------------------------------------


def test_an_answer_raising_a_u_indicator_re_screens_the_application(
    tourist: PassportApplication, interviewer: User
) -> None:
    session = start(tourist, interviewer)
    services.add_question(session, "U01-Q1", acting_user=interviewer)
    services.record_answers(
        session,
        acting_user=interviewer,
        answers={"U01-Q1": AnswerInput("Paspor nanti dipegang agen", worrying=True, raises="U01")},
    )
    tourist.refresh_from_db()
    assert "U01" in tourist.risk_indicators.split(";")
    assert tourist.risk_action == "deep_interview"
    latest = RiskAssessment.objects.filter(application=tourist).first()
    assert latest is not None and latest.trigger == Trigger.FACT
    hit = IndicatorHit.objects.get(assessment=latest, code="U01")
    assert "Paspor nanti dipegang agen" in hit.evidence_id and "U01-Q1" in hit.evidence_en
    assert audited(tourist, "interviews.recorded")[0].details["rescreened"] is True


def test_a_raised_indicator_can_be_withdrawn_and_the_assessment_follows(
    tourist: PassportApplication, interviewer: User
) -> None:
    session = start(tourist, interviewer)
    services.record_answers(
        session,
        acting_user=interviewer,
        raised_indicators=[RaisedIndicator("u03", "Utang 25 juta ke sponsor")],
    )
    tourist.refresh_from_db()
    assert tourist.risk_indicators == "U03"
    assert session.raised_indicators == [{"code": "U03", "note": "Utang 25 juta ke sponsor"}]
    services.record_answers(session, acting_user=interviewer, raised_indicators=[])
    tourist.refresh_from_db()
    assert tourist.risk_indicators == "" and tourist.risk_level == "low"


def test_observations_become_their_indicators(
    tourist: PassportApplication, interviewer: User
) -> None:
    session = start(tourist, interviewer)
    services.record_answers(
        session, acting_user=interviewer, observations=["companion_answers", "unaware_of_address"]
    )
    tourist.refresh_from_db()
    assert tourist.risk_indicators.split(";") == ["D24", "U09"]
    raised = interview_facts([tourist.pk])[tourist.pk]
    assert [fact.code for fact in raised] == ["D24", "U09"]
    # The note is the observation in the office's words, never a code to parse.
    assert raised[0].note == "Pendamping menjawab untuk pemohon"


def test_finishing_stores_the_findings_and_contradictions_raise_d23(
    tourist: PassportApplication, interviewer: User
) -> None:
    session = start(tourist, interviewer)
    services.record_answers(
        session,
        acting_user=interviewer,
        stated=StatedFacts(destination_country="SA", funds="recruiter"),
    )
    tourist.refresh_from_db()
    assert "D23" not in tourist.risk_indicators  # a preview only while the session is open
    assert [f.code for f in queries.session_findings(session)] == ["destination", "funds"]

    services.finish_interview(session, acting_user=interviewer)
    session.refresh_from_db()
    assert session.state == SessionState.FINISHED and session.finished_at is not None
    assert [item["code"] for item in session.findings] == ["destination", "funds"]
    tourist.refresh_from_db()
    assert tourist.risk_indicators.split(";") == ["D23"]
    hit = IndicatorHit.objects.filter(code="D23").first()
    assert hit is not None and "JP" in hit.evidence_en and "SA" in hit.evidence_en
    [event] = audited(tourist, "interviews.finished")
    assert event.details["findings"] == ["destination", "funds"] and event.details["rescreened"]


def test_a_finished_interview_can_no_longer_change(
    tourist: PassportApplication, interviewer: User
) -> None:
    session = start(tourist, interviewer)
    services.finish_interview(session, acting_user=interviewer)
    with pytest.raises(InterviewError):
        services.finish_interview(session, acting_user=interviewer)
    with pytest.raises(InterviewError):
        services.record_answers(session, acting_user=interviewer, notes="too late")
    with pytest.raises(InterviewError):
        services.add_question(session, "U05-Q1", acting_user=interviewer)
    assert len(audited(tourist, "interviews.finished")) == 1


def test_the_interview_of_a_decided_application_can_no_longer_change(
    tourist: PassportApplication, interviewer: User, supervisor: User
) -> None:
    session = start(tourist, interviewer)
    tourist.refresh_from_db()
    change_status(tourist, Status.ISSUED, expected_version=tourist.version, acting_user=supervisor)
    with pytest.raises(InterviewError):
        services.record_answers(session, acting_user=interviewer, notes="after the decision")


def test_a_reapplying_person_meets_their_earlier_application_and_interview(
    central_java_regions: None, interviewer: User, supervisor: User
) -> None:
    first = screened(purpose="umrah", destination_country="SA", submitted_on=dt.date(2026, 1, 5))
    earlier_session = start(first, interviewer)
    services.record_answers(
        earlier_session, acting_user=interviewer, stated=StatedFacts(purpose="work")
    )
    services.finish_interview(earlier_session, acting_user=interviewer)
    first.refresh_from_db()
    change_status(first, Status.REFUSED, expected_version=first.version, acting_user=supervisor)

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
    assert again.applicant_id == person.pk
    session = start(again, interviewer)
    assert queries.earlier_sessions_of(again) == [earlier_session]
    services.finish_interview(session, acting_user=interviewer)
    session.refresh_from_db()
    found = [(item["code"], item["application"]) for item in session.findings]
    assert found == [
        ("earlier_outcome", "refused"),
        ("earlier_purpose", "umrah"),
        ("earlier_purpose", "work"),
        ("earlier_destination", "SA"),
    ]
    again.refresh_from_db()
    assert "D23" in again.risk_indicators.split(";")

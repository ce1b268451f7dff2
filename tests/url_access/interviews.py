"""Who may see the interview and question-bank pages (see tests/test_url_access.py)."""

from __future__ import annotations

from django.urls import reverse

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.interviews import bank, services
from waspada.interviews.models import InterviewKind

# The interview record holds what the applicant confided: interviewers, supervisors,
# the head of office and auditors read it; interviewers and supervisors hold interviews;
# supervisors keep the question bank.
READERS = {"interviewer", "supervisor", "head_of_office", "auditor"}
CONDUCT = {"interviewer", "supervisor"}

ACCESS: dict[str, set[str] | str] = {
    "interview_list": READERS,
    "interview_waiting": READERS,
    "interview_assign": "post-only",
    "interview_start": CONDUCT,
    "interview_session": READERS,
    "interview_save": "post-only",
    "interview_autosave": "post-only",
    "interview_take_over": "post-only",
    "question_bank_list": READERS,
    "question_bank_detail": READERS,
    "question_bank_draft": "post-only",
    "question_bank_question_add": {"supervisor"},
    "question_bank_question_edit": {"supervisor"},
    "question_bank_question_toggle": "post-only",
    "question_bank_publish": "post-only",
}


def _session_id(target: User) -> int:
    application = make_application()
    kind = (
        InterviewKind.DEEP
        if application.risk_action == "deep_interview"
        else InterviewKind.STANDARD
    )
    session = services.start_interview(
        application, kind=kind, acting_user=target, expected_version=application.version
    )
    return session.pk


def url(name: str, target: User) -> str:
    if name in {"interview_start", "interview_assign"}:
        return reverse(name, args=[make_application().application_no])
    if name.startswith("interview_") and name not in {"interview_list", "interview_waiting"}:
        return reverse(name, args=[_session_id(target)])
    if name == "question_bank_detail":
        return reverse(name, args=[bank.bank_in_force().number])
    if name in {"question_bank_question_add", "question_bank_publish"}:
        return reverse(name, args=[bank.create_bank_draft(acting_user=target).number])
    if name in {"question_bank_question_edit", "question_bank_question_toggle"}:
        draft = bank.create_bank_draft(acting_user=target)
        return reverse(name, args=[draft.number, "D01-Q1"])
    return reverse(name)

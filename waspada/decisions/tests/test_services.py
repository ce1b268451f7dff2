"""Proposal, sign-off, return and completed documents: each step and its audit trail."""

from __future__ import annotations

import pytest

from waspada.applications.models import Status, StatusChange
from waspada.core.models import AuditEvent, User
from waspada.decisions import services
from waspada.decisions.models import DecisionState, LetterKind
from waspada.decisions.tests.helpers import HIGH_RISK, approve, at_interview, propose

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]


def actions_of(application_id: int) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(application_id), action__startswith="decisions.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_low_risk_issue_is_in_force_at_once_without_a_letter(interviewer: User) -> None:
    application = at_interview()
    assert application.risk_level == "low"

    decision = propose(application, "issue", by=interviewer)

    application.refresh_from_db()
    assert application.status == Status.ISSUED
    assert decision.state == DecisionState.IN_FORCE
    assert not decision.needs_sign_off
    assert decision.in_force_at is not None
    assert decision.letters.count() == 0
    assert actions_of(application.pk) == ["decisions.proposed"]


def test_a_high_risk_issue_waits_for_a_supervisor(interviewer: User, supervisor: User) -> None:
    application = at_interview(**HIGH_RISK)

    decision = propose(application, "issue", by=interviewer)

    application.refresh_from_db()
    assert (application.status, decision.state) == (Status.DECISION_PENDING, "proposed")
    assert decision.risk_level == "high"
    approve(decision, by=supervisor, comment="Sponsor dikonfirmasi.")
    application.refresh_from_db()
    assert application.status == Status.ISSUED
    assert decision.reviewed_by == supervisor
    assert actions_of(application.pk) == ["decisions.proposed", "decisions.signed_off"]


@pytest.mark.parametrize(
    ("outcome", "status", "letter_kind"),
    [
        ("defer", Status.DEFERRED, LetterKind.DEFERRAL),
        ("refuse", Status.REFUSED, LetterKind.REFUSAL),
        ("cancel", Status.CANCELLED, None),
    ],
)
def test_a_signed_off_decision_takes_effect_with_its_letter(
    interviewer: User, supervisor: User, outcome: str, status: str, letter_kind: str | None
) -> None:
    application = at_interview()
    decision = propose(application, outcome, by=interviewer)
    assert decision.state == DecisionState.PROPOSED
    assert decision.from_status == Status.INTERVIEW

    approve(decision, by=supervisor)

    decision.refresh_from_db()
    application.refresh_from_db()
    assert application.status == status
    assert decision.state == DecisionState.IN_FORCE
    assert (decision.proposed_by, decision.reviewed_by) == (interviewer, supervisor)
    assert [letter.kind for letter in decision.letters.all()] == (
        [letter_kind] if letter_kind else []
    )
    changes = StatusChange.objects.filter(application=application).order_by("pk")
    assert [c.to_status for c in changes][-2:] == [Status.DECISION_PENDING, status]


def test_only_what_the_outcome_needs_is_stored(interviewer: User) -> None:
    application = at_interview()

    decision = propose(
        application,
        "refuse",
        by=interviewer,
        missing_documents=["kk"],  # left ticked on the form, meaningless for a refusal
    )

    assert decision.missing_documents == []
    assert decision.deadline is None


def test_a_returned_proposal_puts_the_application_back_with_the_comment(
    interviewer: User, supervisor: User
) -> None:
    application = at_interview()
    decision = propose(application, "refuse", by=interviewer)

    services.return_proposal(
        decision,
        acting_user=supervisor,
        comment="Tanyakan dulu siapa yang membiayai perjalanan.",
        expected_version=decision.application.version,
    )

    application.refresh_from_db()
    decision.refresh_from_db()
    assert application.status == Status.INTERVIEW
    assert decision.state == DecisionState.RETURNED
    assert decision.review_comment == "Tanyakan dulu siapa yang membiayai perjalanan."
    assert decision.letters.count() == 0
    # A new proposal may follow.
    again = propose(application, "defer", by=interviewer)
    assert again.state == DecisionState.PROPOSED


def test_completed_documents_bring_a_deferred_application_back_to_the_interview(
    interviewer: User, supervisor: User
) -> None:
    application = at_interview()
    deferral = approve(propose(application, "defer", by=interviewer), by=supervisor)
    application.refresh_from_db()

    services.complete_documents(
        application, acting_user=interviewer, expected_version=application.version
    )

    application.refresh_from_db()
    deferral.refresh_from_db()
    assert application.status == Status.INTERVIEW
    assert deferral.documents_completed_at is not None
    assert {"surat_jaminan", "tiket_pulang"} <= set(application.documents)
    assert actions_of(application.pk)[-1] == "decisions.documents_completed"
    # The application was assessed again with the documents it now has.
    assert AuditEvent.objects.filter(
        action="screening.assessed", object_id=str(application.pk), details__trigger="fact"
    ).exists()


def test_a_deferred_application_can_be_refused(interviewer: User, supervisor: User) -> None:
    application = at_interview()
    approve(propose(application, "defer", by=interviewer), by=supervisor)
    application.refresh_from_db()

    refusal = approve(
        propose(application, "refuse", by=interviewer, reason_code="false_statements"),
        by=supervisor,
    )

    application.refresh_from_db()
    assert application.status == Status.REFUSED
    assert refusal.from_status == Status.DEFERRED


def test_the_head_of_office_may_sign_off_a_supervisors_proposal(
    supervisor: User, head_of_office: User
) -> None:
    application = at_interview()
    decision = propose(application, "cancel", by=supervisor)

    approve(decision, by=head_of_office)

    application.refresh_from_db()
    assert application.status == Status.CANCELLED

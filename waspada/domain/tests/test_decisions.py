"""The decision rules: what may be proposed when, who signs off, deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from waspada.domain import decisions as rules
from waspada.domain.decisions import Outcome, Problem, Proposal, State

TODAY = dt.date(2026, 3, 2)
REASON_CODE_FOR = {
    Outcome.REFUSE: "false_statements",
    Outcome.CANCEL: "obtained_by_false_statements",
}


def codes(found: list[Problem]) -> set[tuple[str, str]]:
    return {(problem.field, problem.code) for problem in found}


def refusal(**overrides: object) -> Proposal:
    values: dict[str, object] = {
        "outcome": Outcome.REFUSE,
        "application_status": rules.INTERVIEW,
        "reason": "Hendak bekerja di Kamboja tanpa rekomendasi Disnaker.",
        "reason_code": "non_procedural_work",
        "legal_basis": rules.REASONS["non_procedural_work"].legal_basis,
        "today": TODAY,
    }
    values.update(overrides)
    return Proposal(**values)  # type: ignore[arg-type]


def deferral(**overrides: object) -> Proposal:
    values: dict[str, object] = {
        "outcome": Outcome.DEFER,
        "application_status": rules.INTERVIEW,
        "reason": "Surat jaminan belum ada.",
        "missing_documents": ["surat_jaminan"],
        "deadline": rules.deferral_deadline(TODAY),
        "today": TODAY,
    }
    values.update(overrides)
    return Proposal(**values)  # type: ignore[arg-type]


def test_a_complete_refusal_and_a_complete_deferral_have_no_problems() -> None:
    assert rules.problems(refusal()) == []
    assert rules.problems(deferral()) == []


def test_a_decision_without_a_reason_is_refused() -> None:
    assert codes(rules.problems(refusal(reason="   "))) == {("reason", "reason_required")}


def test_a_refusal_needs_a_legal_basis_and_a_refusal_reason_code() -> None:
    assert codes(rules.problems(refusal(legal_basis=""))) == {
        ("legal_basis", "legal_basis_required")
    }
    # A cancellation reason does not justify a refusal.
    assert codes(rules.problems(refusal(reason_code="withdrawn_by_applicant"))) == {
        ("reason_code", "reason_code_required")
    }


def test_a_reason_code_on_an_issue_or_deferral_is_refused() -> None:
    issue = Proposal(
        Outcome.ISSUE, rules.INTERVIEW, reason="Lengkap.", reason_code="travel_ban", today=TODAY
    )
    assert codes(rules.problems(issue)) == {("reason_code", "reason_code_not_for_outcome")}


def test_a_deferral_needs_known_missing_documents_and_a_future_deadline() -> None:
    assert codes(rules.problems(deferral(missing_documents=[]))) == {
        ("missing_documents", "missing_documents_required")
    }
    assert codes(rules.problems(deferral(missing_documents=["ktp", "selfie"]))) == {
        ("missing_documents", "unknown_document")
    }
    assert codes(rules.problems(deferral(deadline=None))) == {("deadline", "deadline_required")}
    assert codes(rules.problems(deferral(deadline=TODAY))) == {("deadline", "deadline_in_past")}


@pytest.mark.parametrize(
    ("outcome", "status", "allowed"),
    [
        (Outcome.ISSUE, rules.INTERVIEW, True),
        (Outcome.ISSUE, rules.DEFERRED, False),
        (Outcome.DEFER, rules.DEFERRED, False),
        (Outcome.REFUSE, rules.DEFERRED, True),
        (Outcome.REFUSE, rules.DECISION_PENDING, False),
        (Outcome.REFUSE, rules.REFUSED, False),
        (Outcome.CANCEL, rules.ISSUED, True),
        (Outcome.CANCEL, rules.DECISION_PENDING, False),
    ],
)
def test_an_outcome_is_proposed_only_from_the_statuses_that_allow_it(
    outcome: Outcome, status: str, allowed: bool
) -> None:
    proposal = Proposal(
        outcome,
        status,
        reason="Alasan tertulis.",
        reason_code=REASON_CODE_FOR.get(outcome, ""),
        legal_basis="UU 6/2011",
        missing_documents=["kk"],
        deadline=TODAY + dt.timedelta(days=30),
        today=TODAY,
    )
    assert (("outcome", "wrong_state") in codes(rules.problems(proposal))) is not allowed


@pytest.mark.parametrize(
    ("outcome", "risk", "effect"),
    [
        (Outcome.ISSUE, "low", (State.IN_FORCE, rules.ISSUED)),
        (Outcome.ISSUE, "medium", (State.IN_FORCE, rules.ISSUED)),
        (Outcome.ISSUE, "high", (State.PROPOSED, rules.DECISION_PENDING)),
        (Outcome.DEFER, "low", (State.PROPOSED, rules.DECISION_PENDING)),
        (Outcome.REFUSE, "low", (State.PROPOSED, rules.DECISION_PENDING)),
        (Outcome.CANCEL, "low", (State.PROPOSED, rules.DECISION_PENDING)),
    ],
)
def test_only_a_low_or_medium_risk_issue_takes_effect_without_a_sign_off(
    outcome: Outcome, risk: str, effect: tuple[State, str]
) -> None:
    assert rules.effect_of_proposal(outcome, risk) == effect


def test_nobody_signs_off_their_own_proposal() -> None:
    found = rules.review_problems(
        state=State.PROPOSED,
        application_status=rules.DECISION_PENDING,
        proposer_id=7,
        reviewer_id=7,
    )
    assert codes(found) == {("", "own_proposal")}
    # A proposal of the daily deadline check has no proposer: any supervisor may sign it.
    assert (
        rules.review_problems(
            state=State.PROPOSED,
            application_status=rules.DECISION_PENDING,
            proposer_id=None,
            reviewer_id=7,
        )
        == []
    )


def test_a_returned_or_settled_proposal_cannot_be_reviewed_and_a_return_needs_a_comment() -> None:
    settled = rules.review_problems(
        state=State.IN_FORCE, application_status=rules.REFUSED, proposer_id=1, reviewer_id=2
    )
    assert codes(settled) == {("", "not_awaiting_sign_off")}
    no_comment = rules.review_problems(
        state=State.PROPOSED,
        application_status=rules.DECISION_PENDING,
        proposer_id=1,
        reviewer_id=2,
        comment=" ",
        returning=True,
    )
    assert codes(no_comment) == {("comment", "comment_required")}


def test_documents_are_completed_only_for_an_open_deferral() -> None:
    assert rules.completion_problems(rules.DEFERRED, open_deferral=True) == []
    assert codes(rules.completion_problems(rules.INTERVIEW, open_deferral=True)) == {
        ("", "not_deferred")
    }
    assert codes(rules.completion_problems(rules.DEFERRED, open_deferral=False)) == {
        ("", "not_deferred")
    }


def test_a_deferral_is_overdue_from_the_day_after_its_deadline() -> None:
    deadline = rules.deferral_deadline(TODAY, days=30)
    assert deadline == dt.date(2026, 4, 1)
    assert not rules.is_overdue(deadline, dt.date(2026, 4, 1))
    assert rules.is_overdue(deadline, dt.date(2026, 4, 2))


def test_every_reason_suggests_a_legal_basis_for_refusals() -> None:
    for reason in rules.reasons_for(Outcome.REFUSE):
        assert reason.legal_basis.startswith("UU 6/2011"), reason.code
    assert rules.REASONS[rules.DOCUMENTS_NOT_COMPLETED].outcome == Outcome.REFUSE

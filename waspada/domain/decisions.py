"""The decision state machine: which outcome may be proposed when, who must sign it off.

Pure Python (no Django): the decisions app's services call these rules and turn the
problems they report into messages in the officer's language.

An interviewer *proposes* an outcome for an application - issue, defer (*tunda*),
refuse (*tolak*) or cancel (*batal*). Deferrals, refusals, cancellations, and issuing
a passport when the risk is high, need a supervisor's sign-off before they take
effect; nobody signs off their own proposal. A supervisor may return a proposal with
a comment: the application goes back to where it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from waspada.domain.documents import DOCUMENT_CODES


class Outcome(StrEnum):
    ISSUE = "issue"
    DEFER = "defer"
    REFUSE = "refuse"
    CANCEL = "cancel"


class State(StrEnum):
    PROPOSED = "proposed"  # waiting for a supervisor's sign-off
    RETURNED = "returned"  # sent back with a comment; a new proposal may follow
    IN_FORCE = "in_force"  # signed off, or did not need a sign-off


# Application statuses (values of applications.models.Status), repeated here so the
# rules stay free of Django.
SUBMITTED = "submitted"
SCREENING = "screening"
INTERVIEW = "interview"
DECISION_PENDING = "decision_pending"
ISSUED = "issued"
DEFERRED = "deferred"
REFUSED = "refused"
CANCELLED = "cancelled"

OPEN_STATUSES = frozenset({SUBMITTED, SCREENING, INTERVIEW, DEFERRED})

# From which application statuses each outcome may be proposed. A deferred application
# comes back to the interview when its documents are complete, or is refused when they
# are not; only cancellation reaches an issued passport (obtained on false statements).
PROPOSABLE_FROM: dict[Outcome, frozenset[str]] = {
    Outcome.ISSUE: frozenset({SCREENING, INTERVIEW}),
    Outcome.DEFER: frozenset({SCREENING, INTERVIEW}),
    Outcome.REFUSE: frozenset({SCREENING, INTERVIEW, DEFERRED}),
    Outcome.CANCEL: OPEN_STATUSES | {ISSUED},
}

RESULTING_STATUS: dict[Outcome, str] = {
    Outcome.ISSUE: ISSUED,
    Outcome.DEFER: DEFERRED,
    Outcome.REFUSE: REFUSED,
    Outcome.CANCEL: CANCELLED,
}

DEFAULT_DEFERRAL_DAYS = 30

# The reason of the refusal the daily deadline check proposes for an overdue deferral.
DOCUMENTS_NOT_COMPLETED = "documents_not_completed"


@dataclass(frozen=True)
class Reason:
    """A refusal or cancellation reason code with its suggested legal basis."""

    code: str
    outcome: Outcome
    legal_basis: str


# Suggested legal bases; the officer may add to them (the form starts with this text).
REASONS: dict[str, Reason] = {
    reason.code: reason
    for reason in (
        Reason(
            "non_procedural_work",
            Outcome.REFUSE,
            "UU 6/2011 tentang Keimigrasian; UU 18/2017 Pasal 5 dan 13; "
            "SE Dirjen Imigrasi IMI-0277.GR.02.06/2017",
        ),
        Reason(
            "trafficking_suspected",
            Outcome.REFUSE,
            "UU 6/2011 tentang Keimigrasian; UU 21/2007 Pasal 4; "
            "SE Dirjen Imigrasi IMI-0277.GR.02.06/2017",
        ),
        Reason(
            "documents_not_completed",
            Outcome.REFUSE,
            "UU 6/2011 tentang Keimigrasian; Permenkumham 8/2014 jo. Permenkumham 18/2022",
        ),
        Reason(
            "false_statements",
            Outcome.REFUSE,
            "UU 6/2011 tentang Keimigrasian; Permenkumham 8/2014 jo. Permenkumham 18/2022",
        ),
        Reason("travel_ban", Outcome.REFUSE, "UU 6/2011 tentang Keimigrasian (pencegahan)"),
        Reason(
            "obtained_by_false_statements",
            Outcome.CANCEL,
            "UU 6/2011 tentang Keimigrasian; Permenkumham 8/2014 jo. Permenkumham 18/2022",
        ),
        Reason("withdrawn_by_applicant", Outcome.CANCEL, ""),
        Reason("duplicate_application", Outcome.CANCEL, ""),
    )
}


def reasons_for(outcome: str) -> list[Reason]:
    """The reasons of an outcome (an `Outcome` or its value)."""
    return [reason for reason in REASONS.values() if reason.outcome == outcome]


def needs_sign_off(outcome: Outcome, risk_level: str) -> bool:
    """Everything but a low- or medium-risk issue waits for a supervisor."""
    return outcome != Outcome.ISSUE or risk_level == "high"


def may_sign_off(proposer_id: int | None, reviewer_id: int | None) -> bool:
    """Four-eyes: the reviewer is not the proposer (system proposals have no proposer)."""
    return proposer_id != reviewer_id


def effect_of_proposal(outcome: Outcome, risk_level: str) -> tuple[State, str]:
    """(decision state, application status) right after a proposal is made.

    A proposal that needs a sign-off waits in `decision_pending`; one that does not
    (a low- or medium-risk issue) is in force at once.
    """
    if needs_sign_off(outcome, risk_level):
        return State.PROPOSED, DECISION_PENDING
    return State.IN_FORCE, RESULTING_STATUS[outcome]


@dataclass(frozen=True)
class Proposal:
    """What the officer filled in; checked by `problems`."""

    outcome: Outcome
    application_status: str
    reason: str = ""
    reason_code: str = ""
    legal_basis: str = ""
    missing_documents: Collection[str] = ()
    deadline: dt.date | None = None
    today: dt.date | None = None


@dataclass(frozen=True)
class Problem:
    """One reason an action is refused: the form field ("" for the whole form) and a
    code for the message."""

    field: str
    code: str


def problems(proposal: Proposal) -> list[Problem]:
    """Everything wrong with a proposal; empty when it may be made."""
    found: list[Problem] = []
    if proposal.application_status not in PROPOSABLE_FROM[proposal.outcome]:
        found.append(Problem("outcome", "wrong_state"))
    if not proposal.reason.strip():
        found.append(Problem("reason", "reason_required"))
    if proposal.outcome in {Outcome.REFUSE, Outcome.CANCEL}:
        reason = REASONS.get(proposal.reason_code)
        if reason is None or reason.outcome != proposal.outcome:
            found.append(Problem("reason_code", "reason_code_required"))
    elif proposal.reason_code:
        found.append(Problem("reason_code", "reason_code_not_for_outcome"))
    if proposal.outcome == Outcome.REFUSE and not proposal.legal_basis.strip():
        found.append(Problem("legal_basis", "legal_basis_required"))
    if proposal.outcome == Outcome.DEFER:
        if not proposal.missing_documents:
            found.append(Problem("missing_documents", "missing_documents_required"))
        elif not set(proposal.missing_documents) <= set(DOCUMENT_CODES):
            found.append(Problem("missing_documents", "unknown_document"))
        if proposal.deadline is None:
            found.append(Problem("deadline", "deadline_required"))
        elif proposal.today is not None and proposal.deadline <= proposal.today:
            found.append(Problem("deadline", "deadline_in_past"))
    return found


def review_problems(
    *,
    state: str,
    application_status: str,
    proposer_id: int | None,
    reviewer_id: int,
    comment: str = "",
    returning: bool = False,
) -> list[Problem]:
    """Everything wrong with signing off (or, `returning`, sending back) a proposal."""
    found: list[Problem] = []
    if state != State.PROPOSED or application_status != DECISION_PENDING:
        found.append(Problem("", "not_awaiting_sign_off"))
    if not may_sign_off(proposer_id, reviewer_id):
        found.append(Problem("", "own_proposal"))
    if returning and not comment.strip():
        found.append(Problem("comment", "comment_required"))
    return found


def completion_problems(application_status: str, *, open_deferral: bool) -> list[Problem]:
    """Documents can be completed only for a deferred application with its deferral open."""
    if application_status != DEFERRED or not open_deferral:
        return [Problem("", "not_deferred")]
    return []


def deferral_deadline(today: dt.date, days: int = DEFAULT_DEFERRAL_DAYS) -> dt.date:
    return today + dt.timedelta(days=days)


def is_overdue(deadline: dt.date, today: dt.date) -> bool:
    """A deferral is overdue the day after its deadline."""
    return today > deadline

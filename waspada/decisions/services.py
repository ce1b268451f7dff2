"""Every change of a decision: propose, sign off, return, complete documents, deadlines.

One function per state change, atomic, audited. The application's status moves through
`change_status` with the version the officer's page was loaded with, so when two officers
act on one application at once exactly one wins and the other gets `StaleApplication`.
A refused action raises `DecisionRefused` (field + message in the user's language) and
saves nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop

from waspada.applications import hooks
from waspada.applications.forms import DOCUMENT_LABELS
from waspada.applications.models import PassportApplication, Status
from waspada.applications.services import StaleApplication, change_status
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said, terms, text
from waspada.core.errors import UserFacingError
from waspada.core.models import NotificationKind, User
from waspada.core.notifications import notify
from waspada.core.policy import Action, can
from waspada.decisions import queries
from waspada.decisions.models import Decision, DecisionState, Letter
from waspada.decisions.models import Outcome as OutcomeLabel
from waspada.domain import decisions as rules
from waspada.domain.decisions import Outcome, Problem

# The audit summaries written here (the application's timeline shows them), by
# (proposed automatically, needs a sign-off).
PROPOSED = {
    (False, True): text(gettext_noop("Application %(number)s: %(outcome)s proposed")),
    (True, True): text(gettext_noop("Application %(number)s: %(outcome)s proposed automatically")),
    (False, False): text(
        gettext_noop("Application %(number)s: %(outcome)s proposed, in force without sign-off")
    ),
    (True, False): text(
        gettext_noop(
            "Application %(number)s: %(outcome)s proposed automatically, in force without sign-off"
        )
    ),
}
SIGNED_OFF = text(gettext_noop("Application %(number)s: %(outcome)s signed off"))
RETURNED = text(gettext_noop("Application %(number)s: %(outcome)s proposal returned"))
COMPLETED = text(gettext_noop("Application %(number)s: documents completed, back to interview"))
terms(OutcomeLabel.choices)
# The notes of the status history (written as English sentences, read in the reader's
# language by `StatusChange.note_text`).
for _note in (
    gettext_noop("%(outcome)s proposed"),
    gettext_noop("%(outcome)s (no sign-off)"),
    gettext_noop("%(outcome)s signed off"),
    gettext_noop("%(outcome)s proposal returned"),
    gettext_noop("documents completed"),
    gettext_noop("proposal returned"),
):
    text(_note)


def problem_message(problem: Problem) -> str:
    """The message for a rule's problem code, in the active language."""
    messages = {
        "wrong_state": gettext(
            "This outcome cannot be proposed while the application is in this status."
        ),
        "unknown_outcome": gettext("Choose an outcome."),
        "reason_required": gettext("Write the reason for the decision."),
        "reason_code_required": gettext("Choose a reason code for this outcome."),
        "reason_code_not_for_outcome": gettext(
            "Reason codes are for refusals and cancellations only."
        ),
        "legal_basis_required": gettext("A refusal must state its legal basis."),
        "missing_documents_required": gettext("A deferral must list the missing documents."),
        "unknown_document": gettext("Unknown document."),
        "deadline_required": gettext("A deferral needs a deadline to complete the documents."),
        "deadline_in_past": gettext("The deadline must be after today."),
        "not_awaiting_sign_off": gettext("This proposal is no longer waiting for a sign-off."),
        "own_proposal": gettext(
            "Nobody signs off or returns their own proposal: another supervisor must do it."
        ),
        "not_allowed": gettext("Your role may not sign off or return proposals."),
        "comment_required": gettext("Write a comment saying why the proposal is returned."),
        "not_deferred": gettext(
            "The application is not deferred: there are no documents to complete."
        ),
    }
    return messages.get(problem.code, problem.code)


class DecisionRefused(UserFacingError):
    """An action the rules refuse; nothing was saved.

    `errors` lists (field, message) pairs, field "" for the whole form; `field` and
    `message` are the first of them.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        self.errors = [(problem.field, problem_message(problem)) for problem in self.problems]
        self.field, self.message = self.errors[0]
        super().__init__("; ".join(message for _, message in self.errors))

    def form_errors(self) -> list[tuple[str, str]]:
        return list(self.errors)


def _ensure_current(application: PassportApplication, expected_version: int) -> None:
    # The page was loaded before somebody else's change: say so rather than judging
    # the action against a state the officer has not seen. (change_status guards the
    # race between this check and the update.)
    if application.version != expected_version:
        raise StaleApplication(application.application_no)


def _came_into_force(decision: Decision, acting_user: User | None) -> Letter | None:
    """The letter of a decision now in force (deferral or refusal), in the same transaction."""
    from waspada.decisions.letters import make_decision_letter

    return make_decision_letter(decision, acting_user=acting_user)


def _record(
    action: AuditAction,
    summary: str,
    decision: Decision,
    *,
    acting_user: User | None,
    request: HttpRequest | None,
    **details: object,
) -> None:
    # Recorded on the application, so its page's timeline shows every step.
    audit.record(
        action,
        summary,
        actor=acting_user,
        obj=decision.application,
        details={
            "decision": decision.pk,
            "outcome": decision.outcome,
            "state": decision.state,
            **details,
        },
        request=request,
    )


@transaction.atomic
def propose_decision(
    application: PassportApplication,
    *,
    outcome: str,
    reason: str,
    reason_code: str = "",
    legal_basis: str = "",
    missing_documents: Collection[str] = (),
    deadline: dt.date | None = None,
    acting_user: User | None,
    expected_version: int,
    automatic: bool = False,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> Decision:
    """Propose an outcome; a low- or medium-risk issue is in force at once.

    Everything else waits for a supervisor's sign-off in status `decision_pending`.
    `automatic` proposals (the daily deadline check) have no proposer, so any
    supervisor may sign them off.
    """
    try:
        chosen = Outcome(outcome)
    except ValueError:
        raise DecisionRefused([Problem("outcome", "unknown_outcome")]) from None
    _ensure_current(application, expected_version)
    today = today or timezone.localdate()
    is_deferral = chosen == Outcome.DEFER
    proposal = rules.Proposal(
        outcome=chosen,
        application_status=application.status,
        reason=reason,
        reason_code=reason_code,
        legal_basis=legal_basis,
        missing_documents=tuple(missing_documents),
        deadline=deadline,
        today=today,
    )
    found = rules.problems(proposal)
    if found:
        raise DecisionRefused(found)
    from_status = application.status
    state, to_status = rules.effect_of_proposal(chosen, application.risk_level)
    change_status(
        application,
        to_status,
        expected_version=expected_version,
        acting_user=acting_user,
        note=f"{chosen} proposed" if state == rules.State.PROPOSED else f"{chosen} (no sign-off)",
        request=request,
    )
    now = timezone.now()
    decision = Decision.objects.create(
        application=application,
        outcome=chosen,
        state=state,
        reason=reason.strip(),
        reason_code=reason_code,
        legal_basis=legal_basis.strip(),
        missing_documents=sorted(missing_documents) if is_deferral else [],
        deadline=deadline if is_deferral else None,
        from_status=from_status,
        risk_level=application.risk_level,
        needs_sign_off=state == rules.State.PROPOSED,
        automatic=automatic,
        proposed_by=None if automatic else acting_user,
        proposed_at=now,
        in_force_at=None if state == rules.State.PROPOSED else now,
    )
    _record(
        AuditAction.DECISION_PROPOSED,
        said(
            PROPOSED[(automatic, decision.needs_sign_off)],
            number=application.application_no,
            outcome=OutcomeLabel(chosen).label,
        ),
        decision,
        acting_user=acting_user,
        request=request,
        reason_code=reason_code,
        risk_level=application.risk_level,
        needs_sign_off=decision.needs_sign_off,
        automatic=automatic,
    )
    if decision.state == DecisionState.IN_FORCE:
        _came_into_force(decision, acting_user)
    return decision


def _review(
    decision: Decision,
    *,
    acting_user: User,
    comment: str,
    expected_version: int,
    returning: bool,
) -> PassportApplication:
    """The checks shared by sign-off and return; the application to change."""
    application = decision.application
    _ensure_current(application, expected_version)
    found = rules.review_problems(
        state=decision.state,
        application_status=application.status,
        proposer_id=decision.proposed_by_id,
        reviewer_id=acting_user.pk,
        comment=comment,
        returning=returning,
    )
    # The role check without the object: the four-eyes rule has its own message above.
    if not can(acting_user, Action.SIGN_OFF_DECISION):
        found.append(Problem("", "not_allowed"))
    if found:
        raise DecisionRefused(found)
    return application


def _settle(decision: Decision, state: DecisionState, *, acting_user: User, comment: str) -> None:
    """Mark the proposal reviewed; only if it is still proposed (else nothing is saved)."""
    now = timezone.now()
    values: dict[str, object] = {
        "state": state,
        "reviewed_by": acting_user,
        "reviewed_at": now,
        "review_comment": comment.strip(),
    }
    if state == DecisionState.IN_FORCE:
        values["in_force_at"] = now
    updated = Decision.objects.filter(pk=decision.pk, state=DecisionState.PROPOSED).update(**values)
    if updated != 1:
        raise DecisionRefused([Problem("", "not_awaiting_sign_off")])
    for name, value in values.items():
        setattr(decision, name, value)


def _conclude(
    decision: Decision,
    *,
    acting_user: User,
    comment: str,
    expected_version: int,
    request: HttpRequest | None,
    returning: bool,
) -> Decision:
    """Sign off (the outcome's status) or return (the status before the proposal)."""
    application = _review(
        decision,
        acting_user=acting_user,
        comment=comment,
        expected_version=expected_version,
        returning=returning,
    )
    if returning:
        to_status, state = decision.from_status, DecisionState.RETURNED
        done = "proposal returned"
    else:
        to_status = rules.RESULTING_STATUS[Outcome(decision.outcome)]
        state, done = DecisionState.IN_FORCE, "signed off"
    change_status(
        application,
        to_status,
        expected_version=expected_version,
        acting_user=acting_user,
        note=f"{decision.outcome} {done}",
        request=request,
    )
    _settle(decision, state, acting_user=acting_user, comment=comment)
    _record(
        AuditAction.DECISION_RETURNED if returning else AuditAction.DECISION_SIGNED_OFF,
        said(
            RETURNED if returning else SIGNED_OFF,
            number=application.application_no,
            outcome=OutcomeLabel(decision.outcome).label,
        ),
        decision,
        acting_user=acting_user,
        request=request,
        comment=decision.review_comment,
        proposed_by=decision.proposed_by_id,
    )
    # The officer who proposed it hears how it went (an automatic proposal: nobody).
    notify(
        [decision.proposed_by],
        NotificationKind.PROPOSAL_RETURNED if returning else NotificationKind.PROPOSAL_SIGNED_OFF,
        subject=application.application_no,
        url=reverse("application_detail", args=[application.application_no]),
    )
    return decision


@transaction.atomic
def sign_off(
    decision: Decision,
    *,
    acting_user: User,
    comment: str = "",
    expected_version: int,
    request: HttpRequest | None = None,
) -> Decision:
    """A supervisor (not the proposer) signs off a proposal: it comes into force."""
    _conclude(
        decision,
        acting_user=acting_user,
        comment=comment,
        expected_version=expected_version,
        request=request,
        returning=False,
    )
    _came_into_force(decision, acting_user)
    return decision


@transaction.atomic
def return_proposal(
    decision: Decision,
    *,
    acting_user: User,
    comment: str,
    expected_version: int,
    request: HttpRequest | None = None,
) -> Decision:
    """Send a proposal back with a comment: the application returns to where it was."""
    return _conclude(
        decision,
        acting_user=acting_user,
        comment=comment,
        expected_version=expected_version,
        request=request,
        returning=True,
    )


@transaction.atomic
def complete_documents(
    application: PassportApplication,
    *,
    acting_user: User | None,
    expected_version: int,
    request: HttpRequest | None = None,
) -> Decision:
    """The applicant brought the missing documents: back to the interview.

    The documents join the application's list and the application is assessed again,
    so indicators about them no longer fire at the interview.
    """
    _ensure_current(application, expected_version)
    deferral = queries.open_deferral(application)
    found = rules.completion_problems(application.status, open_deferral=deferral is not None)
    if found or deferral is None:
        raise DecisionRefused(found)
    change_status(
        application,
        Status.INTERVIEW,
        expected_version=expected_version,
        acting_user=acting_user,
        note="documents completed",
        request=request,
    )
    deferral.documents_completed_at = timezone.now()
    deferral.save(update_fields=["documents_completed_at"])
    added = [code for code in deferral.missing_documents if code not in application.documents]
    if added:
        application.documents = [*application.documents, *added]
        PassportApplication.objects.filter(pk=application.pk).update(
            documents=application.documents
        )
    _record(
        AuditAction.DOCUMENTS_COMPLETED,
        said(COMPLETED, number=application.application_no),
        deferral,
        acting_user=acting_user,
        request=request,
        documents=added,
    )
    # Screening's "new fact" trigger: the documents are facts its indicators read.
    hooks.applications_saved([application.pk], trigger="fact", acting_user=acting_user)
    return deferral


@dataclass(frozen=True)
class OverdueRefusal:
    """A refusal proposed for an overdue deferral."""

    deferral: Decision
    refusal: Decision


@dataclass
class OverdueCheck:
    """What one run of the deadline check did."""

    today: dt.date
    proposed: list[OverdueRefusal] = field(default_factory=list)
    # Application numbers somebody else changed while the check ran (left for tomorrow).
    skipped: list[str] = field(default_factory=list)


def _overdue_reason(deferral: Decision) -> str:
    assert deferral.deadline is not None  # an overdue deferral has one

    # Stored text (quoted in the letter): written in the office's language.
    with translation.override(settings.LANGUAGE_CODE):
        documents = ", ".join(
            str(DOCUMENT_LABELS.get(code, code)) for code in deferral.missing_documents
        )
        return gettext(
            "The documents required by the deferral (%(documents)s) were not completed "
            "by the deadline of %(deadline)s."
        ) % {"documents": documents, "deadline": date_format(deferral.deadline, "j F Y")}


def propose_overdue_refusals(
    today: dt.date,
    *,
    acting_user: User | None = None,
    progress: Callable[[int], object] | None = None,
    on_total: Callable[[int], object] | None = None,
) -> OverdueCheck:
    """Propose the refusal of every deferred application past its deadline.

    Idempotent: one automatic proposal per deferral (see `queries.overdue_deferrals`).
    Each proposal is its own transaction, so one application changed meanwhile by an
    officer is skipped without undoing the others.
    """
    check = OverdueCheck(today=today)
    due = list(queries.overdue_deferrals(today))
    if on_total is not None:
        on_total(len(due))
    reason = rules.REASONS[rules.DOCUMENTS_NOT_COMPLETED]
    for deferral in due:
        application = deferral.application
        try:
            decision = propose_decision(
                application,
                outcome=Outcome.REFUSE,
                reason=_overdue_reason(deferral),
                reason_code=reason.code,
                legal_basis=reason.legal_basis,
                acting_user=acting_user,
                expected_version=application.version,
                automatic=True,
                today=today,
            )
        except (StaleApplication, DecisionRefused):
            check.skipped.append(application.application_no)
        else:
            check.proposed.append(OverdueRefusal(deferral, decision))
        if progress is not None:
            progress(1)
    return check

"""Bad input is refused with a message on the right field, and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation

from waspada.applications.models import PassportApplication
from waspada.applications.services import StaleApplication
from waspada.core.models import User
from waspada.decisions import services
from waspada.decisions.models import Decision
from waspada.decisions.services import DecisionRefused
from waspada.decisions.tests.helpers import approve, at_interview, propose, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    # The messages are compared in English (the msgids); the catalog translates them.
    with translation.override("en"):
        yield


def refused(action: Callable[[], Any]) -> DecisionRefused:
    """Run `action`, expect DecisionRefused, and check that it saved nothing."""
    before = snapshot()
    with pytest.raises(DecisionRefused) as caught:
        action()
    assert snapshot() == before
    return caught.value


@pytest.mark.parametrize(
    ("outcome", "overrides", "field", "message"),
    [
        ("refuse", {"reason": "  "}, "reason", "Write the reason for the decision."),
        ("refuse", {"legal_basis": ""}, "legal_basis", "A refusal must state its legal basis."),
        ("refuse", {"reason_code": ""}, "reason_code", "Choose a reason code for this outcome."),
        (
            "defer",
            {"missing_documents": []},
            "missing_documents",
            "A deferral must list the missing documents.",
        ),
        (
            "defer",
            {"deadline": None},
            "deadline",
            "A deferral needs a deadline to complete the documents.",
        ),
        (
            "issue",
            {"reason_code": "travel_ban"},
            "reason_code",
            "Reason codes are for refusals and cancellations only.",
        ),
    ],
)
def test_an_incomplete_proposal_is_refused_on_its_field(
    interviewer: User, outcome: str, overrides: dict[str, Any], field: str, message: str
) -> None:
    application = at_interview()

    problem = refused(lambda: propose(application, outcome, by=interviewer, **overrides))

    assert (problem.field, problem.message) == (field, message)


def test_every_problem_of_a_proposal_is_reported_at_once(interviewer: User) -> None:
    application = at_interview()

    problem = refused(
        lambda: propose(application, "defer", by=interviewer, reason="", missing_documents=[])
    )

    assert {field for field, _ in problem.errors} == {"reason", "missing_documents"}


def test_a_proposal_on_an_application_in_the_wrong_state_is_refused(
    interviewer: User, supervisor: User
) -> None:
    application = at_interview()
    propose(application, "defer", by=interviewer)  # now waiting for a sign-off
    application.refresh_from_db()

    problem = refused(lambda: propose(application, "refuse", by=interviewer))

    assert problem.field == "outcome"
    assert "cannot be proposed" in problem.message


def test_nobody_signs_off_their_own_proposal_even_when_a_view_forgets_the_policy(
    supervisor: User,
) -> None:
    application = at_interview()
    decision = propose(application, "refuse", by=supervisor)

    problem = refused(lambda: approve(decision, by=supervisor))

    assert "own proposal" in problem.message
    decision.refresh_from_db()
    assert decision.state == "proposed"


def test_nobody_returns_their_own_proposal_either(supervisor: User) -> None:
    application = at_interview()
    decision = propose(application, "refuse", by=supervisor)

    problem = refused(
        lambda: services.return_proposal(
            decision,
            acting_user=supervisor,
            comment="Saya tarik.",
            expected_version=decision.application.version,
        )
    )

    assert "own proposal" in problem.message


def test_an_interviewer_may_not_sign_off(interviewer: User, supervisor: User) -> None:
    application = at_interview()
    decision = propose(application, "refuse", by=supervisor)

    problem = refused(lambda: approve(decision, by=interviewer))

    assert problem.message == "Your role may not sign off or return proposals."


def test_a_return_without_a_comment_is_refused(interviewer: User, supervisor: User) -> None:
    application = at_interview()
    decision = propose(application, "refuse", by=interviewer)

    problem = refused(
        lambda: services.return_proposal(
            decision,
            acting_user=supervisor,
            comment=" ",
            expected_version=decision.application.version,
        )
    )

    assert (problem.field, problem.message) == (
        "comment",
        "Write a comment saying why the proposal is returned.",
    )


def test_a_decision_in_force_cannot_be_signed_off_again(
    interviewer: User, supervisor: User, head_of_office: User
) -> None:
    application = at_interview()
    decision = approve(propose(application, "cancel", by=interviewer), by=supervisor)
    decision.application.refresh_from_db()

    problem = refused(lambda: approve(decision, by=head_of_office))

    assert problem.message == "This proposal is no longer waiting for a sign-off."


def test_documents_cannot_be_completed_for_an_application_that_is_not_deferred(
    interviewer: User,
) -> None:
    application = at_interview()

    problem = refused(
        lambda: services.complete_documents(
            application, acting_user=interviewer, expected_version=application.version
        )
    )

    assert "not deferred" in problem.message


def test_an_unknown_outcome_is_refused(interviewer: User) -> None:
    application = at_interview()

    problem = refused(
        lambda: services.propose_decision(
            application,
            outcome="approve",
            reason="Lengkap.",
            acting_user=interviewer,
            expected_version=application.version,
        )
    )

    assert (problem.field, problem.message) == ("outcome", "Choose an outcome.")


def test_an_action_from_an_outdated_page_is_refused_and_saves_nothing(
    interviewer: User, supervisor: User
) -> None:
    application = at_interview()
    decision = propose(application, "refuse", by=interviewer)
    outdated_version = decision.application.version - 1  # the page before the proposal
    before = snapshot()

    with pytest.raises(StaleApplication) as stale:
        services.sign_off(decision, acting_user=supervisor, expected_version=outdated_version)

    assert snapshot() == before
    assert "changed by someone else" in stale.value.message()
    assert Decision.objects.get().state == "proposed"
    assert PassportApplication.objects.get().status == "decision_pending"

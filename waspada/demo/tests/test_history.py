"""The demo's past: interviews and decisions as the services would have made them."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

import pytest
from django.db.models import Count

from waspada.applications.models import PassportApplication, Status, StatusChange
from waspada.core.models import AuditEvent
from waspada.decisions.models import Decision, DecisionState, Outcome
from waspada.demo.history import add_history
from waspada.demo.tests.conftest import Story
from waspada.domain import decisions as rules
from waspada.interviews.models import InterviewKind, InterviewSession

pytestmark = pytest.mark.usefixtures("central_java_regions")


def test_every_older_application_was_interviewed_and_decided(story: Story) -> None:
    decided = PassportApplication.objects.filter(decisions__isnull=False).distinct()
    assert decided.count() == story.history.applications
    assert not decided.filter(interviews__isnull=True).exists()
    # The newest four weeks stay open for the queues.
    assert PassportApplication.objects.filter(status=Status.SCREENING).exists()
    # Deep interviews where the assessment recommended them.
    recommended = decided.filter(risk_action="deep_interview")
    assert recommended.exists()
    assert not recommended.exclude(interviews__kind=InterviewKind.DEEP).exists()


def test_the_status_is_the_last_decision_in_force(story: Story) -> None:
    last: dict[int, Decision] = {}
    for decision in Decision.objects.filter(state=DecisionState.IN_FORCE).order_by(
        "in_force_at", "pk"
    ):
        last[decision.application_id] = decision
    statuses = dict(PassportApplication.objects.filter(pk__in=last).values_list("pk", "status"))
    for application_id, decision in last.items():
        expected = rules.RESULTING_STATUS[rules.Outcome(decision.outcome)]
        if decision.outcome == Outcome.DEFER and decision.documents_completed_at:
            expected = statuses[application_id]  # back at the interview, then decided again
        assert statuses[application_id] == expected, application_id


def test_decisions_follow_the_rules(story: Story) -> None:
    for decision in Decision.objects.select_related("application"):
        assert decision.reason.strip()
        if decision.outcome in (Outcome.REFUSE, Outcome.CANCEL):
            assert rules.REASONS[decision.reason_code].outcome == decision.outcome
        if decision.outcome == Outcome.REFUSE:
            assert decision.legal_basis.strip()
        if decision.outcome == Outcome.DEFER:
            assert decision.missing_documents and decision.deadline
        if decision.needs_sign_off and decision.state != DecisionState.PROPOSED:
            # Four-eyes: never signed off or returned by the proposer.
            assert decision.reviewed_by_id is not None
            assert decision.reviewed_by_id != decision.proposed_by_id
        assert decision.needs_sign_off == rules.needs_sign_off(
            rules.Outcome(decision.outcome), decision.risk_level
        )
    automatic = Decision.objects.filter(automatic=True)
    assert all(d.reason_code == rules.DOCUMENTS_NOT_COMPLETED for d in automatic)


def test_status_history_is_a_chain_with_an_audit_event_per_step(story: Story) -> None:
    chains: dict[int, list[StatusChange]] = defaultdict(list)
    # In the order they were written (the import's own changes are dated when it ran).
    for change in StatusChange.objects.order_by("pk"):
        chains[change.application_id].append(change)
    applications = dict(PassportApplication.objects.values_list("pk", "status"))
    for application_id, changes in chains.items():
        for before, after in pairwise(changes):
            assert before.to_status == after.from_status, application_id
        assert changes[-1].to_status == applications[application_id]
    # One audit event per status change, dated when it happened.
    counted = AuditEvent.objects.filter(
        action="applications.status_changed", details__source="demo history"
    ).count()
    history_changes = StatusChange.objects.exclude(from_status__in=["", Status.SUBMITTED]).count()
    assert counted == history_changes
    for action in ("interviews.started", "interviews.finished", "decisions.proposed"):
        assert AuditEvent.objects.filter(action=action).exists()
    sessions = InterviewSession.objects.count()
    assert AuditEvent.objects.filter(action="interviews.finished").count() == sessions


def test_a_second_run_finds_nothing_left_to_do(story: Story) -> None:
    # The two applications typed in at the counter after the demo get their story now.
    assert add_history(seed=7).applications == len(story.registered)
    before = (
        Decision.objects.count(),
        InterviewSession.objects.count(),
        AuditEvent.objects.count(),
    )
    assert add_history(seed=7).applications == 0
    after = (Decision.objects.count(), InterviewSession.objects.count(), AuditEvent.objects.count())
    assert after == before


def test_the_year_has_the_outcomes_an_office_sees(story: Story) -> None:
    outcomes = dict(
        Decision.objects.filter(state=DecisionState.IN_FORCE)
        .values_list("outcome")
        .annotate(n=Count("id"))
    )
    issued = outcomes.get(Outcome.ISSUE, 0)
    assert issued > 0.9 * story.history.applications
    assert outcomes.get(Outcome.REFUSE, 0) + outcomes.get(Outcome.DEFER, 0) > 0

"""Two officers acting on one application at once: exactly one wins, nothing is lost.

Each officer loads the page first (the decision and the application's version), then
both act. On PostgreSQL each action runs in its own thread with its own database
connection, released together by a barrier; on SQLite (one writer at a time) the
actions run one after the other from the same loaded pages, which is the same race
decided by the version check.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import pytest
from django.db import connection, connections, transaction

from waspada.applications.models import PassportApplication, Status, StatusChange
from waspada.applications.services import StaleApplication
from waspada.core.models import AuditEvent, User
from waspada.decisions import services
from waspada.decisions.models import Decision, DecisionState, Letter
from waspada.decisions.services import DecisionRefused
from waspada.decisions.tests.helpers import PROPOSALS, at_interview, propose

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("central_java_regions"),
]

POSTGRES = connection.vendor == "postgresql"
WAIT = 20  # seconds: generous, a PDF is rendered inside the winning transaction


@dataclass
class Attempt:
    """What one officer's action did."""

    result: Any = None
    refused: StaleApplication | DecisionRefused | None = None
    backend: int | None = None  # the PostgreSQL backend (connection) it ran on

    @property
    def won(self) -> bool:
        return self.refused is None


def attempt(action: Callable[[], Any], backend: int | None = None) -> Attempt:
    try:
        return Attempt(result=action(), backend=backend)
    except (StaleApplication, DecisionRefused) as refused:
        return Attempt(refused=refused, backend=backend)


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def in_threads(*jobs: Callable[[], None]) -> None:
    """Run jobs in threads; each thread's connection is closed at its end."""
    failures: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        try:
            job()
        except BaseException as exc:  # reported to the test, not lost in the thread
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=WAIT * 2)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    if failures:
        raise failures[0]


def race(*actions: Callable[[], Any]) -> list[Attempt]:
    """Run the actions at the same moment (PostgreSQL) or one after another (SQLite)."""
    if not POSTGRES:
        return [attempt(action) for action in actions]
    barrier = threading.Barrier(len(actions), timeout=WAIT)
    attempts: list[Attempt] = [Attempt() for _ in actions]

    def job(index: int) -> None:
        backend = backend_pid()  # this thread's own connection, opened before the start
        barrier.wait()
        attempts[index] = attempt(actions[index], backend)

    in_threads(*(partial(job, index) for index in range(len(actions))))
    assert len({a.backend for a in attempts}) == len(actions), "one connection per officer"
    return attempts


def one_winner(attempts: list[Attempt]) -> tuple[Attempt, Attempt]:
    winners = [a for a in attempts if a.won]
    losers = [a for a in attempts if not a.won]
    assert (len(winners), len(losers)) == (1, 1)
    return winners[0], losers[0]


def loaded(decision: Decision) -> Decision:
    """The proposal as one officer's page loaded it."""
    return Decision.objects.select_related("application").get(pk=decision.pk)


def count(action: str, application: PassportApplication) -> int:
    return AuditEvent.objects.filter(action=action, object_id=str(application.pk)).count()


def test_two_sign_offs_of_one_proposal(
    interviewer: User, supervisor: User, head_of_office: User
) -> None:
    application = at_interview()
    proposal = propose(application, "refuse", by=interviewer)
    pages = loaded(proposal), loaded(proposal)
    version = pages[0].application.version

    winner, loser = one_winner(
        race(
            lambda: services.sign_off(pages[0], acting_user=supervisor, expected_version=version),
            lambda: services.sign_off(
                pages[1], acting_user=head_of_office, expected_version=version
            ),
        )
    )

    assert isinstance(loser.refused, StaleApplication)
    assert application.application_no in loser.refused.message()
    proposal.refresh_from_db()
    application.refresh_from_db()
    assert proposal.state == DecisionState.IN_FORCE
    assert proposal.reviewed_by == winner.result.reviewed_by
    assert (application.status, application.version) == (Status.REFUSED, version + 1)
    assert StatusChange.objects.filter(application=application, to_status="refused").count() == 1
    assert count("decisions.signed_off", application) == 1
    assert Letter.objects.filter(decision=proposal).count() == 1


def test_a_sign_off_and_a_return_at_once(
    interviewer: User, supervisor: User, head_of_office: User
) -> None:
    application = at_interview()
    proposal = propose(application, "defer", by=interviewer)
    pages = loaded(proposal), loaded(proposal)
    version = pages[0].application.version

    winner, loser = one_winner(
        race(
            lambda: services.sign_off(pages[0], acting_user=supervisor, expected_version=version),
            lambda: services.return_proposal(
                pages[1],
                acting_user=head_of_office,
                comment="Wawancara ulang.",
                expected_version=version,
            ),
        )
    )

    assert isinstance(loser.refused, StaleApplication)
    proposal.refresh_from_db()
    application.refresh_from_db()
    assert application.version == version + 1
    signed = winner.result.state == DecisionState.IN_FORCE
    assert proposal.state == winner.result.state
    assert application.status == (Status.DEFERRED if signed else Status.INTERVIEW)
    assert Letter.objects.filter(decision=proposal).count() == (1 if signed else 0)
    assert (
        count("decisions.signed_off", application) + count("decisions.returned", application) == 1
    )


def test_two_proposals_at_once(interviewer: User, supervisor: User) -> None:
    application = at_interview()
    pages = (
        PassportApplication.objects.get(pk=application.pk),
        PassportApplication.objects.get(pk=application.pk),
    )
    version = application.version

    def proposal(page: PassportApplication, outcome: str, by: User) -> Callable[[], Decision]:
        return lambda: services.propose_decision(
            page,
            outcome=outcome,
            acting_user=by,
            expected_version=version,
            **PROPOSALS[outcome],
        )

    winner, loser = one_winner(
        race(
            proposal(pages[0], "refuse", interviewer),
            proposal(pages[1], "cancel", supervisor),
        )
    )

    assert isinstance(loser.refused, StaleApplication)
    only = Decision.objects.get()
    assert only == winner.result
    application.refresh_from_db()
    assert (application.status, application.version) == (Status.DECISION_PENDING, version + 1)
    assert count("decisions.proposed", application) == 1


def wait_until_blocked(pid: int) -> bool:
    """True once PostgreSQL shows backend `pid` waiting for a lock."""
    deadline = time.monotonic() + WAIT
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # Statistics are a snapshot per transaction: drop it to see the present.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
            row = cursor.fetchone()
            if row is not None and row[0] == "Lock":
                return True
            time.sleep(0.02)
    return False


def test_the_second_officer_waits_for_the_first_and_then_gets_the_message(
    interviewer: User, supervisor: User, head_of_office: User
) -> None:
    """The loser really ran at the same time: it waited on the winner's row lock."""
    application = at_interview()
    proposal = propose(application, "refuse", by=interviewer)
    pages = loaded(proposal), loaded(proposal)
    version = pages[0].application.version

    def first() -> Decision:
        return services.sign_off(pages[0], acting_user=supervisor, expected_version=version)

    def second() -> Decision:
        return services.return_proposal(
            pages[1], acting_user=head_of_office, comment="Tunggu.", expected_version=version
        )

    if POSTGRES:
        holding = threading.Event()
        second_backend: list[int] = []
        outcome: dict[str, Any] = {}

        def run_first() -> None:
            with transaction.atomic():  # commit only once the second officer is waiting
                outcome["first"] = attempt(first)
                holding.set()
                while not second_backend:
                    time.sleep(0.01)
                outcome["second_was_blocked"] = wait_until_blocked(second_backend[0])

        def run_second() -> None:
            second_backend.append(backend_pid())
            assert holding.wait(WAIT)
            outcome["second"] = attempt(second, second_backend[0])

        in_threads(run_first, run_second)
        assert outcome["second_was_blocked"]
        won, lost = outcome["first"], outcome["second"]
    else:
        won, lost = attempt(first), attempt(second)

    assert won.won and not lost.won
    assert isinstance(lost.refused, StaleApplication)
    proposal.refresh_from_db()
    assert proposal.state == DecisionState.IN_FORCE
    assert proposal.review_comment == ""
    assert count("decisions.returned", application) == 0

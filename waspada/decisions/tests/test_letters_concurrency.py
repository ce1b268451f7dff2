"""Two letters made at the same moment, each in its own thread and database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import OperationalError, connection, connections

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.decisions import letters
from waspada.decisions.models import Decision, Letter, LetterSequence
from waspada.decisions.tests.test_letters import configure_office, decision_in_force

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("central_java_regions"),
]


def at_once(jobs: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Run the jobs in threads released together; their results and their exceptions."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(job: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results.append(job())
        except BaseException as exc:  # reported to the test, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.mark.parametrize("year_started", [False, True], ids=["first-of-year", "later"])
def test_two_letters_made_at_once_never_share_a_number(
    supervisor: User, year_started: bool
) -> None:
    configure_office()
    if year_started:
        LetterSequence.objects.create(year=2026, last_number=41)
    decisions: list[Decision] = [
        decision_in_force(make_application(), "refuse", reviewer=supervisor) for _ in range(2)
    ]

    made, errors = at_once(
        [partial(letters.make_decision_letter, d, acting_user=supervisor) for d in decisions]
    )

    first = 42 if year_started else 1
    if connection.vendor == "postgresql":
        # The year's row is locked while a letter is made: the second waits, then counts on.
        assert errors == []
        assert sorted(letter.sequence for letter in made) == [first, first + 1]
        assert LetterSequence.objects.get(year=2026).last_number == first + 1
    else:
        # SQLite allows one writer at a time: a colliding letter fails (and its decision
        # can be retried), it never gets a number twice.
        assert all(isinstance(error, OperationalError) for error in errors)
        assert len(made) + len(errors) == 2 and made
    stored = Letter.objects.order_by("sequence")
    assert len({letter.number for letter in stored}) == stored.count() == len(made)
    assert {letter.decision_id for letter in stored} == {letter.decision_id for letter in made}

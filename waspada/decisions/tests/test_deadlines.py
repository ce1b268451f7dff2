"""The daily deadline check: overdue deferrals are proposed for refusal, once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from waspada.applications.models import PassportApplication, Status
from waspada.core.models import User
from waspada.decisions import services, tasks
from waspada.decisions.models import Decision, DecisionState
from waspada.decisions.tests.helpers import approve, at_interview, propose

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def deferred(interviewer: User, supervisor: User, deadline: dt.date) -> PassportApplication:
    """A deferred application whose documents are due on `deadline`."""
    application = at_interview()
    # Proposed as of a day before the deadline, so that any deadline is in the future.
    approve(
        propose(
            application,
            "defer",
            by=interviewer,
            deadline=deadline,
            today=deadline - dt.timedelta(days=30),
        ),
        by=supervisor,
    )
    application.refresh_from_db()
    return application


def test_an_overdue_deferral_is_proposed_for_refusal_for_the_supervisor(
    interviewer: User, supervisor: User
) -> None:
    due = dt.date(2026, 4, 1)
    overdue = deferred(interviewer, supervisor, due)
    on_time = deferred(interviewer, supervisor, due + dt.timedelta(days=1))

    check = services.propose_overdue_refusals(due + dt.timedelta(days=1))

    assert [item.refusal.application for item in check.proposed] == [overdue]
    refusal = check.proposed[0].refusal
    assert refusal.outcome == "refuse"
    assert refusal.reason_code == "documents_not_completed"
    assert refusal.legal_basis.startswith("UU 6/2011")
    assert refusal.automatic
    assert refusal.proposed_by is None
    assert refusal.state == DecisionState.PROPOSED
    assert refusal.from_status == Status.DEFERRED
    overdue.refresh_from_db()
    on_time.refresh_from_db()
    assert (overdue.status, on_time.status) == (Status.DECISION_PENDING, Status.DEFERRED)
    # The stored reason is written in the office's language and names the documents.
    assert "jaminan" in refusal.reason.lower()


def test_on_the_deadline_itself_the_deferral_is_not_yet_overdue(
    interviewer: User, supervisor: User
) -> None:
    due = dt.date(2026, 4, 1)
    deferred(interviewer, supervisor, due)

    assert services.propose_overdue_refusals(due).proposed == []


def test_the_check_is_idempotent_and_does_not_repeat_a_returned_proposal(
    interviewer: User, supervisor: User
) -> None:
    due = dt.date(2026, 4, 1)
    application = deferred(interviewer, supervisor, due)
    first = services.propose_overdue_refusals(due + dt.timedelta(days=1))
    assert len(first.proposed) == 1

    assert services.propose_overdue_refusals(due + dt.timedelta(days=2)).proposed == []
    # The supervisor decides to wait: the proposal goes back, and stays back.
    application.refresh_from_db()
    services.return_proposal(
        first.proposed[0].refusal,
        acting_user=supervisor,
        comment="Pemohon sudah menelepon, dokumen dibawa minggu ini.",
        expected_version=application.version,
    )
    assert services.propose_overdue_refusals(due + dt.timedelta(days=3)).proposed == []
    application.refresh_from_db()
    assert application.status == Status.DEFERRED


def test_any_supervisor_signs_off_the_automatic_refusal_with_its_letter(
    interviewer: User, supervisor: User
) -> None:
    due = dt.date(2026, 4, 1)
    application = deferred(interviewer, supervisor, due)
    refusal = services.propose_overdue_refusals(due + dt.timedelta(days=5)).proposed[0].refusal

    approve(refusal, by=supervisor)

    application.refresh_from_db()
    assert application.status == Status.REFUSED
    assert refusal.letters.filter(kind="penolakan").count() == 1


def test_completed_documents_close_the_deferral_for_the_check(
    interviewer: User, supervisor: User
) -> None:
    due = dt.date(2026, 4, 1)
    application = deferred(interviewer, supervisor, due)
    services.complete_documents(
        application, acting_user=interviewer, expected_version=application.version
    )

    assert services.propose_overdue_refusals(due + dt.timedelta(days=9)).proposed == []


def test_the_command_proposes_and_prints_what_it_did(interviewer: User, supervisor: User) -> None:
    due = dt.date(2026, 4, 1)
    application = deferred(interviewer, supervisor, due)
    out = StringIO()

    call_command("check_deadlines", "--date", "2026-04-02", stdout=out, stderr=StringIO())

    text = out.getvalue()
    assert f"Refusal proposed: {application.application_no} (deadline 2026-04-01)" in text
    assert "2026-04-02: 1 refusals proposed, 0 skipped." in text
    assert Decision.objects.filter(automatic=True).count() == 1


def test_the_daily_task_runs_the_check_and_queues_tomorrows_run(
    interviewer: User, supervisor: User
) -> None:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    application = deferred(interviewer, supervisor, yesterday)

    result = tasks.check_deadlines_daily.call()

    assert result["proposed"] == [application.application_no]
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert waiting.task_path == tasks.check_deadlines_daily.module_path
    assert waiting.run_after == tasks.next_run_after(timezone.now())
    assert timezone.localtime(waiting.run_after).date() == timezone.localdate() + dt.timedelta(
        days=1
    )


def test_scheduling_twice_queues_one_run(db: None) -> None:
    out = StringIO()
    call_command("check_deadlines", "--schedule", stdout=out)
    call_command("check_deadlines", "--schedule", stdout=out)

    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    assert "already queued" in out.getvalue()


def test_next_run_is_tomorrow_night_in_local_time() -> None:
    evening = timezone.make_aware(dt.datetime(2026, 3, 2, 23, 59))
    assert timezone.localtime(tasks.next_run_after(evening)) == timezone.make_aware(
        dt.datetime(2026, 3, 3, 0, 30)
    )

"""`waspada demo` leaves work waiting for the demo logins (waspada.demo.workload)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from waspada.applications.models import Status
from waspada.core.models import AuditEvent, User
from waspada.decisions import queries, services
from waspada.decisions.models import Decision, DecisionState, Letter, LetterKind, Outcome
from waspada.demo.workload import add_workload
from waspada.domain import decisions as rules
from waspada.domain.risk import U_INDICATOR_CODES
from waspada.interviews.models import InterviewKind, InterviewSession, SessionState

pytestmark = pytest.mark.usefixtures("central_java_regions")

# A past year, small but with enough open applications of every kind for the workload.
DEMO_ARGS = ("--years", "2024", "--per-year", "1500", "--seed", "1")


def _demo() -> str:
    out = io.StringIO()
    call_command("demo", *DEMO_ARGS, verbosity=0, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_output(settings: Settings) -> str:
    settings.LANGUAGE_CODE = "en"
    return _demo()


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _workload(output: str) -> list[str]:
    """The application numbers the workload chose (the demo's output lists them)."""
    line = next(line for line in output.splitlines() if line.startswith("Demo work in"))
    return line.split("Applications: ", 1)[1].rstrip(".").split(", ")


def _rows(html: str, testid: str, row: str) -> list[str]:
    """The rows of a table of the page (split on the rows' test id)."""
    table = html.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    return table.split(f'data-testid="{row}"')[1:]


def test_the_supervisor_finds_proposals_and_open_deferrals_including_an_overdue_one(
    demo_output: str, login: Callable[[User | None], Client]
) -> None:
    assert (
        "Demo work in progress: 2 open interviews, 5 proposals awaiting sign-off, "
        "4 deferrals in force (1 past the deadline)." in demo_output
    )
    page = login(_user("kasi")).get(reverse("decision_queue"))
    assert page.status_code == 200
    html = page.content.decode()

    proposals = _rows(html, "sign-off-queue", "queue-row")
    pending = list(queries.sign_off_queue())
    assert len(proposals) == len(pending) == 5
    for decision, row in zip(pending, proposals, strict=True):
        assert decision.application.application_no in row
        assert "Agus Setiawan" in row  # proposed by the demo interviewer, not by kasi
    outcomes = sorted(decision.outcome for decision in pending)
    assert outcomes == [Outcome.DEFER] * 2 + [Outcome.REFUSE] * 3

    today = timezone.localdate()
    deferrals = _rows(html, "open-deferrals", "deferral-row")
    assert len(deferrals) == 4
    overdue = [row for row in deferrals if 'data-overdue="1"' in row]
    assert len(overdue) == 1
    in_force = list(queries.open_deferrals())
    assert [d.deadline is not None and d.deadline < today for d in in_force] == [
        True,
        False,
        False,
        False,
    ]
    assert in_force[0].application.application_no in overdue[0]


def test_refusals_rest_on_a_finished_deep_interview_and_deferrals_are_signed_off_by_another(
    demo_output: str,
) -> None:
    wawancara, kasi = _user("wawancara"), _user("kasi")
    refusals = Decision.objects.filter(outcome=Outcome.REFUSE, state=DecisionState.PROPOSED)
    assert refusals.count() == 3
    for refusal in refusals.select_related("application"):
        assert refusal.application.status == Status.DECISION_PENDING
        assert refusal.proposed_by == wawancara
        assert refusal.reason_code == "non_procedural_work"
        assert refusal.legal_basis == rules.REASONS["non_procedural_work"].legal_basis
        session = InterviewSession.objects.get(application=refusal.application)
        assert (session.kind, session.state) == (InterviewKind.DEEP, SessionState.FINISHED)
        assert session.interviewer == wawancara
        worrying = session.answers.filter(worrying=True)
        assert worrying.filter(raises__in=U_INDICATOR_CODES).exists()
        assert all(item["note"] for item in session.raised_indicators)
        # What the interview found is now part of the assessment the supervisor reads.
        refusal.application.refresh_from_db()
        assert refusal.application.risk_level == "high"
        assert "U02" in refusal.application.risk_indicators.split(";")

    signed = Decision.objects.filter(
        outcome=Outcome.DEFER,
        state=DecisionState.IN_FORCE,
        application__application_no__in=_workload(demo_output),
    )
    assert signed.count() == 4
    for deferral in signed:
        assert (deferral.proposed_by, deferral.reviewed_by) == (wawancara, kasi)
        assert deferral.missing_documents
        assert deferral.letters.filter(kind=LetterKind.DEFERRAL).exists()


def test_open_interviews_wait_on_the_interview_list(
    demo_output: str, login: Callable[[User | None], Client]
) -> None:
    open_sessions = InterviewSession.objects.filter(state=SessionState.OPEN)
    assert open_sessions.count() == 2
    page = login(_user("wawancara")).get(reverse("interview_list"))
    assert page.status_code == 200
    # The list opens on the interviews in progress.
    open_part = page.content.decode().split('data-testid="interview-table"', 1)[1]
    for session in open_sessions.select_related("application"):
        assert session.kind == InterviewKind.STANDARD
        assert session.application.status == Status.INTERVIEW
        assert session.application.application_no in open_part
        answered = session.answers.exclude(answer="").count()
        assert 0 < answered < session.answers.count()


def test_the_daily_check_proposes_the_refusal_of_the_overdue_deferral(demo_output: str) -> None:
    overdue = [
        d for d in queries.open_deferrals() if d.deadline and d.deadline < timezone.localdate()
    ]
    check = services.propose_overdue_refusals(timezone.localdate())
    assert [item.deferral for item in check.proposed] == overdue
    assert check.proposed[0].refusal.reason_code == rules.DOCUMENTS_NOT_COMPLETED


def test_every_step_is_audited_and_a_second_run_adds_nothing(
    demo_output: str, settings: Settings
) -> None:
    wawancara, kasi = _user("wawancara"), _user("kasi")
    steps = {
        ("interviews.started", wawancara): 3 + 6 + 2,
        ("interviews.finished", wawancara): 3 + 6,
        ("decisions.proposed", wawancara): 3 + 6,
        ("decisions.signed_off", kasi): 4,
    }
    for (action, actor), count in steps.items():
        # The history's own events are marked with their source; the workload's are not.
        events = AuditEvent.objects.filter(action=action, actor=actor).exclude(
            details__has_key="source"
        )
        assert events.count() == count, action
    assert AuditEvent.objects.filter(action="interviews.recorded", actor=wawancara).count() == 11
    # Letters only for the decisions signed off now: the history makes none.
    assert Letter.objects.filter(kind=LetterKind.DEFERRAL).count() == 4
    assert len(_workload(demo_output)) == 3 + 6 + 2
    assert not AuditEvent.objects.filter(action__startswith="demo.").exists()

    before = (
        Decision.objects.count(),
        InterviewSession.objects.count(),
        Letter.objects.count(),
        AuditEvent.objects.count(),
    )
    again = _demo()
    assert "Demo work in progress: added by an earlier run, nothing to add." in again
    assert add_workload().already_added
    after = (
        Decision.objects.count(),
        InterviewSession.objects.count(),
        Letter.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after == before

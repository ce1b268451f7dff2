"""Backtesting a draft policy in the background: queue, count in the worker, show figures.

The history of an office is too large for a web request: the button queues a run, the
worker counts in batches with progress, and the pages show the stored result. A GET
never computes anything.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from waspada.applications.tests.factories import make_application
from waspada.core.jobs import JobState
from waspada.core.models import AuditEvent, User
from waspada.screening import backtest as backtest_module
from waspada.screening import policies, services
from waspada.screening.backtest import BacktestResult, backtest
from waspada.screening.models import BacktestRun, PolicyVersion
from waspada.screening.tasks import run_backtest_task

pytestmark = pytest.mark.usefixtures("central_java_regions")

MARCH = {"date_from": "2026-03-01", "date_to": "2026-03-31"}


@pytest.fixture
def kasi(login: Callable[..., Client], supervisor: User) -> Client:
    return login(supervisor)


def _silent_draft(supervisor: User) -> PolicyVersion:
    """A draft with every indicator off: nothing can fire, nobody goes to deep interview."""
    draft = policies.create_draft(acting_user=supervisor, based_on=policies.version_in_force())
    data = copy.deepcopy(draft.data)
    for spec in data["indicators"].values():
        spec["enabled"] = False
    return policies.update_draft(draft, data, acting_user=supervisor)


def _march_applications() -> None:
    make_application(
        submitted_on=dt.date(2026, 3, 2),
        purpose="work",
        destination_country="SA",
        return_ticket="no",
        documents=["ktp", "kk"],
    )
    make_application(submitted_on=dt.date(2026, 3, 3), return_ticket="yes")


def _queue(
    client: Client, draft: PolicyVersion, capture: Callable[..., Any], data: dict[str, str]
) -> BacktestRun:
    with capture(execute=True):
        response = client.post(reverse("policy_backtest", args=[draft.number]), data)
    run = BacktestRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("policy_backtest_run", args=[draft.number, run.pk])
    return run


def test_supervisor_queues_a_backtest_and_sees_the_figures_once_the_worker_ran_it(
    kasi: Client,
    supervisor: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    _march_applications()
    make_application(submitted_on=dt.date(2026, 4, 1))  # outside the period
    draft = _silent_draft(supervisor)
    page = kasi.get(reverse("policy_backtest", args=[draft.number]))
    assert page.status_code == 200 and 'data-testid="backtest-none"' in page.content.decode()

    run = _queue(kasi, draft, django_capture_on_commit_callbacks, MARCH)
    task = DBTaskResult.objects.get()
    assert task.task_path == BacktestRun.TASK and task.args_kwargs["args"] == [run.pk]
    assert (run.state, run.created_by, run.draft, run.in_force) == (
        JobState.QUEUED,
        supervisor,
        draft,
        policies.version_in_force(),
    )
    assert (run.date_from, run.date_to) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    url = reverse("policy_backtest_run", args=[draft.number, run.pk])
    waiting = kasi.get(url).content.decode()
    assert 'data-state="queued"' in waiting and 'hx-trigger="every 1s"' in waiting
    assert 'data-testid="backtest-result"' not in waiting
    # Pressed again while it waits: the same run, not a second one.
    again = kasi.post(reverse("policy_backtest", args=[draft.number]), MARCH)
    assert again["Location"] == url and BacktestRun.objects.count() == 1
    listing = kasi.get(reverse("policy_backtest", args=[draft.number])).content.decode()
    assert 'data-testid="backtest-active"' in listing

    run_backtest_task.call(run.pk)

    run.refresh_from_db()
    assert (run.state, run.processed, run.total) == (JobState.DONE, 2, 2)
    page = kasi.get(url)
    result = page.context["result"]
    assert isinstance(result, BacktestResult)
    assert result.applications == 2
    assert result.to_deep == 0
    assert result.to_standard >= 1
    assert result.by_purpose["work"].deep_after == 0
    body = page.content.decode()
    assert 'data-state="done"' in body and "hx-trigger" not in body
    assert 'data-testid="applications">2<' in body
    assert 'data-testid="backtest-changes"' in body
    # The poll that sees the run end gets the figures inside the status part.
    part = kasi.get(url, headers={"HX-Request": "true"}).content.decode()
    assert part.lstrip().startswith('<section class="card" id="job-status"')
    assert 'data-testid="backtest-result"' in part and "<html" not in part

    trail = AuditEvent.objects.filter(object_type="screening.backtestrun", object_id=run.pk)
    assert list(trail.order_by("id").values_list("action", "actor")) == [
        ("screening.backtest_queued", supervisor.pk),
        ("screening.backtest_finished", supervisor.pk),
    ]


def test_the_old_address_shows_the_latest_finished_run_of_the_draft(
    kasi: Client, supervisor: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _march_applications()
    draft = _silent_draft(supervisor)
    run = _queue(kasi, draft, django_capture_on_commit_callbacks, MARCH)
    services.run_backtest(run.pk)
    address = reverse("policy_backtest", args=[draft.number])

    for query in ({}, MARCH):
        page = kasi.get(address, query)
        assert page.status_code == 200 and page.context["latest"] == run
        assert page.context["result"].applications == 2
        assert 'data-testid="backtest-changes"' in page.content.decode()
    other = kasi.get(address, {"date_from": "2026-01-01", "date_to": "2026-01-31"})
    assert other.context["latest"] is None
    assert 'data-testid="backtest-none"' in other.content.decode()
    assert BacktestRun.objects.count() == 1

    # Edited since: the figures stay, with a word that they are of the draft as it was.
    data = copy.deepcopy(draft.data)
    data["thresholds"]["high"] += 1
    policies.update_draft(draft, data, acting_user=supervisor)
    edited = kasi.get(address).content.decode()
    assert 'data-testid="backtest-draft-changed"' in edited


def test_a_get_never_starts_or_does_any_work(
    kasi: Client, supervisor: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _march_applications()
    draft = _silent_draft(supervisor)
    address = reverse("policy_backtest", args=[draft.number])
    with django_capture_on_commit_callbacks(execute=True):
        for query in ({}, MARCH, {"date_from": "2026-03-01"}):
            assert kasi.get(address, query).status_code == 200
    assert not BacktestRun.objects.exists() and not DBTaskResult.objects.exists()

    run = _queue(kasi, draft, django_capture_on_commit_callbacks, MARCH)
    with django_capture_on_commit_callbacks(execute=True):
        kasi.get(reverse("policy_backtest_run", args=[draft.number, run.pk]))
        kasi.get(address, MARCH)
    run.refresh_from_db()
    assert (run.state, run.processed, run.result) == (JobState.QUEUED, 0, None)
    assert DBTaskResult.objects.count() == 1


def test_the_worker_counts_in_batches_and_an_open_period_is_the_whole_history(
    kasi: Client,
    supervisor: User,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    for day in (1, 2, 3, 4, 5):
        make_application(submitted_on=dt.date(2025, 6, day))
    _march_applications()
    draft = _silent_draft(supervisor)
    monkeypatch.setattr(backtest_module, "BATCH_SIZE", 3)
    steps: list[int] = []
    current = policies.policy_of(policies.version_in_force())
    result = backtest(current, policies.policy_of(draft), progress=steps.append)
    assert steps == [3, 3, 1] and result.applications == 7
    assert BacktestResult.from_json(result.to_json()) == result
    assert sum(shift.applications for shift in result.by_sex.values()) == 7
    only_2025 = backtest(current, current, None, dt.date(2025, 12, 31))
    assert (only_2025.applications, only_2025.changed, only_2025.changes) == (5, 0, [])

    run = _queue(kasi, draft, django_capture_on_commit_callbacks, {"date_from": "", "date_to": ""})
    assert (run.date_from, run.date_to) == (None, None)
    services.run_backtest(run.pk)
    run.refresh_from_db()
    assert (run.state, run.processed, run.total) == (JobState.DONE, 7, 7)
    assert run.result is not None and run.result["applications"] == 7
    kasi.cookies["django_language"] = "en"
    page = kasi.get(reverse("policy_backtest_run", args=[draft.number, run.pk])).content.decode()
    assert '<dd data-testid="backtest-period">the whole history</dd>' in page


def test_a_failing_run_shows_failed_with_its_error_and_stops_polling(
    kasi: Client, supervisor: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _march_applications()
    draft = _silent_draft(supervisor)
    run = _queue(kasi, draft, django_capture_on_commit_callbacks, MARCH)
    # A stored draft the policy loader refuses: the work raises in the worker.
    BacktestRun.objects.filter(pk=run.pk).update(draft_data={"version": 2})

    with pytest.raises(Exception, match="thresholds"):
        services.run_backtest(run.pk)

    run.refresh_from_db()
    assert run.state == JobState.FAILED and run.ended_at is not None and run.result is None
    event = AuditEvent.objects.get(action="screening.backtest_failed")
    assert event.actor == supervisor and event.object_id == str(run.pk)
    page = kasi.get(reverse("policy_backtest_run", args=[draft.number, run.pk])).content.decode()
    assert 'data-state="failed"' in page and "hx-trigger" not in page
    assert 'data-testid="job-error"' in page and "thresholds" in page
    listing = kasi.get(reverse("policy_backtest", args=[draft.number])).content.decode()
    assert 'data-testid="backtest-active"' not in listing
    assert 'data-testid="backtest-none"' in listing


@pytest.mark.parametrize("persona", ["interviewer", "head_of_office", "auditor", "intake_officer"])
def test_only_those_who_manage_the_policy_backtest_it(
    persona: str,
    request: pytest.FixtureRequest,
    supervisor: User,
    login: Callable[..., Client],
) -> None:
    draft = _silent_draft(supervisor)
    run = services.request_backtest(draft, date_from=None, date_to=None, acting_user=supervisor)
    client = login(request.getfixturevalue(persona))
    address = reverse("policy_backtest", args=[draft.number])
    assert client.get(address).status_code == 403
    assert client.post(address, MARCH).status_code == 403
    run_page = reverse("policy_backtest_run", args=[draft.number, run.pk])
    assert client.get(run_page).status_code == 403
    assert BacktestRun.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"date_from": "not a date"},
        {"date_from": "2026-02-30"},
        {"date_from": "99999-01-01"},
        {"date_from": "2026-03-31", "date_to": "2026-03-01"},
        {"date_to": "x" * 10_000},
        {"date_from": "\x00"},
    ],
    ids=["words", "no-such-day", "year-99999", "reversed", "huge", "nul"],
)
def test_odd_periods_are_refused_with_a_4xx(
    kasi: Client, supervisor: User, data: dict[str, str]
) -> None:
    draft = _silent_draft(supervisor)
    address = reverse("policy_backtest", args=[draft.number])
    posted = kasi.post(address, data)
    assert posted.status_code == 400
    # A NUL character is refused before any form is read (the "request refused" page).
    refused = "\x00" in "".join(data.values())
    assert refused or 'class="errorlist' in posted.content.decode()
    assert kasi.get(address, data).status_code == 400
    assert not BacktestRun.objects.exists()


def test_a_run_is_found_only_under_its_own_draft_and_a_published_version_is_refused(
    kasi: Client, supervisor: User
) -> None:
    draft = _silent_draft(supervisor)
    run = services.request_backtest(draft, date_from=None, date_to=None, acting_user=supervisor)
    in_force = policies.version_in_force()
    assert kasi.get(reverse("policy_backtest_run", args=[in_force.number, run.pk])).status_code == (
        404
    )
    assert kasi.get(reverse("policy_backtest_run", args=[draft.number, 10**9])).status_code == 404
    assert kasi.get(reverse("policy_backtest", args=[10**9])).status_code == 404
    published = kasi.post(reverse("policy_backtest", args=[in_force.number]), MARCH)
    assert published.status_code == 403
    assert BacktestRun.objects.count() == 1

"""Background jobs (imports, detections, screenings, backtests): one state machine, one page.

queued -> running -> done | failed, with a heartbeat: a job silent for longer than the
stale limit is shown as failed and its page stops polling, whatever its row still says.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from waspada.applications.models import ImportJob
from waspada.applications.tests.factories import make_application
from waspada.core import jobs
from waspada.core.audit_actions import AuditAction
from waspada.core.jobs import Job, JobState, JobStateError
from waspada.core.models import AuditEvent, User
from waspada.core.tests.worker import run_worker
from waspada.networks import services as network_services
from waspada.networks.models import DetectionRun
from waspada.screening import services as screening_services
from waspada.screening.models import BacktestRun, PolicyVersion, ScreeningRun
from waspada.screening.policies import version_in_force

pytestmark = pytest.mark.django_db

JOB_MODELS: list[type[Job]] = [ImportJob, DetectionRun, ScreeningRun, BacktestRun]


def screening_run(**fields: Any) -> ScreeningRun:
    return ScreeningRun.objects.create(trigger="manual", description="test run", **fields)


def backtest_run(**fields: Any) -> BacktestRun:
    in_force = version_in_force()
    top = PolicyVersion.objects.order_by("-number").values_list("number", flat=True).first()
    draft = PolicyVersion.objects.create(number=(top or 0) + 1, data=in_force.data)
    return BacktestRun.objects.create(
        draft=draft, draft_data=draft.data, in_force=in_force, **fields
    )


def backtest_url(run: BacktestRun) -> str:
    return reverse("policy_backtest_run", args=[run.draft.number, run.pk])


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


# --- the state machine ----------------------------------------------------------------------


def test_a_job_goes_from_queued_through_running_to_done_with_its_progress(
    supervisor: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = jobs.create(
            ScreeningRun,
            acting_user=supervisor,
            action=AuditAction.SCREENING_QUEUED,
            summary="queued for the test",
            trigger="manual",
            description="test run",
            total=10,
        )
    task = DBTaskResult.objects.get()
    run.refresh_from_db()
    assert (run.state, run.created_by, run.task_id) == (JobState.QUEUED, supervisor, str(task.id))
    assert task.task_path == ScreeningRun.TASK and task.args_kwargs["args"] == [run.pk]
    assert run.active and run.percent == 0

    assert jobs.start(run) and run.state == JobState.RUNNING and run.started_at is not None
    assert not jobs.start(run), "a job is started once"

    before = run.heartbeat_at
    jobs.progress(run, advance=4)
    jobs.progress(run, advance=3)
    run.refresh_from_db()
    assert (run.processed, run.total, run.percent) == (7, 10, 70)
    assert run.heartbeat_at >= before

    jobs.finish(run, action=AuditAction.SCREENING_FINISHED, summary="finished for the test")
    run.refresh_from_db()
    assert run.state == JobState.DONE and not run.active and run.ended_at is not None
    assert run.percent == 100
    trail = AuditEvent.objects.filter(object_type="screening.screeningrun", object_id=run.pk)
    assert list(trail.order_by("id").values_list("action", flat=True)) == [
        "screening.queued",
        "screening.finished",
    ]
    with pytest.raises(JobStateError):
        jobs.finish(run)
    with pytest.raises(JobStateError):
        jobs.fail(run, "too late")


def test_a_new_phase_restarts_the_count_and_an_unknown_total_gives_no_percentage() -> None:
    run = screening_run(state=JobState.RUNNING)
    jobs.progress(run, total=None, advance=5)
    assert run.percent is None and run.processed == 5
    jobs.progress(run, phase="second", total=20)
    run.refresh_from_db()
    assert (run.phase, run.processed, run.total) == ("second", 0, 20)


def test_a_failed_job_keeps_its_error_and_is_no_longer_active() -> None:
    run = screening_run()
    jobs.fail(run, "RuntimeError: disk full", action=AuditAction.SCREENING_FAILED)
    run.refresh_from_db()
    assert run.state == JobState.FAILED and run.failed and not run.active
    assert run.ended_at is not None
    assert "disk full" in run.error_message
    assert AuditEvent.objects.get(action="screening.failed").object_id == str(run.pk)


@pytest.mark.parametrize("state", [JobState.QUEUED, JobState.RUNNING])
def test_a_job_silent_for_longer_than_the_limit_counts_as_failed(
    state: JobState, settings: Settings
) -> None:
    settings.WASPADA_JOB_STALE_MINUTES = 5
    silent = screening_run(state=state, heartbeat_at=timezone.now() - dt.timedelta(minutes=6))
    alive = screening_run(state=state, heartbeat_at=timezone.now() - dt.timedelta(minutes=4))
    assert silent.is_stale and silent.failed and not silent.active
    assert silent.shown_state == JobState.FAILED and silent.state == state
    with translation.override("en"):
        assert "for 5 minutes: the job was interrupted" in silent.error_message
    assert alive.active and not alive.is_stale
    assert list(ScreeningRun.objects.active()) == [alive]
    assert list(ScreeningRun.objects.stale()) == [silent]

    assert jobs.fail_stale(ScreeningRun.objects.all(), action=AuditAction.SCREENING_FAILED) == [
        silent
    ]
    silent.refresh_from_db()
    assert silent.state == JobState.FAILED and silent.error == jobs.INTERRUPTED
    with translation.override("id"):
        assert "selama 5 menit: pekerjaan ini terhenti" in silent.error_message
    assert AuditEvent.objects.get(action="screening.failed").object_id == str(silent.pk)


def test_a_waiting_job_that_shows_signs_of_life_is_not_stale(settings: Settings) -> None:
    settings.WASPADA_JOB_STALE_MINUTES = 5
    run = screening_run(heartbeat_at=timezone.now() - dt.timedelta(minutes=6))
    jobs.beat(run)
    assert run.active and not ScreeningRun.objects.stale().exists()


@pytest.mark.parametrize("model", JOB_MODELS, ids=lambda m: m.__name__)
def test_every_job_names_a_background_task(model: type[Job]) -> None:
    task = import_string(model.TASK)
    assert isinstance(task, Task) and task.module_path == model.TASK


# --- the pages ------------------------------------------------------------------------------


def _failed_import(user: User) -> tuple[str, str]:
    job = ImportJob.objects.create(
        filename="rusak.csv",
        created_by=user,
        state=JobState.FAILED,
        error="crashed",
        failure={"code": "crashed", "params": {}},
    )
    return reverse("application_import_job", args=[job.pk]), "The import stopped because of"


def _failed_detection(user: User) -> tuple[str, str]:
    run = DetectionRun.objects.create(
        created_by=user, state=JobState.FAILED, error="MemoryError: out of memory"
    )
    return reverse("detection_run", args=[run.pk]), "MemoryError: out of memory"


def _failed_screening(user: User) -> tuple[str, str]:
    run = screening_run(created_by=user, state=JobState.FAILED, error="RuntimeError: disk full")
    return reverse("screening_run", args=[run.pk]), "RuntimeError: disk full"


def _failed_backtest(user: User) -> tuple[str, str]:
    run = backtest_run(created_by=user, state=JobState.FAILED, error="PolicyError: thresholds")
    return backtest_url(run), "PolicyError: thresholds"


FAILED_PAGES = [_failed_import, _failed_detection, _failed_screening, _failed_backtest]


@pytest.mark.parametrize(
    "failed", FAILED_PAGES, ids=["import", "detection", "screening", "backtest"]
)
def test_each_job_page_shows_a_failed_job_with_its_error_and_stops_polling(
    failed: Callable[[User], tuple[str, str]],
    supervisor: User,
    login: Callable[[User | None], Client],
) -> None:
    url, error = failed(supervisor)
    client = english(login(supervisor))
    page = client.get(url).content.decode()
    assert 'data-state="failed"' in page and "hx-trigger" not in page
    assert 'data-testid="job-error"' in page and error in page
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert part.lstrip().startswith('<section class="card" id="job-status"')
    assert error in part and "<html" not in part


def _running(model: type[Job], user: User, heartbeat: dt.datetime) -> str:
    fields: dict[str, Any] = {"state": JobState.RUNNING, "created_by": user}
    fields["heartbeat_at"] = heartbeat
    if model is ScreeningRun:
        return reverse("screening_run", args=[screening_run(**fields).pk])
    if model is DetectionRun:
        return reverse("detection_run", args=[DetectionRun.objects.create(**fields).pk])
    if model is BacktestRun:
        return backtest_url(backtest_run(**fields))
    job = ImportJob.objects.create(filename="besar.csv", **fields)
    return reverse("application_import_job", args=[job.pk])


@pytest.mark.parametrize("model", JOB_MODELS, ids=lambda m: m.__name__)
def test_each_job_page_polls_a_live_job_and_shows_a_silent_one_as_interrupted(
    model: type[Job], supervisor: User, login: Callable[[User | None], Client]
) -> None:
    client = english(login(supervisor))
    live = client.get(_running(model, supervisor, timezone.now())).content.decode()
    assert 'data-state="running"' in live and 'hx-trigger="every 1s"' in live
    silent_url = _running(model, supervisor, timezone.now() - dt.timedelta(hours=2))
    silent = client.get(silent_url).content.decode()
    assert 'data-state="failed"' in silent and "hx-trigger" not in silent
    assert "No sign of life from the background worker for 30 minutes" in silent


# --- a crashing task marks its job failed ----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_screening_run_whose_task_crashes_is_failed_not_running_forever(
    monkeypatch: pytest.MonkeyPatch,
    central_java_regions: None,
    supervisor: User,
    login: Callable[[User | None], Client],
) -> None:
    application = make_application()

    def crash(*args: object, **kwargs: object) -> int:
        raise RuntimeError("database went away")

    monkeypatch.setattr(screening_services, "screen_applications", crash)
    run = screening_services.request_screening(
        [application.pk], trigger="manual", description="crash test", acting_user=supervisor
    )

    run_worker()

    run.refresh_from_db()
    assert run.state == JobState.FAILED and "database went away" in run.error
    assert DBTaskResult.objects.get().status == "FAILED"
    assert AuditEvent.objects.get(action="screening.failed").actor == supervisor
    page = english(login(supervisor)).get(reverse("screening_run", args=[run.pk]))
    body = page.content.decode()
    assert 'data-state="failed"' in body and "database went away" in body
    assert "hx-trigger" not in body


@pytest.mark.django_db(transaction=True)
def test_a_detection_run_whose_task_crashes_is_failed_not_running_forever(
    monkeypatch: pytest.MonkeyPatch, central_java_regions: None, supervisor: User
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("out of memory")

    monkeypatch.setattr(network_services.network, "detect", crash)
    run = network_services.request_detection(acting_user=supervisor)

    run_worker()

    run.refresh_from_db()
    assert run.state == JobState.FAILED and "out of memory" in run.error
    assert DBTaskResult.objects.get().status == "FAILED"
    assert AuditEvent.objects.filter(action="networks.detection_failed").count() == 1


# --- no import cycles -----------------------------------------------------------------------

PACKAGE = Path(__file__).resolve().parent.parent / "waspada"
# The modules that create, run and show jobs: none of them imports code of the project
# inside a function (the old way of breaking a cycle with a tasks module).
JOB_MODULES = [
    "waspada.core.jobs",
    "waspada.applications.importing",
    "waspada.applications.tasks",
    "waspada.applications.views.transfer",
    "waspada.networks.runs",
    "waspada.networks.services",
    "waspada.networks.tasks",
    "waspada.networks.views.runs",
    "waspada.screening.backtest",
    "waspada.screening.services",
    "waspada.screening.tasks",
    "waspada.screening.views",
    "waspada.screening.views.policy",
    "waspada.watchlists.services",
]


def _modules() -> dict[str, ast.Module]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        if {"migrations", "tests"} & set(path.parts):
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = ast.parse(path.read_text(encoding="utf-8"))
    return modules


def _imported(node: ast.stmt, known: set[str]) -> set[str]:
    """The project modules an import statement loads."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
        names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
    else:
        return set()
    found = set()
    for name in names:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name:
            found.add(name)
    return found


def test_no_module_of_the_project_imports_itself_back_through_others() -> None:
    modules = _modules()
    known = set(modules)
    graph = {
        name: {
            target
            for statement in tree.body  # module level: what runs when it is imported
            if not isinstance(statement, ast.If)  # `if TYPE_CHECKING:` imports nothing
            for target in _imported(statement, known)
            if target != name and not name.startswith(target + ".")
        }
        for name, tree in modules.items()
    }
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycles.append([*path[path.index(name) :], name])
            return
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert cycles == []


def test_job_code_imports_the_project_at_module_level_only() -> None:
    modules = _modules()
    known = set(modules)
    late = [
        f"{name}.{function.name} imports {sorted(_imported(node, known))}"
        for name in JOB_MODULES
        for function in ast.walk(modules[name])
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom) and _imported(node, known)
    ]
    assert late == []

"""Full detection as a background task: the button, the progress page, one run at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from waspada.core.models import AuditEvent, User
from waspada.core.tests.worker import run_worker
from waspada.networks import services
from waspada.networks.models import DetectionRun, RunState
from waspada.networks.queries import latest_run
from waspada.networks.tests.helpers import broker_ring

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.mark.django_db(transaction=True)
def test_supervisor_runs_detection_in_the_background_and_follows_its_progress(
    login: Callable[..., Client], supervisor: User
) -> None:
    broker_ring(4)
    client = login(supervisor)
    assert 'data-testid="run-detection"' in client.get(reverse("ring_list")).content.decode()
    response = client.post(reverse("detection_request"))
    run = DetectionRun.objects.get(kind="full")
    assert response["Location"] == reverse("detection_run", args=[run.pk])
    waiting = client.get(response["Location"]).content.decode()
    assert 'data-state="queued"' in waiting and 'hx-trigger="every 1s"' in waiting
    # While it waits, the button leads to the same run instead of queueing another.
    again = client.post(reverse("detection_request"))
    assert again["Location"] == reverse("detection_run", args=[run.pk])
    assert DetectionRun.objects.filter(kind="full").count() == 1

    run_worker()

    run.refresh_from_db()
    assert (run.state, run.applications, run.clusters, run.risky) == (RunState.DONE, 4, 1, 1)
    assert run.created_by == supervisor and latest_run() == run
    partial = client.get(reverse("detection_run", args=[run.pk]), headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert body.lstrip().startswith('<section class="card" id="job-status"')
    assert 'data-state="done"' in body and "hx-trigger" not in body
    assert 'data-count="risky">1<' in body
    detect = AuditEvent.objects.get(action="networks.detection_finished")
    assert detect.actor == supervisor


def test_interviewers_see_runs_but_cannot_start_one(
    login: Callable[..., Client], interviewer: User
) -> None:
    client = login(interviewer)
    assert 'data-testid="run-detection"' not in client.get(reverse("ring_list")).content.decode()
    assert client.post(reverse("detection_request")).status_code == 403
    assert not DetectionRun.objects.exists()


def test_the_command_takes_over_a_queued_run_and_the_task_then_skips_it() -> None:
    broker_ring(2)
    queued = services.request_detection(acting_user=None)
    call_command("detect_networks", verbosity=0)
    queued.refresh_from_db()
    assert queued.state == RunState.DONE and DetectionRun.objects.filter(kind="full").count() == 1
    assert services.claim_detection(queued.pk) is None


def test_only_one_full_detection_runs_at_a_time(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    running = services.start_detection()
    with pytest.raises(CommandError, match=f"#{running.pk}"):
        call_command("detect_networks", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.request_detection(acting_user=None)
    assert DBTaskResult.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.claim_detection(queued.pk) is None
    queued.refresh_from_db()
    assert queued.state == RunState.QUEUED, "it waits for the running one"
    # ...and its task is queued again for a minute later.
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert DBTaskResult.objects.count() == 2 and retry is not None
    assert retry.run_after > timezone.now()


def test_a_run_silent_for_long_is_taken_as_interrupted() -> None:
    stuck = services.start_detection()
    DetectionRun.objects.filter(pk=stuck.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(hours=2)
    )
    fresh = services.start_detection()
    stuck.refresh_from_db()
    assert stuck.state == RunState.FAILED and "interrupted" in stuck.error
    assert fresh.state == RunState.RUNNING


def test_the_run_page_reports_hubs_and_the_values_cut_from_giant_clusters(
    login: Callable[..., Client], auditor: User
) -> None:
    run = DetectionRun.objects.create(
        state=RunState.DONE,
        finished_at=timezone.now(),
        hubs=[
            {"kind": "phone", "value": "+6281100001111", "size": 250, "cut_from": 0},
            {"kind": "address", "value": "33.01.01.2001 gang 7", "size": 40, "cut_from": 900},
        ],
    )
    client = login(auditor)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("detection_run", args=[run.pk])).content.decode()
    assert "+6281100001111 (250 applications)" in body
    assert "cut from a chained cluster of 900 applications" in body
    assert "hx-trigger" not in body, "a finished run is not polled"

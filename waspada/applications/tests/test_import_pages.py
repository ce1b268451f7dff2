"""The import pages: upload, background job (real database task backend and worker), status."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from waspada.applications import importing
from waspada.applications.models import ImportJob, ImportState, PassportApplication
from waspada.applications.tests.test_exchange import csv_bytes, valid_row
from waspada.applications.tests.test_import import person
from waspada.core.models import AuditEvent, User
from waspada.core.tests.worker import run_worker

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def upload(client: Client, data: bytes, name: str = "loket.csv") -> Any:
    return english(client).post(
        reverse("application_import"), {"file": SimpleUploadedFile(name, data)}
    )


# --- who may use the pages -------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["intake_officer", "interviewer", "head_of_office", "admin", "auditor", "partner"]
)
def test_only_supervisors_may_use_the_import_pages(
    persona: str, personas: dict[str, User], login: Callable[[User | None], Client]
) -> None:
    job = ImportJob.objects.create(filename="x.csv", created_by=personas["supervisor"])
    client = login(personas[persona])
    for url in (
        reverse("application_import"),
        reverse("application_import_list"),
        reverse("application_import_job", args=[job.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert upload(client, csv_bytes([valid_row()])).status_code == 403
    assert ImportJob.objects.count() == 1


def test_supervisor_sees_the_upload_page_with_the_columns(
    supervisor: User, login: Callable[[User | None], Client]
) -> None:
    response = english(login(supervisor)).get(reverse("application_import"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".csv,.xlsx"' in page
    assert "<code>destination_country</code>" in page


def test_anonymous_users_are_sent_to_the_login_page(login: Callable[[User | None], Client]) -> None:
    response = login(None).get(reverse("application_import"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- bad uploads: a form error, never a 500, nothing queued ---------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("loket.pdf", b"%PDF-1.4", "Choose a .csv or .xlsx file."),
        ("loket.xlsx", b"not a workbook", "could not be read as an Excel workbook"),
        ("loket.csv", b"", "The submitted file is empty."),
        (
            "loket.csv",
            csv_bytes([valid_row()], ["application_no", "nik", "full_name"]),
            "Required columns missing: submitted_on, sex, birth_place, birth_date, phone, "
            "address, village_code, purpose, destination_country. Nothing was imported.",
        ),
    ],
)
def test_a_bad_upload_gets_a_form_error_and_queues_nothing(
    supervisor: User,
    login: Callable[[User | None], Client],
    name: str,
    data: bytes,
    message: str,
) -> None:
    response = upload(login(supervisor), data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_file_over_the_size_limit_is_refused(
    supervisor: User, login: Callable[[User | None], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "MAX_UPLOAD_BYTES", 100)
    response = upload(login(supervisor), csv_bytes([valid_row()]))
    assert response.status_code == 200
    assert "at most 100\xa0bytes can be imported at once" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_bad_upload_is_explained_in_the_users_language(
    supervisor: User, login: Callable[[User | None], Client]
) -> None:
    client = login(supervisor)
    client.cookies["django_language"] = "id"
    response = client.post(
        reverse("application_import"), {"file": SimpleUploadedFile("x.pdf", b"x")}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="id">' in page
    assert 'class="errorlist' in page


# --- the whole way: upload, real task backend and worker, status page ------------------------


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_imported_by_the_worker_and_the_status_page_shows_the_outcome(
    supervisor: User, login: Callable[[User | None], Client], media_root: Path
) -> None:
    client = login(supervisor)
    rows = [
        person(1),
        person(2, purpose="holiday"),
        person(3),
        person(4, village_code="33.01.05.2999"),
    ]
    response = upload(client, csv_bytes(rows, [*rows[0], "catatan"]), "Ekspor Maret.csv")

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("application_import_job", args=[job.pk])
    assert job.state == ImportState.QUEUED
    assert job.created_by == supervisor
    assert job.filename == "Ekspor Maret.csv"
    assert Path(job.file.path).is_relative_to(media_root / "imports")
    task = DBTaskResult.objects.get()
    assert job.task_id == str(task.id)
    assert AuditEvent.objects.filter(
        action="applications.import_queued", object_id=str(job.pk)
    ).exists()

    # While queued, the status part polls every second.
    status = english(client).get(job_url(job), headers={"HX-Request": "true"})
    part = status.content.decode()
    assert 'hx-trigger="every 1s"' in part
    assert "<html" not in part

    run_worker()

    job.refresh_from_db()
    assert job.state == ImportState.DONE
    assert (job.total, job.processed) == (4, 4)
    assert (job.created_count, job.updated_count, job.unchanged_count) == (2, 0, 0)
    assert (job.rejected_count, job.error_count) == (2, 2)
    assert [(e["row"], e["column"], e["code"]) for e in job.errors] == [
        (3, "purpose", "bad_purpose"),
        (5, "village_code", "unknown_village"),
    ]
    assert PassportApplication.objects.count() == 2
    assert PassportApplication.objects.filter(created_by=supervisor).count() == 2
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    started = AuditEvent.objects.get(action="applications.import_started")
    finished = AuditEvent.objects.get(action="applications.import_finished")
    assert started.object_id == finished.object_id == str(job.pk)
    assert finished.actor == supervisor
    assert finished.details["created"] == 2

    page = english(client).get(job_url(job)).content.decode()
    assert 'hx-trigger="every 1s"' not in page  # done: no more polling
    assert 'data-state="done"' in page
    assert '<dd data-count="created">2</dd>' in page
    assert '<dd data-count="rejected">2</dd>' in page
    assert '<tr data-row="3" data-column="purpose">' in page
    assert "Unknown purpose &#x27;holiday&#x27;" in page
    assert '<tr data-row="5" data-column="village_code">' in page
    assert "Unknown column ignored: catatan." in page

    listing = english(client).get(reverse("application_import_list")).content.decode()
    assert "Ekspor Maret.csv" in listing


def job_url(job: ImportJob) -> str:
    return reverse("application_import_job", args=[job.pk])


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_file_fails_to_import_is_marked_failed_with_the_reason(
    supervisor: User, login: Callable[[User | None], Client]
) -> None:
    # The header passed at upload; the file is replaced by a broken one before the run.
    client = login(supervisor)
    upload(client, csv_bytes([person(1)]))
    job = ImportJob.objects.get()
    Path(job.file.path).write_bytes(b"a,b\n1,2\n")

    run_worker()

    job.refresh_from_db()
    assert job.state == ImportState.FAILED
    assert job.failure is not None and job.failure["code"] == "missing_columns"
    page = english(client).get(job_url(job)).content.decode()
    assert "Nothing was imported." in page
    assert 'data-state="failed"' in page


@pytest.mark.django_db(transaction=True)
def test_a_job_that_crashes_is_marked_failed_and_the_task_records_the_failure(
    supervisor: User, login: Callable[[User | None], Client]
) -> None:
    upload(login(supervisor), csv_bytes([person(1)]))
    job = ImportJob.objects.get()
    Path(job.file.path).unlink()  # the stored file went missing

    run_worker()

    job.refresh_from_db()
    assert job.state == ImportState.FAILED
    assert job.failure == {"code": "crashed_at", "params": {"saved": 1, "count": 0}}
    assert DBTaskResult.objects.get().status == "FAILED"
    assert AuditEvent.objects.filter(
        action="applications.import_finished", object_id=str(job.pk)
    ).exists()


def test_a_running_job_shows_its_progress_and_keeps_polling(
    supervisor: User, login: Callable[[User | None], Client]
) -> None:
    job = ImportJob.objects.create(
        filename="big.csv",
        created_by=supervisor,
        state=ImportState.RUNNING,
        total=8000,
        processed=2000,
    )
    page = english(login(supervisor)).get(job_url(job)).content.decode()
    assert '<progress value="2000" max="8000">' in page
    assert "25% (2000 of 8000 rows)" in page
    assert 'hx-trigger="every 1s"' in page


def test_the_status_page_pages_through_many_row_errors(
    supervisor: User, login: Callable[[User | None], Client]
) -> None:
    errors = [
        {"row": n, "column": "sex", "code": "bad_sex", "params": {"value": "X"}}
        for n in range(2, 252)
    ]
    job = ImportJob.objects.create(
        filename="bad.csv",
        created_by=supervisor,
        state=ImportState.DONE,
        processed=250,
        rejected_count=250,
        error_count=250,
        errors=errors,
    )
    client = english(login(supervisor))
    first = client.get(job_url(job)).content.decode()
    assert first.count('data-column="sex"') == 100
    assert "250 rows were not imported" in first
    last = client.get(job_url(job), {"page": 3}).content.decode()
    assert last.count('data-column="sex"') == 50
    assert '<tr data-row="251" data-column="sex">' in last


def test_the_import_list_shows_jobs_newest_first(
    supervisor: User, login: Callable[[User | None], Client]
) -> None:
    ImportJob.objects.create(filename="januari.csv", created_by=supervisor)
    ImportJob.objects.create(filename="februari.csv", created_by=supervisor)
    page = english(login(supervisor)).get(reverse("application_import_list")).content.decode()
    assert page.index("februari.csv") < page.index("januari.csv")


def test_an_unknown_job_is_404(supervisor: User, login: Callable[[User | None], Client]) -> None:
    assert login(supervisor).get(reverse("application_import_job", args=[999])).status_code == 404

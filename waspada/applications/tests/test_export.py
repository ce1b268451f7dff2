"""Export in the exchange format: round trips, filters, permissions, audit, the command."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from waspada.applications import exporting
from waspada.applications.exchange import COLUMNS, record_to_row
from waspada.applications.hooks import APPLICATIONS_SAVED
from waspada.applications.importing import import_file
from waspada.applications.models import (
    Applicant,
    PassportApplication,
    Status,
    StatusChange,
)
from waspada.applications.queries import ApplicationFilters, filtered_applications
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def full_application(number: int, **fields: Any) -> PassportApplication:
    """An application with every exchange column filled, including awkward text."""
    values: dict[str, Any] = {
        "application_no": f"CLP-2025-{number:06d}",
        "submitted_on": dt.date(2025, 3, number % 28 + 1),
        "purpose": "work",
        "destination_country": "SA",
        "intended_departure": dt.date(2025, 6, 1),
        "return_ticket": "no",
        "itinerary": 'Cilacap → Jakarta → Riyadh\nthen by bus, "as told"',
        "funds_source": "pinjaman; sponsor",
        "sponsor_name": "H. Ahmad, S.E.",
        "sponsor_phone": "+6281311112222",
        "sponsor_relation": "paman",
        "sponsor_address": "Jl. Mawar 5, Maos",
        "employer_name": "PT Sumber Rejeki",
        "recruiter_name": '=HYPERLINK("http://evil")',
        # Starts like a formula; not a bare "-", which an import reads as "no value".
        "recruiter_license_no": "-/P3MI/2025",
        "disnaker_recommendation_no": "+REKOM/2025/001",
        "companion_name": "@Joko",
        "companion_phone": "+6285711112222",
        "companion_relation": "teman",
        "previous_passport_no": "B1234567",
        "documents": ["ktp", "kk", "akta_lahir", "rekomendasi_disnaker"],
    }
    values.update(fields)
    applicant = {
        "birth_date": dt.date(1990, 1, 1) + dt.timedelta(days=number),
        "sex": "P" if number % 2 else "L",
        "full_name": f"Ñoman Ça'yo {number}",
        "education": "SMP",
        "occupation": "Buruh tani",
        "marital_status": "Belum kawin",
        "address": "RT 01/RW 02, Dusun Krajan",
        "village_code": "33.01.05.2001",
    }
    return make_application(applicant=applicant, **values)


def snapshot() -> list[dict[str, str]]:
    return [
        record_to_row(application.applicant, application)
        for application in PassportApplication.objects.select_related("applicant").order_by(
            "application_no"
        )
    ]


def wipe() -> None:
    # Test-only: empty the database so that the import starts from nothing (the test
    # runs without the after-save hooks, so nothing else refers to the applications).
    StatusChange.objects.all().delete()
    PassportApplication.objects.all().delete()
    Applicant.objects.all().delete()


def csv_export(filters: ApplicationFilters | None = None) -> bytes:
    out = io.StringIO(newline="")
    exporting.write_csv(filtered_applications(filters or ApplicationFilters()), out)
    return out.getvalue().encode("utf-8")


def xlsx_export(filters: ApplicationFilters | None = None) -> bytes:
    out = io.BytesIO()
    exporting.write_xlsx(filtered_applications(filters or ApplicationFilters()), out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("export", "filename"), [(csv_export, "export.csv"), (xlsx_export, "export.xlsx")]
)
def test_export_then_import_round_trips_without_loss(
    export: Callable[[], bytes], filename: str
) -> None:
    with APPLICATIONS_SAVED.suspended():  # the exchange format only, without screening
        for number in range(1, 6):
            full_application(number)
        make_application(documents=[], return_ticket="unknown")  # optional values empty
        before = snapshot()
        data = export()

        again = import_file(io.BytesIO(data), filename=filename, acting_user=None)
        assert again.ok and again.row_errors == []
        assert (again.created, again.updated, again.unchanged) == (0, 0, 6)

        wipe()
        fresh = import_file(io.BytesIO(data), filename=filename, acting_user=None)
        assert fresh.row_errors == []
        assert fresh.created == 6
        assert snapshot() == before


def test_csv_export_has_a_bom_the_header_and_one_line_per_application() -> None:
    full_application(1)
    text = csv_export().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 2
    row = dict(zip(COLUMNS, rows[1], strict=True))
    assert row["documents"] == "ktp;kk;akta_lahir;rekomendasi_disnaker"
    assert row["phone"] == "+6281234567890"
    assert row["submitted_on"] == "2025-03-02"


def test_text_a_spreadsheet_would_run_as_a_formula_is_neutralised() -> None:
    full_application(1)
    row = dict(
        zip(
            COLUMNS,
            list(csv.reader(io.StringIO(csv_export().decode().lstrip("\ufeff"))))[1],
            strict=True,
        )
    )
    assert row["recruiter_name"] == '\'=HYPERLINK("http://evil")'
    assert row["recruiter_license_no"] == "'-/P3MI/2025"
    assert row["companion_name"] == "'@Joko"
    assert row["companion_phone"] == "+6285711112222"  # E.164 stays as the format says

    sheet = load_workbook(io.BytesIO(xlsx_export())).worksheets[0]
    cell = sheet.cell(row=2, column=COLUMNS.index("recruiter_name") + 1)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil")'


def test_export_applies_the_list_filters() -> None:
    full_application(1, purpose="umrah", destination_country="SA")
    full_application(2, purpose="tourism", destination_country="MY")
    full_application(3, purpose="umrah", destination_country="SA", submitted_on=dt.date(2024, 1, 1))
    text = csv_export(ApplicationFilters(purpose="umrah", date_from=dt.date(2025, 1, 1))).decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row["application_no"] for row in rows] == ["CLP-2025-000001"]


def test_export_reads_in_chunks_without_a_query_per_row() -> None:
    for number in range(1, 4):
        full_application(number)

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            csv_export()
        return len(context.captured_queries)

    few = count()
    for number in range(4, 30):
        full_application(number)
    assert count() == few == 1


# --- the web download ----------------------------------------------------------------


def download(client: Client, **params: str) -> Any:
    client.cookies["django_language"] = "en"
    return client.get(reverse("application_export"), params)


@pytest.mark.parametrize("persona", ["supervisor", "head_of_office"])
def test_supervisor_and_head_of_office_may_download_the_csv(
    persona: str, personas: dict[str, User], login: Callable[[User | None], Client]
) -> None:
    full_application(1)
    full_application(2, purpose="umrah")
    response = download(login(personas[persona]), purpose="umrah")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="applications-')
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [row["application_no"] for row in rows] == ["CLP-2025-000002"]


def test_the_xlsx_download_is_a_workbook_with_the_same_columns(
    supervisor: User, login: Callable[[User | None], Client]
) -> None:
    full_application(1)
    response = download(login(supervisor), format="xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == exporting.CONTENT_TYPES["xlsx"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 2


@pytest.mark.parametrize(
    "persona", ["intake_officer", "interviewer", "admin", "auditor", "partner"]
)
def test_other_roles_may_not_export(
    persona: str, personas: dict[str, User], login: Callable[[User | None], Client]
) -> None:
    assert download(login(personas[persona])).status_code == 403


def test_anonymous_users_are_sent_to_the_login_page(login: Callable[[User | None], Client]) -> None:
    response = download(login(None))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_download_is_audited_with_filters_and_row_count(
    head_of_office: User, login: Callable[[User | None], Client]
) -> None:
    full_application(1, purpose="umrah")
    full_application(2, purpose="umrah")
    full_application(3)
    response = download(login(head_of_office), purpose="umrah", format="xlsx")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="applications.exported")
    assert event.actor == head_of_office
    assert event.details["filters"] == {"purpose": "umrah"}
    assert event.details["rows"] == 2
    assert event.details["format"] == "xlsx"
    assert event.ip_address == "127.0.0.1"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"format": "pdf"}, "Format"),
        ({"date_from": "02/03/2025"}, "Submitted from"),
        ({"status": "approved"}, "Status"),
        ({"destination": "XX"}, "Destination"),
        ({"date_from": "2025-03-01", "date_to": "2025-01-01"}, "Submitted until"),
    ],
)
def test_invalid_parameters_give_400_with_a_clear_message(
    supervisor: User, login: Callable[[User | None], Client], params: dict[str, str], field: str
) -> None:
    response = download(login(supervisor), **params)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The export could not be made" in page
    assert f"<strong>{field}</strong>" in page
    assert not AuditEvent.objects.filter(action="applications.exported").exists()


def test_the_download_takes_the_same_number_of_queries_for_few_or_many_rows(
    supervisor: User, login: Callable[[User | None], Client]
) -> None:
    client = login(supervisor)
    full_application(1)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            response = download(client)
            b"".join(response.streaming_content)
        return len(context.captured_queries)

    few = queries()
    for number in range(2, 25):
        full_application(number)
    assert queries() == few


# --- the command ---------------------------------------------------------------------


def export_command(*args: str) -> str:
    out = io.StringIO()
    call_command("export_applications", *args, stdout=out)
    return out.getvalue()


def test_command_writes_the_filtered_applications_and_is_audited(tmp_path: Path) -> None:
    full_application(1, purpose="umrah", submitted_on=dt.date(2025, 2, 1))
    full_application(2, purpose="umrah", submitted_on=dt.date(2025, 5, 1))
    full_application(3, purpose="tourism", submitted_on=dt.date(2025, 2, 1))
    out = tmp_path / "umrah.csv"
    printed = export_command(
        "--out", str(out), "--purpose", "umrah", "--from", "2025-01-01", "--to", "2025-03-31"
    )
    assert printed.strip() == f"1 applications written to {out}."
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [row["application_no"] for row in rows] == ["CLP-2025-000001"]
    event = AuditEvent.objects.get(action="applications.exported")
    assert event.details["filters"] == {
        "purpose": "umrah",
        "date_from": "2025-01-01",
        "date_to": "2025-03-31",
    }
    assert event.details["rows"] == 1
    assert event.details["file"] == "umrah.csv"


def test_command_writes_xlsx_by_extension_and_filters_by_regency_status_destination(
    tmp_path: Path,
) -> None:
    full_application(1, destination_country="MY")
    full_application(2, destination_country="SA")
    out = tmp_path / "my.xlsx"
    export_command(
        "--out", str(out), "--destination", "my", "--regency", "33.01", "--status", "screening"
    )
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["CLP-2025-000001"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "x.pdf"], "--out must end in .csv or .xlsx"),
        (["--out", "x.csv", "--from", "1/2/2025"], "--from: '1/2/2025' is not a valid date"),
        (["--out", "x.csv", "--to", "2025-02-30"], "--to: Enter a valid date."),
        (["--out", "x.csv", "--status", "approved"], "--status: Select a valid choice."),
        (["--out", "x.csv", "--regency", "99.99"], "--regency: Select a valid choice."),
        (["--out", "x.csv", "--purpose", "holiday"], "--purpose: Select a valid choice."),
    ],
)
def test_command_refuses_bad_values_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError) as caught:
        export_command(*args)
    assert message in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_command_exports_every_status_when_no_filter_is_given(tmp_path: Path) -> None:
    first = full_application(1)
    full_application(2)
    PassportApplication.objects.filter(pk=first.pk).update(status=Status.REFUSED)
    out = tmp_path / "all.csv"
    assert export_command("--out", str(out)).startswith("2 applications")

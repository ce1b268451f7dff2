"""Importing exchange files and records into the database, and the import command."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from waspada.applications import hooks, importing
from waspada.applications.exchange import parse_row
from waspada.applications.importing import import_file, save_records
from waspada.applications.models import Applicant, PassportApplication, Status, StatusChange
from waspada.applications.records import ApplicantRecord, ApplicationRecord
from waspada.applications.tests.factories import make_application, make_nik
from waspada.applications.tests.test_exchange import csv_bytes, valid_row, xlsx_bytes
from waspada.core.models import AuditEvent, User
from waspada.core.tables import Notice
from waspada.domain.names import name_key
from waspada.regions.services import ensure_office

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def person(number: int, **overrides: str) -> dict[str, str]:
    """A valid row for applicant `number` (distinct NIK and application number)."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=97 * number % 20000)
    sex = "P" if number % 2 else "L"
    values = {
        "application_no": f"CLP-2025-{number:06d}",
        "nik": make_nik("33.01.05", born, sex, serial=number % 9999 + 1),
        "birth_date": born.isoformat(),
        "sex": sex,
        "full_name": f"Pemohon {number}",
    }
    return valid_row(**{**values, **overrides})


def run(data: bytes, filename: str = "loket.csv", **kwargs: Any) -> importing.ImportReport:
    return import_file(io.BytesIO(data), filename=filename, acting_user=None, **kwargs)


def triples(report: importing.ImportReport) -> list[tuple[int, str, str]]:
    return [(error.row, error.column, error.code) for error in report.row_errors]


def test_a_clean_file_creates_applicants_applications_history_and_audit(
    supervisor: User,
) -> None:
    rows = [person(n, documents="ktp;kk;akta_lahir") for n in range(1, 6)]
    report = import_file(
        io.BytesIO(csv_bytes(rows)), filename="mpaspor.csv", acting_user=supervisor
    )
    assert report.ok
    assert report.counts() == {
        "rows": 5,
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "noticed": 0,
        "errors": 0,
    }
    application = PassportApplication.objects.select_related("applicant").get(
        application_no="CLP-2025-000003"
    )
    # Screened at once after the import: waiting for the interview desk.
    assert application.status == Status.SCREENING
    assert application.created_by == supervisor
    assert (application.regency_code, application.district_code) == ("33.01", "33.01.05")
    assert application.documents == ["ktp", "kk", "akta_lahir"]
    assert application.applicant.phone == "+6281234567890"
    change, screened = StatusChange.objects.filter(application=application)
    assert screened.to_status == Status.SCREENING
    assert (change.to_status, change.note, change.changed_by) == (
        Status.SUBMITTED,
        "mpaspor.csv",
        supervisor,
    )
    event = AuditEvent.objects.get(action="applications.imported", object_id=str(application.pk))
    assert event.actor == supervisor
    assert event.details["source"] == "mpaspor.csv"
    assert AuditEvent.objects.filter(action="applications.imported").count() == 5
    assert AuditEvent.objects.filter(action="applications.applicant_created").count() == 5


def test_only_rows_that_cannot_be_applications_are_refused_the_others_carry_notices() -> None:
    rows = [
        person(1),  # row 2: fine
        person(2, submitted_on="2025/03/02"),  # row 3: bad date - refused
        person(3, purpose="holiday"),  # row 4: unknown purpose - refused
        person(4, destination_country="XY"),  # row 5: unknown country - refused
        person(5, nik="3301059999990001"),  # row 6: NIK with an impossible date - notice
        person(6, birth_date="1979-01-01"),  # row 7: NIK says another birth date - notice
        person(7, sex="L"),  # row 8: NIK says female - notice
        person(8, village_code="33.01.05.2999"),  # row 9: no such village - refused
        person(9),  # row 10: fine
        person(10, nik="33010512345"),  # row 11: not 16 digits - refused
    ]
    report = run(csv_bytes(rows))
    assert report.ok
    assert [
        (*triple, problem.notice)
        for triple, problem in zip(triples(report), report.row_errors, strict=True)
    ] == [
        (3, "submitted_on", "bad_date", False),
        (4, "purpose", "bad_purpose", False),
        (5, "destination_country", "bad_country", False),
        (6, "nik", "nik_invalid", True),
        (7, "birth_date", "nik_contradiction", True),
        (8, "sex", "nik_contradiction", True),
        (9, "village_code", "unknown_village", False),
        (11, "nik", "nik_invalid", False),
    ]
    assert (report.rows, report.created, report.noticed, report.errors) == (10, 5, 3, 5)
    assert set(PassportApplication.objects.values_list("application_no", flat=True)) == {
        "CLP-2025-000001",
        "CLP-2025-000005",
        "CLP-2025-000006",
        "CLP-2025-000007",
        "CLP-2025-000009",
    }
    # Both values kept as written: the form's birth date beside the NIK that contradicts it.
    contradicted = PassportApplication.objects.get(application_no="CLP-2025-000006").applicant
    assert contradicted.birth_date == dt.date(1979, 1, 1)
    assert contradicted.nik == rows[5]["nik"]
    assert report.row_errors[1].value == "holiday"  # the value as written, for the report
    messages = [error.message for error in report.row_errors]
    assert messages[1] == (
        "Unknown purpose 'holiday': use one of tourism, umrah, hajj, work, study, "
        "internship, family_visit, medical, business, seafarer, other."
    )
    assert "33.01.05.2999" in messages[6]


def test_a_file_with_bytes_that_are_not_utf8_is_a_file_problem_and_imports_nothing() -> None:
    data = csv_bytes([person(1), person(2, full_name="Siti XX"), person(3)])
    data = data.replace(b"Siti XX", b"Siti \xe9mah")  # Latin-1 "é"
    report = run(data)
    assert report.failure == Notice("not_utf8_file", {"row": 3})
    assert 'Save it as "CSV UTF-8' in report.failure.message
    assert not PassportApplication.objects.exists()


def test_missing_required_columns_import_nothing_and_are_listed_in_one_message() -> None:
    rows = [person(1), person(2)]
    columns = [c for c in rows[0] if c not in {"nik", "village_code", "purpose"}]
    report = run(csv_bytes(rows, columns))
    assert not report.ok
    assert report.missing_columns == ["nik", "village_code", "purpose"]
    assert report.failure is not None
    assert report.failure.message == (
        "Required columns missing: nik, village_code, purpose. Nothing was imported."
    )
    assert report.rows == 0
    assert not PassportApplication.objects.exists()


def test_unknown_columns_are_a_warning_and_the_rows_import() -> None:
    report = run(csv_bytes([person(1, keterangan="titipan")]))
    assert [w.message for w in report.warnings] == ["Unknown column ignored: keterangan."]
    assert report.created == 1


def test_importing_the_same_file_again_changes_nothing() -> None:
    data = csv_bytes([person(n) for n in range(1, 8)])
    first = run(data)
    events = AuditEvent.objects.count()
    again = run(data)
    assert (first.created, again.created, again.updated, again.unchanged) == (7, 0, 0, 7)
    assert PassportApplication.objects.count() == 7
    assert Applicant.objects.count() == 7
    assert StatusChange.objects.count() == 14  # submitted + screened, once each
    assert AuditEvent.objects.count() == events


def test_a_changed_row_updates_the_application_and_applicant_with_audited_diffs(
    supervisor: User,
) -> None:
    run(csv_bytes([person(1, purpose="tourism"), person(2)]))
    changed = person(1, purpose="umrah", phone="0857 1111 2222", documents="ktp;ppiu_letter")
    report = import_file(
        io.BytesIO(csv_bytes([changed, person(2, documents="")])),
        filename="koreksi.csv",
        acting_user=supervisor,
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    application = PassportApplication.objects.get(application_no="CLP-2025-000001")
    assert application.purpose == "umrah"
    assert application.documents == ["ktp", "ppiu_letter"]
    assert application.applicant.phone == "+6285711112222"
    # The phone written on the corrected row is the application's own too.
    assert application.phone == "+6285711112222"
    event = AuditEvent.objects.get(action="applications.updated")
    assert event.actor == supervisor
    assert event.details["changes"] == {
        "purpose": ["tourism", "umrah"],
        "documents": [[], ["ktp", "ppiu_letter"]],
        "phone": ["+6281234567890", "+6285711112222"],
    }
    assert event.details["source"] == "koreksi.csv"
    applicant_event = AuditEvent.objects.get(action="applications.applicant_updated")
    assert applicant_event.details["changes"] == {"phone": ["+6281234567890", "+6285711112222"]}
    # An update is not a new submission (each was submitted and screened once).
    assert StatusChange.objects.count() == 4


def test_imported_applicants_keep_the_look_alike_keys_of_their_name_and_birth_place() -> None:
    # The identity-duplicate search reads a crowd born on one day in one place by these.
    run(csv_bytes([person(1, full_name="Sitti Aminah", birth_place="Kab. Cilacap"), person(2)]))
    applicant = Applicant.objects.get(nik=person(1)["nik"])
    assert (applicant.name_key, applicant.birth_place_key) == (name_key("Siti Aminah"), "cilacap")
    run(csv_bytes([person(1, full_name="Nur Haliza", birth_place="Banyumas"), person(2)]))
    applicant.refresh_from_db()
    assert (applicant.name_key, applicant.birth_place_key) == (name_key("Nurhaliza"), "banyumas")


def test_applicants_saved_one_by_one_keep_the_keys_too() -> None:
    applicant = make_application(applicant={"full_name": "Hj. Sitti Aminah"}).applicant
    applicant.refresh_from_db()
    assert applicant.name_key == name_key("Siti Aminah")
    applicant.full_name = "Dewi Lestari"
    applicant.save(update_fields=["full_name"])
    applicant.refresh_from_db()
    assert applicant.name_key == name_key("Dewi Lestari")


def test_a_file_without_an_optional_column_keeps_the_recorded_values() -> None:
    run(csv_bytes([person(1, documents="ktp;kk", occupation="Petani")]))
    report = run(csv_bytes([person(1)]))  # neither documents nor occupation
    assert report.unchanged == 1
    application = PassportApplication.objects.select_related("applicant").get()
    assert application.documents == ["ktp", "kk"]
    assert application.applicant.occupation == "Petani"


def test_a_row_moved_to_another_nik_moves_the_application_to_that_applicant() -> None:
    run(csv_bytes([person(1)]))
    other = person(2)
    moved = person(1, nik=other["nik"], birth_date=other["birth_date"], sex=other["sex"])
    report = run(csv_bytes([moved]))
    assert report.updated == 1
    application = PassportApplication.objects.select_related("applicant").get()
    assert application.applicant.nik == other["nik"]
    event = AuditEvent.objects.get(action="applications.updated")
    assert event.details["changes"]["applicant"] == [person(1)["nik"], other["nik"]]


def test_the_same_application_number_twice_in_a_file_keeps_the_first() -> None:
    report = run(csv_bytes([person(1), person(2), person(1, purpose="work")]))
    assert triples(report) == [(4, "application_no", "duplicate_application_no")]
    assert PassportApplication.objects.get(application_no="CLP-2025-000001").purpose == "tourism"


def test_several_applications_of_one_person_share_one_applicant() -> None:
    rows = [person(1), person(1, application_no="CLP-2025-900001", purpose="umrah")]
    report = run(csv_bytes(rows))
    assert report.created == 2
    assert Applicant.objects.count() == 1


def test_an_xlsx_file_imports_like_a_csv_file() -> None:
    rows = [person(1), person(2, purpose="holiday")]
    header = list(rows[0])
    data = xlsx_bytes([header, *[[row[c] for c in header] for row in rows]])
    report = run(data, filename="Ekspor M-Paspor.XLSX")
    assert report.created == 1
    assert triples(report) == [(3, "purpose", "bad_purpose")]


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"a,b\n1,2\n", "data.txt", "unknown_extension"),
        (b"this is not a workbook", "data.xlsx", "unreadable_xlsx"),
        (b"", "data.csv", "empty_file"),
    ],
)
def test_a_file_that_cannot_be_read_imports_nothing(data: bytes, filename: str, code: str) -> None:
    report = run(data, filename=filename)
    assert report.failure is not None and report.failure.code == code
    assert report.failure.message
    assert not PassportApplication.objects.exists()


def test_a_batch_takes_the_same_few_queries_whatever_its_size() -> None:
    # The import's own queries; screening after each batch has its own query test.
    def queries(count: int, start: int) -> int:
        data = csv_bytes([person(n) for n in range(start, start + count)])
        with CaptureQueriesContext(connection) as context:
            report = run(data)
        assert report.created == count
        return len(context.captured_queries)

    with hooks.APPLICATIONS_SAVED.suspended():
        few = queries(3, 1)
        # 12, plus appending to the audit chain under its lock (one more on PostgreSQL).
        assert few == queries(600, 100) <= 16


def test_progress_reports_every_row_read_including_rejected_ones() -> None:
    steps: list[int] = []
    totals: list[int | None] = []
    run(
        csv_bytes([person(1), person(2, purpose="x"), person(3)]),
        progress=steps.append,
        on_total=totals.append,
    )
    assert sum(steps) == 3
    assert totals == [3]


def test_big_files_are_saved_in_several_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "BATCH_SIZE", 4)
    steps: list[int] = []
    report = run(csv_bytes([person(n) for n in range(1, 11)]), progress=steps.append)
    assert steps == [4, 4, 2]
    assert report.created == 10 == PassportApplication.objects.count()


# --- save_records: the path of generated records (demo data) -------------------------


def records(number: int, **application: Any) -> tuple[ApplicantRecord, ApplicationRecord]:
    result = parse_row(2, person(number))
    assert isinstance(result, tuple)
    applicant, record = result
    for name, value in application.items():
        setattr(record, name, value)
    return applicant, record


def test_save_records_creates_then_updates_like_saving_one_by_one() -> None:
    steps: list[int] = []
    pairs = [records(1), records(2), records(1, purpose="work")]
    report = save_records(
        pairs, office=ensure_office(), acting_user=None, source="demo", progress=steps.append
    )
    assert (report.rows, report.created, report.updated) == (3, 2, 1)
    assert sum(steps) == 3
    assert PassportApplication.objects.get(application_no="CLP-2025-000001").purpose == "work"
    assert StatusChange.objects.filter(note="demo").count() == 2


# --- the command ---------------------------------------------------------------------


def command(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_applications", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_prints_a_summary_and_each_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "loket.csv"
    path.write_bytes(csv_bytes([person(1), person(2, destination_country="XY"), person(3)]))
    out, err = command(path)
    lines = out.splitlines()
    assert lines[0] == (
        "loket.csv: 3 rows read: 2 created, 0 updated, 0 unchanged, "
        "0 imported with notices, 1 rejected."
    )
    assert lines[1] == (
        "row 3, column destination_country: Unknown country code 'XY': use the two-letter "
        "ISO 3166-1 code, e.g. MY, SA or JP."
    )
    assert "3/3" in err  # the progress bar
    assert AuditEvent.objects.filter(action="applications.import_started").count() == 1
    finished = AuditEvent.objects.get(action="applications.import_finished")
    assert finished.details["created"] == 2 and finished.details["errors"] == 1


def test_command_records_the_user_it_was_told_to_act_as(tmp_path: Path, supervisor: User) -> None:
    path = tmp_path / "loket.csv"
    path.write_bytes(csv_bytes([person(1)]))
    command(path, "--user", supervisor.username)
    assert PassportApplication.objects.get().created_by == supervisor
    with pytest.raises(CommandError, match="No user with the username ghost"):
        command(path, "--user", "ghost")


def test_command_prints_warnings_for_unknown_columns(tmp_path: Path) -> None:
    path = tmp_path / "loket.csv"
    path.write_bytes(csv_bytes([person(1, loket="A")]))
    out, _err = command(path)
    assert "Warning: Unknown column ignored: loket." in out.splitlines()


def exit_code(argv: list[str]) -> tuple[int, str, str]:
    """(exit code, stdout, error) as `waspada` would give them: BaseCommand exits with a
    CommandError's returncode. (run_from_argv itself would close the test's connection.)"""
    out = io.StringIO()
    try:
        call_command("import_applications", *argv, stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        return exc.returncode, out.getvalue(), str(exc)
    return 0, out.getvalue(), ""


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("missing.csv", csv_bytes([valid_row()], ["application_no", "nik"]), "Required columns"),
        ("broken.xlsx", b"not a workbook", "Excel workbook"),
        ("data.ods", b"whatever", ".csv and .xlsx"),
    ],
)
def test_command_exits_with_1_when_the_file_cannot_be_imported(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, _out, err = exit_code([str(path), "--verbosity", "0"])
    assert code == 1
    assert expected in err
    assert not PassportApplication.objects.exists()


def test_command_exits_with_1_for_a_file_that_does_not_exist(tmp_path: Path) -> None:
    code, _out, err = exit_code([str(tmp_path / "nope.csv")])
    assert code == 1
    assert "nope.csv" in err


def test_command_exits_with_0_when_only_some_rows_are_bad(tmp_path: Path) -> None:
    path = tmp_path / "loket.csv"
    path.write_bytes(csv_bytes([person(1), person(2, sex="X")]))
    code, out, _err = exit_code([str(path), "--verbosity", "0"])
    assert code == 0
    assert "row 3, column sex: Unknown sex 'X': use L (male) or P (female)." in out
    assert PassportApplication.objects.count() == 1


def test_the_waspada_console_command_exits_1_and_says_which_columns_are_missing(
    tmp_path: Path,
) -> None:
    """The real `waspada import-applications` process, on its own SQLite database."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "SECRET_KEY": "cli-test-secret-key-0123456789-0123456789",
        "LANGUAGE_CODE": "en",
    }
    waspada = str(Path(sys.executable).parent / "waspada")
    subprocess.run([waspada, "migrate", "-v", "0"], env=env, check=True, timeout=120)
    path = tmp_path / "loket.csv"
    path.write_bytes(csv_bytes([valid_row()], ["application_no", "nik", "full_name"]))
    result = subprocess.run(
        [waspada, "import-applications", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Required columns missing: submitted_on, sex, birth_place" in result.stderr
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([valid_row(village_code="33.01.05.2001")]))
    result = subprocess.run(
        [waspada, "import-applications", str(good), "--verbosity", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # No regions loaded in that database: the only row is refused, so nothing could be
    # imported - a failure, with the row's reason printed.
    assert result.returncode == 1
    assert "Nothing in good.csv could be imported." in result.stderr
    assert "row 2, column village_code: There is no village with the code 33.01.05.2001" in (
        result.stdout
    )

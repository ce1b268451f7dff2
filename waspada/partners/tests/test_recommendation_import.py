"""`waspada import-recommendations FILE --agency NAME`: a Disnaker's register by file, all
or nothing, with every bad row named by row and column."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from waspada.core.models import AuditEvent
from waspada.partners.models import Agency, AgencyKind, Recommendation
from waspada.partners.recommendations import COLUMNS, import_recommendations

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)
GOOD = [
    "562/0101/REKOM/2026,2026-02-02,3301014101900001,Siti Aminah,TW,Hsin Feng Co.,"
    "PT Karya Baru Mandiri,KEP.77/SIP3MI/2026,2026-08-02,issued",
    "562/0102/REKOM/2026,2026-02-03,3301014101900002,Dewi Lestari,MY,,,,2026-08-03,revoked",
]


def csv_file(tmp_path: Path, *rows: str, name: str = "rekom.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_recommendations", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_good_file_creates_the_disnaker_and_its_register(tmp_path: Path) -> None:
    out = run(str(csv_file(tmp_path, *GOOD)), "--agency", "Disnaker Kabupaten Cilacap")
    assert "Agency 'Disnaker Kabupaten Cilacap' created (Disnaker)." in out
    assert "2 rows read: 2 added, 0 updated, 0 unchanged, 0 rejected" in out
    agency = Agency.objects.get(name="Disnaker Kabupaten Cilacap")
    assert agency.kind == AgencyKind.DISNAKER
    assert dict(agency.recommendations.values_list("number", "status")) == {
        "562/0101/REKOM/2026": "issued",
        "562/0102/REKOM/2026": "revoked",
    }
    assert AuditEvent.objects.filter(action="partners.recommendations_imported").count() == 1
    # Again: nothing duplicated; a changed row is updated.
    changed = GOOD[0].replace("2026-08-02", "2026-09-02")
    out = run(str(csv_file(tmp_path, changed, GOOD[1])), "--agency", "Disnaker Kabupaten Cilacap")
    assert "2 rows read: 0 added, 1 updated, 1 unchanged, 0 rejected" in out
    assert Recommendation.objects.count() == 2


def test_one_bad_row_imports_nothing_and_every_bad_row_is_named(tmp_path: Path) -> None:
    Agency.objects.create(name="Disnaker Cilacap", kind=AgencyKind.DISNAKER)
    path = csv_file(
        tmp_path,
        GOOD[0],
        "562/0103/REKOM/2026,2026-02-30,33010141019,Budi,XX,,,,2026-01-01,lost",
        GOOD[0],
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        run(str(path), "--agency", "Disnaker Cilacap")
    assert not Recommendation.objects.exists()
    outcome = import_recommendations(path, filename=path.name, agency_name="Disnaker Cilacap")
    with translation.override("en"):
        problems = {(p.row, p.column): p.message for p in outcome.problems}
    assert problems[(3, "issued_on")].startswith("'2026-02-30' is not a valid date")
    assert problems[(3, "nik")] == "'33010141019' is not a NIK: write its 16 digits."
    assert problems[(3, "destination_country")].startswith("Unknown country code 'XX'")
    assert problems[(3, "status")] == "Unknown status 'lost': use issued or revoked."
    assert "already on row 2" in problems[(4, "recommendation_no")]
    assert (outcome.created, outcome.refused) == (0, 2)
    assert not AuditEvent.objects.filter(action="partners.recommendations_imported").exists()


def test_a_file_without_the_required_columns_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("number,name\n1,Siti\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Required columns missing"):
        run(str(path), "--agency", "Disnaker Cilacap")
    assert not Recommendation.objects.exists()


def test_an_xlsx_workbook_reads_the_same(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    for row in GOOD:
        sheet.append(row.split(","))
    path = tmp_path / "rekom.xlsx"
    workbook.save(path)
    out = run(str(path), "--agency", "Disnaker Cilacap")
    assert "2 rows read: 2 added" in out
    assert Recommendation.objects.count() == 2

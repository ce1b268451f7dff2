"""`waspada import-watchlist`: good and bad rows, list creation, upsert by id."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from waspada.core.models import AuditEvent
from waspada.watchlists import services
from waspada.watchlists.models import Watchlist, WatchlistEntry

GOOD = (
    "id,full_name,birth_date,sex,aliases,nik,phone,note\n"
    "A1,Siti Aminah,1985-07-21,P,Sitti Aminah;St. Aminah,3301016107850001,0812 3456 7890,x\n"
    "A2,Joko Susilo,1979,L,,,,\n"
    "A3,Made Wirawan,,,,,,\n"
)


def _run(path: Path, *args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("import_watchlist", str(path), *args, stdout=out, verbosity=0)
    return out.getvalue()


def test_import_creates_the_list_with_its_type(db: None, tmp_path: Path) -> None:
    path = tmp_path / "cekal.csv"
    path.write_text(GOOD, encoding="utf-8")
    output = _run(path, "--list", "Cekal Jateng", "--type", "cekal")
    watchlist = Watchlist.objects.get(name="Cekal Jateng")
    assert watchlist.list_type == "cekal"
    entry = WatchlistEntry.objects.get(watchlist=watchlist, external_id="A1")
    assert entry.aliases == ["Sitti Aminah", "St. Aminah"]
    assert entry.phone == "+6281234567890"
    assert entry.birth_date == "1985-07-21"
    assert WatchlistEntry.objects.get(external_id="A2").birth_date == "1979"
    assert "3 added" in output
    assert AuditEvent.objects.filter(action="watchlists.entry_added").count() == 3


def test_bad_rows_are_reported_with_row_and_column_and_skipped(db: None, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "id,full_name,birth_date,sex,nik\n"
        "B1,Good Name,1990-01-01,L,\n"
        "B2,,1990-01-01,L,\n"
        "B3,Bad Date,1990-02-30,L,\n"
        "B4,Bad Sex,1990,X,\n"
        "B5,Bad Nik,1990,P,12345\n"
        "B1,Twice,1990,P,\n",
        encoding="utf-8",
    )
    result = services.import_entries(
        path, filename="bad.csv", list_name="L", list_type="wanted", acting_user=None
    )
    assert result.created == 1
    assert [(e.row, e.column, e.code) for e in result.errors] == [
        (3, "full_name", "required"),
        (4, "birth_date", "bad_birth_date"),
        (5, "sex", "bad_sex"),
        (6, "nik", "bad_nik"),
        (7, "id", "duplicate_id"),
    ]
    output = _run(path, "--list", "L")
    assert "row 4, column birth_date:" in output


def test_missing_columns_import_nothing(db: None, tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("id,name\n1,Someone\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as raised:
        call_command("import_watchlist", str(path), "--list", "X", verbosity=0)
    assert "full_name, birth_date, sex" in str(raised.value)
    assert not Watchlist.objects.exists()


def test_reimport_upserts_by_id(db: None, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(GOOD, encoding="utf-8")
    _run(path, "--list", "Cekal", "--type", "cekal")
    first = WatchlistEntry.objects.get(external_id="A2")
    path.write_text(
        "id,full_name,birth_date,sex\nA2,Joko Susilo,1979-03-04,L\nA4,Eko Prasetyo,,L\n",
        encoding="utf-8",
    )
    result = services.import_entries(
        path, filename="list.csv", list_name="Cekal", list_type="other", acting_user=None
    )
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    again = WatchlistEntry.objects.get(external_id="A2")
    assert again.pk == first.pk
    assert again.birth_date == "1979-03-04"
    assert again.updated_at > first.updated_at
    assert Watchlist.objects.get(name="Cekal").list_type == "cekal"
    assert WatchlistEntry.objects.count() == 4


def test_xlsx_import(db: None, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id", "full_name", "birth_date", "sex"])
    sheet.append(["X1", "Ahmad Fauzi", "1991-06-12", "L"])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    result = services.import_entries(
        path, filename="list.xlsx", list_name="XL", list_type="deportee", acting_user=None
    )
    assert result.created == 1 and not result.errors

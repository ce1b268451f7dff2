"""The shared table reader: encodings and separators Excel writes, damaged files, zip bombs."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from waspada.core.tables import (
    Columns,
    Notice,
    RowError,
    TableFileError,
    check_header,
    problems_csv,
    read_table,
    xlsx_value,
)

SPEC = Columns(("id", "full_name"), ("phone",))


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def workbook(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def values(data: bytes, filename: str = "t.csv") -> list[tuple[int, dict[str, str]]]:
    table = read_table(io.BytesIO(data), filename, SPEC)
    return [(row.number, row.values) for row in table.rows()]


def test_excel_unicode_text_utf16_with_tabs_is_read() -> None:
    text = "id\tfull_name\tphone\r\n1\tNur Fadilah\t+60 18 530 8659\r\n2\tŞükrü Öztürk\t\r\n"
    data = text.encode("utf-16")  # with its byte-order mark, as Excel writes it
    assert values(data) == [
        (2, {"id": "1", "full_name": "Nur Fadilah", "phone": "+60 18 530 8659"}),
        (3, {"id": "2", "full_name": "Şükrü Öztürk", "phone": ""}),
    ]


def test_semicolons_and_utf16_without_a_mark_are_read() -> None:
    text = "id;full_name;phone\n1;Siti, binti Ahmad;0812\n"
    assert values(text.encode("utf-16-le")) == [
        (2, {"id": "1", "full_name": "Siti, binti Ahmad", "phone": "0812"})
    ]


def test_utf8_with_a_bom_and_commas_and_blank_lines_keep_spreadsheet_row_numbers() -> None:
    data = "\ufeffid,full_name\n1,A\n\n3,C\n".encode()
    assert [number for number, _ in values(data)] == [2, 4]


def test_undecodable_bytes_are_a_file_problem_naming_the_row() -> None:
    data = b"id,full_name\n1,Ani\n2,Caf\xe9\n"
    with pytest.raises(TableFileError) as caught:
        read_table(io.BytesIO(data), "t.csv", SPEC)
    assert caught.value.notice == Notice("not_utf8_file", {"row": 3})
    assert "row 3" in caught.value.notice.message


def test_headers_and_rows_of_a_workbook_are_read_with_sheet_row_numbers() -> None:
    data = workbook([["ID", "Full_Name", "extra"], ["1", "Ani", ""], ["2", "Budi", ""]])
    table = read_table(io.BytesIO(data), "t.xlsx", SPEC)
    assert table.missing_columns == [] and table.total == 2
    assert [w.code for w in table.warnings] == ["unknown_columns"]
    assert [(r.number, r.values["full_name"]) for r in table.rows()] == [(2, "Ani"), (3, "Budi")]


def test_a_truncated_workbook_is_a_file_problem() -> None:
    data = workbook([["id", "full_name"], ["1", "Ani"]])
    with pytest.raises(TableFileError) as caught:
        read_table(io.BytesIO(data[: len(data) // 2]), "t.xlsx", SPEC)
    assert caught.value.notice.code == "unreadable_xlsx"


def _rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change.get(info.filename, source.read(info)))
        for name in set(change) - set(source.namelist()):
            target.writestr(name, change[name])
    return out.getvalue()


def test_a_workbook_whose_xml_breaks_mid_sheet_says_after_which_row() -> None:
    rows = [["id", "full_name"]] + [[str(n), f"Name {n}"] for n in range(1, 40)]
    data = workbook(rows)
    sheet_name = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(io.BytesIO(data)).read(sheet_name)
    cut = xml.index(b'<row r="31"')
    broken = _rezip(data, {sheet_name: xml[:cut] + b'<row r="31"><c r="A31" t="inlineStr"><is>'})
    table = read_table(io.BytesIO(broken), "t.xlsx", SPEC)
    read: list[int] = []
    with pytest.raises(TableFileError) as caught:
        for row in table.rows():
            read.append(row.number)
    # Every row handed out was whole; the notice names the last of them.
    assert read == list(range(2, read[-1] + 1)) and read[-1] >= 20
    assert caught.value.notice.code == "damaged_xlsx"
    assert caught.value.notice.params["row"] == read[-1]
    assert f"after row {read[-1]}" in caught.value.notice.message


def test_a_zip_bomb_is_refused_from_its_directory_without_inflating_it() -> None:
    data = workbook([["id", "full_name"], ["1", "Ani"]])
    # 240 MB of shared strings that compress to a few hundred kB.
    bomb_strings = b"<sst>" + b"<si><t>" + b"A" * (240 * 1024 * 1024) + b"</t></si></sst>"
    bomb = _rezip(data, {"xl/sharedStrings.xml": bomb_strings})
    assert len(bomb) < 1024 * 1024
    with pytest.raises(TableFileError) as caught:
        read_table(io.BytesIO(bomb), "t.xlsx", SPEC)
    assert caught.value.notice.code == "xlsx_too_large"
    assert "MB" in caught.value.notice.message


def test_check_header_names_missing_columns_and_rewinds_the_upload() -> None:
    upload = io.BytesIO(b"id,phone\n1,0812\n")
    notice = check_header(upload, "t.csv", SPEC)
    assert notice is not None and notice.message == (
        "Required column missing: full_name. Nothing was imported."
    )
    assert upload.tell() == 0


def test_the_problem_report_gives_the_value_as_written_and_defuses_formulas() -> None:
    problems = [
        RowError(3, "phone", "bad_phone", {"value": "=1+1"}, value="=1+1"),
        RowError(4, "phone", "required", notice=True),
    ]
    header, first, second = problems_csv(problems)
    assert header == ["row", "column", "value", "outcome", "reason"]
    assert first[:4] == ["3", "phone", "'=1+1", "refused"]
    assert second[3] == "imported with a notice"


def test_invisible_formatting_characters_are_stripped_from_every_cell() -> None:
    text = "id,full_name\n1,\u200bSiti\u202e Aminah\ufeff\n".encode()
    assert values(text) == [(2, {"id": "1", "full_name": "Siti Aminah"})]
    sheet = workbook([["id", "full_name"], ["1", "Siti\u200b Aminah\u2066"]])
    assert values(sheet, "t.xlsx") == [(2, {"id": "1", "full_name": "Siti Aminah"})]


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "#REF!", "\tx"])
def test_xlsx_cells_keep_text_that_starts_like_a_formula_as_text(text: str, tmp_path: Path) -> None:
    for write_only in (True, False):
        book = Workbook(write_only=write_only)
        sheet = book.create_sheet("t")
        sheet.append([xlsx_value(sheet, text), xlsx_value(sheet, 5), xlsx_value(sheet, "Ani")])
        book.save(tmp_path / "t.xlsx")
        row = next(load_workbook(tmp_path / "t.xlsx")["t"].iter_rows())
        assert [(cell.value, cell.data_type) for cell in row] == [
            (text, "s"),
            (5, "n"),
            ("Ani", "s"),
        ]

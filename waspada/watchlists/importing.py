"""Reading and checking watchlist files (CSV or XLSX, header row).

Columns: `id, full_name, birth_date, sex` required; `aliases` (`;`-separated), `nik, phone,
note` optional; unknown columns are ignored with a warning. Problems are codes with
parameters rendered on demand, so a report reads in the reader's language; rows are
numbered as in a spreadsheet (header = row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from waspada.applications.exchange import _cell_text, _decode, _delimiter
from waspada.domain.matching import parse_birth_date
from waspada.domain.phones import normalize_phone

REQUIRED_COLUMNS = ("id", "full_name", "birth_date", "sex")
OPTIONAL_COLUMNS = ("aliases", "nik", "phone", "note")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
MAX_LENGTHS = {"id": 100, "full_name": 300, "note": 2000}
_NIK = re.compile(r"[0-9]{16}")

MESSAGES: dict[str, Promise] = {
    "required": _("A value is required."),
    "too_long": _("Too long: at most %(max)d characters, this value has %(length)d."),
    "bad_birth_date": _(
        "'%(value)s' is not a birth date: write YYYY-MM-DD (e.g. 1985-07-21), only the year "
        "(YYYY), or leave it empty."
    ),
    "bad_sex": _("Unknown sex '%(value)s': use L (male), P (female) or leave it empty."),
    "bad_nik": _("'%(value)s' is not a NIK: a NIK has 16 digits."),
    "bad_phone": _(
        "'%(value)s' is not a valid phone number: write it e.g. as 0812 3456 7890 "
        "or +62 812 3456 7890."
    ),
    "duplicate_id": _("The id %(value)s is already on row %(first)d of this file."),
    "bad_alias": _("An alias is longer than %(max)d characters."),
    "missing_columns": ngettext_lazy(
        "Required column missing: %(columns)s. Nothing was imported.",
        "Required columns missing: %(columns)s. Nothing was imported.",
        "count",
    ),
    "unknown_columns": ngettext_lazy(
        "Unknown column ignored: %(columns)s.",
        "Unknown columns ignored: %(columns)s.",
        "count",
    ),
    "unknown_extension": _("Only .csv and .xlsx files can be imported; %(filename)s is neither."),
    "unreadable_file": _("The file could not be read."),
    "empty_file": _("The file is empty: the first row must hold the column names."),
}


def render(code: str, params: dict[str, Any]) -> str:
    template = MESSAGES.get(code)
    return code if template is None else str(template % params)


@dataclass(frozen=True)
class Notice:
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return render(self.code, self.params)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return render(self.code, self.params)

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "params": self.params}


class WatchlistFileError(Exception):
    def __init__(self, notice: Notice) -> None:
        super().__init__(notice.code)
        self.notice = notice


@dataclass(frozen=True)
class EntryValues:
    """One entry as checked values (from a file row or a form)."""

    external_id: str
    full_name: str
    birth_date: str = ""
    sex: str = ""
    aliases: tuple[str, ...] = ()
    nik: str = ""
    phone: str = ""
    note: str = ""

    def as_fields(self) -> dict[str, Any]:
        return {
            "external_id": self.external_id,
            "full_name": self.full_name,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "aliases": list(self.aliases),
            "nik": self.nik,
            "phone": self.phone,
            "note": self.note,
        }


@dataclass
class Table:
    columns: list[str]
    missing: list[str]
    warnings: list[Notice]
    total: int
    rows: list[tuple[int, dict[str, str]]]


def _table(header: list[str], body: list[tuple[int, list[str]]]) -> Table:
    index: dict[str, int] = {}
    unknown: list[str] = []
    for position, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff").strip().lower()
        if not name:
            continue
        if name in COLUMNS:
            index.setdefault(name, position)
        else:
            unknown.append(raw.strip())
    warnings = (
        [Notice("unknown_columns", {"columns": ", ".join(unknown), "count": len(unknown)})]
        if unknown
        else []
    )
    missing = [column for column in REQUIRED_COLUMNS if column not in index]
    rows = [
        (
            number,
            {
                column: (cells[position].strip() if position < len(cells) else "")
                for column, position in index.items()
            },
        )
        for number, cells in body
        if any(cell.strip() for cell in cells)
    ]
    return Table(list(index), missing, warnings, len(rows), rows)


def read_file(source: str | Path | IO[bytes], filename: str) -> Table:
    """The file's header and rows; raises WatchlistFileError when unreadable."""
    suffix = Path(filename).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise WatchlistFileError(Notice("unknown_extension", {"filename": filename}))
    if suffix == ".xlsx":
        import zipfile

        from openpyxl import load_workbook

        try:
            workbook = load_workbook(source, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise WatchlistFileError(Notice("unreadable_file")) from exc
        try:
            rows = [
                [_cell_text(cell) for cell in row]
                for row in workbook.worksheets[0].iter_rows(values_only=True)
            ]
        finally:
            workbook.close()
        if not rows or not any(cell.strip() for cell in rows[0]):
            raise WatchlistFileError(Notice("empty_file"))
        return _table(rows[0], list(enumerate(rows[1:], start=2)))
    data = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    text = _decode(data if isinstance(data, bytes) else data.encode("utf-8"))
    if not text.strip():
        raise WatchlistFileError(Notice("empty_file"))
    try:
        reader = csv.reader(
            io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0])
        )
        header = next(reader, [])
        body = list(enumerate(reader, start=2))
    except csv.Error as exc:
        raise WatchlistFileError(Notice("unreadable_file")) from exc
    return _table(header, body)


def check_values(raw: dict[str, str], row: int = 0) -> tuple[EntryValues | None, list[RowError]]:
    """Checked values of one row (or form), or the problems with it."""
    errors: list[RowError] = []

    def error(column: str, code: str, **params: Any) -> None:
        errors.append(RowError(row, column, code, params))

    values = {key: (raw.get(key) or "").strip() for key in COLUMNS}
    for column in ("id", "full_name"):
        if not values[column]:
            error(column, "required")
    for column, limit in MAX_LENGTHS.items():
        if len(values[column]) > limit:
            error(column, "too_long", max=limit, length=len(values[column]))
    birth = values["birth_date"]
    if birth:
        try:
            parse_birth_date(birth)
        except ValueError:
            error("birth_date", "bad_birth_date", value=birth)
        else:
            if len(birth) == 10 and dt.date.fromisoformat(birth) > dt.date.today():
                error("birth_date", "bad_birth_date", value=birth)
    sex = values["sex"].upper()
    if sex not in ("", "L", "P"):
        error("sex", "bad_sex", value=values["sex"])
    nik = values["nik"].replace(" ", "")
    if nik and not _NIK.fullmatch(nik):
        error("nik", "bad_nik", value=values["nik"])
    phone = ""
    if values["phone"]:
        phone = normalize_phone(values["phone"]) or ""
        if not phone:
            error("phone", "bad_phone", value=values["phone"])
    aliases = tuple(
        dict.fromkeys(alias.strip() for alias in values["aliases"].split(";") if alias.strip())
    )
    if any(len(alias) > 300 for alias in aliases):
        error("aliases", "bad_alias", max=300)
    if errors:
        return None, errors
    return (
        EntryValues(
            external_id=values["id"],
            full_name=values["full_name"],
            birth_date=birth,
            sex=sex,
            aliases=aliases,
            nik=nik,
            phone=phone,
            note=values["note"],
        ),
        [],
    )


def checked_rows(table: Table) -> Iterator[tuple[int, EntryValues | None, list[RowError]]]:
    """Each row checked, duplicate ids in the file reported on their second row."""
    first_seen: dict[str, int] = {}
    for number, raw in table.rows:
        values, errors = check_values(raw, number)
        if values is not None:
            first = first_seen.get(values.external_id)
            if first is not None:
                values = None
                errors = [
                    RowError(number, "id", "duplicate_id", {"value": raw["id"], "first": first})
                ]
            else:
                first_seen[values.external_id] = number
        yield number, values, errors

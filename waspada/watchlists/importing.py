"""Reading and checking watchlist files (CSV or XLSX, header row).

Columns: `id, full_name, birth_date, sex` required; `aliases` (`;`-separated), `nik, phone,
note` optional; unknown columns are ignored with a warning. Problems are codes with
parameters rendered on demand, so a report reads in the reader's language; rows are
numbered as in a spreadsheet (header = row 1).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from waspada.core.tables import (
    Checked,
    Columns,
    Message,
    Notice,
    RawRow,
    RowError,
    TableFileError,
    register_messages,
)
from waspada.domain.matching import parse_birth_date
from waspada.domain.phones import normalize_any_phone

REQUIRED_COLUMNS = ("id", "full_name", "birth_date", "sex")
OPTIONAL_COLUMNS = ("aliases", "nik", "phone", "note")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
SPEC = Columns(REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
MAX_LENGTHS = {"id": 100, "full_name": 300, "note": 2000}
_NIK = re.compile(r"[0-9]{16}")

# This file's own problems; "required", "too_long", "bad_sex", "bad_phone" and the file
# problems are shared with the other importers.
MESSAGES: dict[str, Message] = {
    "bad_birth_date": _(
        "'%(value)s' is not a birth date: write YYYY-MM-DD (e.g. 1985-07-21), only the year "
        "(YYYY), or leave it empty."
    ),
    "bad_nik": _("'%(value)s' is not a NIK: a NIK has 16 digits."),
    "duplicate_id": _("The id %(value)s is already on row %(first)d of this file."),
    "bad_alias": _("An alias is longer than %(max)d characters."),
}
register_messages(MESSAGES)

__all__ = ["Notice", "RowError", "TableFileError", "WatchlistFileError"]

WatchlistFileError = TableFileError


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
        phone = normalize_any_phone(values["phone"]) or ""
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


class EntryChecker:
    """Checks the rows of one file, reporting a duplicate id on its second row."""

    def __init__(self) -> None:
        self.first_seen: dict[str, int] = {}

    def check_rows(self, rows: Iterable[RawRow]) -> list[Checked[EntryValues]]:
        checked: list[Checked[EntryValues]] = []
        for raw in rows:
            values, errors = check_values(raw.values, raw.number)
            if values is not None:
                first = self.first_seen.get(values.external_id)
                if first is not None:
                    values = None
                    errors = [
                        RowError(
                            raw.number,
                            "id",
                            "duplicate_id",
                            {"value": raw.values["id"], "first": first},
                        )
                    ]
                else:
                    self.first_seen[values.external_id] = raw.number
            checked.append(Checked(raw, values, errors))
        return checked

"""Export of applications in the exchange format, shared by the command and the web download.

The rows stream from the database in chunks (`iterator(chunk_size=...)`, applicant
joined), so an export of a year's applications neither loads them all nor runs a query
per row. What a spreadsheet would run as a formula is neutralised (see FORMULA_START).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_noop
from openpyxl import Workbook

from waspada.applications.exchange import (
    COLUMNS,
    ISO_DATE,
    record_to_row,
    render_message,
)
from waspada.applications.forms import ApplicationFilterForm
from waspada.applications.hooks import LIST_FILTERS
from waspada.applications.models import PassportApplication
from waspada.applications.queries import ApplicationFilters
from waspada.core import audit
from waspada.core.audit_actions import checked
from waspada.core.audit_summaries import said
from waspada.core.models import User
from waspada.core.tables import escape_formula, xlsx_value

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK_SIZE = 2000
# E.164 numbers start with "+" and are only digits: harmless, and kept as the format says.
_UNESCAPED_COLUMNS = frozenset({"phone", "sponsor_phone", "companion_phone"})


class InvalidFilters(Exception):
    """The export parameters are wrong; `problems` maps each parameter to its messages."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in problems.items()))
        self.problems = problems


def filter_fields() -> dict[str, forms.Field]:
    """Every filter of the list page (those of the apps above included): an export holds
    exactly the applications the list shows."""
    fields = dict(ApplicationFilterForm.base_fields)
    for list_filter in LIST_FILTERS:
        fields.update(list_filter.fields())
    return fields


def parse_filters(params: Mapping[str, str]) -> ApplicationFilters:
    """The list page's filters from query parameters, checked by the list page's form."""
    fields = filter_fields()
    data = {name: str(params.get(name) or "").strip() for name in fields}
    form = ApplicationFilterForm({name: value for name, value in data.items() if value})
    problems = {
        name: [str(message) for message in messages] for name, messages in form.errors.items()
    }
    # Only ISO dates: "02/03/2025" would be read as 3 February by the form's US formats.
    for name, field in fields.items():
        if isinstance(field, forms.DateField) and data[name] and not ISO_DATE.fullmatch(data[name]):
            problems[name] = [render_message("bad_date", {"value": data[name]})]
    if problems:
        raise InvalidFilters(problems)
    return form.filters()


def filters_for_audit(filters: ApplicationFilters) -> dict[str, str]:
    defaults = ApplicationFilters()
    asked = {
        name: value
        for name in filter_fields()
        if (value := filters.more.get(name, getattr(filters, name, None)))
        != getattr(defaults, name, None)
    }
    return {
        name: value.isoformat() if isinstance(value, dt.date) else str(value)
        for name, value in asked.items()
    }


def rows(queryset: QuerySet[PassportApplication]) -> Iterator[dict[str, str]]:
    """Exchange-format rows for the applications, read in chunks with their applicants."""
    for application in queryset.select_related("applicant").iterator(chunk_size=CHUNK_SIZE):
        yield record_to_row(application.applicant, application)


def _csv_safe(column: str, value: str) -> str:
    return value if column in _UNESCAPED_COLUMNS else escape_formula(value)


class _Echo:
    """A file-like object whose write returns the text: csv.writer into a generator."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(queryset: QuerySet[PassportApplication]) -> Iterator[str]:
    """The CSV file as text pieces: BOM (so Excel reads UTF-8), header, one line per row."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(COLUMNS)
    for row in rows(queryset):
        yield writer.writerow([_csv_safe(column, row[column]) for column in COLUMNS])


def write_csv(queryset: QuerySet[PassportApplication], out: IO[str]) -> int:
    """Write the CSV to a text file opened with newline=""; returns the number of rows."""
    chunks = csv_chunks(queryset)
    out.write(next(chunks))
    count = 0
    for chunk in chunks:
        out.write(chunk)
        count += 1
    return count


def write_xlsx(queryset: QuerySet[PassportApplication], out: IO[bytes] | str | Path) -> int:
    """Write an XLSX workbook (one sheet, every value as text); returns the number of rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("applications")
    sheet.append(list(COLUMNS))
    count = 0
    for row in rows(queryset):
        sheet.append([xlsx_value(sheet, row[column] or None) for column in COLUMNS])
        count += 1
    workbook.save(out)
    return count


def export_filename(fmt: str) -> str:
    return f"applications-{timezone.localtime():%Y%m%d-%H%M}.{fmt}"


# What an export's summary says, by what was exported.
_EXPORTED = {
    "applications": gettext_noop("%(rows)s applications rows exported as %(format)s (%(file)s)"),
    "screening": gettext_noop("%(rows)s screening rows exported as %(format)s (%(file)s)"),
}


def record_export(
    filters: ApplicationFilters,
    *,
    fmt: str,
    rows: int,
    acting_user: User | None,
    destination: str,
    request: HttpRequest | None = None,
    what: str = "applications",
) -> None:
    """Audit an export: who took which applicants' data, filtered how, where to."""
    audit.record(
        checked(f"{what}.exported"),
        said(
            _EXPORTED.get(what, gettext_noop("%(rows)s rows exported as %(format)s (%(file)s)")),
            rows=rows,
            format=fmt.upper(),
            file=destination,
        ),
        actor=acting_user,
        details={
            "filters": filters_for_audit(filters),
            "format": fmt,
            "rows": rows,
            "file": destination,
        },
        request=request,
    )

"""The report as a file: XLSX (one sheet per table) or PDF (tables and charts), audited.

Both are written from a `ReportDocument`, in Indonesian. A document for publication
prints hidden cells as "<5" or "x" (see `waspada.domain.suppression`) and says on its
first page and every sheet that it is for publication and how it was suppressed.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.models import User
from waspada.core.pdf import font_dir, letterhead
from waspada.core.tables import xlsx_value
from waspada.decisions.letters import signature_for
from waspada.domain.letters import indonesian_date
from waspada.domain.suppression import SECONDARY_MARK
from waspada.regions.queries import office as current_office
from waspada.reports.document import ReportDocument, ReportTable
from waspada.reports.svgcharts import Series, horizontal_bars, vertical_bars

FORMATS = ("pdf", "xlsx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

Cell = int | str


def grid(document: ReportDocument, table: ReportTable) -> list[list[Cell]]:
    """The table as printed: header row, body rows and totals, hidden cells as marks."""
    counts = table.table
    result = document.result(table)
    rows, columns = counts.n_rows, counts.n_columns
    printed_rows = [*range(rows), *([rows] if table.column_totals else [])]
    printed_columns = [*range(columns), *([columns] if table.row_totals else [])]

    def shown(r: int, c: int) -> Cell:
        mark = result.label((r, c)) if result is not None else None
        return mark if mark is not None else counts.value((r, c))

    total = _("Total")
    header: list[Cell] = [table.row_heading, *table.column_labels]
    if table.row_totals:
        header.append(total)
    body: list[list[Cell]] = [header]
    for r in printed_rows:
        label = table.row_labels[r] if r < rows else total
        body.append([label, *(shown(r, c) for c in printed_columns)])
    return body


def withheld(document: ReportDocument, table: ReportTable) -> bool:
    result = document.result(table)
    return result is not None and result.withheld


def notices(document: ReportDocument) -> list[str]:
    """What the document says about itself (publication, suppression, personal data)."""
    if document.publication:
        return [
            _("For publication. Contains no names or NIKs of applicants."),
            _(
                'Counts below %(threshold)d are shown as "<%(threshold)d"; cells marked '
                '"%(mark)s" are hidden so that small counts cannot be worked out from the totals.'
            )
            % {"threshold": document.threshold or 0, "mark": SECONDARY_MARK},
        ]
    return [_("For official use only: not for publication (small counts are not suppressed).")]


# --- XLSX ------------------------------------------------------------------------------


def _sheet_name(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28].strip()
    name, n = base, 2
    while name in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name)
    return name


def write_xlsx(document: ReportDocument, out: IO[bytes] | str | Path) -> None:
    with translation.override("id"):
        workbook = Workbook()
        info = workbook.active
        assert info is not None
        info.title = _("About")
        bold = Font(bold=True)
        lines = [
            document.title,
            document.office,
            _("Period: %(period)s") % {"period": document.period_label},
            _("Compared with: %(period)s") % {"period": document.previous_label},
            _("Made: %(time)s") % {"time": formats.date_format(document.generated_at, "j F Y H:i")},
            *notices(document),
        ]
        for line in lines:
            info.append([xlsx_value(info, line)])
        info["A1"].font = Font(bold=True, size=13)
        info.column_dimensions["A"].width = 100
        used = {info.title}
        for table in document.tables:
            sheet = workbook.create_sheet(_sheet_name(table.title, used))
            sheet.append([xlsx_value(sheet, table.title)])
            sheet["A1"].font = bold
            if withheld(document, table):
                sheet.append([_("Withheld: too few cases to publish this table.")])
                continue
            for index, row in enumerate(grid(document, table)):
                # Labels are names (officers, regencies, reasons): text, never formulas.
                sheet.append([xlsx_value(sheet, cell) for cell in row])
                if index == 0 or (table.column_totals and row[0] == _("Total")):
                    for item in sheet[sheet.max_row]:
                        item.font = bold
            for item in sheet["B"] + sheet["C"]:
                item.alignment = Alignment(horizontal="right")
            if table.note:
                sheet.append([])
                sheet.append([xlsx_value(sheet, table.note)])
            for notice in notices(document) if document.publication else ():
                sheet.append([notice])
            sheet.column_dimensions["A"].width = 46
        workbook.save(out)


# --- PDF -------------------------------------------------------------------------------


def _number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def _column(document: ReportDocument, table: ReportTable, column: int) -> list[Cell]:
    """One column of a table's body (no totals), as printed."""
    rows = grid(document, table)[1 : 1 + len(table.row_labels)]
    return [row[1 + column] for row in rows]


def charts(document: ReportDocument) -> list[str]:
    """The PDF's charts (SVG), from the tables as printed: hidden counts stay hidden."""
    by_key = {table.key: table for table in document.tables}
    found: list[str] = []
    trend = by_key.get("trend")
    if trend is not None and not withheld(document, trend):
        months = [label.split(" ")[0][:3] for label in trend.row_labels]
        found.append(
            vertical_bars(
                _("Applications per month"),
                months,
                [Series(trend.column_labels[0], _column(document, trend, 0))],
                number=_number,
            )
        )
        found.append(
            vertical_bars(
                _("Deferrals and refusals per month"),
                months,
                [
                    Series(trend.column_labels[2], _column(document, trend, 2)),
                    Series(trend.column_labels[3], _column(document, trend, 3)),
                ],
                number=_number,
            )
        )
    for key, title in (
        ("reasons_refused", _("Refusals by reason")),
        ("regencies", _("Deferrals and refusals by regency of origin")),
        ("destinations", _("Applications by destination")),
    ):
        table = by_key.get(key)
        if table is None or withheld(document, table) or not table.row_labels:
            continue
        if key == "regencies":
            series = [Series(table.column_labels[i], _column(document, table, i)) for i in (2, 3)]
        else:
            series = [Series(table.column_labels[0], _column(document, table, 0))]
        found.append(horizontal_bars(title, table.row_labels, series, number=_number))
    return found


def render_html(document: ReportDocument) -> str:
    with translation.override("id"):
        tables = [
            {
                "table": table,
                "rows": [
                    [_number(v) if isinstance(v, int) else v for v in row]
                    for row in grid(document, table)
                ],
                "withheld": withheld(document, table),
            }
            for table in document.tables
        ]
        return render_to_string(
            "reports/report_document.html",
            {
                "doc": document,
                "tables": tables,
                "charts": charts(document),
                "notices": notices(document),
                "letter": _letter(document),
            },
        )


def _letter(document: ReportDocument) -> dict[str, Any]:
    """The office's letterhead over the report and the head of office's signature under
    it (the report goes out as the office's document)."""
    office = current_office()
    if office is None:
        return {}
    return {
        "letterhead": letterhead(office.name, office.address, office.phone),
        "city": office.city,
        "date": indonesian_date(document.generated_at.date()),
        "signature": signature_for(office, None),
    }


def _fonts_only(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """WeasyPrint may load the shipped fonts and nothing else (no network, no files)."""
    from weasyprint.urls import default_url_fetcher

    fonts = font_dir().as_uri() + "/"
    if not url.startswith(fonts) or ".." in url:
        raise ValueError(f"the report loads only the shipped fonts, not {url}")
    return default_url_fetcher(url, timeout, ssl_context)  # type: ignore[no-any-return]


def write_pdf(document: ReportDocument, out: IO[bytes] | str | Path) -> None:
    from weasyprint import CSS, HTML  # loads Pango: only when a PDF is made

    stylesheet = render_to_string("reports/report.css", {"font_dir": font_dir().as_uri()})
    rendered = HTML(string=render_html(document), url_fetcher=_fonts_only).render(
        stylesheets=[CSS(string=stylesheet, url_fetcher=_fonts_only)]
    )
    rendered.metadata.title = f"{document.title} {document.period_label}"
    rendered.metadata.authors = [document.office]
    rendered.metadata.generator = "Waspada"
    rendered.write_pdf(out)


WRITERS = {"pdf": write_pdf, "xlsx": write_xlsx}


def filename(document: ReportDocument, fmt: str) -> str:
    period = document.period
    span = f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    kind = "publikasi" if document.publication else "internal"
    return f"laporan-tppo-{span}-{kind}.{fmt}"


def record_report(
    document: ReportDocument,
    *,
    fmt: str,
    destination: str,
    acting_user: User | None,
    request: HttpRequest | None = None,
) -> None:
    """Audit a report leaving Waspada: which period, which format, published or not."""
    audit.record(
        AuditAction.REPORT_EXPORTED,
        said(
            gettext_noop(
                "Report %(start)s..%(end)s exported as %(format)s for publication (%(file)s)"
            )
            if document.publication
            else gettext_noop("Report %(start)s..%(end)s exported as %(format)s (%(file)s)"),
            start=document.period.start,
            end=document.period.end,
            format=fmt.upper(),
            file=destination,
        ),
        actor=acting_user,
        details={
            "start": document.period.start.isoformat(),
            "end": document.period.end.isoformat(),
            "format": fmt,
            "publication": document.publication,
            "threshold": document.threshold,
            "file": destination,
        },
        request=request,
    )

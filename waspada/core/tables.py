"""Tables that people upload (CSV or XLSX with a header row): one reader for every importer.

Offices save these files from Excel on Indonesian computers, so the reader takes what Excel
writes there: CSV in UTF-8 (with or without a byte-order mark) or UTF-16 ("Unicode text"),
separated by `,`, `;` (the decimal mark is `,`) or tabs, and XLSX workbooks (first sheet).
Rows are numbered as the spreadsheet shows them (the header is row 1).

A file that cannot be read is a `TableFileError` whose notice says what is wrong and where
(the row it broke at), never an internal error. A workbook's directory is checked before
the workbook is opened: a zip bomb (a small file that inflates to hundreds of megabytes)
is refused without inflating anything.

Problems are codes with parameters, rendered on demand (`render_message`), so a stored
report reads in the language of whoever opens it. `RowError` is the one type every
importer reports a row's problem with; `TableImport` is the base every importer builds on:
it declares its columns, parses batches of rows and saves what is valid.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import zipfile
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, ClassVar, Generic, TypeVar

from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

from waspada.domain.names import without_format_characters

EXTENSIONS = (".csv", ".xlsx")
# What the uncompressed parts of a workbook may add up to. A 100,000-row exchange file
# holds about 150 MB of XML; openpyxl keeps the shared strings in memory, so this bound
# is also a bound on that.
MAX_XLSX_UNCOMPRESSED = 400 * 1024 * 1024
# Spreadsheet XML compresses 5-30 times; far more is a file built to inflate.
MAX_XLSX_RATIO = 100
# Below this, a high ratio is harmless (a tiny workbook of empty cells compresses well).
_RATIO_FLOOR = 16 * 1024 * 1024

Message = Promise | Callable[[dict[str, Any]], str]

# Code -> message, for the problems of every importer (see `register_messages`).
_MESSAGES: dict[str, Message] = {
    "required": _("A value is required."),
    "too_long": _("Too long: at most %(max)d characters, this value has %(length)d."),
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
    "duplicate_column": _("Column %(column)s appears more than once; only the first is read."),
    "bad_sex": _("Unknown sex '%(value)s': use L (male) or P (female)."),
    "bad_phone": _(
        "'%(value)s' is not a phone number of any country: write it e.g. as 0812 3456 7890, "
        "+62 812 3456 7890 or +60 18 530 8659."
    ),
    "extra_values": _(
        "This row has %(found)d values but the header has %(expected)d columns: "
        "check for a separator inside a value that is not in quotes."
    ),
    "unknown_extension": _("Only .csv and .xlsx files can be imported; %(filename)s is neither."),
    "unreadable_xlsx": _(
        "The file could not be read as an Excel workbook (.xlsx): "
        "open it in Excel and save it again, or save it as CSV UTF-8."
    ),
    "damaged_xlsx": _(
        "The workbook is damaged after row %(row)d (%(error)s): nothing after that row "
        "could be read. Open it in Excel and save it again, or save it as CSV UTF-8."
    ),
    "xlsx_too_large": _(
        "The workbook unpacks to %(size)s (the file itself is %(packed)s); at most %(max)s "
        "can be imported. Split it, or save it as CSV UTF-8."
    ),
    "not_utf8_file": _(
        "The file is not UTF-8 text: row %(row)d holds bytes that are not. Save it as "
        '"CSV UTF-8 (Comma delimited)" or as "Unicode Text" in Excel and import it again.'
    ),
    "malformed_csv": _(
        "The file could not be read as CSV at row %(row)d (%(error)s): nothing was imported."
    ),
    "empty_file": _("The file is empty: the first row must hold the column names."),
    "unreadable_file": _("The file could not be read."),
}


def register_messages(messages: Mapping[str, Message]) -> None:
    """Add an importer's problem codes. A code means one thing for every importer: a code
    registered again with a different message is a programming error."""
    for code, message in messages.items():
        known = _MESSAGES.setdefault(code, message)
        if known is not message:
            raise ValueError(f"problem code {code!r} is already registered with another message")


def render_message(code: str, params: dict[str, Any]) -> str:
    """The text for a problem code in the active language (the code itself if unknown)."""
    message = _MESSAGES.get(code)
    if message is None:
        return code
    if callable(message) and not isinstance(message, Promise):
        return message(params)
    return str(message % params)


@dataclass(frozen=True)
class Notice:
    """A problem with the whole file (it cannot be imported) or a warning about it."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return render_message(self.code, self.params)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Notice:
        return cls(data["code"], data.get("params", {}))


@dataclass(frozen=True)
class RowError:
    """One problem of one row: where (spreadsheet row, column), what was written, why.

    A refusal (`notice` False) keeps the row out; a notice is about a row that was
    imported all the same (say a placeholder read as blank).
    """

    row: int
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    value: str = ""  # the value as written in the file
    notice: bool = False

    @property
    def message(self) -> str:
        return render_message(self.code, self.params)

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column or '-'}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        data = {"row": self.row, "column": self.column, "code": self.code, "params": self.params}
        if self.value:
            data["value"] = self.value
        if self.notice:
            data["notice"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RowError:
        return cls(
            data["row"],
            data["column"],
            data["code"],
            data.get("params", {}),
            data.get("value", ""),
            bool(data.get("notice", False)),
        )


class TableFileError(Exception):
    """The file cannot be read (wrong type, damaged, not text, too large, empty)."""

    def __init__(self, notice: Notice) -> None:
        super().__init__(notice.code)
        self.notice = notice


@dataclass(frozen=True)
class Columns:
    """The columns an importer reads: the required ones first, then the optional ones."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return self.required + self.optional


@dataclass
class RawRow:
    """One data row as read: the values of the known columns, stripped."""

    number: int
    values: dict[str, str]
    extra_values: int = 0  # non-empty cells beyond the header
    # Columns whose value was written with the apostrophe an export puts before text a
    # spreadsheet would run as a formula: that value is meant literally (even "-").
    literal: frozenset[str] = frozenset()


@dataclass
class Table:
    """A file opened for import: its header checked, its rows read on demand.

    Reading the rows raises `TableFileError` where a damaged workbook breaks.
    """

    columns: list[str]  # the known columns present, in file order
    missing_columns: list[str]
    warnings: list[Notice]
    total: int | None  # data rows, when known in advance
    _rows: Iterable[RawRow]
    _close: Callable[[], None] | None = None

    def rows(self) -> Iterator[RawRow]:
        yield from self._rows

    def close(self) -> None:
        """Release the file when the rows will not be read to the end."""
        if self._close is not None:
            self._close()

    def missing_notice(self) -> Notice | None:
        if not self.missing_columns:
            return None
        return Notice(
            "missing_columns",
            {"columns": ", ".join(self.missing_columns), "count": len(self.missing_columns)},
        )


# --- reading ----------------------------------------------------------------------------


def _header(names: list[str], columns: Columns) -> tuple[dict[str, int], list[Notice], list[str]]:
    """Index of each known column, warnings, and the required columns that are missing."""
    known = set(columns.all)
    index: dict[str, int] = {}
    unknown: list[str] = []
    warnings: list[Notice] = []
    for position, raw in enumerate(names):
        name = raw.strip().lstrip("\ufeff").strip().lower()
        if not name:
            continue
        if name not in known:
            unknown.append(raw.strip().replace("\x00", ""))
        elif name in index:
            warnings.append(Notice("duplicate_column", {"column": name}))
        else:
            index[name] = position
    if unknown:
        warnings.insert(
            0, Notice("unknown_columns", {"columns": ", ".join(unknown), "count": len(unknown)})
        )
    missing = [column for column in columns.required if column not in index]
    return index, warnings, missing


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection);
# exported text gets a leading apostrophe, which the reader takes off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unescape(value: str) -> str:
    if value.startswith("'") and value[1:2] and value[1] in "".join(FORMULA_START):
        return value[1:]
    return value


def _raw_row(number: int, cells: list[str], index: dict[str, int], width: int) -> RawRow:
    values: dict[str, str] = {}
    literal: list[str] = []
    for column, position in index.items():
        cell = without_format_characters(cells[position]).strip() if position < len(cells) else ""
        values[column] = unescape(cell)
        if len(values[column]) != len(cell):
            literal.append(column)
    extra = sum(1 for cell in cells[width:] if cell.strip())
    return RawRow(number, values, extra, frozenset(literal))


def _read_bytes(source: str | Path | IO[bytes]) -> bytes:
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    data = source.read()
    return data.encode("utf-8") if isinstance(data, str) else data


def decode(data: bytes) -> str:
    """The text of a CSV file as Excel writes them; TableFileError for undecodable bytes.

    UTF-16 is what Excel's "Unicode text" writes (with a byte-order mark); without a mark,
    a NUL in the first two bytes still gives UTF-16 away (no text file starts with one).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif data[:2].endswith(b"\x00") and data[:1] != b"\x00":
        encoding = "utf-16-le"
    elif data.startswith(b"\x00") and data[1:2] not in (b"", b"\x00"):
        encoding = "utf-16-be"
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        # Where it broke, as a row: the line ends before the bad byte.
        row = data[: exc.start].decode(encoding, errors="replace").count("\n") + 1
        raise TableFileError(Notice("not_utf8_file", {"row": row})) from exc


def delimiter(text: str) -> str:
    """`,`, `;` or tab: what the first lines are separated by (the header decides a tie).

    csv.Sniffer reads the first lines; its guess must appear in the header (column names
    hold no separators), otherwise the separator the header holds most is taken.
    """
    lines = text[:65536].splitlines()
    header = lines[0] if lines else ""
    try:
        guess = csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",;\t").delimiter
    except csv.Error:
        guess = ""
    if guess and guess in header:
        return guess
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def read_csv(source: str | Path | IO[bytes], columns: Columns) -> Table:
    text = decode(_read_bytes(source))
    if not text.strip():
        raise TableFileError(Notice("empty_file"))
    separator = delimiter(text)

    def records() -> Iterator[list[str]]:
        return csv.reader(io.StringIO(text, newline=""), delimiter=separator)

    # The whole file is parsed once before any row is handed out, so a malformed file
    # is refused before anything is saved.
    reader = records()
    number = 1
    try:
        header = next(reader, [])
        total = 0
        for number, cells in enumerate(reader, start=2):  # noqa: B007 (read after the loop)
            if any(cell.strip() for cell in cells):
                total += 1
    except csv.Error as exc:  # e.g. a value longer than the csv module accepts
        raise TableFileError(
            Notice("malformed_csv", {"row": number + 1, "error": str(exc)})
        ) from exc
    index, warnings, missing = _header(header, columns)

    def rows() -> Iterator[RawRow]:
        reader = records()
        next(reader, None)
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield _raw_row(number, cells, index, len(header))

    return Table(list(index), missing, warnings, total, rows())


def cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_workbook_size(source: str | Path | IO[bytes]) -> None:
    """Refuse a workbook whose parts unpack to too much, reading only the zip directory."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise TableFileError(Notice("unreadable_xlsx")) from exc
    finally:
        if not isinstance(source, str | Path):
            source.seek(0)
    unpacked = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if unpacked > MAX_XLSX_UNCOMPRESSED or (
        unpacked > _RATIO_FLOOR and unpacked / packed > MAX_XLSX_RATIO
    ):
        raise TableFileError(
            Notice(
                "xlsx_too_large",
                {
                    "size": str(filesizeformat(unpacked)),
                    "packed": str(filesizeformat(packed)),
                    "max": str(filesizeformat(MAX_XLSX_UNCOMPRESSED)),
                },
            )
        )


# What a damaged workbook raises while its rows are read (truncated parts, broken XML:
# ElementTree's and lxml's parse errors are SyntaxErrors).
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, SyntaxError, ValueError, KeyError, OSError)


def read_xlsx(source: str | Path | IO[bytes], columns: Columns) -> Table:
    from openpyxl import load_workbook

    check_workbook_size(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except _DAMAGE as exc:
        raise TableFileError(Notice("unreadable_xlsx")) from exc
    last = 0  # the last row read whole

    def numbered() -> Iterator[tuple[int, tuple[Any, ...]]]:
        nonlocal last
        if not workbook.worksheets:
            return
        cells = workbook.worksheets[0].iter_rows(values_only=True)
        try:
            for number, row in enumerate(cells, start=1):
                last = number  # a row is handed out whole
                yield number, row
        except _DAMAGE as exc:
            raise TableFileError(
                Notice("damaged_xlsx", {"row": last, "error": type(exc).__name__})
            ) from exc

    rows_iter = numbered()
    try:
        first = next(rows_iter, None)
    except TableFileError:
        workbook.close()
        raise
    if first is None or not any(cell is not None for cell in first[1]):
        workbook.close()
        raise TableFileError(Notice("empty_file"))
    header = [cell_text(cell) for cell in first[1]]
    index, warnings, missing = _header(header, columns)
    sheet = workbook.worksheets[0]
    # The sheet's declared dimension; trailing empty rows may make it an overestimate.
    total = sheet.max_row - 1 if isinstance(sheet.max_row, int) and sheet.max_row > 1 else None

    def rows() -> Iterator[RawRow]:
        try:
            for number, cells in rows_iter:
                texts = [cell_text(cell) for cell in cells]
                if any(text.strip() for text in texts):
                    yield _raw_row(number, texts, index, len(header))
        finally:
            workbook.close()

    if missing:
        workbook.close()
    return Table(list(index), missing, warnings, total, rows(), workbook.close)


def read_table(source: str | Path | IO[bytes], filename: str, columns: Columns) -> Table:
    """Open an uploaded table (CSV or XLSX, told apart by `filename`).

    Raises TableFileError when the file cannot be read at all.
    """
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        return read_csv(source, columns)
    if suffix == ".xlsx":
        return read_xlsx(source, columns)
    raise TableFileError(Notice("unknown_extension", {"filename": filename}))


def check_header(source: IO[bytes], filename: str, columns: Columns) -> Notice | None:
    """Why this upload cannot be imported at all (read from its header), or None.

    For a form: a wrong file is refused at once rather than queued and failed later.
    """
    try:
        table = read_table(source, filename, columns)
        table.close()
    except TableFileError as exc:
        return exc.notice
    finally:
        source.seek(0)
    return table.missing_notice()


# --- importing --------------------------------------------------------------------------

T = TypeVar("T")


@dataclass
class Checked(Generic[T]):
    """A row after its parser: the value to save, or None when the row is refused."""

    row: RawRow
    value: T | None
    problems: list[RowError] = field(default_factory=list)


@dataclass
class ImportOutcome:
    """What an import did; importers extend it with what else they report.

    `failure` is set when the file could not be imported (or stopped being readable);
    `saved_through` is the last row of the last batch that was saved.
    """

    filename: str = ""
    total: int | None = None  # rows expected, when known before reading them
    rows: int = 0  # data rows read
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0  # rows not imported
    noticed: int = 0  # rows imported with a notice
    problems: list[RowError] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    failure: Notice | None = None
    saved_through: int = 1  # the header row: nothing saved yet
    saved_rows: int = 0  # rows saved (created, updated or unchanged)

    @property
    def ok(self) -> bool:
        return self.failure is None

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "noticed": self.noticed,
            "errors": self.refused,
        }

    @property
    def nothing_imported(self) -> bool:
        """The file could not be read, or it had rows and every one was refused."""
        return self.failure is not None or (self.refused > 0 and self.imported == 0)


OutcomeT = TypeVar("OutcomeT", bound=ImportOutcome)


def with_values(checked: Checked[Any]) -> Checked[Any]:
    """Fill in each problem's value as written, from its row (parsers need not)."""
    values = checked.row.values
    checked.problems = [
        problem
        if problem.value or problem.column not in values
        else replace(problem, value=values[problem.column])
        for problem in checked.problems
    ]
    return checked


class TableImport(ABC, Generic[T, OutcomeT]):
    """An importer: its columns, its row parser (by batch) and its save (by batch).

    `run` reads the file, hands batches of rows to `parse` and the valid ones to `save`,
    and counts what happened. A batch is read whole before it is parsed and saved, so a
    workbook that breaks mid-way saves nothing of the batch it broke in, and the outcome
    says through which row the file was saved.
    """

    columns: ClassVar[Columns]
    batch_size: int = 2000

    @abstractmethod
    def parse(self, rows: list[RawRow]) -> list[Checked[T]]:
        """Check a batch of rows: each row's value, or its problems."""

    @abstractmethod
    def save(self, valid: list[Checked[T]], outcome: OutcomeT) -> None:
        """Save the valid rows of a batch and count created/updated/unchanged in `outcome`."""

    def begin(self, columns: list[str]) -> None:
        """Called once the header is read, with the known columns the file has."""

    def open(
        self, source: str | Path | IO[bytes], filename: str, outcome: OutcomeT
    ) -> Table | None:
        """The table, or None with `outcome.failure` set when nothing can be imported."""
        outcome.filename = outcome.filename or filename
        try:
            table = read_table(source, filename, self.columns)
        except TableFileError as exc:
            outcome.failure = exc.notice
            return None
        outcome.warnings = table.warnings
        outcome.total = table.total
        if table.missing_columns:
            outcome.missing_columns = table.missing_columns
            outcome.failure = table.missing_notice()
            table.close()
            return None
        return table

    def run(
        self,
        source: str | Path | IO[bytes],
        *,
        filename: str,
        outcome: OutcomeT,
        progress: Callable[[int], None] | None = None,
        on_total: Callable[[int | None], None] | None = None,
    ) -> OutcomeT:
        table = self.open(source, filename, outcome)
        if table is None:
            return outcome
        self.begin(table.columns)
        if on_total is not None:
            on_total(table.total)
        rows = iter(table.rows())
        try:
            while batch := list(itertools.islice(rows, self.batch_size)):
                self._import_batch(batch, outcome)
                if progress is not None:
                    progress(len(batch))
        except TableFileError as exc:
            outcome.failure = exc.notice
        finally:
            table.close()
        return outcome

    def _import_batch(self, batch: list[RawRow], outcome: OutcomeT) -> None:
        checked = [with_values(item) for item in self.parse(batch)]
        valid = [item for item in checked if item.value is not None]
        self.save(valid, outcome)
        # Counted once the batch is saved: a save that fails leaves the counts as they
        # were after the previous batch.
        outcome.rows += len(batch)
        outcome.saved_through = batch[-1].number
        outcome.saved_rows += len(valid)
        outcome.refused += len(checked) - len(valid)
        outcome.noticed += sum(1 for item in valid if item.problems)
        for item in checked:
            outcome.problems.extend(item.problems)


def problems_csv(problems: Iterable[RowError]) -> Iterator[list[str]]:
    """The rows of an import's problem report (header first): row, column, value as
    written, refused or imported with a notice, reason in the active language."""
    yield [str(_("row")), str(_("column")), str(_("value")), str(_("outcome")), str(_("reason"))]
    refused, noticed = str(_("refused")), str(_("imported with a notice"))
    for problem in problems:
        yield [
            str(problem.row),
            problem.column,
            escape_formula(problem.value),
            noticed if problem.notice else refused,
            escape_formula(problem.message),
        ]


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def escape_formula(text: str) -> str:
    """Text a spreadsheet shows as written: a leading apostrophe keeps it from running a
    value that starts like a formula (the reader takes it off again). For CSV."""
    return "'" + text if starts_like_formula(text) else text


def xlsx_value(sheet: Any, value: Any) -> Any:
    """A value for a row of an XLSX sheet (`sheet.append`), text always written as text.

    openpyxl turns a string that starts with "=" into a live formula and an error name
    ("#REF!") into an error: such text (and any that starts like a formula, see
    FORMULA_START) becomes a cell typed as a string, shown exactly as written, never run.
    Characters XML cannot hold are left out. Other values pass unchanged."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if starts_like_formula(value) or value in ERROR_CODES:
        cell = WriteOnlyCell(sheet, value=value)  # a plain Cell; fits either kind of sheet
        cell.data_type = "s"
        return cell
    return value


def csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    """CSV text line by line (for a streamed download), with the byte-order mark that
    makes Excel read it as UTF-8."""
    yield "\ufeff"
    for row in rows:
        out = io.StringIO(newline="")
        csv.writer(out).writerow(row)
        yield out.getvalue()

"""The application exchange format (DESIGN.md, "Contracts"): reading, checking, writing rows.

A file is CSV (UTF-8, with or without BOM) or XLSX (first sheet) with a header row.
Each data row becomes one (ApplicantRecord, ApplicationRecord) pair or a list of
`RowError`s; `record_to_row` is the inverse, so an export imports again unchanged.

Problems are kept as a code with parameters and rendered on demand (`message`), so a
stored import report reads in whatever language the officer who opens it uses.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import phonenumbers
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from waspada.applications.countries import is_country_code
from waspada.applications.records import ApplicantRecord, ApplicationRecord
from waspada.domain.documents import DOCUMENT_CODES, PURPOSES
from waspada.domain.nik import Discrepancy, NikError, cross_check
from waspada.domain.phones import normalize_phone
from waspada.regions.nik import REASON_MESSAGES, check_nik, discrepancy_message

if TYPE_CHECKING:
    from waspada.applications.models import Applicant, PassportApplication

REQUIRED_COLUMNS: tuple[str, ...] = (
    "application_no",
    "submitted_on",
    "nik",
    "full_name",
    "sex",
    "birth_place",
    "birth_date",
    "phone",
    "address",
    "village_code",
    "purpose",
    "destination_country",
)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "occupation",
    "education",
    "marital_status",
    "intended_departure",
    "return_ticket",
    "itinerary",
    "funds_source",
    "sponsor_name",
    "sponsor_phone",
    "sponsor_relation",
    "sponsor_address",
    "employer_name",
    "recruiter_name",
    "recruiter_license_no",
    "disnaker_recommendation_no",
    "companion_name",
    "companion_phone",
    "companion_relation",
    "previous_passport_no",
    "documents",
)
COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

SEXES = ("L", "P")
RETURN_TICKETS = ("yes", "no", "unknown")
EXTENSIONS = (".csv", ".xlsx")

APPLICANT_COLUMNS = frozenset(ApplicantRecord.__dataclass_fields__)
APPLICATION_COLUMNS = frozenset(COLUMNS) - APPLICANT_COLUMNS

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_VILLAGE_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}")
_PASSPORT_NO = re.compile(r"[A-Z0-9]{1,9}")
# Bytes that are not UTF-8 decode to lone surrogates under errors="surrogateescape".
_SURROGATE = re.compile("[\udc80-\udcff]")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection);
# exported text gets a leading apostrophe, which the importer takes off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MESSAGES: dict[str, Promise] = {
    "not_utf8": _(
        "This value is not valid UTF-8: save the file as UTF-8 "
        '(in Excel: "CSV UTF-8 (Comma delimited)").'
    ),
    "required": _("A value is required."),
    "too_long": _("Too long: at most %(max)d characters, this value has %(length)d."),
    "bad_date": _("'%(value)s' is not a valid date: write it as YYYY-MM-DD, e.g. 2026-03-12."),
    "future_date": _("The date %(value)s lies in the future."),
    "departure_before_submission": _(
        "The departure date %(value)s is before the application date %(submitted)s."
    ),
    "bad_sex": _("Unknown sex '%(value)s': use L (male) or P (female)."),
    "bad_purpose": _("Unknown purpose '%(value)s': use one of %(choices)s."),
    "bad_country": _(
        "Unknown country code '%(value)s': use the two-letter ISO 3166-1 code, e.g. MY, SA or JP."
    ),
    "destination_indonesia": _(
        "The destination cannot be Indonesia (ID): give the country the applicant travels to."
    ),
    "bad_return_ticket": _("Unknown return ticket value '%(value)s': use yes, no or unknown."),
    "bad_village_code": _(
        "'%(value)s' is not a village code: write the dotted code, e.g. 33.01.01.2001."
    ),
    "unknown_village": _("There is no village with the code %(value)s in the region list."),
    "bad_phone": _(
        "'%(value)s' is not a valid phone number: write it e.g. as 0812 3456 7890 "
        "or +62 812 3456 7890."
    ),
    "bad_documents": ngettext_lazy(
        "Unknown document code %(value)s: use codes from %(choices)s, separated by ';'.",
        "Unknown document codes %(value)s: use codes from %(choices)s, separated by ';'.",
        "count",
    ),
    "bad_passport_no": _("'%(value)s' is not a passport number: up to 9 letters A-Z and digits."),
    "duplicate_application_no": _(
        "Application number %(value)s is already on row %(first)d: "
        "each application may appear only once in a file."
    ),
    "extra_values": _(
        "This row has %(found)d values but the header has %(expected)d columns: "
        "check for a separator inside a value that is not in quotes."
    ),
    # File-level problems and warnings.
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
    "unknown_extension": _("Only .csv and .xlsx files can be imported; %(filename)s is neither."),
    "unreadable_xlsx": _(
        "The file could not be read as an Excel workbook (.xlsx): "
        "open it in Excel and save it again, or save it as CSV UTF-8."
    ),
    "empty_file": _("The file is empty: the first row must hold the column names."),
    "unreadable_file": _("The file could not be read."),
    "crashed": _(
        "The import stopped because of an internal error; the rows saved before it are kept. "
        "Ask the system administrator to check the logs."
    ),
}


def render_message(code: str, params: dict[str, Any]) -> str:
    """The text for a problem code in the active language."""
    if code == "nik_invalid":
        return str(REASON_MESSAGES[NikError(params["reason"])]) % {"code": params["detail"]}
    if code == "nik_contradiction":
        return discrepancy_message(
            Discrepancy(params["field"], params["declared"], params["from_nik"])
        )
    template = MESSAGES.get(code)
    if template is None:
        return code
    return str(template % params)


@dataclass(frozen=True)
class Notice:
    """A file-level problem or warning."""

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
    """What is wrong with one value: spreadsheet row (header = row 1), column, message."""

    row: int
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return render_message(self.code, self.params)

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column or '-'}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "params": self.params}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RowError:
        return cls(data["row"], data["column"], data["code"], data.get("params", {}))


class ExchangeFileError(Exception):
    """The file cannot be read at all (wrong type, damaged, empty)."""

    def __init__(self, notice: Notice) -> None:
        super().__init__(notice.code)
        self.notice = notice


Pair = tuple[ApplicantRecord, ApplicationRecord]


# Columns whose value is checked against a list or pattern (and normalised) rather than
# only for its length.
_CODED_COLUMNS = frozenset(
    {
        "submitted_on",
        "nik",
        "sex",
        "birth_date",
        "phone",
        "village_code",
        "purpose",
        "destination_country",
        "intended_departure",
        "return_ticket",
        "sponsor_phone",
        "companion_phone",
        "previous_passport_no",
        "documents",
    }
)


@functools.cache
def max_lengths() -> dict[str, int]:
    """Free-text column -> the longest value its model field holds."""
    from waspada.applications.models import Applicant, PassportApplication

    lengths: dict[str, int] = {}
    for column in set(COLUMNS) - _CODED_COLUMNS:
        model = Applicant if column in APPLICANT_COLUMNS else PassportApplication
        max_length = getattr(model._meta.get_field(column), "max_length", None)
        if max_length:
            lengths[column] = max_length
    return lengths


# --- reading --------------------------------------------------------------------------


@dataclass
class RawRow:
    """One data row as read: the values of the known columns, stripped."""

    number: int
    values: dict[str, str]
    extra_values: int = 0  # non-empty cells beyond the header


@dataclass
class Table:
    """A file opened for import: its header checked, its rows read on demand."""

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


def _header(names: list[str]) -> tuple[dict[str, int], list[Notice], list[str]]:
    """Index of each known column, warnings, and the required columns that are missing."""
    index: dict[str, int] = {}
    unknown: list[str] = []
    warnings: list[Notice] = []
    for position, raw in enumerate(names):
        name = raw.strip().lstrip("\ufeff").strip().lower()
        if not name:
            continue
        if name not in COLUMNS:
            unknown.append(_printable(raw.strip()))
        elif name in index:
            warnings.append(Notice("duplicate_column", {"column": name}))
        else:
            index[name] = position
    if unknown:
        warnings.insert(
            0, Notice("unknown_columns", {"columns": ", ".join(unknown), "count": len(unknown)})
        )
    missing = [column for column in REQUIRED_COLUMNS if column not in index]
    return index, warnings, missing


def _printable(text: str) -> str:
    """Text safe to show and store: undecodable bytes as U+FFFD, no NUL characters."""
    if _SURROGATE.search(text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text.replace("\x00", "")


def _unescape(value: str) -> str:
    if value.startswith("'") and value[1:2] and value[1] in "".join(FORMULA_START):
        return value[1:]
    return value


def _raw_row(number: int, cells: list[str], index: dict[str, int], width: int) -> RawRow:
    values = {
        column: _unescape(cells[position].strip()) if position < len(cells) else ""
        for column, position in index.items()
    }
    extra = sum(1 for cell in cells[width:] if cell.strip())
    return RawRow(number, values, extra)


def _read_bytes(source: str | Path | IO[bytes]) -> bytes:
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    data = source.read()
    return data.encode("utf-8") if isinstance(data, str) else data


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16", errors="surrogateescape")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="surrogateescape")


def _delimiter(first_line: str) -> str:
    # Excel in an Indonesian locale saves CSV with ';' (the decimal mark is ',').
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def read_csv(source: str | Path | IO[bytes]) -> Table:
    text = _decode(_read_bytes(source))
    if not text.strip():
        raise ExchangeFileError(Notice("empty_file"))
    delimiter = _delimiter(text.split("\n", 1)[0])

    def records() -> Iterator[list[str]]:
        return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    reader = records()
    try:
        header = next(reader, [])
        index, warnings, missing = _header(header)
        total = sum(1 for cells in reader if any(cell.strip() for cell in cells))
    except csv.Error as exc:  # e.g. a value longer than the csv module accepts
        raise ExchangeFileError(Notice("unreadable_file")) from exc

    def rows() -> Iterator[RawRow]:
        reader = records()
        next(reader, None)
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield _raw_row(number, cells, index, len(header))

    return Table(list(index), missing, warnings, total, rows())


def _cell_text(value: Any) -> str:
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


def read_xlsx(source: str | Path | IO[bytes]) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ExchangeFileError(Notice("unreadable_xlsx")) from exc
    sheet = workbook.worksheets[0]
    rows_iter = sheet.iter_rows(values_only=True)
    first = next(rows_iter, None)
    if first is None or not any(cell is not None for cell in first):
        workbook.close()
        raise ExchangeFileError(Notice("empty_file"))
    header = [_cell_text(cell) for cell in first]
    index, warnings, missing = _header(header)
    # The sheet's declared dimension; trailing empty rows may make it an overestimate.
    total = sheet.max_row - 1 if isinstance(sheet.max_row, int) and sheet.max_row > 1 else None

    def rows() -> Iterator[RawRow]:
        try:
            for number, cells in enumerate(rows_iter, start=2):
                texts = [_cell_text(cell) for cell in cells]
                if any(text.strip() for text in texts):
                    yield _raw_row(number, texts, index, len(header))
        finally:
            workbook.close()

    if missing:
        workbook.close()
    return Table(list(index), missing, warnings, total, rows(), workbook.close)


def read_table(source: str | Path | IO[bytes], filename: str) -> Table:
    """Open an exchange file; ExchangeFileError when it cannot be read at all."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        return read_csv(source)
    if suffix == ".xlsx":
        return read_xlsx(source)
    raise ExchangeFileError(Notice("unknown_extension", {"filename": filename}))


# --- checking -------------------------------------------------------------------------


class _Row:
    """Collects the errors of one row while its values are converted."""

    def __init__(self, number: int, values: dict[str, str]) -> None:
        self.number = number
        self.values = values
        self.errors: list[RowError] = []

    def error(self, column: str, code: str, **params: Any) -> None:
        self.errors.append(RowError(self.number, column, code, params))

    def text(self, column: str, *, required: bool = False) -> str:
        value = self.values.get(column, "")
        if required and not value:
            self.error(column, "required")
            return ""
        limit = max_lengths().get(column)
        if limit is not None and len(value) > limit:
            self.error(column, "too_long", max=limit, length=len(value))
        return value

    def date(self, column: str, *, required: bool = False, past: bool = False) -> dt.date | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            if not ISO_DATE.fullmatch(value):
                raise ValueError(value)
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            self.error(column, "bad_date", value=value)
            return None
        if past and parsed > timezone.localdate():
            self.error(column, "future_date", value=value)
        return parsed

    def phone(self, column: str, *, required: bool = False) -> str:
        value = self.text(column, required=required)
        if not value:
            return ""
        phone = fast_phone(value)
        if phone is None:
            self.error(column, "bad_phone", value=value)
            return ""
        return phone

    def choice(self, column: str, choices: Collection[str], code: str, value: str) -> str:
        if value and value not in choices:
            self.error(column, code, value=value, choices=", ".join(choices))
        return value


_MOBILE = re.compile(r"(?:\+62|62|0)(8[0-9]{6,13})")
_PHONE_SEPARATORS = re.compile(r"[ \-.()]")


@functools.cache
def _mobile_patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[int, ...]]:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("ID")
    assert metadata is not None and metadata.mobile is not None
    general, mobile = metadata.general_desc, metadata.mobile
    assert general is not None
    return (
        re.compile(general.national_number_pattern or ""),
        re.compile(mobile.national_number_pattern or ""),
        tuple(mobile.possible_length or ()),
    )


def fast_phone(text: str) -> str | None:
    """`normalize_phone`, with a shortcut for Indonesian mobiles (most numbers in a file).

    The shortcut applies phonenumbers' own Indonesian mobile metadata, so it accepts and
    formats exactly what the full parse would, at a tenth of the cost; anything else
    (landlines, foreign numbers, odd spellings) takes the full parse.
    """
    match = _MOBILE.fullmatch(_PHONE_SEPARATORS.sub("", text.strip()))
    if match is not None:
        national = match.group(1)
        general, mobile, lengths = _mobile_patterns()
        if len(national) in lengths and general.fullmatch(national) and mobile.fullmatch(national):
            return "+62" + national
    return normalize_phone(text)


def _same_birth_date(declared: dt.date, from_nik: dt.date) -> bool:
    # The NIK has two year digits; its century is a guess, so a centenarian's NIK
    # "agrees" with the declared date when day, month and year within the century do.
    return (declared.day, declared.month, declared.year % 100) == (
        from_nik.day,
        from_nik.month,
        from_nik.year % 100,
    )


def parse_row(
    row_number: int, values: dict[str, str], *, known_villages: Collection[str] | None = None
) -> Pair | list[RowError]:
    """Check one row and build its records, or return every problem found in it.

    `values` maps column names to the cell texts; optional columns may be absent.
    `known_villages`, when given, holds the village codes that exist (checked here);
    without it the village code is only checked for its shape.
    """
    if _SURROGATE.search("".join(values.values())):  # one search for the common case
        return [
            RowError(row_number, column, "not_utf8")
            for column, value in values.items()
            if _SURROGATE.search(value)
        ]

    # NUL characters mean nothing in these fields, and PostgreSQL refuses them in text.
    row = _Row(
        row_number,
        {column: value.replace("\x00", "").strip() for column, value in values.items()},
    )
    application_no = row.text("application_no", required=True)
    submitted_on = row.date("submitted_on", required=True, past=True)
    full_name = " ".join(row.text("full_name", required=True).split())
    birth_place = row.text("birth_place", required=True)
    birth_date = row.date("birth_date", required=True, past=True)
    address = row.text("address", required=True)
    phone = row.phone("phone", required=True)

    sex = row.text("sex", required=True).upper()
    if sex and sex not in SEXES:
        row.error("sex", "bad_sex", value=row.values["sex"])
        sex = ""

    nik = row.text("nik", required=True)
    if nik:
        result = check_nik(nik)
        if result.parsed is None:
            assert result.error is not None
            row.error("nik", "nik_invalid", reason=str(result.error), detail=result.detail)
        else:
            nik = result.parsed.nik
            for found in cross_check(result.parsed, birth_date=birth_date, sex=sex or None):
                if (
                    found.field == "birth_date"
                    and birth_date is not None
                    and _same_birth_date(birth_date, result.parsed.birth_date)
                ):
                    continue
                row.error(
                    found.field,
                    "nik_contradiction",
                    field=found.field,
                    declared=found.declared,
                    from_nik=found.from_nik,
                )

    village_code = row.text("village_code", required=True)
    if village_code and not _VILLAGE_CODE.fullmatch(village_code):
        row.error("village_code", "bad_village_code", value=village_code)
    elif village_code and known_villages is not None and village_code not in known_villages:
        row.error("village_code", "unknown_village", value=village_code)

    purpose = row.choice(
        "purpose", PURPOSES, "bad_purpose", row.text("purpose", required=True).lower()
    )
    destination = row.text("destination_country", required=True).upper()
    if destination == "ID":
        row.error("destination_country", "destination_indonesia")
    elif destination and not is_country_code(destination):
        row.error("destination_country", "bad_country", value=row.values["destination_country"])

    return_ticket = row.choice(
        "return_ticket",
        RETURN_TICKETS,
        "bad_return_ticket",
        row.text("return_ticket").lower() or "unknown",
    )
    intended_departure = row.date("intended_departure")
    if intended_departure and submitted_on and intended_departure < submitted_on:
        row.error(
            "intended_departure",
            "departure_before_submission",
            value=intended_departure.isoformat(),
            submitted=submitted_on.isoformat(),
        )

    passport_no = "".join(row.text("previous_passport_no").split()).upper()
    if passport_no and not _PASSPORT_NO.fullmatch(passport_no):
        row.error("previous_passport_no", "bad_passport_no", value=passport_no)

    documents: list[str] = []
    for part in row.values.get("documents", "").replace(",", ";").split(";"):
        code = part.strip().lower()
        if code and code not in documents:
            documents.append(code)
    unknown_documents = [code for code in documents if code not in DOCUMENT_CODES]
    if unknown_documents:
        row.error(
            "documents",
            "bad_documents",
            value=", ".join(unknown_documents),
            choices=", ".join(DOCUMENT_CODES),
            count=len(unknown_documents),
        )

    applicant_extra = {name: row.text(name) for name in ("education", "occupation")}
    marital_status = row.text("marital_status")
    application_text = {
        name: row.text(name)
        for name in (
            "itinerary",
            "funds_source",
            "sponsor_name",
            "sponsor_relation",
            "sponsor_address",
            "employer_name",
            "recruiter_name",
            "recruiter_license_no",
            "disnaker_recommendation_no",
            "companion_name",
            "companion_relation",
        )
    }
    sponsor_phone = row.phone("sponsor_phone")
    companion_phone = row.phone("companion_phone")

    if row.errors:
        return row.errors
    assert submitted_on is not None and birth_date is not None
    applicant = ApplicantRecord(
        nik=nik,
        full_name=full_name,
        sex=sex,
        birth_place=birth_place,
        birth_date=birth_date,
        phone=phone,
        address=address,
        village_code=village_code,
        marital_status=marital_status,
        **applicant_extra,
    )
    application = ApplicationRecord(
        application_no=application_no,
        submitted_on=submitted_on,
        purpose=purpose,
        destination_country=destination,
        intended_departure=intended_departure,
        return_ticket=return_ticket,
        sponsor_phone=sponsor_phone,
        companion_phone=companion_phone,
        previous_passport_no=passport_no,
        documents=documents,
        # The format has no type column; a previous passport means a replacement.
        application_type="replacement" if passport_no else "new",
        **application_text,
    )
    return applicant, application


def existing_villages(codes: Iterable[str]) -> set[str]:
    """The codes among `codes` that are villages in the database (one query)."""
    from waspada.regions.models import Level, Region

    wanted = {code for code in codes if _VILLAGE_CODE.fullmatch(code)}
    if not wanted:
        return set()
    return set(
        Region.objects.filter(code__in=wanted, level=Level.VILLAGE).values_list("code", flat=True)
    )


class RowChecker:
    """Checks the rows of one file batch by batch, remembering what earlier batches held."""

    def __init__(self) -> None:
        self._first_row: dict[str, int] = {}

    def check(self, rows: list[RawRow]) -> tuple[list[Pair], list[RowError], int]:
        """(valid pairs, errors, number of rejected rows) for a batch of rows."""
        villages = existing_villages(row.values.get("village_code", "") for row in rows)
        pairs: list[Pair] = []
        errors: list[RowError] = []
        rejected = 0
        for raw in rows:
            result = parse_row(raw.number, raw.values, known_villages=villages)
            problems = result if isinstance(result, list) else []
            if raw.extra_values:
                problems.insert(
                    0,
                    RowError(
                        raw.number,
                        "",
                        "extra_values",
                        {
                            "found": len(raw.values) + raw.extra_values,
                            "expected": len(raw.values),
                        },
                    ),
                )
            number = raw.values.get("application_no", "").strip()
            if number and not _SURROGATE.search(number):
                first = self._first_row.setdefault(number, raw.number)
                if first != raw.number:
                    problems.append(
                        RowError(
                            raw.number,
                            "application_no",
                            "duplicate_application_no",
                            {"value": number, "first": first},
                        )
                    )
            if problems:
                errors.extend(problems)
                rejected += 1
            else:
                assert not isinstance(result, list)
                pairs.append(result)
        return pairs, errors, rejected


# --- writing --------------------------------------------------------------------------


def record_to_row(applicant: Applicant, application: PassportApplication) -> dict[str, str]:
    """One exchange-format row for an application, every column present, in order.

    The identity columns are the ones written on the application, not the applicant's
    latest values: a 2019 application says what the applicant was called in 2019.
    """

    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    values = {
        "application_no": application.application_no,
        "submitted_on": day(application.submitted_on),
        "nik": applicant.nik,
        "birth_date": day(application.birth_date),
        "village_code": application.village_id,
        "intended_departure": day(application.intended_departure),
        "return_ticket": application.return_ticket,
        "documents": ";".join(application.documents or []),
    }
    for column in COLUMNS:
        if column not in values:
            values[column] = getattr(application, column) or ""
    return {column: str(values[column]) for column in COLUMNS}

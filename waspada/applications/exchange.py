"""The application exchange format (docs/exchange-format.md): its columns, checking rows,
writing rows.

A file is CSV or XLSX with a header row, read by the shared table reader
(`waspada.core.tables`). Each data row becomes one (ApplicantRecord, ApplicationRecord)
pair, with notices about what was imported differently from how it was written, or is
refused with its reasons; `record_to_row` is the inverse, so an export imports again
unchanged.

Problems are kept as a code with parameters and rendered on demand (`message`), so a
stored import report reads in whatever language the officer who opens it uses.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import phonenumbers
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from waspada.applications.countries import is_country_code
from waspada.applications.records import ApplicantRecord, ApplicationRecord
from waspada.core import tables
from waspada.core.tables import (
    FORMULA_START,
    Checked,
    Columns,
    Message,
    Notice,
    RawRow,
    RowError,
    Table,
    TableFileError,
    register_messages,
)
from waspada.domain.documents import DOCUMENT_CODES, PURPOSES
from waspada.domain.nik import Discrepancy, NikError, cross_check, normalize_nik
from waspada.domain.phones import normalize_any_phone
from waspada.regions.nik import REASON_MESSAGES, check_nik, discrepancy_message

if TYPE_CHECKING:
    from waspada.applications.models import Applicant, PassportApplication

__all__ = [
    "COLUMNS",
    "FORMULA_START",
    "SPEC",
    "ExchangeFileError",
    "Notice",
    "RawRow",
    "RowChecker",
    "RowError",
    "Table",
    "check_row",
    "parse_row",
    "read_csv",
    "read_table",
    "read_xlsx",
    "record_to_row",
]

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

# Problems of this format; the generic ones (required, too_long, file problems) are the
# table reader's.
MESSAGES: dict[str, Message] = {
    "bad_date": _("'%(value)s' is not a valid date: write it as YYYY-MM-DD, e.g. 2026-03-12."),
    "future_date": _("The date %(value)s lies in the future."),
    "departure_before_submission": _(
        "The departure date %(value)s is before the application date %(submitted)s."
    ),
    "bad_purpose": _("Unknown purpose '%(value)s': use one of %(choices)s."),
    "bad_country": _(
        "Unknown country code '%(value)s': use the two-letter ISO 3166-1 code, e.g. MY, SA or JP."
    ),
    "destination_indonesia": _(
        "The destination cannot be Indonesia (ID): give the country the applicant travels to."
    ),
    "bad_village_code": _(
        "'%(value)s' is not a village code: write the dotted code, e.g. 33.01.01.2001."
    ),
    "unknown_village": _("There is no village with the code %(value)s in the region list."),
    "duplicate_application_no": _(
        "Application number %(value)s is already on row %(first)d: "
        "each application may appear only once in a file."
    ),
    # Notices: the row is imported all the same.
    "blank_placeholder": _(
        "'%(value)s' is not a value: the field was left blank (the text is kept in this report)."
    ),
    "unreadable_optional": lambda params: str(
        _(
            "'%(value)s' could not be read (%(reason)s): the field was left blank "
            "(the text is kept in this report)."
        )
        % {**params, "reason": UNREADABLE_REASONS.get(params["reason"], params["reason"])}
    ),
    "unknown_documents": ngettext_lazy(
        "Unknown document code %(value)s left out of the document list (known codes: "
        "%(choices)s); the other documents were kept.",
        "Unknown document codes %(value)s left out of the document list (known codes: "
        "%(choices)s); the other documents were kept.",
        "count",
    ),
    "nik_contradiction": lambda params: str(
        _("%(problem)s Both values were imported as written, for screening to weigh.")
        % {
            "problem": discrepancy_message(
                Discrepancy(params["field"], params["declared"], params["from_nik"])
            )
        }
    ),
    "nik_invalid": lambda params: (
        str(REASON_MESSAGES[NikError(params["reason"])]) % {"code": params["detail"]}
    ),
    "crashed": _(
        "The import stopped because of an internal error; the rows saved before it are kept. "
        "Ask the system administrator to check the logs."
    ),
    "crashed_at": _(
        "The import stopped because of an internal error after row %(saved)d: rows up to "
        "%(saved)d were saved and screened (%(count)d applications; the refused rows among "
        "them are listed below), nothing after row %(saved)d was saved. Ask the system "
        "administrator to check the logs, then import the file again: rows already saved "
        "are left unchanged."
    ),
    "stopped_at": lambda params: str(
        _(
            "%(problem)s Rows up to %(saved)d were saved and screened (%(count)d "
            "applications); nothing after row %(saved)d was saved."
        )
        % {
            "problem": tables.render_message(
                params["problem"]["code"], params["problem"].get("params", {})
            ),
            "saved": params["saved"],
            "count": params["count"],
        }
    ),
}
# The reasons an optional value could not be read (the parameter of "unreadable_optional").
UNREADABLE_REASONS: dict[str, Promise] = {
    "date": _("not a date written as YYYY-MM-DD"),
    "phone": _("not a phone number of any country"),
    "passport": _("not a passport number: up to 9 letters A-Z and digits"),
    "return_ticket": _("use yes, no or unknown"),
}
register_messages(MESSAGES)
render_message = tables.render_message


ExchangeFileError = TableFileError
Pair = tuple[ApplicantRecord, ApplicationRecord]
SPEC = Columns(REQUIRED_COLUMNS, OPTIONAL_COLUMNS)

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


def read_csv(source: str | Path | IO[bytes]) -> Table:
    return tables.read_csv(source, SPEC)


def read_xlsx(source: str | Path | IO[bytes]) -> Table:
    return tables.read_xlsx(source, SPEC)


def read_table(source: str | Path | IO[bytes], filename: str) -> Table:
    """Open an exchange file; TableFileError when it cannot be read at all."""
    return tables.read_table(source, filename, SPEC)


# --- checking -------------------------------------------------------------------------

# What clerks write in an optional field that has no value. Compared without case,
# spaces collapsed.
PLACEHOLDERS = frozenset(
    {
        "-",
        "--",
        "---",
        "\u2013",
        "\u2014",
        ".",
        "..",
        "...",
        "?",
        "0",
        "00",
        "000",
        "n/a",
        "n.a.",
        "n.a",
        "na",
        "none",
        "nil",
        "null",
        "nihil",
        "kosong",
        "tidak ada",
        "tdk ada",
        "tdk. ada",
        "tak ada",
        "ga ada",
        "gak ada",
        "belum ada",
    }
)


def is_placeholder(value: str) -> bool:
    return " ".join(value.split()).casefold() in PLACEHOLDERS


class _Row:
    """Collects the problems of one row while its values are converted."""

    def __init__(self, number: int, values: dict[str, str], literal: Collection[str] = ()) -> None:
        self.number = number
        self.values = values
        self.literal = literal
        self.problems: list[RowError] = []

    @property
    def refused(self) -> bool:
        return any(not problem.notice for problem in self.problems)

    def error(self, column: str, code: str, **params: Any) -> None:
        self.problems.append(RowError(self.number, column, code, params))

    def notice(self, column: str, code: str, **params: Any) -> None:
        self.problems.append(RowError(self.number, column, code, params, notice=True))

    def text(self, column: str, *, required: bool = False) -> str:
        value = self.values.get(column, "")
        if required and not value:
            self.error(column, "required")
            return ""
        if not required and value and column not in self.literal and is_placeholder(value):
            self.notice(column, "blank_placeholder", value=value)
            return ""
        limit = max_lengths().get(column)
        if limit is not None and len(value) > limit:
            self.error(column, "too_long", max=limit, length=len(value))
        return value

    def unreadable(self, column: str, value: str, reason: str) -> None:
        """An optional value that cannot be read is left blank, with a notice."""
        self.notice(column, "unreadable_optional", value=value, reason=reason)

    def date(self, column: str, *, required: bool = False, past: bool = False) -> dt.date | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            if not ISO_DATE.fullmatch(value):
                raise ValueError(value)
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            if required:
                self.error(column, "bad_date", value=value)
            else:
                self.unreadable(column, value, "date")
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
            if required:
                self.error(column, "bad_phone", value=value)
            else:
                self.unreadable(column, value, "phone")
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
    """`normalize_any_phone`, with a shortcut for Indonesian mobiles (most numbers in a file).

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
    return normalize_any_phone(text)


def _same_birth_date(declared: dt.date, from_nik: dt.date) -> bool:
    # The NIK has two year digits; its century is a guess, so a centenarian's NIK
    # "agrees" with the declared date when day, month and year within the century do.
    return (declared.day, declared.month, declared.year % 100) == (
        from_nik.day,
        from_nik.month,
        from_nik.year % 100,
    )


def _nik(row: _Row, birth_date: dt.date | None, sex: str) -> str:
    """The NIK as 16 digits. Only a NIK that is not 16 digits refuses the row: one with an
    unknown region or date, or one that contradicts the birth date or sex, is imported as
    written with a notice - the contradiction is what screening weighs (D13), and an
    invalid NIK is evidence too (D12)."""
    nik = row.text("nik", required=True)
    if not nik:
        return ""
    result = check_nik(nik)
    if result.parsed is None:
        assert result.error is not None
        compact = normalize_nik(nik)
        if compact is None or result.error == NikError.NOT_16_DIGITS:
            row.error("nik", "nik_invalid", reason=str(result.error), detail=result.detail)
            return ""
        row.notice("nik", "nik_invalid", reason=str(result.error), detail=result.detail)
        return compact
    for found in cross_check(result.parsed, birth_date=birth_date, sex=sex or None):
        if (
            found.field == "birth_date"
            and birth_date is not None
            and _same_birth_date(birth_date, result.parsed.birth_date)
        ):
            continue
        row.notice(
            found.field,
            "nik_contradiction",
            field=found.field,
            declared=found.declared,
            from_nik=found.from_nik,
        )
    return result.parsed.nik


def _documents(row: _Row) -> list[str]:
    """The document codes of the row; unknown ones are left out with a notice."""
    documents: list[str] = []
    for part in row.text("documents").replace(",", ";").split(";"):
        code = part.strip().lower()
        if code and code not in documents:
            documents.append(code)
    unknown = [code for code in documents if code not in DOCUMENT_CODES]
    if unknown:
        row.notice(
            "documents",
            "unknown_documents",
            value=", ".join(unknown),
            choices=", ".join(DOCUMENT_CODES),
            count=len(unknown),
        )
    return [code for code in documents if code in DOCUMENT_CODES]


def check_row(
    row_number: int,
    values: dict[str, str],
    *,
    known_villages: Collection[str] | None = None,
    literal: Collection[str] = (),
) -> tuple[Pair | None, list[RowError]]:
    """Check one row: its records (None when the row is refused) and every problem found.

    A row is refused only when it cannot be an application: a required value missing or
    unreadable, a date that is not a date, a NIK that is not 16 digits, a village, purpose
    or country that does not exist. Anything else is imported with a notice: a NIK that
    contradicts the birth date or sex (both kept as written), an unknown document code
    (left out), a placeholder or unreadable optional value (left blank).

    `values` maps column names to the cell texts; optional columns may be absent.
    `known_villages`, when given, holds the village codes that exist (checked here);
    without it the village code is only checked for its shape. `literal` columns were
    escaped by an export: their value is never read as a placeholder.
    """
    # NUL characters mean nothing in these fields, and PostgreSQL refuses them in text.
    row = _Row(
        row_number,
        {column: value.replace("\x00", "").strip() for column, value in values.items()},
        literal,
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
    nik = _nik(row, birth_date, sex)

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

    return_ticket = row.text("return_ticket").lower()
    if return_ticket and return_ticket not in RETURN_TICKETS:
        row.unreadable("return_ticket", row.values["return_ticket"], "return_ticket")
        return_ticket = ""
    intended_departure = row.date("intended_departure")
    if intended_departure and submitted_on and intended_departure < submitted_on:
        # Kept as written: a departure "before" the application is odd, not unreadable.
        row.notice(
            "intended_departure",
            "departure_before_submission",
            value=intended_departure.isoformat(),
            submitted=submitted_on.isoformat(),
        )

    passport_no = "".join(row.text("previous_passport_no").split()).upper()
    if passport_no and not _PASSPORT_NO.fullmatch(passport_no):
        row.unreadable("previous_passport_no", row.values["previous_passport_no"], "passport")
        passport_no = ""

    documents = _documents(row)
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

    if row.refused:
        return None, row.problems
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
        return_ticket=return_ticket or "unknown",
        sponsor_phone=sponsor_phone,
        companion_phone=companion_phone,
        previous_passport_no=passport_no,
        documents=documents,
        # The format has no type column; a previous passport means a replacement.
        application_type="replacement" if passport_no else "new",
        **application_text,
    )
    return (applicant, application), row.problems


def parse_row(
    row_number: int, values: dict[str, str], *, known_villages: Collection[str] | None = None
) -> Pair | list[RowError]:
    """The row's records, or its refusals (see `check_row`; notices are left out)."""
    pair, problems = check_row(row_number, values, known_villages=known_villages)
    if pair is None:
        return [problem for problem in problems if not problem.notice]
    return pair


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

    def check_rows(self, rows: list[RawRow]) -> list[Checked[Pair]]:
        """Each row of a batch checked: its records (None when refused) and problems."""
        villages = existing_villages(row.values.get("village_code", "") for row in rows)
        checked: list[Checked[Pair]] = []
        for raw in rows:
            pair, problems = check_row(
                raw.number, raw.values, known_villages=villages, literal=raw.literal
            )
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
                pair = None
            number = raw.values.get("application_no", "").strip()
            if number:
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
                    pair = None
            checked.append(Checked(raw, pair, problems))
        return checked

    def check(self, rows: list[RawRow]) -> tuple[list[Pair], list[RowError], int]:
        """(valid pairs, problems, number of refused rows) for a batch of rows."""
        checked = self.check_rows(rows)
        pairs = [item.value for item in checked if item.value is not None]
        problems = [problem for item in checked for problem in item.problems]
        return pairs, problems, len(checked) - len(pairs)


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

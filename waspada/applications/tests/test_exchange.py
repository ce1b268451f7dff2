"""The exchange format: reading CSV and XLSX, checking rows, writing rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation
from openpyxl import Workbook

from waspada.applications.exchange import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ExchangeFileError,
    Notice,
    RowChecker,
    RowError,
    check_row,
    existing_villages,
    fast_phone,
    parse_row,
    read_csv,
    read_table,
    read_xlsx,
    record_to_row,
)
from waspada.applications.records import ApplicantRecord, ApplicationRecord
from waspada.domain.phones import normalize_any_phone

# Kabupaten Cilacap, kecamatan Nusawungu (33.01.05): a woman born 2 March 1990.
WOMAN_NIK = "3301054203900001"
VILLAGE = "33.01.05.2001"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def valid_row(**overrides: str) -> dict[str, str]:
    """A complete, valid exchange row; keyword arguments replace or add values."""
    row = {
        "application_no": "CLP-2025-000001",
        "submitted_on": "2025-03-02",
        "nik": WOMAN_NIK,
        "full_name": "Siti Aminah",
        "sex": "P",
        "birth_place": "Cilacap",
        "birth_date": "1990-03-02",
        "phone": "0812-3456-7890",
        "address": "Dusun Karanganyar RT 02/RW 04",
        "village_code": VILLAGE,
        "purpose": "tourism",
        "destination_country": "MY",
    }
    row.update(overrides)
    return row


def csv_bytes(
    rows: list[dict[str, str]],
    columns: list[str] | None = None,
    *,
    delimiter: str = ",",
    bom: bool = False,
) -> bytes:
    """A CSV file with these rows (columns default to those of the first row)."""
    names = columns or list(rows[0])
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(names)
    for row in rows:
        writer.writerow([row.get(name, "") for name in names])
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    """A workbook whose first sheet holds these rows (the first is the header)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def errors_of(result: Any) -> list[tuple[int, str, str]]:
    assert isinstance(result, list), f"expected errors, got {result!r}"
    return [(error.row, error.column, error.code) for error in result]


# --- the columns ---------------------------------------------------------------------


def test_columns_are_exactly_those_of_the_design_in_order() -> None:
    assert REQUIRED_COLUMNS == (
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
    assert OPTIONAL_COLUMNS == (
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


# --- checking rows -------------------------------------------------------------------


def test_valid_row_becomes_an_applicant_and_an_application_record() -> None:
    result = parse_row(
        2,
        valid_row(
            documents="ktp; KK;akta_lahir;ktp",
            return_ticket="YES",
            sponsor_phone="+62 813 1111 2222",
            previous_passport_no="b 1234567",
            intended_departure="2025-04-01",
            destination_country="my",
            sex="p",
            nik="3301 0542 0390 0001",
        ),
    )
    assert isinstance(result, tuple)
    applicant, application = result
    assert applicant == ApplicantRecord(
        nik=WOMAN_NIK,
        full_name="Siti Aminah",
        sex="P",
        birth_place="Cilacap",
        birth_date=dt.date(1990, 3, 2),
        phone="+6281234567890",
        address="Dusun Karanganyar RT 02/RW 04",
        village_code=VILLAGE,
    )
    assert application.application_no == "CLP-2025-000001"
    assert application.submitted_on == dt.date(2025, 3, 2)
    assert application.destination_country == "MY"
    assert application.documents == ["ktp", "kk", "akta_lahir"]
    assert application.return_ticket == "yes"
    assert application.sponsor_phone == "+6281311112222"
    assert application.previous_passport_no == "B1234567"
    assert application.intended_departure == dt.date(2025, 4, 1)


def test_absent_optional_columns_take_their_defaults() -> None:
    result = parse_row(2, valid_row())
    assert isinstance(result, tuple)
    _applicant, application = result
    assert application.return_ticket == "unknown"
    assert application.documents == []
    assert application.intended_departure is None


@pytest.mark.parametrize("column", REQUIRED_COLUMNS)
def test_an_empty_required_value_is_reported_in_its_column(column: str) -> None:
    result = parse_row(7, valid_row(**{column: "  "}))
    assert (7, column, "required") in errors_of(result)


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("submitted_on", "02/03/2025", "bad_date"),
        ("submitted_on", "2025-02-30", "bad_date"),
        ("birth_date", "1990-3-2", "bad_date"),
        ("birth_date", "2999-01-01", "future_date"),
        ("sex", "W", "bad_sex"),
        ("purpose", "holiday", "bad_purpose"),
        ("destination_country", "XX", "bad_country"),
        ("destination_country", "Malaysia", "bad_country"),
        ("destination_country", "ID", "destination_indonesia"),
        ("village_code", "3301052001", "bad_village_code"),
        ("phone", "12345", "bad_phone"),
        ("full_name", "x" * 201, "too_long"),
        ("nik", "12345", "nik_invalid"),
    ],
)
def test_a_bad_value_is_reported_with_row_column_and_reason(
    column: str, value: str, code: str
) -> None:
    result = parse_row(5, valid_row(**{column: value}))
    assert (5, column, code) in errors_of(result)


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("intended_departure", "next week", "unreadable_optional"),
        ("return_ticket", "maybe", "unreadable_optional"),
        ("sponsor_phone", "not a phone", "unreadable_optional"),
        ("companion_phone", "12", "unreadable_optional"),
        ("previous_passport_no", "AB-123", "unreadable_optional"),
        ("previous_passport_no", "A12345678X", "unreadable_optional"),
        ("sponsor_phone", "-", "blank_placeholder"),
        ("companion_phone", "0000", "unreadable_optional"),
        ("previous_passport_no", "tidak ada", "blank_placeholder"),
        ("sponsor_name", "Tdk ada", "blank_placeholder"),
        ("itinerary", "n/a", "blank_placeholder"),
        ("intended_departure", "--", "blank_placeholder"),
        ("employer_name", "0", "blank_placeholder"),
    ],
)
def test_an_unreadable_or_placeholder_optional_value_is_left_blank_with_a_notice(
    column: str, value: str, code: str
) -> None:
    pair, problems = check_row(5, valid_row(**{column: value}))
    assert pair is not None, "the row is imported"
    assert [(p.row, p.column, p.code, p.notice) for p in problems] == [(5, column, code, True)]
    assert value in problems[0].message  # the original text stays in the report
    _applicant, application = pair
    assert getattr(application, column) in ("", None, "unknown")


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("+60 18 530 8659", "+60185308659"),
        ("0060133639066", "+60133639066"),
        ("(966) 564519388", "+966564519388"),
        ("60-145213286", "+60145213286"),
        ("+855 24 176 041", "+85524176041"),
        ("0812-3456-7890", "+6281234567890"),
        ("(0282) 534 123", "+62282534123"),
        ("81234567890", "+6281234567890"),
    ],
)
def test_a_phone_of_any_country_is_stored_in_e164_however_written(
    written: str, stored: str
) -> None:
    pair, problems = check_row(2, valid_row(phone=written, sponsor_phone=written))
    assert problems == [] and pair is not None
    assert pair[0].phone == pair[1].sponsor_phone == stored


def test_an_unknown_document_code_is_left_out_with_a_notice_and_the_others_kept() -> None:
    pair, problems = check_row(
        3, valid_row(documents="ktp;visa;sertifikat_kompetensi;rekomendasi_kemnaker")
    )
    assert pair is not None
    assert pair[1].documents == ["ktp", "sertifikat_kompetensi", "rekomendasi_kemnaker"]
    [notice] = problems
    assert (notice.column, notice.code, notice.notice) == ("documents", "unknown_documents", True)
    assert "visa" in notice.message


def test_the_mobile_shortcut_agrees_with_the_full_phone_parse() -> None:
    rng = random.Random(7)
    samples = ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "(0282) 534 123", "08"]
    for _ in range(3000):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randrange(5, 15)))
        prefix = rng.choice(["0", "+62", "62", "+62 0", "08", "+628", "8", "+1 ", ""])
        samples.append(prefix + digits)
        samples.append(f"{prefix}{digits[:3]}-{digits[3:7]} {digits[7:]}")
    for sample in samples:
        assert fast_phone(sample) == normalize_any_phone(sample), sample


def test_unknown_purpose_message_names_the_value_and_the_choices() -> None:
    [error] = parse_row(3, valid_row(purpose="holiday"))  # type: ignore[misc]
    assert error.message.startswith("Unknown purpose 'holiday': use one of tourism, umrah, hajj")


def test_a_nik_of_16_digits_with_an_unknown_region_is_imported_with_a_notice_that_says_why() -> (
    None
):
    pair, [notice] = check_row(3, valid_row(nik="9901054203900001"))
    assert pair is not None and pair[0].nik == "9901054203900001"
    assert (notice.column, notice.code, notice.notice) == ("nik", "nik_invalid", True)
    assert "Unknown province code 99" in notice.message


def test_nik_contradicting_the_birth_date_is_imported_as_written_with_a_notice() -> None:
    pair, problems = check_row(4, valid_row(birth_date="1990-03-03"))
    assert errors_of(problems) == [(4, "birth_date", "nik_contradiction")]
    assert problems[0].notice
    assert "birth date" in problems[0].message
    assert "2 March 1990" in problems[0].message or "Mar" in problems[0].message
    assert pair is not None
    assert (pair[0].nik, pair[0].birth_date) == (WOMAN_NIK, dt.date(1990, 3, 3))


def test_nik_contradicting_the_sex_is_imported_as_written_with_a_notice() -> None:
    pair, problems = check_row(4, valid_row(sex="L"))
    assert errors_of(problems) == [(4, "sex", "nik_contradiction")]
    assert "female" in problems[0].message and "male" in problems[0].message
    assert pair is not None and (pair[0].nik, pair[0].sex) == (WOMAN_NIK, "L")


def test_a_centenarians_nik_agrees_with_the_birth_date_in_the_last_century() -> None:
    # 12 March 1925: the NIK says "120325", whose century is guessed as 2025.
    assert isinstance(
        parse_row(2, valid_row(nik="3301051203250001", sex="L", birth_date="1925-03-12")), tuple
    )


def test_village_code_must_be_known_when_known_villages_are_given() -> None:
    result = parse_row(9, valid_row(village_code="33.01.05.2999"), known_villages={VILLAGE})
    assert errors_of(result) == [(9, "village_code", "unknown_village")]
    assert isinstance(parse_row(9, valid_row(), known_villages={VILLAGE}), tuple)


def test_a_file_that_is_not_utf8_is_a_file_problem_that_names_the_row() -> None:
    data = csv_bytes([valid_row(), valid_row(full_name="Siti \u00e9mah")])
    with pytest.raises(ExchangeFileError) as caught:
        read_csv(io.BytesIO(data.replace("\u00e9".encode(), b"\xe9")))
    assert caught.value.notice == Notice("not_utf8_file", {"row": 3})
    assert "not UTF-8" in caught.value.notice.message


def test_nul_characters_are_dropped_from_values() -> None:
    result = parse_row(2, valid_row(full_name="Siti\x00 Aminah", purpose="touri\x00sm"))
    assert isinstance(result, tuple)
    assert result[0].full_name == "Siti Aminah"
    assert result[1].purpose == "tourism"


def test_nul_characters_in_an_unknown_column_name_are_dropped() -> None:
    data = csv_bytes([valid_row(Xcatatan="x")]).replace(b"Xcatatan", b"catatan\x00")
    [warning] = read_csv(io.BytesIO(data)).warnings
    assert warning.params["columns"] == "catatan"


def test_every_problem_of_a_row_is_reported_not_only_the_first() -> None:
    result = parse_row(2, valid_row(submitted_on="x", purpose="holiday", destination_country="ZZ"))
    assert {column for _row, column, _code in errors_of(result)} == {
        "submitted_on",
        "purpose",
        "destination_country",
    }


def test_row_errors_survive_a_trip_through_json_and_render_in_any_language() -> None:
    error = RowError(3, "purpose", "bad_purpose", {"value": "x", "choices": "tourism"})
    again = RowError.from_dict(error.to_dict())
    assert again == error
    assert str(again) == "row 3, column purpose: Unknown purpose 'x': use one of tourism."
    with translation.override("id"):
        assert again.message  # rendered from the Indonesian catalog, never empty


# --- reading files -------------------------------------------------------------------


def test_csv_with_bom_is_read_and_rows_are_numbered_like_a_spreadsheet() -> None:
    table = read_csv(io.BytesIO(csv_bytes([valid_row(), {}, valid_row()], bom=True)))
    assert table.columns == list(REQUIRED_COLUMNS)
    assert table.missing_columns == []
    assert table.total == 2
    assert [row.number for row in table.rows()] == [2, 4]


def test_csv_saved_by_excel_with_semicolons_is_read() -> None:
    data = csv_bytes([valid_row(documents="ktp;kk")], delimiter=";")
    [row] = read_csv(io.BytesIO(data)).rows()
    assert row.values["documents"] == "ktp;kk"
    assert row.values["full_name"] == "Siti Aminah"


def test_missing_required_columns_are_all_named() -> None:
    row = valid_row()
    del row["nik"], row["purpose"]
    table = read_csv(io.BytesIO(csv_bytes([row])))
    assert table.missing_columns == ["nik", "purpose"]


def test_unknown_columns_give_one_warning_and_are_ignored() -> None:
    table = read_csv(io.BytesIO(csv_bytes([valid_row(Catatan="x", loket="3")])))
    [warning] = table.warnings
    assert warning.message == "Unknown columns ignored: Catatan, loket."
    [row] = table.rows()
    assert "Catatan" not in row.values


def test_column_names_are_matched_without_case_or_spaces() -> None:
    data = csv_bytes([valid_row()]).replace(b"application_no", b" Application_No ")
    assert read_csv(io.BytesIO(data)).missing_columns == []


@pytest.mark.django_db
def test_a_row_with_more_values_than_columns_is_rejected(central_java_regions: None) -> None:
    data = csv_bytes([valid_row()]) + b"," * 11 + b",extra,values\r\n"
    table = read_csv(io.BytesIO(data))
    pairs, errors, rejected = RowChecker().check(list(table.rows()))
    assert len(pairs) == 1 and rejected == 1
    assert (errors[0].row, errors[0].column, errors[0].code) == (3, "", "extra_values")


def test_an_empty_file_cannot_be_read() -> None:
    with pytest.raises(ExchangeFileError) as caught:
        read_csv(io.BytesIO(b"\xef\xbb\xbf\r\n"))
    assert caught.value.notice == Notice("empty_file")


def test_only_csv_and_xlsx_are_accepted() -> None:
    with pytest.raises(ExchangeFileError) as caught:
        read_table(io.BytesIO(b"a,b"), "data.xls")
    assert caught.value.notice.code == "unknown_extension"
    assert "data.xls" in caught.value.notice.message


def test_a_damaged_workbook_cannot_be_read() -> None:
    with pytest.raises(ExchangeFileError) as caught:
        read_xlsx(io.BytesIO(b"PK\x03\x04 not really a zip"))
    assert caught.value.notice.code == "unreadable_xlsx"


def test_xlsx_dates_and_numbers_are_read_as_exchange_text() -> None:
    row = valid_row()
    values: list[Any] = list(row.values())
    values[1] = dt.datetime(2025, 3, 2)  # submitted_on typed as a date in Excel
    values[2] = 3301054203900001  # the NIK as a number
    values[7] = 81234567890  # the phone as a number: the leading 0 is lost
    table = read_xlsx(io.BytesIO(xlsx_bytes([list(row), values])))
    [raw] = table.rows()
    assert raw.number == 2
    assert raw.values["submitted_on"] == "2025-03-02"
    assert raw.values["nik"] == WOMAN_NIK
    result = parse_row(raw.number, raw.values)
    assert isinstance(result, tuple)
    assert result[0].phone == "+6281234567890"


@pytest.mark.django_db
def test_duplicate_application_numbers_in_one_file_are_rejected_after_the_first(
    central_java_regions: None,
) -> None:
    checker = RowChecker()
    first = read_csv(io.BytesIO(csv_bytes([valid_row()]))).rows()
    pairs, errors, _ = checker.check(list(first))
    assert len(pairs) == 1 and errors == []
    again = list(read_csv(io.BytesIO(csv_bytes([valid_row(), valid_row()]))).rows())
    again[0].number, again[1].number = 40, 41
    _pairs, errors, rejected = checker.check(again)
    assert rejected == 2
    assert [(e.row, e.column, e.code, e.params["first"]) for e in errors] == [
        (40, "application_no", "duplicate_application_no", 2),
        (41, "application_no", "duplicate_application_no", 2),
    ]


@pytest.mark.django_db
def test_village_codes_are_checked_against_the_database_in_one_query(
    central_java_regions: None, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        found = existing_villages([VILLAGE, "33.01.05.2999", "33.01.05", "junk"])
    assert found == {VILLAGE}


# --- writing rows --------------------------------------------------------------------


@pytest.mark.django_db
def test_record_to_row_gives_every_column_in_order_as_text(central_java_regions: None) -> None:
    from waspada.applications.tests.factories import make_application

    application = make_application(
        applicant={"phone": "+6281234567890"},
        documents=["ktp", "kk"],
        intended_departure=dt.date(2026, 4, 1),
        sponsor_phone="+6281311112222",
    )
    row = record_to_row(application.applicant, application)
    assert list(row) == list(COLUMNS)
    assert row["documents"] == "ktp;kk"
    assert row["intended_departure"] == "2026-04-01"
    assert row["phone"] == "+6281234567890"
    assert row["companion_phone"] == ""
    result = parse_row(2, row, known_villages={row["village_code"]})
    assert isinstance(result, tuple)
    assert result[1] == ApplicationRecord(
        **{name: getattr(application, name) for name in ApplicationRecord.__dataclass_fields__}
    )

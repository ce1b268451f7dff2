"""Each application keeps the identity written on it, and export -> import -> export is exact."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from waspada.applications import exporting
from waspada.applications.exchange import COLUMNS, FORMULA_START
from waspada.applications.identity import identity_changes, identity_history
from waspada.applications.importing import import_file
from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_nik
from waspada.applications.tests.test_exchange import csv_bytes, valid_row
from waspada.watchlists.models import DuplicateKind, IdentityDuplicate

pytestmark = pytest.mark.usefixtures("central_java_regions")

DISTRICT = "33.01.05"
VILLAGE = "33.01.05.2001"


def export_csv() -> list[dict[str, str]]:
    """Every application exported as the CSV download writes it, read back as rows."""
    out = io.StringIO(newline="")
    exporting.write_csv(PassportApplication.objects.order_by("application_no"), out)
    return list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"), newline="")))


def as_read(value: str) -> str:
    """A value as the importer reads it back (the export's formula guard taken off)."""
    return value[1:] if value[:1] == "'" and value[1:2] and value[1] in FORMULA_START else value


def import_rows(rows: list[dict[str, str]]) -> None:
    import_file(io.BytesIO(csv_bytes(rows, list(COLUMNS))), filename="x.csv", acting_user=None)


def test_each_application_is_exported_with_the_name_it_was_submitted_with() -> None:
    nik = make_nik(DISTRICT, dt.date(1990, 3, 2), "P", serial=1)
    first = valid_row(application_no="CLP-2019-000001", submitted_on="2019-05-02", nik=nik)
    first.update(full_name="Nur Fadilah", village_code=VILLAGE, birth_date="1990-03-02")
    later = {
        **first,
        "application_no": "CLP-2025-000001",
        "submitted_on": "2025-01-06",
        "full_name": "Hj. Nur Fadilah",
        "phone": "0857 1111 2222",
        "address": "Jl. Masjid 3",
    }
    import_rows([first, later])
    exported = {row["application_no"]: row for row in export_csv()}
    assert exported["CLP-2019-000001"]["full_name"] == "Nur Fadilah"
    assert exported["CLP-2019-000001"]["phone"] == "+6281234567890"
    assert exported["CLP-2019-000001"]["address"] == "Dusun Karanganyar RT 02/RW 04"
    assert exported["CLP-2025-000001"]["full_name"] == "Hj. Nur Fadilah"
    assert exported["CLP-2025-000001"]["phone"] == "+6285711112222"
    # One person whose name changed between applications: the history says so (D12).
    applicant_id = PassportApplication.objects.get(application_no="CLP-2019-000001").applicant_id
    [change] = identity_changes(identity_history([applicant_id])[applicant_id])
    assert (change.field, change.old, change.new) == ("full_name", "Nur Fadilah", "Hj. Nur Fadilah")
    assert change.application_no == "CLP-2025-000001"
    duplicate = IdentityDuplicate.objects.get(kind=DuplicateKind.RECORD_CHANGED)
    assert duplicate.details["changes"][0]["application"] == "CLP-2025-000001"
    later_app = PassportApplication.objects.get(application_no="CLP-2025-000001")
    assert "D12" in later_app.risk_indicators.split(";")


# --- the property: export(import(export(import(file)))) == export(import(file)) -------

_NAME_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéñüçÀÖ日本語ئ '.,-=+@"
_names = st.text(alphabet=_NAME_LETTERS, min_size=1, max_size=60).filter(lambda t: t.strip())
_numbers = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/ #?%é", min_size=1, max_size=40
).filter(lambda t: t.strip())
# Clean values every importer takes, and the awkward ones files hold: foreign numbers
# written every way, clerks' placeholders, document codes the format gained later.
_CLEAN_PHONES = ["0812-3456-7890", "+62 812 3456 7891", "6281234567892", "+60 18 530 8659"]
_AWKWARD_PHONES = ["+855 24 176 041", "0060133639066", "(966) 564519388", "60-145213286"]
_PLACEHOLDERS = ["-", "--", "tidak ada", "Tdk ada", "n/a", "0"]
_CLEAN_DOCUMENTS = ["", "ktp;kk", "ktp;kk;akta_lahir"]
_AWKWARD_DOCUMENTS = ["ktp;sertifikat_kompetensi", "paspor_lama;-", "tidak ada"]


Person = tuple[dt.date, str, int]  # birth date, sex, NIK serial
_people = st.tuples(
    st.dates(dt.date(1950, 1, 1), dt.date(2012, 12, 31)),
    st.sampled_from(["L", "P"]),
    st.integers(1, 9999),
)


@st.composite
def _row(draw: st.DrawFn, index: int, person: Person) -> dict[str, str]:
    born, sex, serial = person
    nik = make_nik(DISTRICT, born, sex, serial=serial)
    # Half the rows are awkward: a NIK that contradicts the birth date or sex written on
    # the row (D13's case), foreign numbers, placeholders, later document codes.
    awkward = draw(st.booleans())
    contradiction = draw(st.sampled_from(["", "birth_date", "sex"])) if awkward else ""
    written_born = born + dt.timedelta(days=400) if contradiction == "birth_date" else born
    written_sex = {"L": "P", "P": "L"}[sex] if contradiction == "sex" else sex
    phones = _CLEAN_PHONES + (_AWKWARD_PHONES if awkward else [])
    optional_phones = st.sampled_from(["", *phones, *(_PLACEHOLDERS if awkward else [])])
    optional_text = st.one_of(_names, st.sampled_from(["", *(_PLACEHOLDERS if awkward else [])]))
    documents = _CLEAN_DOCUMENTS + (_AWKWARD_DOCUMENTS if awkward else [])
    passports = ["", "B1234567"] + (["-", "0", "tidak ada"] if awkward else [])
    return {
        "application_no": f"{draw(_numbers).strip()}-{index}",
        "submitted_on": draw(st.dates(dt.date(2019, 1, 1), dt.date(2025, 12, 31))).isoformat(),
        "nik": nik,
        "full_name": draw(_names),
        "sex": written_sex,
        "birth_place": draw(_names),
        "birth_date": written_born.isoformat(),
        "phone": draw(st.sampled_from(phones)),
        "address": draw(_names),
        "village_code": VILLAGE,
        "purpose": draw(st.sampled_from(["tourism", "umrah", "work", "family_visit"])),
        "destination_country": draw(st.sampled_from(["MY", "SA", "JP", "KH"])),
        "occupation": draw(optional_text),
        "education": draw(optional_text),
        "marital_status": draw(optional_text),
        "return_ticket": draw(st.sampled_from(["yes", "no", "unknown", ""])),
        "sponsor_name": draw(optional_text),
        "sponsor_phone": draw(optional_phones),
        "companion_phone": draw(optional_phones),
        "previous_passport_no": draw(st.sampled_from(passports)),
        "documents": draw(st.sampled_from(documents)),
    }


@st.composite
def _files(draw: st.DrawFn) -> list[dict[str, str]]:
    # A few people, each with one or more applications written differently.
    people = draw(st.lists(_people, min_size=1, max_size=3, unique_by=lambda p: (p[0], p[1])))
    count = draw(st.integers(1, 6))
    return [draw(_row(index, draw(st.sampled_from(people)))) for index in range(count)]


_ONE_ROW = {
    "application_no": "0-0",
    "submitted_on": "2019-01-01",
    "nik": "3301050101000001",
    "full_name": "Ani",
    "sex": "L",
    "birth_place": "=",
    "birth_date": "2000-01-01",
    "phone": "0812-3456-7890",
    "address": "=",
    "village_code": VILLAGE,
    "purpose": "tourism",
    "destination_country": "MY",
    "occupation": "=",
    "education": "=",
    "marital_status": "=",
    "return_ticket": "yes",
    "sponsor_name": "=",
    "sponsor_phone": "",
    "companion_phone": "",
    "previous_passport_no": "",
    "documents": "",
}


def _in_a_fresh_database(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """export(import(rows)) into a database without applications, then rolled back."""
    with transaction.atomic():
        import_rows(rows)
        exported = export_csv()
        transaction.set_rollback(True)
    return exported


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=_files())
# Found by CI: a name written with the apostrophe guard already on it.
@example(rows=[{**_ONE_ROW, "full_name": "'="}])
# Found by CI: a number with two spaces inside keeps them.
@example(rows=[{**_ONE_ROW, "application_no": "0  0-0"}])
def test_export_import_export_is_identical_on_every_column(rows: list[dict[str, str]]) -> None:
    first = _in_a_fresh_database(rows)
    second = _in_a_fresh_database(first)
    assert second == first
    # The identity written on every accepted row is what its application exports.
    # Numbers come from another system: kept as written, only trimmed (names are tidied).
    written = {row["application_no"].strip(): row for row in rows}
    for exported in first:
        row = written[as_read(exported["application_no"])]
        # A name written as "'=..." reads as "=..." (the apostrophe is the export's guard).
        assert as_read(exported["full_name"]) == as_read(" ".join(row["full_name"].split()))
        assert exported["birth_date"] == row["birth_date"]
        assert exported["sex"] == row["sex"]

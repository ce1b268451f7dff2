"""The NIK (Nomor Induk Kependudukan), Indonesia's 16-digit national ID number.

Layout: PP RR DD DDMMYY SSSS = province, regency/city, district (kecamatan), birth date
(women add 40 to the day) and a serial from 0001. The region is where the NIK was first
registered, not necessarily where the person lives now.

Pure Python on purpose: no Django import, so the rules can be tested and reused anywhere.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Container
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

__all__ = [
    "Discrepancy",
    "NikError",
    "NikResult",
    "ParsedNik",
    "cross_check",
    "load_region_codes",
    "normalize_nik",
    "parse_nik",
]

# Officers copy NIKs from cards and forms in groups ("3301 0512 0390 0001", "3301.0512...").
_SEPARATORS = re.compile(r"[ .\-]")
# ASCII only: str.isdigit() would also accept "²" or Arabic-Indic digits.
_SIXTEEN_DIGITS = re.compile(r"[0-9]{16}")

FEMALE_DAY_OFFSET = 40
MALE = "L"  # laki-laki
FEMALE = "P"  # perempuan

# Levels of the wilayah CSV that a NIK encodes; villages (desa_kelurahan) are not part of it.
_NIK_LEVELS = frozenset({"provinsi", "kabupaten_kota", "kecamatan"})


class NikError(StrEnum):
    """Why a NIK was rejected; the values are stable codes for logs and APIs."""

    NOT_16_DIGITS = "not_16_digits"
    UNKNOWN_PROVINCE = "unknown_province"
    UNKNOWN_REGENCY = "unknown_regency"
    UNKNOWN_DISTRICT = "unknown_district"
    IMPOSSIBLE_DATE = "impossible_date"
    SERIAL_ZERO = "serial_zero"


@dataclass(frozen=True)
class ParsedNik:
    """The parts of a valid NIK; region codes are dotted as in the Kepmendagri list."""

    nik: str  # the 16 digits, separators removed
    province_code: str  # "33"
    regency_code: str  # "33.01"
    district_code: str  # "33.01.05"
    birth_date: date
    sex: str  # "L" male, "P" female
    serial: str  # "0001"


@dataclass(frozen=True)
class NikResult:
    """The outcome of parsing: either `parsed` or `error` is set, never both."""

    nik: str  # the input with surrounding whitespace stripped, as the officer typed it
    parsed: ParsedNik | None
    error: NikError | None

    @property
    def valid(self) -> bool:
        return self.error is None

    @property
    def detail(self) -> str:
        """The part of the NIK the error is about, to show to the officer ("" if none).

        A dotted region code for the unknown_* errors, the six DDMMYY digits for
        impossible_date, the serial for serial_zero.
        """
        digits = normalize_nik(self.nik)
        if digits is None or self.error is None:
            return ""
        province, regency, district = _region_codes(digits)
        return {
            NikError.UNKNOWN_PROVINCE: province,
            NikError.UNKNOWN_REGENCY: regency,
            NikError.UNKNOWN_DISTRICT: district,
            NikError.IMPOSSIBLE_DATE: digits[6:12],
            NikError.SERIAL_ZERO: digits[12:],
        }.get(self.error, "")


@dataclass(frozen=True)
class Discrepancy:
    """A field where what was declared on the form contradicts the NIK."""

    field: str  # "birth_date" or "sex"
    declared: str
    from_nik: str


def normalize_nik(nik: str) -> str | None:
    """The 16 ASCII digits of `nik` without separators, or None if it is not a NIK's shape."""
    compact = _SEPARATORS.sub("", nik.strip())
    return compact if _SIXTEEN_DIGITS.fullmatch(compact) else None


def _region_codes(digits: str) -> tuple[str, str, str]:
    return digits[:2], f"{digits[:2]}.{digits[2:4]}", f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _birth_date(day: int, month: int, yy: int, today: date) -> date | None:
    """The birth date with the century inferred, or None if no such date exists.

    The NIK carries only two year digits: take 20YY unless that would be in the future,
    then 19YY. Validity (e.g. 29 February) is judged in the century actually chosen,
    since 2000 is a leap year and 1900 is not.
    """
    recent = _safe_date(2000 + yy, month, day)
    if recent is not None and recent <= today:
        return recent
    return _safe_date(1900 + yy, month, day)


def parse_nik(
    nik: str,
    *,
    known_codes: Container[str] | None = None,
    today: date | None = None,
) -> NikResult:
    """Check and split a NIK.

    `known_codes` holds the dotted codes of provinces, regencies and districts; when given,
    the region parts must be in it. `today` (default: the current date) decides the century.
    Checks run in the order format, regions, date, serial; the first failure is reported.
    """
    given = nik.strip()

    def fail(error: NikError) -> NikResult:
        return NikResult(nik=given, parsed=None, error=error)

    digits = normalize_nik(given)
    if digits is None:
        return fail(NikError.NOT_16_DIGITS)

    province, regency, district = _region_codes(digits)
    if known_codes is not None:
        for code, error in (
            (province, NikError.UNKNOWN_PROVINCE),
            (regency, NikError.UNKNOWN_REGENCY),
            (district, NikError.UNKNOWN_DISTRICT),
        ):
            if code not in known_codes:
                return fail(error)

    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = MALE
    if day > FEMALE_DAY_OFFSET:
        sex, day = FEMALE, day - FEMALE_DAY_OFFSET
    # Days 32-40 fall in neither range; date() rejects them (and day 0) below.
    birth_date = _birth_date(day, month, yy, today or date.today())
    if birth_date is None:
        return fail(NikError.IMPOSSIBLE_DATE)

    serial = digits[12:]
    if serial == "0000":
        return fail(NikError.SERIAL_ZERO)

    parsed = ParsedNik(
        nik=digits,
        province_code=province,
        regency_code=regency,
        district_code=district,
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )
    return NikResult(nik=given, parsed=parsed, error=None)


def cross_check(
    parsed: ParsedNik, *, birth_date: date | None, sex: str | None
) -> list[Discrepancy]:
    """The declared fields that contradict the NIK (flag D13); undeclared ones are skipped.

    An empty string counts as undeclared too, since a blank form choice arrives as "".
    """
    found: list[Discrepancy] = []
    if birth_date is not None and birth_date != parsed.birth_date:
        found.append(
            Discrepancy("birth_date", birth_date.isoformat(), parsed.birth_date.isoformat())
        )
    # Case and stray spaces in a declared "l"/"p " are typing, not a contradiction.
    if sex and sex.strip().upper() != parsed.sex:
        found.append(Discrepancy("sex", sex, parsed.sex))
    return found


def load_region_codes(csv_path: Path) -> frozenset[str]:
    """The dotted codes of provinces, regencies/cities and districts in a wilayah CSV.

    The CSV has columns kode,nama,tingkat; villages are skipped because a NIK does not
    encode them (and they are 90% of the rows).
    """
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        return frozenset(
            row["kode"].strip()
            for row in csv.DictReader(handle)
            if row["tingkat"].strip() in _NIK_LEVELS
        )

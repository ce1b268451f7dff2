"""Tests of the pure NIK rules: worked examples, then properties checked by Hypothesis."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waspada.domain.nik import (
    Discrepancy,
    NikError,
    NikResult,
    ParsedNik,
    cross_check,
    load_region_codes,
    normalize_nik,
    parse_nik,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
WILAYAH_CSV = REPO_ROOT / "waspada" / "regions" / "data" / "wilayah.csv"

# Cilacap (33.01) with two of its kecamatan, and Kota Semarang (33.74) with one.
KNOWN = frozenset({"33", "33.01", "33.01.05", "33.01.06", "33.74", "33.74.01"})
TODAY = date(2025, 6, 15)


def parse(nik: str, today: date = TODAY) -> NikResult:
    return parse_nik(nik, known_codes=KNOWN, today=today)


def make_nik(district: str, birth: date, sex: str, serial: int) -> str:
    """The NIK a civil registry would issue: dotted district + DDMMYY (+40 for women) + serial."""
    day = birth.day + (40 if sex == "P" else 0)
    return f"{district.replace('.', '')}{day:02d}{birth:%m}{birth:%y}{serial:04d}"


# --- Examples ---------------------------------------------------------------------------


def test_male_nik_is_split_into_regions_birth_date_sex_and_serial() -> None:
    result = parse_nik("3301051203900001", known_codes=KNOWN, today=TODAY)

    assert result.valid
    assert result.error is None
    assert result.parsed == ParsedNik(
        nik="3301051203900001",
        province_code="33",
        regency_code="33.01",
        district_code="33.01.05",
        birth_date=date(1990, 3, 12),
        sex="L",
        serial="0001",
    )


def test_female_day_has_forty_added() -> None:
    result = parse_nik("3301054203900002", known_codes=KNOWN, today=TODAY)

    assert result.parsed is not None
    assert result.parsed.sex == "P"
    assert result.parsed.birth_date == date(1990, 3, 2)


@pytest.mark.parametrize(
    ("ddmmyy", "sex", "birth_date"),
    [
        ("010100", "L", date(2000, 1, 1)),
        ("310199", "L", date(1999, 1, 31)),
        ("410100", "P", date(2000, 1, 1)),
        ("711299", "P", date(1999, 12, 31)),
    ],
)
def test_day_range_edges_for_both_sexes(ddmmyy: str, sex: str, birth_date: date) -> None:
    result = parse_nik(f"330105{ddmmyy}0001", known_codes=KNOWN, today=TODAY)

    assert result.parsed is not None
    assert (result.parsed.sex, result.parsed.birth_date) == (sex, birth_date)


def test_year_is_this_century_up_to_the_reference_date() -> None:
    result = parse_nik("3301051506250001", today=date(2025, 6, 15))

    assert result.parsed is not None
    assert result.parsed.birth_date == date(2025, 6, 15)


def test_year_is_last_century_when_this_century_would_be_after_the_reference_date() -> None:
    result = parse_nik("3301051606250001", today=date(2025, 6, 15))

    assert result.parsed is not None
    assert result.parsed.birth_date == date(1925, 6, 16)


def test_reference_date_defaults_to_today() -> None:
    result = parse_nik("3301050101000001")

    assert result.parsed is not None
    assert result.parsed.birth_date == date(2000, 1, 1)
    assert result.parsed.birth_date <= date.today()


def test_29_february_2000_is_valid_but_1900_is_not() -> None:
    assert parse_nik("3301052902000001", today=date(2025, 1, 1)).valid
    # Before 29 Feb 2000 the century rule picks 1900, which was not a leap year.
    before = parse_nik("3301052902000001", today=date(1999, 12, 31))
    assert before.error is NikError.IMPOSSIBLE_DATE


def test_29_february_of_a_non_leap_year_is_impossible() -> None:
    assert parse_nik("3301052902230001", today=TODAY).error is NikError.IMPOSSIBLE_DATE
    assert parse_nik("3301052902240001", today=TODAY).valid


@pytest.mark.parametrize(
    "ddmmyy",
    [
        "000190",  # day 0
        "320190",  # day 32: neither a man's day nor a woman's
        "400190",  # day 40: would be a woman's day 0
        "720190",  # day 72: a woman's day 32
        "990190",
        "150090",  # month 0
        "151390",  # month 13
        "300290",  # 30 February
        "310490",  # 31 April
        "700290",  # a woman's 30 February
    ],
)
def test_impossible_birth_dates_are_rejected(ddmmyy: str) -> None:
    result = parse_nik(f"330105{ddmmyy}0001", known_codes=KNOWN, today=TODAY)

    assert result.error is NikError.IMPOSSIBLE_DATE
    assert result.parsed is None
    assert result.detail == ddmmyy


def test_serial_0000_is_rejected() -> None:
    result = parse_nik("3301051203900000", known_codes=KNOWN, today=TODAY)

    assert result.error is NikError.SERIAL_ZERO
    assert result.detail == "0000"


@pytest.mark.parametrize(
    ("nik", "error", "detail"),
    [
        ("9901051203900001", NikError.UNKNOWN_PROVINCE, "99"),
        ("3399051203900001", NikError.UNKNOWN_REGENCY, "33.99"),
        ("3301991203900001", NikError.UNKNOWN_DISTRICT, "33.01.99"),
        # District 05 exists in Cilacap but not in Kota Semarang: codes are hierarchical.
        ("3374051203900001", NikError.UNKNOWN_DISTRICT, "33.74.05"),
    ],
)
def test_unknown_region_codes_are_rejected(nik: str, error: NikError, detail: str) -> None:
    result = parse_nik(nik, known_codes=KNOWN, today=TODAY)

    assert result.error is error
    assert result.detail == detail
    assert not result.valid


def test_regions_are_not_checked_without_known_codes() -> None:
    result = parse_nik("9999991203900001", today=TODAY)

    assert result.valid
    assert result.parsed is not None
    assert result.parsed.district_code == "99.99.99"


def test_checks_run_in_order_format_regions_date_serial() -> None:
    # Unknown province, impossible date and zero serial at once: the region is reported.
    assert parse("9901053213900000").error is NikError.UNKNOWN_PROVINCE
    # Known region, impossible date and zero serial: the date is reported.
    assert parse("3301053213900000").error is NikError.IMPOSSIBLE_DATE


@pytest.mark.parametrize(
    "typed",
    [
        "3301 0512 0390 0001",
        "3301.0512.0390.0001",
        "3301-0512-0390-0001",
        "33.01.05 120390 0001",
        "  3301051203900001\n",
        "\t3301 0512 0390 0001 ",
    ],
)
def test_spaces_dots_and_dashes_between_digits_are_accepted(typed: str) -> None:
    result = parse_nik(typed, known_codes=KNOWN, today=TODAY)

    assert result.valid
    assert result.nik == typed.strip()
    assert result.parsed is not None
    assert result.parsed.nik == "3301051203900001"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "330105120390001",  # 15 digits
        "33010512039000011",  # 17 digits
        "3301O51203900001",  # letter O for zero
        "3301/0512/0390/0001",
        "3301_0512_0390_0001",
        "3301\t0512039000 01",
        "+3301051203900001",
        "".join(chr(0xFF10 + int(d)) for d in "3301051203900001"),  # fullwidth digits
        "".join(chr(0x0660 + int(d)) for d in "3301051203900001"),  # Arabic-Indic digits
        "NIK 3301051203900001",
    ],
)
def test_anything_but_16_ascii_digits_and_separators_is_rejected(typed: str) -> None:
    result = parse_nik(typed, known_codes=KNOWN, today=TODAY)

    assert result.error is NikError.NOT_16_DIGITS
    assert result.parsed is None
    assert result.detail == ""


def test_error_codes_are_stable_strings() -> None:
    assert [str(e) for e in NikError] == [
        "not_16_digits",
        "unknown_province",
        "unknown_regency",
        "unknown_district",
        "impossible_date",
        "serial_zero",
    ]


def test_cross_check_finds_no_discrepancy_when_form_agrees() -> None:
    parsed = parse_nik("3301054203900001", today=TODAY).parsed
    assert parsed is not None

    assert cross_check(parsed, birth_date=date(1990, 3, 2), sex="P") == []


def test_cross_check_lists_birth_date_and_sex_that_contradict_the_nik() -> None:
    parsed = parse_nik("3301054203900001", today=TODAY).parsed
    assert parsed is not None

    assert cross_check(parsed, birth_date=date(1990, 3, 12), sex="L") == [
        Discrepancy(field="birth_date", declared="1990-03-12", from_nik="1990-03-02"),
        Discrepancy(field="sex", declared="L", from_nik="P"),
    ]


def test_cross_check_skips_fields_not_declared() -> None:
    parsed = parse_nik("3301054203900001", today=TODAY).parsed
    assert parsed is not None

    assert cross_check(parsed, birth_date=None, sex=None) == []
    assert cross_check(parsed, birth_date=None, sex="") == []
    assert cross_check(parsed, birth_date=None, sex="L") == [Discrepancy("sex", "L", "P")]


def test_cross_check_ignores_case_of_declared_sex() -> None:
    parsed = parse_nik("3301054203900001", today=TODAY).parsed
    assert parsed is not None

    assert cross_check(parsed, birth_date=None, sex="p") == []


def test_load_region_codes_keeps_provinces_regencies_and_districts_only(tmp_path: Path) -> None:
    csv_path = tmp_path / "wilayah.csv"
    csv_path.write_text(
        "kode,nama,tingkat\n"
        "33,Jawa Tengah,provinsi\n"
        "33.01,Kabupaten Cilacap,kabupaten_kota\n"
        "33.01.05,Nusawungu,kecamatan\n"
        '33.01.05.2001,"Banjarsari, Lor",desa_kelurahan\n',
        encoding="utf-8",
    )

    assert load_region_codes(csv_path) == {"33", "33.01", "33.01.05"}


def test_real_region_list_has_every_province_regency_and_district() -> None:
    codes = load_region_codes(WILAYAH_CSV)

    assert len(codes) == 38 + 514 + 7285
    assert {"33", "33.01", "33.01.05", "31.71"} <= codes
    assert "33.01.05.2001" not in codes
    assert parse_nik("3301054203900001", known_codes=codes, today=TODAY).valid
    assert parse_nik("3301994203900001", known_codes=codes, today=TODAY).error is (
        NikError.UNKNOWN_DISTRICT
    )


# --- Properties -------------------------------------------------------------------------

districts = st.sampled_from(sorted(code for code in KNOWN if code.count(".") == 2))
sexes = st.sampled_from(["L", "P"])
serials = st.integers(min_value=1, max_value=9999)
reference_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31))


def hundred_years_before(day: date) -> date:
    """The latest date whose NIK the century rule would place a century too late."""
    try:
        return day.replace(year=day.year - 100)
    except ValueError:  # 29 February in a year 100 years back that was not a leap year
        return day.replace(year=day.year - 100, day=28)


@st.composite
def birth_dates_and_reference(draw: st.DrawFn) -> tuple[date, date]:
    """A reference date and a birth date within the 100 years up to it (inclusive)."""
    today = draw(reference_dates)
    earliest = hundred_years_before(today) + timedelta(days=1)
    return draw(st.dates(min_value=earliest, max_value=today)), today


@given(district=districts, birth_today=birth_dates_and_reference(), sex=sexes, serial=serials)
def test_a_valid_nik_round_trips(
    district: str, birth_today: tuple[date, date], sex: str, serial: int
) -> None:
    birth, today = birth_today
    nik = make_nik(district, birth, sex, serial)

    result = parse_nik(nik, known_codes=KNOWN, today=today)

    assert result.error is None
    assert result.parsed == ParsedNik(
        nik=nik,
        province_code=district[:2],
        regency_code=district[:5],
        district_code=district,
        birth_date=birth,
        sex=sex,
        serial=f"{serial:04d}",
    )


@given(nik=st.text(alphabet="0123456789", min_size=16, max_size=16), today=reference_dates)
def test_any_16_digits_give_a_result_whose_date_is_at_most_a_century_old(
    nik: str, today: date
) -> None:
    result = parse_nik(nik, today=today)

    assert (result.parsed is None) == (result.error is not None)
    if result.parsed is not None:
        parsed = result.parsed
        assert hundred_years_before(today) < parsed.birth_date <= today
        # Rebuilding the NIK from its parts gives back the same digits.
        assert make_nik(parsed.district_code, parsed.birth_date, parsed.sex, 0)[:12] == nik[:12]
        assert parsed.serial == nik[12:] != "0000"


@given(nik=st.text(alphabet="0123456789", max_size=40).filter(lambda s: len(s) != 16))
def test_digit_strings_of_any_other_length_are_rejected(nik: str) -> None:
    assert parse_nik(nik, known_codes=KNOWN, today=TODAY).error is NikError.NOT_16_DIGITS


@given(
    position=st.integers(min_value=0, max_value=16),
    intruder=st.characters(exclude_characters=" .-").filter(
        lambda c: not c.isspace() and not ("0" <= c <= "9")
    ),
)
def test_a_foreign_character_anywhere_makes_the_nik_invalid(position: int, intruder: str) -> None:
    valid = "3301051203900001"
    typed = valid[:position] + intruder + valid[position:]

    assert parse_nik(typed, known_codes=KNOWN, today=TODAY).error is NikError.NOT_16_DIGITS


@given(text=st.text())
def test_parsing_never_raises_and_accepts_only_16_digit_shapes(text: str) -> None:
    result = parse_nik(text, today=TODAY)

    assert result.nik == text.strip()
    if normalize_nik(text) is None:
        assert result.error is NikError.NOT_16_DIGITS


@given(district=districts, birth_today=birth_dates_and_reference(), serial=serials)
def test_a_womans_nik_is_a_mans_with_forty_added_to_the_day(
    district: str, birth_today: tuple[date, date], serial: int
) -> None:
    birth, today = birth_today
    man = parse_nik(make_nik(district, birth, "L", serial), known_codes=KNOWN, today=today)
    woman = parse_nik(make_nik(district, birth, "P", serial), known_codes=KNOWN, today=today)

    assert man.parsed is not None and woman.parsed is not None
    assert int(woman.parsed.nik[6:8]) == int(man.parsed.nik[6:8]) + 40
    assert (man.parsed.sex, woman.parsed.sex) == ("L", "P")
    assert man.parsed.birth_date == woman.parsed.birth_date == birth


@given(district=districts, birth_today=birth_dates_and_reference(), sex=sexes)
def test_serial_0000_is_always_rejected(
    district: str, birth_today: tuple[date, date], sex: str
) -> None:
    birth, today = birth_today
    nik = make_nik(district, birth, sex, 0)

    assert parse_nik(nik, known_codes=KNOWN, today=today).error is NikError.SERIAL_ZERO


@given(
    district=districts,
    birth_today=birth_dates_and_reference(),
    sex=sexes,
    serial=serials,
    declared_birth=st.none() | st.dates(),
    declared_sex=st.none() | sexes,
)
def test_cross_check_reports_exactly_the_declared_fields_that_differ(
    district: str,
    birth_today: tuple[date, date],
    sex: str,
    serial: int,
    declared_birth: date | None,
    declared_sex: str | None,
) -> None:
    birth, today = birth_today
    parsed = parse_nik(make_nik(district, birth, sex, serial), today=today).parsed
    assert parsed is not None

    fields = [d.field for d in cross_check(parsed, birth_date=declared_birth, sex=declared_sex)]

    expected = []
    if declared_birth is not None and declared_birth != birth:
        expected.append("birth_date")
    if declared_sex is not None and declared_sex != sex:
        expected.append("sex")
    assert fields == expected

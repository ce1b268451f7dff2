"""The pure rules of letters: Indonesian dates, letter number formats, NIPs."""

from __future__ import annotations

import datetime as dt

import pytest

from waspada.domain.letters import (
    NumberFormatProblem,
    format_letter_number,
    indonesian_date,
    indonesian_weekday,
    nip_is_valid,
    number_format_problem,
)


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (dt.date(2026, 11, 29), "29 November 2026"),
        (dt.date(2027, 1, 1), "1 Januari 2027"),
        (dt.date(2026, 2, 28), "28 Februari 2026"),
        (dt.date(2026, 5, 4), "4 Mei 2026"),
        (dt.date(2026, 8, 17), "17 Agustus 2026"),
        (dt.date(2026, 12, 31), "31 Desember 2026"),
    ],
)
def test_dates_are_written_the_indonesian_way(day: dt.date, written: str) -> None:
    assert indonesian_date(day) == written


def test_weekdays_are_indonesian() -> None:
    week = [indonesian_weekday(dt.date(2026, 11, 23) + dt.timedelta(days=n)) for n in range(7)]
    assert week == ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


@pytest.mark.parametrize(
    ("pattern", "number", "year", "expected"),
    [
        ("W13.IMI.IMI.3-{number}.GR.02.06.{year}", 17, 2026, "W13.IMI.IMI.3-17.GR.02.06.2026"),
        ("IMI.3-{number:04d}/GR.02.06/{year}", 7, 2027, "IMI.3-0007/GR.02.06/2027"),
        ("{year}/{number}", 1, 2026, "2026/1"),
        ("SURAT-{number}", 3, 2026, "SURAT-3"),
    ],
)
def test_letter_numbers_follow_the_office_format(
    pattern: str, number: int, year: int, expected: str
) -> None:
    assert number_format_problem(pattern) is None
    assert format_letter_number(pattern, number, year) == expected


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("W13-{nomor}/{year}", NumberFormatProblem.UNKNOWN_FIELD),
        ("W13-{0}", NumberFormatProblem.UNKNOWN_FIELD),
        ("W13-{}", NumberFormatProblem.UNKNOWN_FIELD),
        ("W13-{number.real}", NumberFormatProblem.UNKNOWN_FIELD),
        ("W13-{number[0]}", NumberFormatProblem.UNKNOWN_FIELD),
        ("W13-{number!r}", NumberFormatProblem.BAD_SYNTAX),
        ("W13-{number", NumberFormatProblem.BAD_SYNTAX),
        ("W13-{number:{year}}", NumberFormatProblem.BAD_SYNTAX),
        ("W13-{number:%Y}", NumberFormatProblem.BAD_SYNTAX),
        ("W13.{year}", NumberFormatProblem.NUMBER_MISSING),
        ("", NumberFormatProblem.NUMBER_MISSING),
        ("W13-{number:099999999d}", NumberFormatProblem.TOO_LONG),
        ("W13-{number:>99999999999}", NumberFormatProblem.TOO_LONG),
        ("{number:020d}" * 7, NumberFormatProblem.TOO_LONG),
    ],
)
def test_a_format_that_could_break_or_repeat_numbers_is_refused(
    pattern: str, problem: NumberFormatProblem
) -> None:
    assert number_format_problem(pattern) == problem
    with pytest.raises(ValueError):
        format_letter_number(pattern, 1, 2026)


@pytest.mark.parametrize(
    ("nip", "valid"),
    [
        ("197205121998031002", True),
        ("19720512 199803 1 002", True),
        ("1972051219980310", False),
        ("1972051219980310021", False),
        ("19720512199803100X", False),
        ("".join(chr(0xFF10 + int(d)) for d in "197205121998031002"), False),  # full-width
        ("", False),
    ],
)
def test_a_nip_has_eighteen_digits(nip: str, valid: bool) -> None:
    assert nip_is_valid(nip) is valid

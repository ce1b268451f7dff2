"""The small rules of official letters: Indonesian dates, letter numbers, NIPs.

Pure Python (no Django). Official letters are written in Indonesian whatever the
language of the officer's screen, so dates are spelled the Indonesian way here
rather than through the locale machinery.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from enum import StrEnum

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

NUMBER_FIELDS = frozenset({"number", "year"})
NIP_LENGTH = 18


def indonesian_date(day: dt.date) -> str:
    """`29 November 2026`: the date as it is written in an official letter."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def indonesian_weekday(day: dt.date) -> str:
    """`Minggu` for a Sunday: a Berita Acara names the day of the week."""
    return WEEKDAYS[day.weekday()]


class NumberFormatProblem(StrEnum):
    BAD_SYNTAX = "bad_syntax"  # unbalanced braces, or a conversion such as {number!r}
    UNKNOWN_FIELD = "unknown_field"  # anything but {number} and {year}
    NUMBER_MISSING = "number_missing"  # two letters of a year would get the same number
    TOO_LONG = "too_long"  # {number:099999999d}: numbers longer than a letter number may be


# A letter number is at most this long (the letters' column); a field is padded to at
# most MAX_FIELD_WIDTH characters, checked before formatting (a width of 99,999,999 would
# build a 100 MB string just to measure it).
MAX_LETTER_NUMBER_LENGTH = 120
MAX_FIELD_WIDTH = 20


_DIGITS = re.compile(r"\d+")


def number_format_problem(pattern: str) -> NumberFormatProblem | None:
    """What is wrong with a letter number format, or None when it may be used.

    Only the plain fields {number} and {year} are allowed, with an optional format
    spec such as {number:04d}; attribute or index access ({number.real}) is refused
    because the office types this pattern into a form.
    """
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:
        return NumberFormatProblem.BAD_SYNTAX
    fields = set()
    for _text, field, spec, conversion in parts:
        if field is None:
            continue
        if conversion is not None or "{" in (spec or ""):
            return NumberFormatProblem.BAD_SYNTAX
        if field not in NUMBER_FIELDS:
            return NumberFormatProblem.UNKNOWN_FIELD
        if any(
            len(digits) > 3 or int(digits) > MAX_FIELD_WIDTH
            for digits in _DIGITS.findall(spec or "")
        ):
            return NumberFormatProblem.TOO_LONG
        fields.add(field)
    if "number" not in fields:
        return NumberFormatProblem.NUMBER_MISSING
    try:
        longest = pattern.format(number=999_999, year=9999)
    except ValueError:  # a spec that does not fit an integer, e.g. {number:%Y}
        return NumberFormatProblem.BAD_SYNTAX
    if len(longest) > MAX_LETTER_NUMBER_LENGTH:
        return NumberFormatProblem.TOO_LONG
    return None


def format_letter_number(pattern: str, number: int, year: int) -> str:
    """The letter number, e.g. `W13.IMI.IMI.3-17.GR.02.06.2026`."""
    problem = number_format_problem(pattern)
    if problem is not None:
        raise ValueError(f"letter number format {pattern!r}: {problem}")
    return pattern.format(number=number, year=year)


def normalise_nip(value: str) -> str:
    """A NIP without the spaces people type between its groups."""
    return "".join(value.split())


def nip_is_valid(value: str) -> bool:
    """A civil servant's NIP: 18 digits (birth date, appointment month, sex, serial)."""
    nip = normalise_nip(value)
    return len(nip) == NIP_LENGTH and nip.isascii() and nip.isdigit()

"""Reporting periods: a year, a quarter, a month or any run of days, and the one before.

Pure Python. A period is a closed range of calendar days (`start` to `end`, both
included); the period it is compared with is the previous year, quarter or month, or
for a custom range the same number of days just before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

FIRST_YEAR = 2000
LAST_YEAR = 2100
MAX_CUSTOM_DAYS = 366 * 5


class PeriodKind(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    CUSTOM = "custom"


class PeriodError(ValueError):
    """A period that cannot be: `code` names the problem, `params` its values."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: dt.date
    end: dt.date  # included

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def quarter(self) -> int:
        return (self.start.month - 1) // 3 + 1

    @property
    def month(self) -> int:
        return self.start.month

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period this one is compared with."""
        if self.kind is PeriodKind.YEAR:
            return year(self.year - 1)
        if self.kind is PeriodKind.QUARTER:
            return (
                quarter(self.year - 1, 4)
                if self.quarter == 1
                else quarter(self.year, self.quarter - 1)
            )
        if self.kind is PeriodKind.MONTH:
            return month(self.year - 1, 12) if self.month == 1 else month(self.year, self.month - 1)
        end = self.start - dt.timedelta(days=1)
        return Period(PeriodKind.CUSTOM, end - dt.timedelta(days=self.days - 1), end)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order."""
        found: list[tuple[int, int]] = []
        y, m = self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            found.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return found


def _check_year(value: int) -> int:
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise PeriodError("year", value=value, first=FIRST_YEAR, last=LAST_YEAR)
    return value


def year(value: int) -> Period:
    _check_year(value)
    return Period(PeriodKind.YEAR, dt.date(value, 1, 1), dt.date(value, 12, 31))


def quarter(year_value: int, number: int) -> Period:
    _check_year(year_value)
    if not 1 <= number <= 4:
        raise PeriodError("quarter", value=number)
    first = dt.date(year_value, 3 * number - 2, 1)
    last = month(year_value, 3 * number).end
    return Period(PeriodKind.QUARTER, first, last)


def month(year_value: int, number: int) -> Period:
    _check_year(year_value)
    if not 1 <= number <= 12:
        raise PeriodError("month", value=number)
    first = dt.date(year_value, number, 1)
    following = (
        dt.date(year_value + 1, 1, 1) if number == 12 else dt.date(year_value, number + 1, 1)
    )
    return Period(PeriodKind.MONTH, first, following - dt.timedelta(days=1))


def custom(start: dt.date, end: dt.date) -> Period:
    _check_year(start.year)
    _check_year(end.year)
    if end < start:
        raise PeriodError("backwards", start=start, end=end)
    period = Period(PeriodKind.CUSTOM, start, end)
    if period.days > MAX_CUSTOM_DAYS:
        raise PeriodError("too_long", days=period.days, max=MAX_CUSTOM_DAYS)
    return period

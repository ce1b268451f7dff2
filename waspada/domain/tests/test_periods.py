"""Reporting periods and the period each is compared with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from waspada.domain import periods
from waspada.domain.periods import PeriodError, PeriodKind


def test_a_year_a_quarter_and_a_month_cover_their_days() -> None:
    assert periods.year(2023).start == dt.date(2023, 1, 1)
    assert periods.year(2023).end == dt.date(2023, 12, 31)
    assert periods.quarter(2023, 2).start == dt.date(2023, 4, 1)
    assert periods.quarter(2023, 2).end == dt.date(2023, 6, 30)
    assert periods.month(2024, 2).end == dt.date(2024, 2, 29)
    assert periods.month(2023, 12).end == dt.date(2023, 12, 31)


def test_each_is_compared_with_the_one_before() -> None:
    assert periods.year(2023).previous() == periods.year(2022)
    assert periods.quarter(2023, 1).previous() == periods.quarter(2022, 4)
    assert periods.month(2023, 1).previous() == periods.month(2022, 12)
    march = periods.custom(dt.date(2023, 3, 10), dt.date(2023, 3, 19))
    before = march.previous()
    assert (before.start, before.end, before.kind) == (
        dt.date(2023, 2, 28),
        dt.date(2023, 3, 9),
        PeriodKind.CUSTOM,
    )


@given(
    # Up to 800 days from the start must stay within the years a period may have.
    start=st.dates(dt.date(2001, 1, 1), dt.date(2097, 12, 31)),
    days=st.integers(0, 800),
)
@example(start=dt.date(2097, 12, 31), days=800)
def test_the_previous_period_ends_the_day_before_and_is_as_long(start: dt.date, days: int) -> None:
    period = periods.custom(start, start + dt.timedelta(days=days))
    before = period.previous()
    assert before.end == period.start - dt.timedelta(days=1)
    assert before.days == period.days


@given(year=st.integers(2001, 2099), month=st.integers(1, 12))
def test_months_follow_each_other(year: int, month: int) -> None:
    period = periods.month(year, month)
    assert period.previous().end + dt.timedelta(days=1) == period.start
    assert period.months() == [(year, month)]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: periods.year(1999), "year"),
        (lambda: periods.quarter(2023, 0), "quarter"),
        (lambda: periods.month(2023, 13), "month"),
        (lambda: periods.custom(dt.date(2023, 2, 1), dt.date(2023, 1, 1)), "backwards"),
        (lambda: periods.custom(dt.date(2010, 1, 1), dt.date(2023, 1, 1)), "too_long"),
    ],
)
def test_impossible_periods_are_refused_with_a_reason(
    make: Callable[[], object], code: str
) -> None:
    with pytest.raises(PeriodError) as error:
        make()
    assert error.value.code == code

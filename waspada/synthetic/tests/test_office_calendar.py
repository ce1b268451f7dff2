"""Working days, holidays and seasons: the dates applications are submitted on."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from waspada.synthetic import Case, Pattern
from waspada.synthetic.office_calendar import holidays, working_days


def test_dates_are_working_days_and_numbers_follow_them(small: list[Case]) -> None:
    for year in (2023, 2024):
        open_days = set(working_days(year))
        cases = [c for c in small if c.application.submitted_on.year == year]
        assert len(cases) == 1500
        numbers = [c.application.application_no for c in cases]
        assert numbers == [f"CLP-{year}-{n:06d}" for n in range(1, 1501)]
        dates = [c.application.submitted_on for c in cases]
        assert dates == sorted(dates)
        assert all(day in open_days for day in dates)
    for case in small:
        app = case.application
        assert app.intended_departure is not None
        gap = (app.intended_departure - app.submitted_on).days
        if case.pattern in (Pattern.HONEST, Pattern.FAMILY, Pattern.PPIU_PHONE):
            assert 10 <= gap <= 56 or app.purpose == "hajj"


def test_holidays_include_lebaran_and_national_days() -> None:
    closed = holidays(2024)
    assert dt.date(2024, 4, 10) in closed  # Idul Fitri 1445
    assert dt.date(2024, 4, 8) in closed  # cuti bersama
    assert {dt.date(2024, 8, 17), dt.date(2024, 12, 25), dt.date(2024, 6, 17)} <= closed
    days = working_days(2024)
    assert all(day.weekday() < 5 for day in days)
    assert 235 <= len(days) <= 250


def test_umrah_applications_peak_before_ramadan_and_drop_around_the_hajj(
    year_2024: list[Case],
) -> None:
    months = Counter(
        c.application.submitted_on.month for c in year_2024 if c.application.purpose == "umrah"
    )
    assert months[1] > 2 * months[5]
    hajj = Counter(
        c.application.submitted_on.month for c in year_2024 if c.application.purpose == "hajj"
    )
    assert hajj[2] > 5 * hajj[8]

"""The office's calendar: working days, national holidays, Islamic dates and seasons.

Weekends, national holidays and the Lebaran closure are off; Islamic dates are estimated
from the mean lunar year (+-1 day); holidays without a simple rule come from the
government's decrees (only the years listed). Umrah applications peak before Ramadan and
in Oct-Nov and drop around the hajj season, hajj applications come months before the
hajj, everything dips in Ramadan, and Mondays are busiest.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

_HIJRI_YEAR_DAYS = 354.36707
_IDUL_FITRI_1445 = dt.date(2024, 4, 10)

# Holidays without a simple rule, from the government's decrees (only the years listed).
_CHINESE_NEW_YEAR = {
    2022: dt.date(2022, 2, 1),
    2023: dt.date(2023, 1, 23),
    2024: dt.date(2024, 2, 10),
    2025: dt.date(2025, 1, 29),
    2026: dt.date(2026, 2, 17),
    2027: dt.date(2027, 2, 6),
}
_NYEPI = {
    2022: dt.date(2022, 3, 3),
    2023: dt.date(2023, 3, 22),
    2024: dt.date(2024, 3, 11),
    2025: dt.date(2025, 3, 29),
    2026: dt.date(2026, 3, 19),
}
_WAISAK = {
    2022: dt.date(2022, 5, 16),
    2023: dt.date(2023, 6, 4),
    2024: dt.date(2024, 5, 23),
    2025: dt.date(2025, 5, 12),
    2026: dt.date(2026, 5, 31),
}


@dataclass(frozen=True)
class IslamicYear:
    """Dates of one Hijri year, anchored on its Idul Fitri (estimated, +-1 day)."""

    idul_fitri: dt.date

    def offset(self, days: int) -> dt.date:
        return self.idul_fitri + dt.timedelta(days=days)

    @property
    def ramadan(self) -> dt.date:
        return self.offset(-29)

    @property
    def idul_adha(self) -> dt.date:
        return self.offset(68)


def islamic_years(year: int) -> list[IslamicYear]:
    """Hijri years whose Idul Fitri falls between the previous and the next Gregorian year."""
    first = (dt.date(year - 1, 1, 1) - _IDUL_FITRI_1445).days / _HIJRI_YEAR_DAYS
    last = (dt.date(year + 1, 12, 31) - _IDUL_FITRI_1445).days / _HIJRI_YEAR_DAYS
    return [
        IslamicYear(_IDUL_FITRI_1445 + dt.timedelta(days=round(k * _HIJRI_YEAR_DAYS)))
        for k in range(math.floor(first), math.ceil(last) + 1)
    ]


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def holidays(year: int) -> set[dt.date]:
    """Days the office is closed besides weekends: national holidays and the Lebaran leave."""
    easter = _easter(year)
    days = {
        dt.date(year, 1, 1),
        dt.date(year, 5, 1),
        dt.date(year, 6, 1),
        dt.date(year, 8, 17),
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),  # cuti bersama
        easter - dt.timedelta(days=2),
        easter + dt.timedelta(days=39),
    }
    for table in (_CHINESE_NEW_YEAR, _NYEPI, _WAISAK):
        if year in table:
            days.add(table[year])
    for hijri in islamic_years(year):
        days.update(hijri.offset(n) for n in range(-3, 6))  # Idul Fitri and cuti bersama
        days.add(hijri.idul_adha)
        days.add(hijri.offset(88))  # Islamic New Year (1 Muharram)
        days.add(hijri.offset(159))  # Maulid Nabi
        days.add(hijri.offset(-62))  # Isra Mi'raj
    return {day for day in days if day.year == year}


def working_days(year: int) -> list[dt.date]:
    closed = holidays(year)
    start = dt.date(year, 1, 1)
    all_days = (start + dt.timedelta(days=n) for n in range(366))
    return [d for d in all_days if d.year == year and d.weekday() < 5 and d not in closed]


_WEEKDAY_LOAD = (1.15, 1.0, 1.0, 1.0, 0.85)


def _season(profile: str, day: dt.date, hijri_years: Sequence[IslamicYear]) -> float:
    """Relative number of applications of this kind on this day."""
    factor = _WEEKDAY_LOAD[day.weekday()]
    in_hajj_window = False
    for hijri in hijri_years:
        if hijri.ramadan <= day < hijri.idul_fitri:
            factor *= 0.8
        if profile == "umrah":
            if hijri.ramadan - dt.timedelta(days=100) <= day < hijri.ramadan - dt.timedelta(20):
                factor *= 1.8  # for Rajab, Sya'ban and Ramadan departures
            elif hijri.offset(7) <= day < hijri.idul_adha + dt.timedelta(days=14):
                factor *= 0.45  # no umrah visas around the hajj
        if hijri.idul_adha - dt.timedelta(170) <= day < hijri.idul_adha - dt.timedelta(45):
            in_hajj_window = True
    if profile == "hajj":
        factor *= 1.0 if in_hajj_window else 0.05
    elif profile == "umrah" and day.month in (10, 11):
        factor *= 1.3  # school-holiday umrah in December and January
    elif profile == "tourism":
        if day.month in (5, 6):
            factor *= 1.4  # before the July school holidays
        elif day.month == 11 or (day.month == 12 and day.day < 15):
            factor *= 1.3  # before the year-end holidays
    elif profile == "work" and day.month == 1:
        factor *= 1.1
    return factor


class YearCalendar:
    """Working days of one year and per-profile cumulative weights to draw dates from."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.days = working_days(year)
        self._hijri = islamic_years(year)
        self._cum: dict[str, list[float]] = {}

    def cum_weights(self, profile: str) -> list[float]:
        if profile not in self._cum:
            weights = [_season(profile, day, self._hijri) for day in self.days]
            self._cum[profile] = list(itertools.accumulate(weights))
        return self._cum[profile]

    def draw(self, rng: random.Random, profile: str, *, last: dt.date | None = None) -> dt.date:
        cum = self.cum_weights(profile)
        end = len(self.days) if last is None else bisect.bisect_right(self.days, last)
        end = max(end, 1)
        point = rng.random() * cum[end - 1]
        return self.days[min(bisect.bisect_right(cum, point, 0, end), end - 1)]

    def on_or_after(self, day: dt.date) -> dt.date:
        """The first working day from `day`, or the last one of the year."""
        index = bisect.bisect_left(self.days, day)
        return self.days[min(index, len(self.days) - 1)]

    def hajj_day(self, submitted: dt.date) -> dt.date | None:
        later = [h.idul_adha for h in self._hijri if h.idul_adha > submitted]
        return min(later) if later else None

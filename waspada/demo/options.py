"""The options of `waspada demo`, checked with a message that says what to write instead."""

from __future__ import annotations

import re

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

DEFAULT_YEARS = "2025"
DEFAULT_PER_YEAR = 3000
DEFAULT_SEED = 1
FULL_VOLUME = 30000  # applications a year at the office's full volume
FIRST_YEAR = 2010
MAX_YEARS = 20
MAX_PER_YEAR = 200_000

_YEARS = re.compile(r"\s*([0-9]{4})\s*(?:-\s*([0-9]{4})\s*)?")
_INTEGER = re.compile(r"\s*-?[0-9]+\s*")


def parse_years(value: str, *, current_year: int, option: str = "--years") -> list[int]:
    """`2025` or `2023-2025` as a list of years; CommandError with the reason otherwise."""
    match = _YEARS.fullmatch(value)
    if match is None:
        raise CommandError(
            _(
                "%(option)s must be a year or a range of years, e.g. 2025 or 2023-2025 "
                "(got '%(value)s')."
            )
            % {"option": option, "value": value}
        )
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise CommandError(
            _("%(option)s %(first)d-%(last)d runs backwards: write the earlier year first.")
            % {"option": option, "first": first, "last": last}
        )
    if first < FIRST_YEAR:
        raise CommandError(
            _("%(option)s: demo data starts in %(min)d; %(year)d is too early.")
            % {"option": option, "min": FIRST_YEAR, "year": first}
        )
    if last > current_year:
        raise CommandError(
            _("%(option)s: %(year)d lies in the future; demo data goes up to %(current)d.")
            % {"option": option, "year": last, "current": current_year}
        )
    if last - first + 1 > MAX_YEARS:
        raise CommandError(
            _("%(option)s: at most %(max)d years at once.") % {"option": option, "max": MAX_YEARS}
        )
    return list(range(first, last + 1))


def parse_per_year(value: str) -> int:
    count = int(value) if _INTEGER.fullmatch(value) else 0
    if not 1 <= count <= MAX_PER_YEAR:
        raise CommandError(
            _("--per-year must be a whole number from 1 to %(max)d (got '%(value)s').")
            % {"max": MAX_PER_YEAR, "value": value}
        )
    return count


def parse_seed(value: str) -> int:
    if not _INTEGER.fullmatch(value):
        raise CommandError(_("--seed must be a whole number (got '%(value)s').") % {"value": value})
    return int(value)


def parse_full_volume(value: str | None, *, years: list[int], current_year: int) -> list[int]:
    """The years to add at full volume after the others; none when not asked."""
    if not value:
        return []
    full = parse_years(value, current_year=current_year, option="--full-volume")
    both = sorted(set(full) & set(years))
    if both:
        # The same application numbers with other people: the second would overwrite.
        raise CommandError(
            _("--full-volume %(years)s is already in --years: give each year once.")
            % {"years": ", ".join(str(year) for year in both)}
        )
    return full

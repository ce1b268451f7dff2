"""A year of the office's applications: honest ones, families and the patterns, in order.

Purposes (share of rows): tourism 35 %, umrah 25 %, work 20 %, seafarer 5 %, family visit
4 %, study 3 %, hajj 2 %, internship 2 %, business 2 %, medical 1 %, other 1 %. The
suspicious patterns (`trafficking_patterns`) come first, at their rate per 30,000 rows
(at least one of each from 300 applications a year), then honest applicants and families
fill the year. Dates are working days; intended departure 2-8 weeks after submission.
Application numbers "CLP-<year>-<serial>" are given in order of submission. Genuine
Disnaker recommendation numbers read "562/<serial>/REKOM/<year>", numbered in order of
issue; fake ones use other forms or a serial past the last one issued that year.

Deterministic: one seeded `random.Random` drives everything, so the same villages, years,
count and seed always give the same cases.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from waspada.synthetic import trafficking_patterns as patterns
from waspada.synthetic.area import Village
from waspada.synthetic.cases import Case
from waspada.synthetic.destinations import FAMILY_SHARE, FAMILY_SIZES, PURPOSE_MIX
from waspada.synthetic.draw import weighted
from waspada.synthetic.families import family
from waspada.synthetic.honest import honest_single
from waspada.synthetic.office_calendar import YearCalendar
from waspada.synthetic.people import People
from waspada.synthetic.trips import RECOMMENDATION_FAKE, RECOMMENDATION_PENDING, Trips


@dataclass
class _Unit:
    """Applications that belong together (one person, a family, a ring)."""

    cases: list[Case] = field(default_factory=list)
    order: float = 0.0  # tie-break among units submitted on the same day


def _scaled(per_30000: float, per_year: int) -> int:
    count = round(per_30000 * per_year / 30000)
    return max(1, count) if per_year >= 300 else count


def _mean_unit_size(purpose: str) -> float:
    if purpose not in FAMILY_SHARE:
        return 1.0
    sizes, weights = FAMILY_SIZES[purpose]
    mean_family = sum(s * w for s, w in zip(sizes, weights, strict=True)) / sum(weights)
    share = FAMILY_SHARE[purpose]
    return share * mean_family + (1 - share)


def _year(t: Trips, year: int, per_year: int) -> list[Case]:
    rng = t.rng
    calendar = YearCalendar(year)
    t.calendar = calendar
    units: list[_Unit] = []

    def add(cases: list[Case]) -> None:
        units.append(_Unit(cases, rng.random()))

    simple = (
        (patterns.disguised_tourism, 140, "tourism"),
        (patterns.middle_east_domestic, 30, "work"),
        (patterns.umrah_cover, 40, "umrah"),
        (patterns.no_agreement_job, 40, "tourism"),
        (patterns.under_18_work, 10, "work"),
    )
    for builder, rate, profile in simple:
        for _ in range(_scaled(rate, per_year)):
            add([builder(t, calendar.draw(rng, profile))])
    for _ in range(_scaled(20, per_year)):
        add(patterns.ring(t, calendar, str(year)))
    for _ in range(_scaled(25, per_year)):
        add(patterns.duplicate(t, calendar, str(year)))
    rows = sum(len(unit.cases) for unit in units)
    if rows > per_year:  # tiny years: keep the count exact
        kept: list[_Unit] = []
        for unit in units:
            if sum(len(u.cases) for u in kept) + len(unit.cases) <= per_year:
                kept.append(unit)
        units, rows = kept, sum(len(u.cases) for u in kept)

    purposes = list(PURPOSE_MIX)
    unit_weights = [PURPOSE_MIX[p] / _mean_unit_size(p) for p in purposes]
    while rows < per_year:
        purpose = weighted(rng, purposes, unit_weights)
        profile = purpose if purpose in ("umrah", "hajj", "tourism", "work") else "other"
        submitted = calendar.draw(rng, profile)
        if purpose in FAMILY_SHARE and rng.random() < FAMILY_SHARE[purpose]:
            sizes, weights = FAMILY_SIZES[purpose]
            size = min(weighted(rng, sizes, weights), per_year - rows)
            if size >= 2:
                t.group_serial += 1
                cases = family(t, purpose, size, submitted)
                for case in cases:
                    case.group = f"family-{year}-{t.group_serial:04d}"
                add(cases)
                rows += len(cases)
                continue
        add([honest_single(t, purpose, submitted)])
        rows += 1

    ordered = sorted(
        (
            (case.application.submitted_on, unit.order, index, case)
            for unit in units
            for index, case in enumerate(unit.cases)
        ),
        key=lambda item: item[:3],
    )
    cases = [item[3] for item in ordered]
    _number(rng, year, cases)
    return cases


def _number(rng: random.Random, year: int, cases: Sequence[Case]) -> None:
    """Application numbers in order of submission; recommendation numbers in order of issue,
    the fake ones past the last number issued that year."""
    recommendation = rng.randint(40, 400)
    for number, case in enumerate(cases, start=1):
        app = case.application
        app.application_no = f"CLP-{year}-{number:06d}"
        if app.disnaker_recommendation_no == RECOMMENDATION_PENDING:
            recommendation += 1
            app.disnaker_recommendation_no = f"562/{recommendation:04d}/REKOM/{year}"
    for case in cases:
        if case.application.disnaker_recommendation_no == RECOMMENDATION_FAKE:
            fake = recommendation + rng.randint(30, 900)
            case.application.disnaker_recommendation_no = f"562/{fake:04d}/REKOM/{year}"


def generate(
    villages: Sequence[Village],
    *,
    years: Sequence[int],
    per_year: int,
    seed: int = 1,
    until: dt.date | None = None,
) -> list[Case]:
    """`per_year` applications for each year, in order of application number.

    Deterministic: the same villages, years, count and seed always give the same cases.
    With `until`, applications submitted after that day are left out (a year still
    running gets only its past part; the numbers of the others stay the same).
    """
    trips = Trips(People(villages, random.Random(seed)))
    cases: list[Case] = []
    for year in sorted(set(years)):
        cases.extend(_year(trips, year, per_year))
    if until is not None:
        cases = [case for case in cases if case.application.submitted_on <= until]
    return cases

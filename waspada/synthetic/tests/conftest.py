"""Generated years shared by the synthetic-data tests (built once per module)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from waspada.synthetic import Case, Village, generate, read_villages

# The region list bundled with the regions app, read as plain data.
WILAYAH = Path(__file__).resolve().parents[2] / "regions" / "data" / "wilayah.csv"


@pytest.fixture(scope="session")
def villages() -> list[Village]:
    return read_villages(WILAYAH)


@pytest.fixture(scope="session")
def year_2024(villages: list[Village]) -> list[Case]:
    """A full office year, as `waspada demo --years 2024 --per-year 30000` makes it."""
    return generate(villages, years=[2024], per_year=30000, seed=1)


@pytest.fixture(scope="session")
def small(villages: list[Village]) -> list[Case]:
    return generate(villages, years=[2023, 2024], per_year=1500, seed=7)


def age(case: Case) -> int:
    born, on = case.applicant.birth_date, case.application.submitted_on
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def groups(cases: list[Case], prefix: str) -> dict[str, list[Case]]:
    groups: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        if case.group.startswith(prefix):
            groups[case.group].append(case)
    return groups

"""A demo year with its history: synthetic applications of 2023, then their past."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from waspada import synthetic
from waspada.applications.importing import save_records
from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.demo.accounts import ensure_demo_users
from waspada.demo.history import Summary, add_history
from waspada.demo.steps import demo_villages
from waspada.regions.services import ensure_office

YEAR = 2023


@dataclass
class Story:
    history: Summary
    registered: list[PassportApplication]


@pytest.fixture
def story(central_java_regions: None, intake_officer: User) -> Story:
    """300 demo applications of 2023 with their interviews and decisions, and two
    applications typed in at the counter afterwards (still without a history)."""
    cases = synthetic.generate(demo_villages(), years=[YEAR], per_year=300, seed=7)
    save_records(synthetic.pairs(cases), office=ensure_office(), acting_user=None, source="demo")
    ensure_demo_users()
    history = add_history(seed=7)
    registered = [
        make_application(acting_user=intake_officer, submitted_on=dt.date(YEAR, 5, day))
        for day in (2, 3)
    ]
    return Story(history, registered)

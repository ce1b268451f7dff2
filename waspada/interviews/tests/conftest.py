"""Applications ready for the interview desk, and a helper to open a session."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.interviews import services
from waspada.interviews.models import InterviewSession

HONEST_TOURIST: dict[str, Any] = {
    "purpose": "tourism",
    "destination_country": "JP",
    "return_ticket": "yes",
    "itinerary": "Tokyo 3-10 April, Kyoto 10-14 April; hotel booked",
    "intended_departure": dt.date(2026, 4, 3),
    "funds_source": "Tabungan pribadi",
    "documents": ["ktp", "kk", "akta_lahir", "tiket_pulang"],
}
UNDOCUMENTED_WORKER: dict[str, Any] = {
    "purpose": "work",
    "destination_country": "SA",
    "return_ticket": "no",
    "documents": ["ktp", "kk"],
}


def screened(**fields: Any) -> PassportApplication:
    """A registered application as the interview desk sees it (assessed, in `screening`)."""
    application = make_application(**fields)
    application.refresh_from_db()
    return application


def start(
    application: PassportApplication, user: User, kind: str | None = None
) -> InterviewSession:
    application.refresh_from_db()
    chosen = kind or ("deep" if application.risk_action == "deep_interview" else "standard")
    return services.start_interview(
        application, kind=chosen, acting_user=user, expected_version=application.version
    )


@pytest.fixture
def tourist(central_java_regions: None) -> PassportApplication:
    return screened(**HONEST_TOURIST)


@pytest.fixture
def worker(central_java_regions: None) -> PassportApplication:
    return screened(**UNDOCUMENTED_WORKER)

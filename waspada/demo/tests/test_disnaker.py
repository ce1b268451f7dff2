"""The demo Disnaker's register: honest workers' recommendations verified, fake numbers
caught because the register is declared complete, the newest left as requests."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent
from waspada.partners.models import Recommendation, RecommendationRequest, RegisterPeriod


def _demo(*args: str) -> None:
    call_command("demo", *args, verbosity=0, stdout=io.StringIO())


def test_the_demo_register_verifies_issued_numbers_and_catches_the_others(
    central_java_regions: None,
) -> None:
    _demo("--years", "2024", "--per-year", "600", "--seed", "3")
    registered = set(Recommendation.objects.values_list("number", flat=True))
    assert registered
    assert RegisterPeriod.objects.filter(
        starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2024, 12, 31)
    ).exists()
    naming = PassportApplication.objects.exclude(disnaker_recommendation_no="")
    issued = naming.filter(disnaker_recommendation_no__in=registered)
    assert issued.exists()
    assert not any("D03" in app.risk_indicators.split(";") for app in issued)
    unregistered = naming.exclude(disnaker_recommendation_no__in=registered)
    assert all("D03" in app.risk_indicators.split(";") for app in unregistered)
    # Idempotent: nothing registered, declared or requested twice.
    counts = (Recommendation.objects.count(), RegisterPeriod.objects.count())
    events = AuditEvent.objects.count()
    requests = RecommendationRequest.objects.count()
    _demo("--years", "2024", "--per-year", "600", "--seed", "3")
    assert (Recommendation.objects.count(), RegisterPeriod.objects.count()) == counts
    assert (AuditEvent.objects.count(), RecommendationRequest.objects.count()) == (
        events,
        requests,
    )
    # A number the complete register does not hold, on an application of that year: D03.
    forged = make_application(
        purpose="work",
        destination_country="MY",
        submitted_on=dt.date(2024, 5, 2),
        disnaker_recommendation_no="562/9999/REKOM/2024",
    )
    forged.refresh_from_db()
    assert "D03" in forged.risk_indicators.split(";")

"""A year of varied data for the reports: the demo generator, its history, rings, a referral."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from waspada.applications import demo_data
from waspada.applications.importing import save_records
from waspada.applications.management.commands.demo import demo_villages
from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.demo import ensure_demo_users
from waspada.core.models import User
from waspada.networks.models import RingCluster
from waspada.networks.organisers import load_demo_organisers
from waspada.networks.services import detect_networks
from waspada.partners.models import Referral
from waspada.partners.services import refer_ring
from waspada.regions.services import ensure_office
from waspada.reports.demo_history import Summary, add_history

YEAR = 2023


@dataclass
class Story:
    history: Summary
    registered: list[PassportApplication]


def build_story(*, per_year: int, intake: User, supervisor: User, police: User) -> Story:
    """`per_year` demo applications of 2023 with their interviews and decisions, the
    rings among them, one ring referred to the police, and two applications typed in at
    the counter by the intake officer."""
    load_demo_organisers()
    cases = demo_data.generate(demo_villages(), years=[YEAR], per_year=per_year, seed=7)
    save_records(demo_data.pairs(cases), office=ensure_office(), acting_user=None, source="demo")
    ensure_demo_users()
    history = add_history(seed=7)
    detect_networks()
    ring = RingCluster.objects.filter(risky=True).order_by("-score", "pk").first()
    assert ring is not None, "the demo data always holds a risky ring"
    assert police.agency is not None
    referral = refer_ring(
        ring, agency=police.agency, note="Mohon ditindaklanjuti.", acting_user=supervisor
    )
    # Referred back then (the service stamps the present moment).
    when = timezone.make_aware(dt.datetime(YEAR, 12, 28, 10, 0))
    Referral.objects.filter(pk=referral.pk).update(referred_at=when)
    registered = [
        make_application(acting_user=intake, submitted_on=dt.date(YEAR, 5, day)) for day in (2, 3)
    ]
    return Story(history, registered)


@pytest.fixture
def story(
    central_java_regions: None, intake_officer: User, supervisor: User, police_partner: User
) -> Story:
    return build_story(
        per_year=300, intake=intake_officer, supervisor=supervisor, police=police_partner
    )

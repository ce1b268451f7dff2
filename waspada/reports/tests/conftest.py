"""A year of varied data for the reports: synthetic applications, a few of them interviewed
and decided through the services, the rings among them and one ring referred."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from waspada import synthetic
from waspada.applications.importing import save_records
from waspada.applications.models import PassportApplication, Status
from waspada.applications.tests.factories import make_application
from waspada.core import services as accounts
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.decisions import services as decisions
from waspada.decisions.models import Decision
from waspada.domain import decisions as rules
from waspada.interviews import services as interviews
from waspada.interviews.models import InterviewKind, InterviewSession
from waspada.networks.models import LicensedOrganiser, OrganiserKind, RingCluster
from waspada.networks.organisers import save_organiser
from waspada.networks.services import detect_networks
from waspada.partners.models import Referral
from waspada.partners.services import refer_ring
from waspada.partners.tests.factories import make_agreement
from waspada.regions.services import WILAYAH_CSV, ensure_office
from waspada.synthetic.organisers import LICENSED_P3MI, LICENSED_PPIU

YEAR = 2023
# Every kind of outcome an office report counts, each with a reason of its kind.
OUTCOMES: tuple[tuple[str, str], ...] = (
    (rules.Outcome.ISSUE, ""),
    (rules.Outcome.DEFER, ""),
    (rules.Outcome.ISSUE, ""),
    (rules.Outcome.REFUSE, "non_procedural_work"),
    (rules.Outcome.ISSUE, ""),
    (rules.Outcome.CANCEL, "withdrawn_by_applicant"),
    (rules.Outcome.REFUSE, "false_statements"),
    (rules.Outcome.ISSUE, ""),
)
DECIDED = 16  # applications interviewed and decided, whatever the size of the year
DEEP = 4  # of which advised a deep interview


@dataclass
class Story:
    decided: list[Decision]
    registered: list[PassportApplication]


def _interviewer() -> User:
    found = User.objects.filter(username="story_interviewer").first()
    return found or accounts.create_user(
        acting_user=None,
        username="story_interviewer",
        full_name="Story Interviewer",
        role=Role.INTERVIEWER,
        password=None,
    )


def _register_organisers(supervisor: User) -> None:
    # Their customers sharing an office phone are no ring (as in the office's registry).
    known = set(LicensedOrganiser.objects.values_list("licence_no", flat=True))
    for kind, organisers in (
        (OrganiserKind.PPIU, LICENSED_PPIU),
        (OrganiserKind.P3MI, LICENSED_P3MI),
    ):
        for organiser in organisers:
            if organiser.license_no in known:
                continue
            save_organiser(
                None,
                acting_user=supervisor,
                kind=kind,
                name=organiser.name,
                licence_no=organiser.license_no,
                phones=[organiser.phone],
            )


def _decide(
    application: PassportApplication, outcome: str, reason_code: str, officers: tuple[User, User]
) -> Decision:
    """Interview (deep when advised), propose `outcome`, sign it off where needed, then date
    every step on the day the application was submitted (the services stamp the present)."""
    interviewer, supervisor = officers
    deep = application.risk_action == "deep_interview"
    session = interviews.start_interview(
        application,
        kind=InterviewKind.DEEP if deep else InterviewKind.STANDARD,
        acting_user=interviewer,
        expected_version=application.version,
    )
    interviews.finish_interview(session, acting_user=interviewer)
    application.refresh_from_db()
    values: dict[str, Any] = {"reason": "Hasil wawancara."}
    if reason_code:
        values.update(reason_code=reason_code, legal_basis=rules.REASONS[reason_code].legal_basis)
    if outcome == rules.Outcome.DEFER:
        values.update(
            missing_documents=["tiket_pulang"],
            deadline=rules.deferral_deadline(timezone.localdate()),
        )
    decision = decisions.propose_decision(
        application,
        outcome=outcome,
        acting_user=interviewer,
        expected_version=application.version,
        **values,
    )
    if decision.state == rules.State.PROPOSED:
        application.refresh_from_db()
        decisions.sign_off(decision, acting_user=supervisor, expected_version=application.version)
    day = timezone.make_aware(dt.datetime.combine(application.submitted_on, dt.time(10)))
    InterviewSession.objects.filter(pk=session.pk).update(
        started_at=day, finished_at=day + dt.timedelta(minutes=20)
    )
    at = day + dt.timedelta(hours=1)
    Decision.objects.filter(pk=decision.pk).update(
        proposed_at=at,
        reviewed_at=at if decision.reviewed_by_id else None,
        in_force_at=at + dt.timedelta(hours=1),
    )
    return decision


def build_story(*, per_year: int, intake: User, supervisor: User, police: User) -> Story:
    """`per_year` synthetic applications of 2023, a few of them interviewed and decided
    (every outcome), the rings among them, one ring referred to the police, and two
    applications typed in at the counter by the intake officer."""
    interviewer = _interviewer()
    _register_organisers(supervisor)
    villages = synthetic.read_villages(WILAYAH_CSV)
    cases = synthetic.generate(villages, years=[YEAR], per_year=per_year, seed=7)
    save_records(synthetic.pairs(cases), office=ensure_office(), acting_user=None, source="test")
    waiting = PassportApplication.objects.filter(
        status=Status.SCREENING, submitted_on__year=YEAR, decisions__isnull=True
    ).order_by("pk")
    # Those advised a deep interview first (a few), then a spread over the year.
    chosen = list(waiting.filter(risk_action="deep_interview")[:DEEP])
    others = waiting.exclude(pk__in=[application.pk for application in chosen])
    step = max(1, others.count() // DECIDED)
    chosen += list(others[::step][: DECIDED - len(chosen)])
    decided = [
        _decide(application, *OUTCOMES[index % len(OUTCOMES)], (interviewer, supervisor))
        for index, application in enumerate(chosen)
    ]
    detect_networks()
    ring = RingCluster.objects.filter(risky=True).order_by("-score", "pk").first()
    assert ring is not None, "the synthetic year always holds a risky ring"
    assert police.agency is not None
    make_agreement(police.agency)
    referral = refer_ring(
        ring, agency=police.agency, note="Mohon ditindaklanjuti.", acting_user=supervisor
    )
    # Referred back then (the service stamps the present moment).
    when = timezone.make_aware(dt.datetime(YEAR, 12, 28, 10, 0))
    Referral.objects.filter(pk=referral.pk).update(referred_at=when)
    registered = [
        make_application(acting_user=intake, submitted_on=dt.date(YEAR, 5, day)) for day in (2, 3)
    ]
    return Story(decided, registered)


@pytest.fixture
def story(
    central_java_regions: None,
    intake_officer: User,
    supervisor: User,
    police_partner: User,
) -> Story:
    return build_story(
        per_year=300, intake=intake_officer, supervisor=supervisor, police=police_partner
    )

"""Who may see the police pages: reports referred, alerts, submissions to the watchlists
(see tests/test_url_access.py). The persona "partner" is a police unit's user."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.networks.models import DetectionRun, RingCluster
from waspada.partners.models import Agency, AgencyKind, CaseReferral, PoliceAlert, Submission
from waspada.partners.tests.factories import office_supervisor

ACCESS: dict[str, set[str] | str] = {
    # The police unit sees its own; nobody in the office answers in its place.
    "case_referral_list": {"partner"},
    "case_referral_detail": {"partner"},
    # The office's readers see every alert; the unit its own.
    "alert_list": {"supervisor", "head_of_office", "auditor", "partner"},
    "alert_detail": {"supervisor", "head_of_office", "auditor", "partner"},
    "alert_application": "post-only",
    "alert_ring": "post-only",
    # A broker named on an application: the supervisor's page and its two actions.
    "broker_page": {"supervisor"},
    "broker_watchlist": "post-only",
    "broker_refer": "post-only",
    "submission_create": {"partner"},
    "submission_queue": {"supervisor"},
    "submission_decide": "post-only",
}


def url(name: str, target: User) -> str:
    # The partner persona's police unit (another persona: a unit of its own).
    agency = (
        target.agency
        or Agency.objects.get_or_create(name="Polresta Test", defaults={"kind": AgencyKind.POLICE})[
            0
        ]
    )
    office = office_supervisor()
    if name == "case_referral_detail":
        case = CaseReferral.objects.create(
            agency=agency,
            what="Lowongan palsu",
            place="Kesugihan",
            reported_on=dt.date(2026, 3, 2),
            note="x",
            referred_by=office,
        )
        return reverse(name, args=[case.pk])
    if name == "alert_detail":
        alert = PoliceAlert.objects.create(
            agency=agency, kind="ring", subject="Ring 1", note="x", sent_by=office
        )
        return reverse(name, args=[alert.pk])
    if name in ("alert_application", "broker_page", "broker_watchlist", "broker_refer"):
        return reverse(name, args=[make_application().application_no])
    if name == "alert_ring":
        ring = RingCluster.objects.create(run=DetectionRun.objects.create(), size=2, score=70)
        return reverse(name, args=[ring.pk])
    if name == "submission_decide":
        item = Submission.objects.create(
            agency=agency, list_type="wanted", full_name="X", basis="DPO", submitted_by=office
        )
        return reverse(name, args=[item.pk])
    return reverse(name)

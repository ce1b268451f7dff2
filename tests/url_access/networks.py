"""Who may see the new networks and referral pages (see tests/test_url_access.py).

The ring list, ring page and review rows stay in tests/test_url_access.py.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from waspada.core.models import User
from waspada.core.roles import Role
from waspada.networks.models import DetectionRun, LicensedOrganiser, RingCluster, VerificationTask

# Everyone who reads rings (VIEW_NETWORKS) reads the registry and the runs' progress.
NETWORK_READERS = {"supervisor", "head_of_office", "interviewer", "auditor"}

ACCESS: dict[str, set[str] | str] = {
    "ring_refer": "post-only",
    "detection_request": "post-only",
    "detection_run": NETWORK_READERS,
    "organiser_list": NETWORK_READERS,
    "organiser_create": {"supervisor"},
    "organiser_edit": {"supervisor"},
    "organiser_upload": {"supervisor"},
    "organiser_set_active": "post-only",
    # Supervisors resolve verification tasks; the head of office and auditors read them.
    "verification_list": {"supervisor", "head_of_office", "auditor"},
    "verification_detail": {"supervisor", "head_of_office", "auditor"},
    "verification_register": "post-only",
    "verification_suspicious": "post-only",
    "verification_dismiss": "post-only",
    "verification_reopen": "post-only",
    # Partner users only, and only their own agency's referrals.
    "referral_list": {"partner"},
    "referral_detail": {"partner"},
    "referral_respond": "post-only",
    # The covering letter of a ring referral: the office people who follow referrals.
    "ring_referral_letter": {"supervisor", "head_of_office"},
}


def _ring() -> RingCluster:
    run = DetectionRun.objects.create(finished_at=timezone.now())
    return RingCluster.objects.create(run=run, size=2, score=70, risky=True)


def url(name: str, target: User) -> str:
    if name == "ring_refer":
        return reverse(name, args=[_ring().pk])
    if name == "detection_run":
        return reverse(name, args=[DetectionRun.objects.create().pk])
    if name in {"organiser_edit", "organiser_set_active"}:
        organiser = LicensedOrganiser.objects.create(
            kind="ppiu", name=f"PT {name}", licence_no=f"U.{name}"
        )
        return reverse(name, args=[organiser.pk])
    if name.startswith("verification_") and name != "verification_list":
        task = VerificationTask.objects.create(
            kind="recruiter", key=f"licence:{name}", name="PT Karya", licence_no=name
        )
        return reverse(name, args=[task.pk])
    if name in {"referral_detail", "referral_respond", "ring_referral_letter"}:
        from waspada.partners.models import Agency, AgencyKind, Referral

        # To the police partner persona's unit; for an office persona, to a police unit.
        agency = (
            target.agency
            or Agency.objects.get_or_create(name="Polresta Cilacap", kind=AgencyKind.POLICE)[0]
        )
        ring = _ring()
        referral = Referral.objects.create(
            ring=ring,
            ring_number=ring.pk,
            agency=agency,
            note="Calo yang sama",
            referred_by=User.objects.filter(role=Role.SUPERVISOR).first() or target,
        )
        return reverse(name, args=[referral.pk])
    return reverse(name)

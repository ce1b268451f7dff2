"""Agreements and person referrals for tests, made through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.partners import agreements, person_referrals
from waspada.partners.models import (
    Agency,
    ConsentMethod,
    DataSharingAgreement,
    PersonReferral,
    SharingKind,
)

# What an interviewer saw, in their words (the agency reads this, never the indicators).
SUMMARY = "Dijanjikan kerja di restoran, paspor akan dipegang agen, belum pernah bertemu majikan."


def make_agreement(
    agency: Agency, *, days_left: int = 365, covers: tuple[str, ...] = tuple(SharingKind.values)
) -> DataSharingAgreement:
    today = timezone.localdate()
    return agreements.record_agreement(
        agency,
        legal_basis="PKS pencegahan TPPO",
        covers=list(covers),
        valid_from=today - dt.timedelta(days=30),
        valid_until=today + dt.timedelta(days=days_left),
        document_reference=f"PKS/{agency.pk}/{days_left}",
        acting_user=None,
    )


def office_supervisor() -> User:
    found = User.objects.filter(role=Role.SUPERVISOR, is_active=True).first()
    return found or User.objects.create_user(
        username="factory_supervisor", password="x-x-x-x-x-1", role=Role.SUPERVISOR
    )


def make_person_referral(
    agency: Agency,
    *,
    application: PassportApplication | None = None,
    acting_user: User | None = None,
    follow_up_due: dt.date | None = None,
) -> PersonReferral:
    """A person referred to `agency` with written consent (an agreement made if none)."""
    if not agreements.in_force(SharingKind.PERSON).filter(agency=agency).exists():
        make_agreement(agency)
    return person_referrals.refer_person(
        application or make_application(),
        agency=agency,
        contact="+6281234567890",
        needs=["shelter", "legal"],
        note="",
        summary=SUMMARY,
        consent=person_referrals.Consent(
            ConsentMethod.WRITTEN, given_by="the person", given_on=timezone.localdate()
        ),
        follow_up_due=follow_up_due or timezone.localdate() + dt.timedelta(days=14),
        acting_user=acting_user or office_supervisor(),
    )

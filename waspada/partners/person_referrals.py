"""Referring a suspected victim to victim services or a community organisation.

The referral carries the minimum, copied when referred (name, sex, age, contact, village
and regency, needs, a note, the officer's summary in their own words) and never the risk
score, watchlists or rings; it needs the person's consent or a supervisor's override with
its legal basis, and a data-sharing agreement in force with the agency. The agency
answers as case-management systems do (accepted or rejected with a reason, in progress,
closed with an outcome); the office may revoke an open referral. Every look by the
agency's users is recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.applications.models import PassportApplication
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.partners import agreements, events
from waspada.partners.models import (
    PERSON_NEXT_STATUSES,
    PERSON_OPEN,
    Agency,
    ConsentMethod,
    Need,
    PersonReferral,
    PersonReferralStatus,
    SharingKind,
)
from waspada.partners.scopes import PERSON_RECEIVERS
from waspada.partners.services import answer_referral
from waspada.regions.models import Region

# The office may revoke a referral while it is open.
REVOCABLE: dict[str, tuple[str, ...]] = {
    status: ((PersonReferralStatus.REVOKED,) if status in PERSON_OPEN else ())
    for status in PersonReferralStatus.values
}


class RefusedReferral(UserFacingError):
    """A referral the office may not send as given (nothing saved)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.text = field, message

    def form_errors(self) -> list[tuple[str, str]]:
        return [(self.field, self.text)]


@dataclass(frozen=True)
class Consent:
    """How the person agreed to be referred, or the override without consent."""

    method: str
    given_by: str = ""
    given_on: dt.date | None = None
    override_basis: str = ""


def receiving_agencies() -> QuerySet[Agency]:
    """The agencies a person may be referred to today (with an agreement in force)."""
    return agreements.agencies_with_agreement(SharingKind.PERSON).filter(kind__in=PERSON_RECEIVERS)


def _check_consent(consent: Consent) -> None:
    if consent.method not in ConsentMethod.values:
        raise RefusedReferral("consent_method", _("Say how the person consented."))
    if consent.method == ConsentMethod.NONE:
        if not consent.override_basis.strip():
            raise RefusedReferral(
                "override_basis",
                _("Without the person's consent, write the legal basis of the override."),
            )
        return
    if not consent.given_by.strip():
        raise RefusedReferral("consent_given_by", _("Write who gave the consent."))
    if consent.given_on is None or consent.given_on > timezone.localdate():
        raise RefusedReferral("consent_on", _("Give the day the consent was given (not later)."))


def _age(birth_date: dt.date, on: dt.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def _region_name(code: str) -> str:
    return Region.objects.filter(code=code).values_list("name", flat=True).first() or ""


@transaction.atomic
def refer_person(
    application: PassportApplication,
    *,
    agency: Agency,
    contact: str,
    needs: list[str],
    note: str,
    summary: str,
    consent: Consent,
    follow_up_due: dt.date,
    acting_user: User,
    request: HttpRequest | None = None,
) -> PersonReferral:
    """Refer the applicant of `application` to `agency` (victim services or an NGO)."""
    today = timezone.localdate()
    if agency.kind not in PERSON_RECEIVERS or not agency.is_active:
        raise RefusedReferral(
            "agency", _("Persons are referred to victim services or community organisations.")
        )
    agreements.check_agreement(agency, SharingKind.PERSON, today)
    _check_consent(consent)
    if not summary.strip():
        raise RefusedReferral("summary", _("Summarise in your own words what the office saw."))
    if not needs or not set(needs) <= set(Need.values):
        raise RefusedReferral("needs", _("Choose at least one need."))
    if follow_up_due < today:
        raise RefusedReferral("follow_up_due", _("The follow-up date cannot be in the past."))
    if PersonReferral.objects.filter(
        application=application, agency=agency, status__in=PERSON_OPEN
    ).exists():
        raise RefusedReferral(
            "agency",
            _("This person was already referred to %(agency)s and the referral is still open.")
            % {"agency": agency.name},
        )
    referral = PersonReferral.objects.create(
        application=application,
        agency=agency,
        full_name=application.full_name,
        sex=application.sex,
        age=_age(application.birth_date, today),
        contact=contact.strip(),
        village=_region_name(application.village_id),
        regency=_region_name(application.regency_code),
        needs=[need for need in Need.values if need in needs],
        note=note.strip(),
        summary=summary.strip(),
        consent_method=consent.method,
        consent_given_by=consent.given_by.strip(),
        consent_on=consent.given_on if consent.method != ConsentMethod.NONE else None,
        override_basis=consent.override_basis.strip()
        if consent.method == ConsentMethod.NONE
        else "",
        follow_up_due=follow_up_due,
        referred_by=acting_user,
    )
    events.emit(events.REFERRAL_CREATED, agency, {"kind": "person", "id": referral.pk})
    audit.record(
        AuditAction.PERSON_REFERRAL_SENT,
        said(
            gettext_noop("Applicant of %(number)s referred to %(agency)s (%(consent)s)"),
            number=application.application_no,
            agency=agency.name,
            consent=ConsentMethod(consent.method).label,
        ),
        actor=acting_user,
        obj=referral,
        details={
            "application": application.pk,
            "agency": agency.pk,
            "consent": consent.method,
            "needs": referral.needs,
        },
        request=request,
    )
    return referral


def record_view(
    referral: PersonReferral, *, acting_user: User, request: HttpRequest | None = None
) -> None:
    """A partner looked at a person referral: every look is recorded."""
    audit.record(
        AuditAction.PERSON_REFERRAL_VIEWED,
        said(
            gettext_noop("Person referral %(referral)s viewed by %(user)s (%(agency)s)"),
            referral=referral.pk,
            user=acting_user.get_username(),
            agency=referral.agency.name,
        ),
        actor=acting_user,
        obj=referral,
        request=request,
    )


@transaction.atomic
def respond(
    referral: PersonReferral,
    *,
    status: str,
    note: str,
    seen_status: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> PersonReferral:
    """The agency's answer: accepted or rejected (with a reason), in progress, closed
    (with the outcome)."""
    return answer_referral(
        referral,
        status=status,
        note=note,
        seen_status=seen_status,
        next_statuses=PERSON_NEXT_STATUSES,
        audit_prefix="partners.person_referral",
        described=said(gettext_noop("Person referral %(id)s"), id=referral.pk),
        subject=referral.full_name,
        url=reverse("register_person_referral", args=[referral.pk]),
        acting_user=acting_user,
        request=request,
    )


@transaction.atomic
def revoke(
    referral: PersonReferral,
    *,
    reason: str,
    seen_status: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> PersonReferral:
    """The office takes back an open referral, with its reason."""
    if not reason.strip():
        raise RefusedReferral("reason", _("Write why the referral is revoked."))
    revoked = answer_referral(
        referral,
        status=PersonReferralStatus.REVOKED,
        note=reason.strip(),
        seen_status=seen_status,
        next_statuses=REVOCABLE,
        audit_prefix="partners.person_referral",
        described=said(gettext_noop("Person referral %(id)s"), id=referral.pk),
        acting_user=acting_user,
        request=request,
    )
    events.emit(events.REFERRAL_REVOKED, revoked.agency, {"kind": "person", "id": revoked.pk})
    return revoked

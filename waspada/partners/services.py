"""State changes of partner agencies and referrals, each audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.applications.models import PassportApplication
from waspada.core import audit
from waspada.core.audit_actions import AuditAction, checked
from waspada.core.audit_summaries import said
from waspada.core.errors import Refused, UserFacingError
from waspada.core.models import NotificationKind, User
from waspada.core.notifications import notify
from waspada.networks import services as network_services
from waspada.networks.models import RingCluster
from waspada.partners import agreements, events
from waspada.partners.models import (
    NEXT_STATUSES,
    Agency,
    AgencyKind,
    CaseReferral,
    PersonReferral,
    PersonReferralStatus,
    Referral,
    ReferralStatus,
    SharingKind,
)
from waspada.regions.models import Region
from waspada.watchlists import brokers
from waspada.watchlists.models import MatchRole

# A status that is not a past participle, as the audit vocabulary names it.
_EVENT_WORDS = {"in_progress": "started"}
# The statuses' labels, for the summaries (a person referral has every status a ring has).
_STATUS_LABELS = dict(PersonReferralStatus.choices) | dict(ReferralStatus.choices)


@transaction.atomic
def save_agency(
    agency: Agency | None,
    *,
    acting_user: User,
    name: str,
    kind: str,
    is_active: bool,
    regency_code: str = "",
    request: HttpRequest | None = None,
) -> Agency:
    """Create an agency (when `agency` is None) or change one."""
    creating = agency is None
    if agency is None:
        agency = Agency()
    before = {
        "name": agency.name,
        "kind": agency.kind,
        "is_active": agency.is_active,
        "regency_code": agency.regency_code,
    }
    agency.name, agency.kind, agency.is_active = name, kind, is_active
    agency.regency_code = regency_code
    agency.save()
    after = {"name": name, "kind": kind, "is_active": is_active, "regency_code": regency_code}
    changes = {k: [before[k], after[k]] for k in after if creating or before[k] != after[k]}
    audit.record(
        AuditAction.AGENCY_CREATED if creating else AuditAction.AGENCY_UPDATED,
        said(
            gettext_noop("Agency %(name)s created")
            if creating
            else gettext_noop("Agency %(name)s changed"),
            name=name,
        ),
        actor=acting_user,
        obj=agency,
        details={"changes": changes},
        request=request,
    )
    return agency


# --- Referrals ----------------------------------------------------------------------------


class StaleReferral(UserFacingError):
    """Somebody answered the referral since the page was loaded."""

    def __init__(self, referral: Referral | PersonReferral | CaseReferral) -> None:
        super().__init__(f"referral {referral.pk} is now {referral.status}")
        self.referral = referral

    def message(self) -> str:
        return _(
            "Somebody else answered this referral in the meantime (now: %(status)s); "
            "nothing was saved."
        ) % {"status": self.referral.get_status_display()}

    def form_errors(self) -> list[tuple[str, str]]:
        return [("", self.message())]


class NotAllowedAnswer(UserFacingError):
    """The answer does not follow from the referral's status (e.g. done before accepted)."""

    def __init__(self, referral: Referral | PersonReferral | CaseReferral, status: str) -> None:
        super().__init__(f"referral {referral.pk}: {referral.status} -> {status} not allowed")
        self.referral = referral

    def form_errors(self) -> list[tuple[str, str]]:
        return [
            (
                "status",
                _("This step does not follow from the referral's status (now: %(status)s).")
                % {"status": self.referral.get_status_display()},
            )
        ]


@transaction.atomic
def refer_ring(
    ring: RingCluster,
    *,
    agency: Agency,
    note: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> Referral:
    """Refer a ring to a partner agency: its members and shared values as they are now.

    Raises NoAgreement unless a data-sharing agreement in force covers rings."""
    agreements.check_agreement(agency, SharingKind.RING)
    referral = Referral.objects.create(
        ring=ring,
        ring_number=ring.pk,
        agency=agency,
        note=note,
        shared=ring.shared,
        referred_by=acting_user,
    )
    members = list(ring.memberships.values_list("application_id", flat=True))
    referral.applications.set(members)
    events.emit(
        events.REFERRAL_CREATED,
        agency,
        {"kind": "ring", "id": referral.pk, "ring_number": referral.ring_number},
    )
    audit.record(
        AuditAction.REFERRAL_SENT,
        said(
            gettext_noop(
                "Ring #%(ring)s (%(size)s applicants, score %(score)s) referred to %(agency)s"
            ),
            ring=ring.pk,
            size=len(members),
            score=ring.score,
            agency=agency.name,
        ),
        actor=acting_user,
        obj=referral,
        details={"ring": ring.pk, "agency": agency.pk, "applications": len(members)},
        request=request,
    )
    # Referring is what the review decided: a ring not yet reviewed is marked reviewed
    # (audited), in the office's language, so that it leaves the "to review" list; a
    # review already written by a supervisor is theirs and stays as it is.
    if ring.reviewed_at is None:
        with translation.override(settings.LANGUAGE_CODE):
            decided = _("Referred to %(agency)s.") % {"agency": agency.name}
        network_services.review_ring(
            ring,
            acting_user=acting_user,
            note=f"{decided} {note}".strip(),
            request=request,
        )
    return referral


def record_referral_view(
    referral: Referral, *, acting_user: User, request: HttpRequest | None = None
) -> None:
    """A partner looked at the people of a referral: every look is recorded."""
    audit.record(
        AuditAction.REFERRAL_VIEWED,
        said(
            gettext_noop("Referral %(referral)s (ring #%(ring)s) viewed by %(user)s (%(agency)s)"),
            referral=referral.pk,
            ring=referral.ring_number,
            user=acting_user.get_username(),
            agency=referral.agency.name,
        ),
        actor=acting_user,
        obj=referral,
        request=request,
    )


AnyReferral = TypeVar("AnyReferral", Referral, PersonReferral, CaseReferral)


def answer_referral(
    referral: AnyReferral,
    *,
    status: str,
    note: str,
    seen_status: str,
    next_statuses: Mapping[str, tuple[str, ...]],
    audit_prefix: str,
    described: str,
    acting_user: User,
    subject: str = "",
    url: str = "",
    request: HttpRequest | None = None,
) -> AnyReferral:
    """Move a referral (ring or person) to `status` as its lifecycle allows, with a note.

    Raises StaleReferral when the status is no longer `seen_status`, NotAllowedAnswer
    when `status` does not follow from it; the event is `<audit_prefix>_<status>` in the
    past tense ("in_progress": work "started").
    Call inside a transaction.
    """
    current = type(referral).objects.select_for_update().get(pk=referral.pk)
    if current.status != seen_status:
        raise StaleReferral(current)
    if status not in next_statuses[current.status]:
        raise NotAllowedAnswer(current, status)
    previous = current.status
    current.status = status
    current.response = note
    current.responded_by = acting_user
    current.responded_at = timezone.now()
    current.save(update_fields=["status", "response", "responded_by", "responded_at"])
    audit.record(
        checked(f"{audit_prefix}_{_EVENT_WORDS.get(status, status)}"),
        said(
            gettext_noop("%(referral)s %(status)s by %(user)s (%(agency)s)"),
            referral=described,
            status=_STATUS_LABELS.get(status, status),
            user=acting_user.get_username(),
            agency=current.agency.name,
        ),
        actor=acting_user,
        obj=current,
        details={"from": previous, "to": status, "note": note},
        request=request,
    )
    # The officer who referred it hears of the answer (the bell).
    notify(
        [current.referred_by],
        NotificationKind.PARTNER_ANSWERED,
        subject=f"{current.agency.name}: {subject}" if subject else current.agency.name,
        url=url,
    )
    return current


PoliceReferral = TypeVar("PoliceReferral", Referral, CaseReferral)


@transaction.atomic
def respond_to_referral(
    referral: PoliceReferral,
    *,
    status: str,
    note: str,
    seen_status: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> PoliceReferral:
    """The police unit's answer to a ring or a report from the public: accepted or
    rejected (from sent), done (from accepted)."""
    if isinstance(referral, CaseReferral):
        prefix = "partners.case_referral"
        described = said(gettext_noop("Case referral %(id)s"), id=referral.pk)
        # The answer is read where the office referred it: the application naming the
        # broker, or the reports from the public.
        subject, url = f"#{referral.pk}", reverse("public_report_queue")
        if referral.application is not None:
            number = referral.application.application_no
            subject, url = number, reverse("application_detail", args=[number])
    else:
        prefix = "partners.referral"
        described = said(
            gettext_noop("Referral %(id)s (ring #%(ring)s)"),
            id=referral.pk,
            ring=referral.ring_number,
        )
        subject, url = f"#{referral.ring_number}", f"{reverse('referral_register')}?answered=on"
    return answer_referral(
        referral,
        status=status,
        note=note,
        seen_status=seen_status,
        next_statuses=NEXT_STATUSES,
        audit_prefix=prefix,
        described=described,
        subject=subject,
        url=url,
        acting_user=acting_user,
        request=request,
    )


# --- Reports from the public referred to the police -----------------------------------------


@transaction.atomic
def refer_case(
    *,
    agency: Agency,
    what: str,
    place: str,
    who: str,
    reported_on: dt.date,
    note: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> CaseReferral:
    """Refer what the public reported to a police unit: what, where, who and the office's
    note, nothing more (never the reporter's contact). Raises NoAgreement unless a
    data-sharing agreement in force covers alerts and reports with the unit."""
    agreements.check_agreement(agency, SharingKind.CASE)
    referral = CaseReferral.objects.create(
        agency=agency,
        what=what,
        place=place,
        who=who,
        reported_on=reported_on,
        note=note,
        referred_by=acting_user,
    )
    events.emit(events.REFERRAL_CREATED, agency, {"kind": "case", "id": referral.pk})
    audit.record(
        AuditAction.CASE_REFERRAL_SENT,
        said(
            gettext_noop("Report referred to %(agency)s as case referral %(id)s"),
            agency=agency.name,
            id=referral.pk,
        ),
        actor=acting_user,
        obj=referral,
        details={"agency": agency.pk},
        request=request,
    )
    return referral


def record_case_view(
    referral: CaseReferral, *, acting_user: User, request: HttpRequest | None = None
) -> None:
    audit.record(
        AuditAction.CASE_REFERRAL_VIEWED,
        said(
            gettext_noop("Case referral %(id)s viewed by %(user)s (%(agency)s)"),
            id=referral.pk,
            user=acting_user.get_username(),
            agency=referral.agency.name,
        ),
        actor=acting_user,
        obj=referral,
        request=request,
    )


# --- A broker named on an application referred to the police ---------------------------------


def broker_referrals(application: PassportApplication) -> dict[str, list[CaseReferral]]:
    """Role -> the referrals of the broker the application names in that role."""
    found: dict[str, list[CaseReferral]] = {}
    for referral in application.case_referrals.select_related("agency").order_by("-referred_at"):
        found.setdefault(referral.broker_role, []).append(referral)
    return found


def broker_rows(application: PassportApplication) -> list[dict[str, Any]]:
    """Each broker the application names, with the office's watchlist entry for them and
    their referrals to the police."""
    entries = brokers.watchlisted(application)
    referrals = broker_referrals(application)
    return [
        {"broker": b, "entry": entries.get(b.role), "referrals": referrals.get(b.role, [])}
        for b in brokers.named_brokers(application)
    ]


@transaction.atomic
def refer_broker(
    application: PassportApplication,
    *,
    role: str,
    agency: Agency,
    reason: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> CaseReferral:
    """Refer the broker `application` names in `role` (sponsor, recruiter, companion) to a
    police unit as a case: who they are as the application names them, where the
    applicant lives, the supervisor's reason. The applicant's file is not shared. Raises
    Refused (nothing saved) for a role the application names nobody in, without a
    reason, for an agency that is not the police or a broker already referred to it and
    still open; NoAgreement unless an agreement in force covers alerts and cases."""
    named = brokers.broker(application, role)
    if named is None:
        raise Refused("role", _("The application names nobody in this role."))
    if not reason.strip():
        raise Refused("reason", _("Write why this broker is referred to the police."))
    if agency.kind != AgencyKind.POLICE or not agency.is_active:
        raise Refused("agency", _("A broker is referred to a police unit."))
    agreements.check_agreement(agency, SharingKind.CASE)
    if any(
        r.open and r.agency_id == agency.pk for r in broker_referrals(application).get(role, [])
    ):
        raise Refused(
            "agency",
            _("This broker was already referred to %(agency)s and the referral is still open.")
            % {"agency": agency.name},
        )
    with translation.override(settings.LANGUAGE_CODE):
        what = _("%(role)s named on passport application %(number)s: %(name)s") % {
            "role": named.role_label,
            "number": application.application_no,
            "name": named.name,
        }
    who = "; ".join([named.name, *([named.phone] if named.phone else []), *named.details])
    place = (
        Region.objects.filter(code=application.regency_code).values_list("name", flat=True).first()
        or application.office.name
    )
    referral = CaseReferral.objects.create(
        agency=agency,
        application=application,
        broker_role=role,
        what=what,
        place=place[:300],
        who=who[:300],
        reported_on=application.submitted_on,
        note=reason.strip(),
        referred_by=acting_user,
    )
    audit.record(
        AuditAction.BROKER_REFERRED,
        said(
            gettext_noop("%(role)s of %(number)s (%(name)s) referred to %(agency)s"),
            role=MatchRole(role).label,
            number=application.application_no,
            name=named.name,
            agency=agency.name,
        ),
        actor=acting_user,
        obj=application,
        details={"case_referral": referral.pk, "agency": agency.pk, "role": role},
        request=request,
    )
    return referral

"""Alerts to the police and the police's submissions to the watchlists.

- A supervisor alerts a chosen police unit about an applicant matching a wanted person
  (from the application's assessment) or about a risky ring (from the ring page), only
  under a data-sharing agreement in force covering alerts (`SharingKind.CASE`). What
  the unit reads is copied when sent: for a match the applicant's name, NIK, birth date,
  the application number and the wanted entry matched; for a ring its members' names,
  NIK and villages and the values they share.
- A police unit submits a wanted person or a known broker; it enters the unit's watchlist
  of that type (created when first needed, its owner the unit) once a supervisor accepts
  it, with its provenance in the entry's note; or the supervisor rejects it with a reason.

Every step is audited; these are the functions the pages and the API call.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.applications.models import PassportApplication
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.networks.models import RingCluster
from waspada.partners import agreements, events
from waspada.partners.models import (
    ALERT_APPLICANT_LINE,
    ALERT_MATCH_LINE,
    ALERT_RING_SUBJECT,
    ALERT_SHARED_LINE,
    ALERT_WANTED_SUBJECT,
    Agency,
    AgencyKind,
    AlertKind,
    AlertStatus,
    PoliceAlert,
    SharingKind,
    Submission,
    SubmissionState,
)
from waspada.watchlists import services as watchlists
from waspada.watchlists.importing import EntryValues
from waspada.watchlists.models import ListType, MatchLevel, MatchState, Watchlist, WatchlistMatch

# What the police submit.
SUBMITTED_TYPES = (ListType.WANTED, ListType.KNOWN_BROKER)


class AlertRefused(UserFacingError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.text = message

    def form_errors(self) -> list[tuple[str, str]]:
        return [("", self.text)]


def police_units() -> QuerySet[Agency]:
    """The police units the office may alert today (an agreement in force covers alerts)."""
    return agreements.agencies_with_agreement(SharingKind.CASE).filter(kind=AgencyKind.POLICE)


def wanted_matches(application: PassportApplication) -> QuerySet[WatchlistMatch]:
    """The application's matches with a wanted person that nobody dismissed."""
    return (
        WatchlistMatch.objects.filter(
            application=application, entry__watchlist__list_type=ListType.WANTED
        )
        .exclude(state=MatchState.DISMISSED)
        .select_related("entry", "entry__watchlist")
    )


def _match_details(application: PassportApplication, matches: list[WatchlistMatch]) -> list[str]:
    lines = [
        said(
            ALERT_APPLICANT_LINE,
            name=application.full_name,
            nik=application.applicant.nik,
            place=application.birth_place,
            date=application.birth_date.isoformat(),
            number=application.application_no,
            submitted=application.submitted_on.isoformat(),
        )
    ]
    lines += [
        said(
            ALERT_MATCH_LINE,
            name=m.entry.full_name,
            list=m.entry.watchlist.name,
            level=MatchLevel(m.level).label,
            score=f"{m.score:.2f}",
        )
        for m in matches
    ]
    return [str(line) for line in lines]


def _ring_details(ring: RingCluster) -> list[str]:
    lines = [
        f"{m.application.full_name}, NIK {m.application.applicant.nik}, "
        f"{m.application.village.name if m.application.village_id else ''}"
        for m in ring.memberships.select_related(
            "application", "application__applicant", "application__village"
        )
    ]
    shared = ", ".join(str(value.get("value", value)) for value in ring.shared or [])
    return lines + ([str(said(ALERT_SHARED_LINE, values=shared))] if shared else [])


def _send(
    agency: Agency,
    *,
    kind: str,
    subject: str,
    details: list[str],
    note: str,
    acting_user: User,
    request: HttpRequest | None,
    **target: Any,
) -> PoliceAlert:
    if agency.kind != AgencyKind.POLICE:
        raise AlertRefused(_("Only a police unit can be alerted."))
    agreements.check_agreement(agency, SharingKind.CASE)
    alert = PoliceAlert.objects.create(
        agency=agency,
        kind=kind,
        subject=subject[:300],
        details=details,
        note=note,
        sent_by=acting_user,
        **target,
    )
    audit.record(
        AuditAction.ALERT_SENT,
        said(gettext_noop("%(agency)s alerted: %(subject)s"), agency=agency.name, subject=subject),
        actor=acting_user,
        obj=alert,
        details={"agency": agency.pk, "kind": kind, **{k: v.pk for k, v in target.items()}},
        request=request,
    )
    # Inside the sender's transaction: the webhook's outbox row commits with the alert.
    events.emit(events.ALERT_CREATED, agency, {"kind": kind, "id": alert.pk})
    return alert


@transaction.atomic
def alert_wanted_match(
    application: PassportApplication,
    *,
    agency: Agency,
    note: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> PoliceAlert:
    """Alert `agency` that the applicant matches a wanted person (refused without such a
    match, or without an agreement in force)."""
    matches = list(wanted_matches(application))
    if not matches:
        raise AlertRefused(_("This application matches no wanted person."))
    return _send(
        agency,
        kind=AlertKind.WANTED_MATCH,
        subject=said(
            ALERT_WANTED_SUBJECT,
            name=application.full_name,
            number=application.application_no,
        ),
        details=_match_details(application, matches),
        note=note,
        acting_user=acting_user,
        request=request,
        application=application,
    )


@transaction.atomic
def alert_ring(
    ring: RingCluster,
    *,
    agency: Agency,
    note: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> PoliceAlert:
    """Alert `agency` about a risky ring (refused for a ring not found risky, or without an
    agreement in force)."""
    if not ring.risky:
        raise AlertRefused(_("Only a risky ring can be sent as an alert."))
    return _send(
        agency,
        kind=AlertKind.RING,
        subject=said(
            ALERT_RING_SUBJECT,
            ring=ring.pk,
            size=ring.size,
            score=ring.score,
        ),
        details=_ring_details(ring),
        note=note,
        acting_user=acting_user,
        request=request,
        ring=ring,
    )


def record_alert_view(alert: PoliceAlert, *, acting_user: User, request: HttpRequest) -> None:
    audit.record(
        AuditAction.ALERT_VIEWED,
        said(
            gettext_noop("Alert %(id)s viewed by %(user)s (%(agency)s)"),
            id=alert.pk,
            user=acting_user.get_username(),
            agency=alert.agency.name,
        ),
        actor=acting_user,
        obj=alert,
        request=request,
    )


@transaction.atomic
def acknowledge_alert(
    alert: PoliceAlert, *, acting_user: User, request: HttpRequest | None = None
) -> PoliceAlert:
    current = PoliceAlert.objects.select_for_update().get(pk=alert.pk)
    if current.status == AlertStatus.ACKNOWLEDGED:
        return current
    current.status = AlertStatus.ACKNOWLEDGED
    current.acknowledged_by = acting_user
    current.acknowledged_at = timezone.now()
    current.save(update_fields=["status", "acknowledged_by", "acknowledged_at"])
    audit.record(
        AuditAction.ALERT_ACKNOWLEDGED,
        said(
            gettext_noop("Alert %(id)s acknowledged by %(user)s"),
            id=current.pk,
            user=acting_user.get_username(),
        ),
        actor=acting_user,
        obj=current,
        request=request,
    )
    return current


# --- Submissions ------------------------------------------------------------------------------


class SubmissionDecided(UserFacingError):
    def __init__(self, submission: Submission) -> None:
        super().__init__(f"submission {submission.pk} is {submission.state}")
        self.submission = submission

    def __str__(self) -> str:
        return _("This submission was decided in the meantime (now: %(state)s).") % {
            "state": self.submission.get_state_display()
        }


@transaction.atomic
def submit(
    agency: Agency,
    *,
    list_type: str,
    full_name: str,
    basis: str,
    acting_user: User,
    aliases: str = "",
    nik: str = "",
    birth_date: dt.date | None = None,
    sex: str = "",
    phone: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> Submission:
    """A police unit submits a wanted person or a known broker (pending a supervisor)."""
    if list_type not in SUBMITTED_TYPES:
        raise ValueError(f"not a submitted type: {list_type}")
    submission = Submission.objects.create(
        agency=agency,
        list_type=list_type,
        full_name=full_name.strip(),
        aliases=aliases.strip(),
        nik=nik,
        birth_date=birth_date,
        sex=sex,
        phone=phone,
        basis=basis.strip(),
        note=note.strip(),
        submitted_by=acting_user,
    )
    audit.record(
        AuditAction.SUBMISSION_RECEIVED,
        said(
            gettext_noop("%(agency)s submitted %(name)s (%(list_type)s)"),
            agency=agency.name,
            name=submission.full_name,
            list_type=ListType(list_type).label,
        ),
        actor=acting_user,
        obj=submission,
        details={"agency": agency.pk, "list_type": list_type},
        request=request,
    )
    return submission


def _list_for(submission: Submission, acting_user: User) -> Watchlist:
    """The unit's watchlist of the submission's type (created the first time)."""
    labels = dict(ListType.choices)
    name = f"{submission.agency.name}: {labels[submission.list_type]}"[:200]
    found = Watchlist.objects.filter(name=name).first()
    if found is not None:
        return found
    return watchlists.create_watchlist(
        acting_user=acting_user,
        name=name,
        list_type=submission.list_type,
        source=f"Submitted by {submission.agency.name} through Waspada",
        owner_agency=submission.agency.name,
    )


def _decide(submission: Submission) -> Submission:
    current = Submission.objects.select_for_update().select_related("agency").get(pk=submission.pk)
    if current.state != SubmissionState.PENDING:
        raise SubmissionDecided(current)
    return current


def accept_submission(
    submission: Submission,
    *,
    acting_user: User,
    note: str = "",
    request: HttpRequest | None = None,
) -> Submission:
    """Accept a submission: it enters the unit's watchlist with its provenance, and open
    applications are checked against it."""
    with transaction.atomic():
        current = _decide(submission)
        provenance = (
            f"Submitted by {current.agency.name} ({current.submitted_by.get_username()}) on "
            f"{timezone.localtime(current.submitted_at):%Y-%m-%d}; basis: {current.basis}; "
            f"accepted by {acting_user.get_username()} on {timezone.localdate():%Y-%m-%d}"
            + (f"; {current.note}" if current.note else "")
        )
        values = EntryValues(
            external_id=f"WSP-SUB-{current.pk}",
            full_name=current.full_name,
            birth_date=current.birth_date.isoformat() if current.birth_date else "",
            sex=current.sex,
            aliases=tuple(a.strip() for a in current.aliases.split(";") if a.strip()),
            nik=current.nik,
            phone=current.phone,
            note=provenance,
        )
        entry = watchlists.add_entry(
            _list_for(current, acting_user),
            values,
            acting_user=acting_user,
            request=request,
            rescreen="queue",
        )
        current.state = SubmissionState.ACCEPTED
        current.entry = entry
        current.decided_by = acting_user
        current.decided_at = timezone.now()
        current.decision_note = note.strip()[:500]
        current.save(update_fields=["state", "entry", "decided_by", "decided_at", "decision_note"])
        audit.record(
            AuditAction.SUBMISSION_ACCEPTED,
            said(
                gettext_noop(
                    "Submission %(id)s of %(agency)s accepted into the watchlist '%(watchlist)s'"
                ),
                id=current.pk,
                agency=current.agency.name,
                watchlist=entry.watchlist.name,
            ),
            actor=acting_user,
            obj=current,
            details={"entry": entry.pk},
            request=request,
        )
    return current


@transaction.atomic
def reject_submission(
    submission: Submission,
    *,
    acting_user: User,
    note: str,
    request: HttpRequest | None = None,
) -> Submission:
    if not note.strip():
        raise AlertRefused(_("Give the reason for not accepting it."))
    current = _decide(submission)
    current.state = SubmissionState.REJECTED
    current.decided_by = acting_user
    current.decided_at = timezone.now()
    current.decision_note = note.strip()[:500]
    current.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    audit.record(
        AuditAction.SUBMISSION_REJECTED,
        said(
            gettext_noop("Submission %(id)s of %(agency)s rejected: %(note)s"),
            id=current.pk,
            agency=current.agency.name,
            note=current.decision_note,
        ),
        actor=acting_user,
        obj=current,
        request=request,
    )
    return current


def pending_count(user: object = None) -> int:
    """The supervisors' menu number: submissions waiting for a decision."""
    return Submission.objects.filter(state=SubmissionState.PENDING).count()

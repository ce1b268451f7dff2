"""Dukcapil NIK verification: asked by an officer or by screening, answered by Dukcapil,
kept as D12 evidence with its provenance.

- `request_verification`: an officer asks from the application page; after screening,
  `ask_for_contradictions` asks for every application where D12 or D13 fired (the
  identity contradicts the NIK or another record) and nothing was asked yet. Dukcapil
  gets the NIK, name, birth place and date as written on the application, nothing more.
- The request goes through the adapter the settings choose (`waspada.partners.dukcapil`):
  the liaison officer's queue, or the online service answering at once.
- `answer_verification`: match, no match or NIK not found, with a note; the application
  is re-screened at once. "No match" and "not found" are D12 evidence
  (`IdentityAnswers`, the "identity" fact), with who answered, how and when; "match" is
  a note that the identity was verified.

Every step is audited; these are the functions the pages and the API call.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Sequence

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
from waspada.domain.evidence import Reason
from waspada.domain.screening import Fact, Note
from waspada.partners import events
from waspada.partners.dukcapil import RESULTS, DukcapilAdapter, NikQuery, adapter
from waspada.partners.models import Agency, AgencyKind, NikChannel, NikResult, NikVerification
from waspada.screening.services import rescreen_for_fact

# The indicators whose firing makes screening ask Dukcapil (identity contradictions).
ASKING_INDICATORS = ("D12", "D13")
FACT = "identity"  # the fact name D12 reads
BATCH_SIZE = 1000


class AlreadyAnswered(UserFacingError):
    def __init__(self, item: NikVerification) -> None:
        super().__init__(f"NIK verification {item.pk} is {item.result}")
        self.item = item

    def __str__(self) -> str:
        return _(
            "This request was answered in the meantime (now: %(state)s); nothing was saved."
        ) % {"state": self.item.get_result_display()}


def dukcapil_for(application: PassportApplication) -> Agency | None:
    """The Dukcapil to ask: the one of the applicant's regency, else the only active one,
    else None (the supervisors answer)."""
    agencies = list(Agency.objects.filter(kind=AgencyKind.DUKCAPIL, is_active=True))
    regency = application.regency_code
    for agency in agencies:
        if agency.regency_code and agency.regency_code == regency:
            return agency
    return agencies[0] if len(agencies) == 1 else None


def _new_reference() -> str:
    return f"WSP-NIK-{timezone.now():%Y%m%d}-{secrets.token_hex(4).upper()}"


def open_request_for(application: PassportApplication) -> NikVerification | None:
    return NikVerification.objects.filter(application=application, result=NikResult.OPEN).first()


def request_verification(
    application: PassportApplication,
    *,
    reason: str,
    acting_user: User | None,
    request: HttpRequest | None = None,
    via: DukcapilAdapter | None = None,
) -> NikVerification:
    """Ask Dukcapil to verify the application's NIK, name, birth place and date (an open
    request for the application is returned as it is). The adapter may answer at once."""
    existing = open_request_for(application)
    if existing is not None:
        return existing
    channel = via or adapter()
    with transaction.atomic():
        item = NikVerification.objects.create(
            application=application,
            agency=dukcapil_for(application),
            reference=_new_reference(),
            nik=application.applicant.nik,
            full_name=application.full_name,
            birth_place=application.birth_place,
            birth_date=application.birth_date,
            reason=reason[:300],
            requested_by=acting_user,
            channel=NikChannel.LIAISON,
        )
        audit.record(
            AuditAction.NIK_VERIFICATION_REQUESTED,
            said(
                gettext_noop(
                    "Dukcapil asked to verify NIK %(nik)s of application %(number)s (%(reason)s)"
                ),
                nik=item.nik,
                number=application.application_no,
                reason=reason,
            ),
            actor=acting_user,
            obj=item,
            details={
                "application": application.pk,
                "agency": item.agency_id,
                "reference": item.reference,
                "reason": item.reason,
            },
            request=request,
        )
        events.emit(
            events.VERIFICATION_REQUESTED,
            item.agency,
            {"kind": "nik", "id": item.pk, "reference": item.reference},
        )
    answer = channel.submit(query_of(item))
    if answer is not None:
        item = answer_verification(
            item, result=answer.result, note=answer.note, acting_user=None, channel=channel.channel
        )
    return item


def query_of(item: NikVerification) -> NikQuery:
    return NikQuery(item.reference, item.nik, item.full_name, item.birth_place, item.birth_date)


def answer_verification(
    item: NikVerification,
    *,
    result: str,
    note: str,
    acting_user: User | None,
    channel: str = NikChannel.LIAISON,
    request: HttpRequest | None = None,
) -> NikVerification:
    """Record Dukcapil's answer (`match`, `no_match`, `not_found`) and re-screen the
    application at once. Raises AlreadyAnswered when somebody answered first."""
    if result not in RESULTS:
        raise ValueError(f"not an answer: {result}")
    with transaction.atomic():
        current = NikVerification.objects.select_for_update().get(pk=item.pk)
        if not current.is_open:
            raise AlreadyAnswered(current)
        current.result = result
        current.note = note.strip()[:1000]
        current.channel = channel
        current.answered_by = acting_user
        current.answered_at = timezone.now()
        current.save(update_fields=["result", "note", "channel", "answered_by", "answered_at"])
        audit.record(
            AuditAction.NIK_VERIFICATION_ANSWERED,
            said(
                gettext_noop(
                    "Dukcapil answered %(result)s for NIK %(nik)s (%(reference)s) "
                    "through the %(channel)s (%(who)s)"
                ),
                result=NikResult(result).label,
                nik=current.nik,
                reference=current.reference,
                channel=NikChannel(channel).label,
                who=acting_user.get_username()
                if acting_user
                else said(gettext_noop("the online service")),
            ),
            actor=acting_user,
            obj=current,
            details={"result": result, "note": current.note, "channel": channel},
            request=request,
        )
    rescreen_for_fact(
        [current.application_id],
        description=said(
            gettext_noop("Dukcapil answered NIK verification %(reference)s"),
            reference=current.reference,
        ),
        acting_user=acting_user,
    )
    return current


def record_view(item: NikVerification, *, acting_user: User, request: HttpRequest) -> None:
    """A Dukcapil user opened a request: the look is recorded."""
    audit.record(
        AuditAction.NIK_VERIFICATION_VIEWED,
        said(
            gettext_noop("NIK verification %(reference)s viewed by %(user)s"),
            reference=item.reference,
            user=acting_user.get_username(),
        ),
        actor=acting_user,
        obj=item,
        request=request,
    )


# --- After screening: ask for identity contradictions ---------------------------------------


def ask_for_contradictions(
    application_ids: Sequence[int], *, trigger: str, acting_user: User | None
) -> None:
    """After-save hook (after screening): an application where D12 or D13 fired and about
    which Dukcapil was never asked gets a request (a thousand applications at a time)."""
    for start in range(0, len(application_ids), BATCH_SIZE):
        chunk = list(application_ids[start : start + BATCH_SIZE])
        asked = NikVerification.objects.filter(application_id__in=chunk).values("application_id")
        candidates = (
            PassportApplication.objects.filter(pk__in=chunk)
            .exclude(pk__in=asked)
            .exclude(risk_indicators="")
            .select_related("applicant")
        )
        for application in candidates:
            codes = application.risk_indicators.split(";")
            fired = [code for code in ASKING_INDICATORS if code in codes]
            if fired:
                request_verification(
                    application, reason=f"screening: {', '.join(fired)}", acting_user=None
                )


# --- Screening: the answers as D12's evidence ------------------------------------------------


def _line(item: NikVerification) -> Reason:
    """The evidence with its provenance, worded per language by D12."""
    code = "dukcapil_no_match" if item.result == NikResult.NO_MATCH else "dukcapil_not_found"
    when = timezone.localtime(item.answered_at).strftime("%Y-%m-%d") if item.answered_at else ""
    return Reason.of(
        code,
        agency=item.agency.name if item.agency else "Dukcapil",
        liaison=item.answered_by.get_username() if item.answered_by is not None else "",
        channel=item.channel,
        when=when,
        reference=item.reference,
        nik=item.nik,
        name=item.full_name,
        place=item.birth_place,
        birth=item.birth_date.isoformat(),
        note=item.note,
    )


def identity_answers(applications: Sequence[PassportApplication]) -> dict[int, tuple[Fact, ...]]:
    """Per application: the latest answer of Dukcapil about the identity written on it
    (an answer about other values than the application's now is not used)."""
    facts: defaultdict[int, list[Fact]] = defaultdict(list)
    by_pk = {app.pk: app for app in applications}
    latest: dict[int, NikVerification] = {}
    for item in (
        NikVerification.objects.filter(application_id__in=list(by_pk))
        .exclude(result=NikResult.OPEN)
        .select_related("agency", "answered_by")
        .order_by("answered_at", "id")
    ):
        latest[item.application_id] = item
    for pk, item in latest.items():
        app = by_pk[pk]
        if (item.full_name, item.birth_place, item.birth_date) != (
            app.full_name,
            app.birth_place,
            app.birth_date,
        ):
            continue
        if item.result == NikResult.MATCH:
            agency = item.agency.name if item.agency else "Dukcapil"
            facts[pk].append(
                Note("D12", Reason.of("nik_verified", agency=agency, reference=item.reference))
            )
        else:
            facts[pk].append(_line(item))
    return {pk: tuple(lines) for pk, lines in facts.items()}


class IdentityAnswers:
    """D12's facts from Dukcapil (beside the identity duplicates of the watchlists)."""

    name = FACT

    def collect(self, applications: Sequence[PassportApplication]) -> dict[int, tuple[Fact, ...]]:
        return identity_answers(applications)


def _verified(reason: Reason) -> str:
    return _("Verified: %(agency)s confirmed the NIK, name, birth place and date (%(ref)s).") % {
        "agency": reason.param("agency"),
        "ref": reason.param("reference"),
    }


NOTE_RENDERINGS = {"nik_verified": _verified}


# --- Queues -----------------------------------------------------------------------------------


def open_for(agency_id: int | None) -> QuerySet[NikVerification]:
    rows = NikVerification.objects.filter(result=NikResult.OPEN)
    if agency_id is None:
        return rows.filter(agency__isnull=True)
    return rows.filter(agency_id=agency_id)


def queue_count(user: object = None) -> int:
    """The menu's number: a Dukcapil user's open requests; the office's unassigned ones."""
    return open_for(getattr(user, "agency_id", None)).count()

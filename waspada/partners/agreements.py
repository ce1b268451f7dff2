"""Data-sharing agreements (MoU/PKS): without one in force for the agency, the day and
the kind of data, the office shares nothing with an agency."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.partners.models import COVER_FIELDS, Agency, DataSharingAgreement, SharingKind

# Agreements ending within this many days are shown to the head of office.
EXPIRY_WARNING_DAYS = 60


class NoAgreement(UserFacingError):
    """No agreement in force covers this sharing."""

    def __init__(self, agency: Agency, kind: str) -> None:
        super().__init__(f"no agreement with {agency} for {kind}")
        self.agency = agency

    def form_errors(self) -> list[tuple[str, str]]:
        return [("agency", no_agreement_text(self.agency))]


def no_agreement_text(agency: Agency) -> str:
    return _(
        "There is no data-sharing agreement (MoU/PKS) in force with %(agency)s for this "
        "data: nothing can be shared with it until one is recorded."
    ) % {"agency": agency.name}


class BadAgreement(UserFacingError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.text = field, message

    def form_errors(self) -> list[tuple[str, str]]:
        return [(self.field, self.text)]


def in_force(kind: str, on: dt.date | None = None) -> QuerySet[DataSharingAgreement]:
    """The agreements covering `kind` in force on `on` (today by default)."""
    day = on or timezone.localdate()
    return DataSharingAgreement.objects.filter(
        valid_from__lte=day, valid_until__gte=day, **{COVER_FIELDS[SharingKind(kind)]: True}
    )


def agencies_with_agreement(kind: str, on: dt.date | None = None) -> QuerySet[Agency]:
    """The active agencies the office may share `kind` with on `on`."""
    return Agency.objects.filter(
        is_active=True, pk__in=in_force(kind, on).values("agency_id")
    ).order_by("name")


def check_agreement(agency: Agency, kind: str, on: dt.date | None = None) -> None:
    """Raise NoAgreement unless an agreement in force covers sharing `kind` with `agency`."""
    if not in_force(kind, on).filter(agency=agency).exists():
        raise NoAgreement(agency, kind)


def expiring(within_days: int = EXPIRY_WARNING_DAYS) -> QuerySet[DataSharingAgreement]:
    """Agreements in force today that end within `within_days` days, soonest first."""
    today = timezone.localdate()
    return (
        DataSharingAgreement.objects.filter(
            valid_from__lte=today,
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=within_days),
        )
        .select_related("agency")
        .order_by("valid_until", "id")
    )


@transaction.atomic
def record_agreement(
    agency: Agency,
    *,
    legal_basis: str,
    covers: list[str],
    valid_from: dt.date,
    valid_until: dt.date,
    document_reference: str,
    acting_user: User | None,
    request: HttpRequest | None = None,
) -> DataSharingAgreement:
    """Record an agreement with `agency` (refused, with the field, when it makes no sense)."""
    if not legal_basis.strip():
        raise BadAgreement("legal_basis", _("Name the legal basis of the agreement."))
    if not document_reference.strip():
        raise BadAgreement("document_reference", _("Give the agreement's document number."))
    if not covers or not set(covers) <= set(SharingKind.values):
        raise BadAgreement("covers", _("Choose which data the agreement covers."))
    if valid_until < valid_from:
        raise BadAgreement("valid_until", _("The agreement cannot end before it starts."))
    agreement = DataSharingAgreement.objects.create(
        agency=agency,
        legal_basis=legal_basis.strip(),
        **{field: kind in covers for kind, field in COVER_FIELDS.items()},
        valid_from=valid_from,
        valid_until=valid_until,
        document_reference=document_reference.strip(),
        recorded_by=acting_user,
    )
    audit.record(
        AuditAction.AGREEMENT_RECORDED,
        said(
            gettext_noop(
                "Data-sharing agreement %(document)s with %(agency)s (%(start)s - %(end)s)"
            ),
            document=agreement.document_reference,
            agency=agency.name,
            start=valid_from,
            end=valid_until,
        ),
        actor=acting_user,
        obj=agreement,
        details={"agency": agency.pk, "covers": agreement.covers},
        request=request,
    )
    return agreement

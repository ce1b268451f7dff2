"""The registry of licensed organisers (PPIU, PIHK, P3MI): every change audited.

Their office phones, names and licence numbers are expected shared values: customers of
one licensed organiser are not a ring. Organisers are deactivated, never deleted (the
history of why a group was benign stays readable). A change of the registry changes
which groups are benign, so it queues a full detection.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.models import User
from waspada.core.tables import (
    Checked,
    Columns,
    ImportOutcome,
    RawRow,
    RowError,
    TableImport,
    register_messages,
)
from waspada.domain import network
from waspada.networks.models import LicensedOrganiser, OrganiserKind
from waspada.networks.runs import request_detection

ORGANISER_COLUMNS = ("kind", "name", "licence_no", "phones")
_FIELDS = ("kind", "name", "licence_no", "phones", "active")


SPEC = Columns(ORGANISER_COLUMNS)

register_messages(
    {
        "bad_kind": gettext_lazy("Unknown kind '%(value)s' (expected one of %(choices)s)"),
        "empty_name": gettext_lazy("The name is empty."),
        "empty_licence": gettext_lazy("The licence number is empty."),
        "bad_organiser_phone": gettext_lazy("Not a valid phone number: %(value)s"),
    }
)


@dataclass
class OrganiserImport(ImportOutcome):
    @property
    def errors(self) -> list[RowError]:
        return self.problems

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


@dataclass(frozen=True)
class OrganiserValues:
    kind: str
    name: str
    licence_no: str
    phones: list[str]


class BadPhone(ValueError):
    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value

    def message(self) -> str:
        return _("Not a valid phone number: %(value)s") % {"value": self.value}


def parse_phones(text: str) -> list[str]:
    """Phones separated by ";", "," or new lines, in any written form, as E.164.

    Raises BadPhone for the first that is not a phone number.
    """
    phones: list[str] = []
    for raw in filter(
        None, (p.strip() for p in text.replace("\n", ";").replace(",", ";").split(";"))
    ):
        phone = network.phone_key(raw)
        if phone is None:
            raise BadPhone(raw)
        if phone not in phones:
            phones.append(phone)
    return phones


def _values(organiser: LicensedOrganiser) -> dict[str, Any]:
    return {name: getattr(organiser, name) for name in _FIELDS}


@transaction.atomic
def save_organiser(
    organiser: LicensedOrganiser | None,
    *,
    acting_user: User,
    kind: str,
    name: str,
    licence_no: str,
    phones: list[str],
    request: HttpRequest | None = None,
) -> LicensedOrganiser:
    """Register an organiser (`organiser` None) or change one; queues a detection."""
    creating = organiser is None
    # Read afresh (and lock): a validated ModelForm has already changed `organiser`.
    target = (
        LicensedOrganiser()
        if organiser is None
        else LicensedOrganiser.objects.select_for_update().get(pk=organiser.pk)
    )
    before = _values(target)
    target.kind, target.name, target.licence_no, target.phones = kind, name, licence_no, phones
    target.save()
    after = _values(target)
    changes = {k: [before[k], after[k]] for k in after if creating or before[k] != after[k]}
    audit.record(
        AuditAction.ORGANISER_CREATED if creating else AuditAction.ORGANISER_UPDATED,
        said(
            gettext_noop("Licensed organiser %(name)s (%(licence)s) registered")
            if creating
            else gettext_noop("Licensed organiser %(name)s (%(licence)s) changed"),
            name=name,
            licence=licence_no,
        ),
        actor=acting_user,
        obj=target,
        details={"changes": changes},
        request=request,
    )
    if changes:
        request_detection(acting_user=acting_user, request=request)
    return target


@transaction.atomic
def set_organiser_active(
    organiser: LicensedOrganiser,
    *,
    active: bool,
    acting_user: User,
    request: HttpRequest | None = None,
) -> LicensedOrganiser:
    """Deactivate (or reactivate) an organiser; it is kept, with its history."""
    if organiser.active == active:
        return organiser
    organiser.active = active
    organiser.save(update_fields=["active", "updated_at"])
    audit.record(
        AuditAction.ORGANISER_REACTIVATED if active else AuditAction.ORGANISER_DEACTIVATED,
        said(
            gettext_noop("Licensed organiser %(name)s (%(licence)s) reactivated")
            if active
            else gettext_noop("Licensed organiser %(name)s (%(licence)s) deactivated"),
            name=organiser.name,
            licence=organiser.licence_no,
        ),
        actor=acting_user,
        obj=organiser,
        request=request,
    )
    request_detection(acting_user=acting_user, request=request)
    return organiser


class _OrganiserImport(TableImport[OrganiserValues, OrganiserImport]):
    columns = SPEC

    def parse(self, rows: list[RawRow]) -> list[Checked[OrganiserValues]]:
        return [Checked(raw, *_organiser_row(raw)) for raw in rows]

    def save(self, valid: list[Checked[OrganiserValues]], outcome: OrganiserImport) -> None:
        for item in valid:
            assert item.value is not None
            _save_row(item.value, outcome)


def _organiser_row(raw: RawRow) -> tuple[OrganiserValues | None, list[RowError]]:
    row, number = raw.values, raw.number
    kind = row.get("kind", "").lower()
    if kind not in OrganiserKind.values:
        return None, [
            RowError(
                number,
                "kind",
                "bad_kind",
                {"value": row.get("kind", ""), "choices": ", ".join(OrganiserKind.values)},
            )
        ]
    name = row.get("name", "")
    if not name:
        return None, [RowError(number, "name", "empty_name")]
    licence = row.get("licence_no", "")
    if not licence:
        return None, [RowError(number, "licence_no", "empty_licence")]
    try:
        phones = parse_phones(row.get("phones", ""))
    except BadPhone as bad:
        return None, [RowError(number, "phones", "bad_organiser_phone", {"value": bad.value})]
    return OrganiserValues(kind, name, licence, phones), []


def _save_row(row: OrganiserValues, outcome: OrganiserImport) -> None:
    values = {"kind": row.kind, "name": row.name, "phones": row.phones, "active": True}
    existing = LicensedOrganiser.objects.filter(licence_no=row.licence_no).first()
    if existing is None:
        LicensedOrganiser.objects.create(licence_no=row.licence_no, **values)
        outcome.created += 1
    elif all(getattr(existing, k) == v for k, v in values.items()):
        outcome.unchanged += 1
    else:
        for k, v in values.items():
            setattr(existing, k, v)
        existing.save()
        outcome.updated += 1


@transaction.atomic
def import_organisers(
    source: str | Path | IO[bytes],
    *,
    filename: str,
    acting_user: User | None = None,
    request: HttpRequest | None = None,
) -> OrganiserImport:
    """Create or update licensed organisers (by licence number) from a CSV or XLSX file
    (`source` a path or an open file; a `str` is the text of a CSV file).

    Columns `kind, name, licence_no, phones` (phones `;`-separated, any written form,
    stored in E.164). A bad row is reported with its row number (the header is row 1) and
    column, in the active language, and does not stop the others. Re-importing an
    organiser reactivates it. A file that cannot be read to its end changes nothing.
    """
    if isinstance(source, str):
        source = io.BytesIO(source.encode("utf-8"))
    outcome = _OrganiserImport().run(source, filename=filename, outcome=OrganiserImport())
    if outcome.failure is not None:
        transaction.set_rollback(True)
        return outcome
    audit.record(
        AuditAction.ORGANISERS_IMPORTED,
        said(
            gettext_noop(
                "Licensed organisers imported from %(file)s: %(created)s added, "
                "%(updated)s updated, %(refused)s rejected"
            ),
            file=filename,
            created=outcome.created,
            updated=outcome.updated,
            refused=outcome.refused,
        ),
        actor=acting_user,
        object_type=LicensedOrganiser._meta.label_lower,
        details={"file": filename, "rows": outcome.rows},
        request=request,
    )
    if outcome.changed:
        request_detection(acting_user=acting_user, request=request)
    return outcome

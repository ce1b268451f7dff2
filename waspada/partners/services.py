"""State changes of partner agencies, each audited."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from waspada.core import audit
from waspada.core.models import User
from waspada.partners.models import Agency


@transaction.atomic
def save_agency(
    agency: Agency | None,
    *,
    acting_user: User,
    name: str,
    kind: str,
    is_active: bool,
    request: HttpRequest | None = None,
) -> Agency:
    """Create an agency (when `agency` is None) or change one."""
    creating = agency is None
    if agency is None:
        agency = Agency()
    before = {"name": agency.name, "kind": agency.kind, "is_active": agency.is_active}
    agency.name, agency.kind, agency.is_active = name, kind, is_active
    agency.save()
    after = {"name": name, "kind": kind, "is_active": is_active}
    changes = {k: [before[k], after[k]] for k in after if creating or before[k] != after[k]}
    audit.record(
        "agency.created" if creating else "agency.updated",
        f"Agency {name} {'created' if creating else 'changed'}",
        actor=acting_user,
        obj=agency,
        details={"changes": changes},
        request=request,
    )
    return agency

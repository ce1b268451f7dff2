"""How big a registry is, where its entries came from and when it last changed.

The office's registries (the licensed organisers, the watchlists) start empty on day one
and fill up through imports and by hand; they are never complete. Their pages, and every
risk assessment that consulted them, say how big they are and how fresh, so that an
officer reading "not in the registry" knows whether the registry was empty: unknown is
not bad. The sources are read from the audit trail (the last import with its file and
uploader, the last change made by hand), which every change of a registry writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_date

from waspada.core.models import AuditEvent


@dataclass(frozen=True)
class Upload:
    """An import of a file into a registry: the file's name, who uploaded it, when."""

    file: str
    by: str
    at: dt.datetime


@dataclass(frozen=True)
class Change:
    """The last change made by hand: who, when."""

    by: str
    at: dt.datetime


@dataclass(frozen=True)
class RegistryStatus:
    """A registry's size (entries in force; lists for a registry of lists), its last
    update, and where its entries came from."""

    entries: int
    updated_at: dt.datetime | None = None
    lists: int | None = None
    last_import: Upload | None = None
    last_by_hand: Change | None = None

    @property
    def empty(self) -> bool:
        return self.entries == 0

    def snapshot(self, name: str) -> dict[str, Any]:
        """What an assessment keeps of registry `name` (JSON): its size and the day of its
        last update."""
        return {
            "registry": name,
            "entries": self.entries,
            "lists": self.lists,
            "updated": self.updated_at.date().isoformat() if self.updated_at else None,
        }


@dataclass(frozen=True)
class Consulted:
    """A registry as an assessment saw it (`RegistryStatus.snapshot` read back)."""

    name: str
    entries: int
    lists: int | None
    updated: dt.date | None

    @property
    def empty(self) -> bool:
        return self.entries == 0

    @classmethod
    def from_data(cls, data: Any) -> Consulted | None:
        """A stored snapshot; None for a shape this code does not know (never an error)."""
        if not isinstance(data, dict):
            return None

        def number(value: Any) -> int | None:
            return value if isinstance(value, int) and not isinstance(value, bool) else None

        updated = data.get("updated")
        return cls(
            name=str(data.get("registry", "")),
            entries=number(data.get("entries")) or 0,
            lists=number(data.get("lists")),
            updated=parse_date(updated) if isinstance(updated, str) else None,
        )


def last_event(
    actions: Collection[str], *, object_type: str = "", object_id: str = ""
) -> AuditEvent | None:
    """The newest audit event of these actions (on this object, when given)."""
    events = AuditEvent.objects.filter(action__in=list(actions))
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    return events.order_by("-created_at", "-id").first()


def last_upload(
    actions: Collection[str], *, object_type: str = "", object_id: str = ""
) -> Upload | None:
    """The newest import among these audit actions, with the file named in its details."""
    found = last_event(actions, object_type=object_type, object_id=object_id)
    if found is None:
        return None
    details = found.details if isinstance(found.details, dict) else {}
    return Upload(str(details.get("file", "")), found.actor_label, found.created_at)


def last_change(
    actions: Collection[str], *, object_type: str = "", object_id: str = ""
) -> Change | None:
    """The newest change made by hand among these audit actions."""
    found = last_event(actions, object_type=object_type, object_id=object_id)
    return None if found is None else Change(found.actor_label, found.created_at)


def table_status(
    rows: QuerySet[Any],
    *,
    in_force: Q,
    imports: Collection[str],
    changes: Collection[str],
) -> RegistryStatus:
    """The status of a registry kept in one table with an `updated_at` column: its rows in
    force, its last update, and its last import and change by hand (audit actions)."""
    latest = rows.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return RegistryStatus(
        entries=rows.filter(in_force).count(),
        updated_at=latest,
        last_import=last_upload(imports),
        last_by_hand=last_change(changes),
    )

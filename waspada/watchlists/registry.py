"""The watchlists as a registry: how many lists and entries, where they came from, and
when they last changed (for their pages and for the assessments that consult them).

Imports are read from the audit trail ("watchlist.imported", with the file and the
uploader); changes made by hand are kept on the list (`changed_by_hand_at`, `_by`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.core.audit_actions import AuditAction, names_of
from waspada.core.models import AuditEvent
from waspada.core.registries import Change, RegistryStatus, Upload, last_upload
from waspada.watchlists.matching import current_index, in_force
from waspada.watchlists.models import Watchlist, WatchlistEntry

# An import of a list file, under its current and its older audit name.
IMPORTED = names_of(AuditAction.WATCHLIST_IMPORTED)
_LIST_TYPE = Watchlist._meta.label_lower


def _by_hand(watchlist: Watchlist | None) -> Change | None:
    if watchlist is None or watchlist.changed_by_hand_at is None:
        return None
    by = watchlist.changed_by_hand_by
    return Change(by.get_username() if by is not None else "", watchlist.changed_by_hand_at)


def registry_status(*, entries: int | None = None) -> RegistryStatus:
    """Every list together: active lists, entries in force (`entries` when counted
    already), the last change, the last import and the last change by hand."""
    lists = Watchlist.objects.all()
    if entries is None:
        entries = WatchlistEntry.objects.filter(in_force(timezone.localdate())).count()
    return RegistryStatus(
        entries=entries,
        lists=lists.filter(active=True).count(),
        updated_at=lists.aggregate(latest=Max("updated_at"))["latest"],
        last_import=last_upload(IMPORTED, object_type=_LIST_TYPE),
        last_by_hand=_by_hand(
            lists.filter(changed_by_hand_at__isnull=False)
            .select_related("changed_by_hand_by")
            .order_by("-changed_by_hand_at")
            .first()
        ),
    )


def any_entry_in_force() -> bool:
    """Whether any watchlist holds an entry in force today (else nothing was checked)."""
    return WatchlistEntry.objects.filter(in_force(timezone.localdate())).exists()


def list_status(watchlist: Watchlist, *, entries: int | None = None) -> RegistryStatus:
    """One list: entries in force, its last change, its last import and change by hand."""
    if entries is None:
        entries = (
            WatchlistEntry.objects.filter(in_force(timezone.localdate()))
            .filter(watchlist=watchlist)
            .count()
        )
    return RegistryStatus(
        entries=entries,
        updated_at=watchlist.updated_at,
        last_import=last_upload(IMPORTED, object_type=_LIST_TYPE, object_id=str(watchlist.pk)),
        last_by_hand=_by_hand(watchlist),
    )


def last_imports(watchlists: Iterable[Watchlist]) -> dict[int, Upload]:
    """The last import of each list (one query)."""
    ids = {str(w.pk): w.pk for w in watchlists}
    found: dict[int, Upload] = {}
    events = AuditEvent.objects.filter(
        action__in=IMPORTED, object_type=_LIST_TYPE, object_id__in=list(ids)
    ).order_by("-created_at", "-id")
    for event in events.only("object_id", "details", "actor_label", "created_at"):
        pk = ids[event.object_id]
        if pk not in found:
            details = event.details if isinstance(event.details, dict) else {}
            found[pk] = Upload(str(details.get("file", "")), event.actor_label, event.created_at)
    return found


class WatchlistRegistry:
    """The watchlists, as the assessments list them (entries in force as matched)."""

    name = "watchlists"

    @property
    def label(self) -> str:
        return _("watchlists")

    def status(self) -> RegistryStatus:
        return registry_status(entries=len(current_index().entries))

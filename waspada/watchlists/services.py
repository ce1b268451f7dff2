"""Every change to watchlists, entries and matches (each audited).

After entries are added or changed, the open applications are checked again and those
whose matches changed are re-screened (trigger "fact"): synchronously from the command
(`rescreen="now"`), queued for the background worker from the web (`rescreen="queue"`).
Entries are never deleted, only deactivated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from waspada.applications.models import PassportApplication
from waspada.core import audit
from waspada.core.audit_actions import AuditAction, checked
from waspada.core.audit_summaries import field_labels, said
from waspada.core.errors import Refused
from waspada.core.models import AuditEvent, User
from waspada.core.tables import Checked, ImportOutcome, RawRow, RowError, TableImport
from waspada.domain.phones import normalize_any_phone
from waspada.screening.context import OPEN_STATUSES
from waspada.screening.models import Trigger
from waspada.screening.services import rescreen_for_fact, screen_applications
from waspada.watchlists import brokers
from waspada.watchlists.importing import SPEC, EntryChecker, EntryValues
from waspada.watchlists.matching import current_index, sync_matches
from waspada.watchlists.models import (
    ListType,
    MatchRole,
    MatchState,
    Watchlist,
    WatchlistEntry,
    WatchlistMatch,
)
from waspada.watchlists.tasks import build_index_task

Rescreen = Literal["now", "queue", "none"]
_ENTRY_TYPE = WatchlistEntry._meta.label_lower
CHECK_BATCH = 1000


# --- lists ---------------------------------------------------------------------------------


def _actor(user: User | None) -> User | None:
    return user if user is not None and user.pk else None


def _touch(watchlist_id: int, acting_user: User | None, *, by_hand: bool) -> None:
    """The list changed now (its entries too): by hand, or by an import."""
    now = timezone.now()
    by = {"changed_by_hand_at": now, "changed_by_hand_by": _actor(acting_user)} if by_hand else {}
    Watchlist.objects.filter(pk=watchlist_id).update(updated_at=now, **by)


@transaction.atomic
def create_watchlist(
    *,
    acting_user: User | None,
    name: str,
    list_type: str,
    source: str = "",
    owner_agency: str = "",
    request: HttpRequest | None = None,
    by_hand: bool = True,
) -> Watchlist:
    """A new list: on its page (`by_hand`), or for the first import of a file."""
    now = timezone.now()
    watchlist = Watchlist.objects.create(
        name=name,
        list_type=list_type,
        source=source,
        owner_agency=owner_agency,
        created_by=_actor(acting_user),
        changed_by_hand_at=now if by_hand else None,
        changed_by_hand_by=_actor(acting_user) if by_hand else None,
    )
    audit.record(
        AuditAction.WATCHLIST_CREATED,
        said(
            gettext_noop("Watchlist '%(name)s' (%(kind)s) created"),
            name=name,
            kind=ListType(list_type).label if list_type in ListType.values else list_type,
        ),
        actor=acting_user,
        obj=watchlist,
        request=request,
    )
    return watchlist


def update_watchlist(
    watchlist: Watchlist,
    *,
    acting_user: User | None,
    request: HttpRequest | None = None,
    rescreen: Rescreen = "queue",
    **values: Any,
) -> bool:
    """Change name, type, source, owner or active; True when something changed."""
    allowed = {"name", "list_type", "source", "owner_agency", "active"}
    changes = {
        key: [getattr(watchlist, key), value]
        for key, value in values.items()
        if key in allowed and getattr(watchlist, key) != value
    }
    if not changes:
        return False
    with transaction.atomic():
        for key, (_old, new) in changes.items():
            setattr(watchlist, key, new)
        watchlist.changed_by_hand_at = timezone.now()
        watchlist.changed_by_hand_by = _actor(acting_user)
        watchlist.save()
        audit.record(
            AuditAction.WATCHLIST_UPDATED,
            said(
                gettext_noop("Watchlist '%(name)s' changed: %(fields)s"),
                name=watchlist.name,
                fields=field_labels(Watchlist, changes),
            ),
            actor=acting_user,
            obj=watchlist,
            details={"changes": changes},
            request=request,
        )
    if {"list_type", "active"} & set(changes):
        refresh_matches(acting_user=acting_user, rescreen=rescreen, reason=watchlist.name)
    return True


# --- a broker named on an application --------------------------------------------------------


def _office_list(application: PassportApplication, acting_user: User) -> Watchlist:
    """The office's own list of known brokers (created the first time)."""
    found = brokers.office_list(application)
    if found is not None:
        return found
    office = application.office.name
    return create_watchlist(
        acting_user=acting_user,
        name=brokers.office_list_name(office),
        list_type=ListType.KNOWN_BROKER,
        source=f"Brokers named on applications, put on the list by a supervisor of {office}",
        owner_agency=office,
    )


def watchlist_broker(
    application: PassportApplication,
    *,
    role: str,
    reason: str,
    acting_user: User,
    request: HttpRequest | None = None,
    rescreen: Rescreen = "queue",
) -> WatchlistEntry:
    """Put the broker `application` names in `role` (sponsor, recruiter, companion) on the
    office's own watchlist of known brokers, with its provenance: the application, the
    supervisor and their reason. Raises Refused (nothing saved) without a reason, for a
    role the application names nobody in, or when the broker is already on the list."""
    named = brokers.broker(application, role)
    if named is None:
        raise Refused("role", gettext("The application names nobody in this role."))
    if not reason.strip():
        raise Refused("reason", gettext("Write why this broker goes on the watchlist."))
    if role in brokers.watchlisted(application):
        raise Refused("role", gettext("This broker is already on the office's watchlist."))
    provenance = (
        f"From application {application.application_no} ({named.role_label}) by "
        f"{acting_user.get_username()} on {timezone.localdate():%Y-%m-%d}: {reason.strip()}"
        + "".join(f"; {line}" for line in named.details)
    )
    with transaction.atomic():
        watchlist = _office_list(application, acting_user)
        entry = add_entry(
            watchlist,
            EntryValues(
                external_id=named.external_id(application),
                full_name=named.name,
                phone=normalize_any_phone(named.phone) or "",
                note=provenance[:2000],
            ),
            acting_user=acting_user,
            request=request,
            rescreen="none",
        )
        audit.record(
            AuditAction.BROKER_WATCHLISTED,
            said(
                gettext_noop("%(role)s of %(number)s (%(name)s) put on the watchlist '%(list)s'"),
                role=MatchRole(role).label,
                number=application.application_no,
                name=named.name,
                list=watchlist.name,
            ),
            actor=acting_user,
            obj=application,
            details={"entry": entry.pk, "role": role, "reason": reason.strip()},
            request=request,
        )
    refresh_matches(acting_user=acting_user, rescreen=rescreen, reason=watchlist.name)
    return entry


# --- entries -------------------------------------------------------------------------------


def _entry_changes(entry: WatchlistEntry, values: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [getattr(entry, key), value]
        for key, value in values.items()
        if getattr(entry, key) != value
    }


def add_entry(
    watchlist: Watchlist,
    values: EntryValues,
    *,
    acting_user: User | None,
    valid_from: Any = None,
    valid_until: Any = None,
    request: HttpRequest | None = None,
    rescreen: Rescreen = "queue",
) -> WatchlistEntry:
    with transaction.atomic():
        now = timezone.now()
        entry = WatchlistEntry.objects.create(
            watchlist=watchlist,
            valid_from=valid_from,
            valid_until=valid_until,
            created_at=now,
            updated_at=now,
            **values.as_fields(),
        )
        _touch(watchlist.pk, acting_user, by_hand=True)
        audit.record(
            AuditAction.ENTRY_ADDED,
            said(
                gettext_noop("Entry '%(name)s' (%(id)s) added to '%(list)s'"),
                name=entry.full_name,
                id=entry.external_id,
                list=watchlist.name,
            ),
            actor=acting_user,
            obj=entry,
            request=request,
        )
    refresh_matches(acting_user=acting_user, rescreen=rescreen, reason=watchlist.name)
    return entry


def update_entry(
    entry: WatchlistEntry,
    *,
    acting_user: User | None,
    request: HttpRequest | None = None,
    rescreen: Rescreen = "queue",
    **values: Any,
) -> bool:
    """Change an entry's fields (as in `EntryValues.as_fields`, plus validity and active)."""
    changes = _entry_changes(entry, values)
    if not changes:
        return False
    with transaction.atomic():
        for key, (_old, new) in changes.items():
            setattr(entry, key, new)
        entry.updated_at = timezone.now()
        entry.save()
        _touch(entry.watchlist_id, acting_user, by_hand=True)
        audit.record(
            AuditAction.ENTRY_UPDATED,
            said(
                gettext_noop("Entry '%(name)s' (%(id)s) changed: %(fields)s"),
                name=entry.full_name,
                id=entry.external_id,
                fields=field_labels(WatchlistEntry, changes),
            ),
            actor=acting_user,
            obj=entry,
            details={"changes": {k: [str(o), str(n)] for k, (o, n) in changes.items()}},
            request=request,
        )
    refresh_matches(acting_user=acting_user, rescreen=rescreen, reason=entry.full_name)
    return True


def deactivate_entry(
    entry: WatchlistEntry,
    *,
    acting_user: User | None,
    note: str = "",
    request: HttpRequest | None = None,
    rescreen: Rescreen = "queue",
) -> bool:
    """Take an entry out of the matching (kept, with its history)."""
    if not entry.active:
        return False
    with transaction.atomic():
        entry.active = False
        entry.updated_at = timezone.now()
        entry.save(update_fields=["active", "updated_at"])
        _touch(entry.watchlist_id, acting_user, by_hand=True)
        audit.record(
            AuditAction.ENTRY_DEACTIVATED,
            said(
                gettext_noop("Entry '%(name)s' (%(id)s) deactivated: %(note)s"),
                name=entry.full_name,
                id=entry.external_id,
                note=note,
            ),
            actor=acting_user,
            obj=entry,
            details={"note": note},
            request=request,
        )
    refresh_matches(acting_user=acting_user, rescreen=rescreen, reason=entry.full_name)
    return True


# --- import --------------------------------------------------------------------------------


@dataclass
class ImportResult(ImportOutcome):
    watchlist: Watchlist | None = None
    list_created: bool = False
    rescreened: int = 0

    @property
    def errors(self) -> list[RowError]:
        return self.problems

    @property
    def rejected(self) -> int:
        return self.refused


class _EntryImport(TableImport[EntryValues, ImportResult]):
    """A watchlist file into one list: entries created or updated by id."""

    columns = SPEC
    # The whole file is one transaction (a damaged file changes nothing), read in batches.
    batch_size = 5000

    def __init__(
        self,
        *,
        filename: str,
        list_name: str,
        list_type: str | None,
        acting_user: User | None,
        request: HttpRequest | None,
    ) -> None:
        self.filename = filename
        self.list_name = list_name
        self.list_type = list_type
        self.acting_user = acting_user
        self.request = request
        self.checker = EntryChecker()
        self.watchlist: Watchlist | None = None
        self.existing: dict[str, WatchlistEntry] = {}
        self.new: list[WatchlistEntry] = []
        self.changed: list[WatchlistEntry] = []
        self.events: list[AuditEvent] = []
        self.now = timezone.now()
        self.list_created = False

    def begin(self, columns: list[str]) -> None:
        watchlist = Watchlist.objects.filter(name=self.list_name).first()
        if watchlist is None:
            watchlist = create_watchlist(
                acting_user=self.acting_user,
                name=self.list_name,
                list_type=self.list_type or "other",
                source=self.filename,
                request=self.request,
                by_hand=False,
            )
            self.list_created = True
        self.watchlist = watchlist
        self.existing = {
            e.external_id: e for e in WatchlistEntry.objects.filter(watchlist=watchlist)
        }

    def parse(self, rows: list[RawRow]) -> list[Checked[EntryValues]]:
        return self.checker.check_rows(rows)

    def save(self, valid: list[Checked[EntryValues]], outcome: ImportResult) -> None:
        """Collect the batch's new and changed entries (written at the end, in bulk)."""
        for item in valid:
            values = item.value
            assert values is not None
            fields = values.as_fields()
            entry = self.existing.get(values.external_id)
            if entry is None:
                entry = WatchlistEntry(
                    watchlist=self.watchlist, created_at=self.now, updated_at=self.now, **fields
                )
                self.new.append(entry)
                self.existing[values.external_id] = entry
                continue
            changes = _entry_changes(entry, fields)
            if not changes:
                outcome.unchanged += 1
                continue
            for key, (_old, value) in changes.items():
                setattr(entry, key, value)
            entry.updated_at = self.now
            self.changed.append(entry)
            self.events.append(
                audit.event(
                    AuditAction.ENTRY_UPDATED,
                    said(
                        gettext_noop(
                            "Entry '%(name)s' (%(id)s) changed by import of %(file)s: %(fields)s"
                        ),
                        name=entry.full_name,
                        id=entry.external_id,
                        file=self.filename,
                        fields=field_labels(WatchlistEntry, changes),
                    ),
                    actor=self.acting_user,
                    object_type=_ENTRY_TYPE,
                    object_id=str(entry.pk),
                    details={"changes": {k: [str(o), str(n)] for k, (o, n) in changes.items()}},
                )
            )

    def finish(self, result: ImportResult) -> None:
        """Write the collected entries and the audit trail."""
        assert self.watchlist is not None
        watchlist, filename = self.watchlist, self.filename
        WatchlistEntry.objects.bulk_create(self.new, batch_size=1000)
        if self.new or self.changed:
            _touch(watchlist.pk, self.acting_user, by_hand=False)
        if self.changed:
            WatchlistEntry.objects.bulk_update(
                self.changed,
                [*EntryValues("", "").as_fields(), "updated_at"],
                batch_size=1000,
            )
        events = self.events
        events.extend(
            audit.event(
                AuditAction.ENTRY_ADDED,
                said(
                    gettext_noop(
                        "Entry '%(name)s' (%(id)s) added to '%(list)s' by import of %(file)s"
                    ),
                    name=entry.full_name,
                    id=entry.external_id,
                    list=watchlist.name,
                    file=filename,
                ),
                actor=self.acting_user,
                object_type=_ENTRY_TYPE,
                object_id=str(entry.pk or ""),
            )
            for entry in self.new
        )
        result.created, result.updated = len(self.new), len(self.changed)
        events.append(
            audit.event(
                AuditAction.WATCHLIST_IMPORTED,
                said(
                    gettext_noop(
                        "%(file)s imported into '%(list)s': %(created)s added, %(updated)s "
                        "changed, %(unchanged)s unchanged, %(rejected)s rows rejected"
                    ),
                    file=filename,
                    list=watchlist.name,
                    created=result.created,
                    updated=result.updated,
                    unchanged=result.unchanged,
                    rejected=result.rejected,
                ),
                actor=self.acting_user,
                object_type=Watchlist._meta.label_lower,
                object_id=str(watchlist.pk),
                details={
                    "file": filename,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "errors": [e.to_dict() for e in result.errors[:1000]],
                },
            )
        )
        audit.record_many(events)


def import_entries(
    source: str | Path | IO[bytes],
    *,
    filename: str,
    list_name: str,
    list_type: str | None = None,
    acting_user: User | None,
    rescreen: Rescreen = "now",
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int | None], None] | None = None,
    request: HttpRequest | None = None,
) -> ImportResult:
    """Upsert the file's entries (by id) into the list, created with `list_type` when new.

    Bad rows are reported and skipped; missing required columns, or a file that cannot be
    read to its end, import nothing. Entries of the list that are not in the file are left
    as they are. Returns once the applications matched by new or changed entries are
    re-screened (`rescreen="now"`) or queued.
    """
    result = ImportResult()
    importer = _EntryImport(
        filename=filename,
        list_name=list_name,
        list_type=list_type,
        acting_user=acting_user,
        request=request,
    )
    with transaction.atomic():
        importer.run(
            source, filename=filename, outcome=result, progress=progress, on_total=on_total
        )
        if result.failure is not None:
            if result.rows:  # broke mid-way: nothing of it is kept
                transaction.set_rollback(True)
                result.created = result.updated = result.unchanged = 0
            return result
        importer.finish(result)
        result.watchlist = importer.watchlist
        result.list_created = importer.list_created
    if importer.new or importer.changed:
        result.rescreened = refresh_matches(
            acting_user=acting_user,
            rescreen=rescreen,
            reason=said(gettext_noop("import of %(file)s"), file=filename),
        )
    return result


# --- matching and re-screening -------------------------------------------------------------


def _open_application_ids() -> list[int]:
    return list(
        PassportApplication.objects.filter(status__in=OPEN_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def check_applications(
    application_ids: Iterable[int], *, acting_user: User | None = None
) -> set[int]:
    """Check the applications against the lists in force; ids whose matches changed."""
    index = current_index()
    ids = list(application_ids)
    changed: set[int] = set()
    for start in range(0, len(ids), CHECK_BATCH):
        batch = list(
            PassportApplication.objects.select_related("applicant").filter(
                pk__in=ids[start : start + CHECK_BATCH]
            )
        )
        with transaction.atomic():
            changed |= sync_matches(batch, index=index, acting_user=acting_user).changed
    return changed


def rematch_entries(
    entries: Iterable[WatchlistEntry] | None = None, *, acting_user: User | None = None
) -> set[int]:
    """After entries changed: the open applications whose matches changed.

    Every open application is checked against the whole index (the changed entries are
    in it, and a deactivated one is gone from it): in memory, a batch of 1,000 at a time.
    `entries` is accepted for the callers' clarity; the result covers all of them.
    """
    del entries
    return check_applications(_open_application_ids(), acting_user=acting_user)


def rescreen_applications(
    ids: Iterable[int], *, acting_user: User | None, rescreen: Rescreen, reason: str
) -> int:
    if rescreen == "none":
        return 0
    return rescreen_for_fact(
        ids,
        description=said(gettext_noop("Watchlist change: %(reason)s"), reason=reason),
        acting_user=acting_user,
        at_once=None if rescreen == "now" else 0,
    )


def refresh_matches(*, acting_user: User | None, rescreen: Rescreen, reason: str) -> int:
    """Re-check the open applications and re-screen those whose matches changed.

    Without a re-check the lists' new index is still built now, in the background, so
    that no request has to build it.
    """
    if rescreen == "none":
        transaction.on_commit(build_index_task.enqueue)
        return 0
    changed = rematch_entries(acting_user=acting_user)
    return rescreen_applications(changed, acting_user=acting_user, rescreen=rescreen, reason=reason)


# --- reviewing matches ---------------------------------------------------------------------


def _review(
    match: WatchlistMatch,
    state: str,
    *,
    acting_user: User,
    note: str,
    request: HttpRequest | None,
) -> WatchlistMatch:
    with transaction.atomic():
        previous = match.state
        match.state = state
        match.reviewed_by = acting_user
        match.reviewed_at = timezone.now()
        match.review_note = note
        match.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
        audit.record(
            checked(f"watchlists.match_{state}"),
            said(
                gettext_noop(
                    "Watchlist match on application %(application)s (%(role)s '%(name)s' ~ "
                    "entry %(entry)s) confirmed: %(note)s"
                )
                if state == MatchState.CONFIRMED
                else gettext_noop(
                    "Watchlist match on application %(application)s (%(role)s '%(name)s' ~ "
                    "entry %(entry)s) dismissed: %(note)s"
                ),
                application=match.application_id,
                role=MatchRole(match.role).label,
                name=match.name,
                entry=match.entry_id,
                note=note,
            ),
            actor=acting_user,
            obj=match,
            details={"from": previous, "note": note, "application": match.application_id},
            request=request,
        )
    # One application: re-assessed at once, so the indicators follow the review.
    screen_applications([match.application_id], trigger=Trigger.FACT, acting_user=acting_user)
    return match


def confirm_match(
    match: WatchlistMatch, *, acting_user: User, note: str, request: HttpRequest | None = None
) -> WatchlistMatch:
    """The officer confirms it is the listed person: a hit for the screening."""
    return _review(match, MatchState.CONFIRMED, acting_user=acting_user, note=note, request=request)


def dismiss_match(
    match: WatchlistMatch, *, acting_user: User, note: str, request: HttpRequest | None = None
) -> WatchlistMatch:
    """Not the listed person: no hit, and not raised again unless the entry changes."""
    return _review(match, MatchState.DISMISSED, acting_user=acting_user, note=note, request=request)

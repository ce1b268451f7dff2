"""Checking applications against the watchlists, a batch at a time.

The active entries live in two in-memory `NameIndex`es per process (every list, and the
`known_broker` lists alone), rebuilt when the entries or lists change: the cache key is two
cheap aggregate queries (count, newest change, highest id of entries and lists, and how
many validity dates have been reached). An index is built once per key for all processes
and kept on disk (`index_store`): a new process loads it instead of building its own.

The applicant is searched in every list; the sponsor, companion and recruiter in the
known-broker lists. An entry with the applicant's NIK is a match whatever the name. A name
match is `likely` only when an identifier agrees as well (birth date - also partial or with
day and month swapped -, NIK or phone): a common name alone is a `possible` match for a
person to review, never a screening fact by itself.

`sync_matches` stores what was found as `WatchlistMatch` rows: new pairs are opened, a
dismissed pair stays dismissed until its entry changes (`entry_version`), open pairs that
no longer match are removed (they were never reviewed), reviewed ones are kept as history.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from waspada.applications.models import PassportApplication
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.models import User
from waspada.domain.matching import Identity, Match, NameIndex, Reason, corroborated
from waspada.domain.phones import normalize_any_phone
from waspada.watchlists import index_store
from waspada.watchlists.models import (
    ListType,
    MatchLevel,
    MatchRole,
    MatchState,
    Watchlist,
    WatchlistEntry,
    WatchlistMatch,
)

_MATCH_TYPE = WatchlistMatch._meta.label_lower
# Roles searched in the known-broker lists, with the application fields holding the name
# and (where the exchange format has one) the phone.
BROKER_ROLES: tuple[tuple[str, str, str], ...] = (
    (MatchRole.SPONSOR, "sponsor_name", "sponsor_phone"),
    (MatchRole.COMPANION, "companion_name", "companion_phone"),
    (MatchRole.RECRUITER, "recruiter_name", ""),
)


@dataclass(frozen=True)
class EntryInfo:
    pk: int
    list_name: str
    list_type: str
    full_name: str
    updated_at: dt.datetime
    phone: str = ""


@dataclass
class WatchlistIndex:
    key: tuple[Any, ...]
    everything: NameIndex
    brokers: NameIndex
    entries: dict[int, EntryInfo]
    by_nik: dict[str, list[int]]
    #: "built" in this process, or "stored": loaded from the file another process wrote.
    origin: str = "built"


@dataclass(frozen=True)
class Candidate:
    """A match found now (before it is stored)."""

    entry_id: int
    application_id: int
    role: str
    name: str
    score: float
    level: str
    explanation: tuple[Reason, ...]


@dataclass
class SyncResult:
    """What `sync_matches` left: the current (not dismissed) matches per application, and
    the applications whose stored matches changed (to be re-screened)."""

    current: dict[int, list[WatchlistMatch]] = field(default_factory=dict)
    changed: set[int] = field(default_factory=set)
    entries: dict[int, EntryInfo] = field(default_factory=dict)


_lock = threading.Lock()
_cache: WatchlistIndex | None = None


def index_key() -> tuple[Any, ...]:
    """Changes whenever the entries in force may have changed (two aggregate queries).

    An entry or a list added or changed moves a count, a newest change or the highest id;
    the passing of time moves the number of entries whose validity has started or ended
    (so the index is rebuilt when a validity date is reached, not every day).
    """
    today = timezone.localdate()
    entries = WatchlistEntry.objects.aggregate(
        count=Count("pk"),
        changed=Max("updated_at"),
        last=Max("pk"),
        started=Count("pk", filter=Q(valid_from__lte=today)),
        ended=Count("pk", filter=Q(valid_until__lt=today)),
    )
    lists = Watchlist.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    return (
        *(str(entries[name]) for name in ("count", "changed", "last", "started", "ended")),
        *(str(lists[name]) for name in ("count", "changed")),
    )


def in_force(today: dt.date) -> Q:
    """Entries that count today: active, on an active list, within their validity."""
    return (
        Q(active=True, watchlist__active=True)
        & (Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    )


def _identity(entry: WatchlistEntry) -> Identity:
    return Identity(
        id=str(entry.pk),
        full_name=entry.full_name,
        birth_date=entry.birth_date or None,
        sex=entry.sex or None,
        aliases=tuple(str(alias) for alias in entry.aliases or ()),
    )


def build_index(key: tuple[Any, ...] | None = None) -> WatchlistIndex:
    today = timezone.localdate()
    rows = list(
        WatchlistEntry.objects.filter(in_force(today))
        .select_related("watchlist")
        .only(
            "pk",
            "full_name",
            "aliases",
            "birth_date",
            "sex",
            "nik",
            "phone",
            "updated_at",
            "watchlist__name",
            "watchlist__list_type",
        )
        .order_by("pk")
    )
    entries = {
        row.pk: EntryInfo(
            row.pk,
            row.watchlist.name,
            row.watchlist.list_type,
            row.full_name,
            row.updated_at,
            row.phone,
        )
        for row in rows
    }
    by_nik: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if row.nik:
            by_nik[row.nik].append(row.pk)
    return WatchlistIndex(
        key=key if key is not None else index_key(),
        everything=NameIndex(_identity(row) for row in rows),
        brokers=NameIndex(
            _identity(row) for row in rows if row.watchlist.list_type == ListType.KNOWN_BROKER
        ),
        entries=entries,
        by_nik=dict(by_nik),
    )


def current_index() -> WatchlistIndex:
    """The index of the entries in force, rebuilt only when they changed."""
    global _cache
    key = index_key()
    cached = _cache
    if cached is not None and cached.key == key:
        return cached
    with _lock:
        if _cache is None or _cache.key != key:
            _cache = index_store.load_or_build(key, build_index)
        return _cache


def reset_index() -> None:
    global _cache
    _cache = None


def find_candidates(
    applications: Sequence[PassportApplication], index: WatchlistIndex
) -> list[Candidate]:
    """Every likely or possible match of the batch (applications with `applicant` loaded)."""
    found: list[Candidate] = []
    for app in applications:
        person = app.applicant
        seen: set[int] = set()
        for entry_id in index.by_nik.get(person.nik, ()):
            seen.add(entry_id)
            found.append(
                Candidate(
                    entry_id,
                    app.pk,
                    MatchRole.APPLICANT,
                    person.full_name,
                    1.0,
                    MatchLevel.LIKELY,
                    (Reason.of("same_nik", a=person.nik),),
                )
            )
        if len(index.everything):
            query = Identity(str(app.pk), person.full_name, person.birth_date, person.sex)
            for match in index.everything.search(query, limit=10):
                entry_id = int(match.identity_id)
                if entry_id in seen:
                    continue
                found.append(
                    _candidate(
                        index,
                        entry_id,
                        app.pk,
                        MatchRole.APPLICANT,
                        person.full_name,
                        person.phone,
                        match,
                    )
                )
        if not len(index.brokers):
            continue
        for role, name_field, phone_field in BROKER_ROLES:
            name = (getattr(app, name_field) or "").strip()
            if not name:
                continue
            phone = getattr(app, phone_field, "") if phone_field else ""
            for match in index.brokers.search(Identity(str(app.pk), name), limit=5):
                entry_id = int(match.identity_id)
                found.append(_candidate(index, entry_id, app.pk, role, name, phone or "", match))
    return found


def _same_phone(a: str, b: str) -> bool:
    """Both are real numbers (any country) and the same once normalised: a placeholder such
    as "-" or "0" on both sides is no agreement."""
    first = normalize_any_phone(a)
    return first is not None and first == normalize_any_phone(b)


def _candidate(
    index: WatchlistIndex,
    entry_id: int,
    application_id: int,
    role: str,
    name: str,
    phone: str,
    match: Match,
) -> Candidate:
    """The stored form of a name match, `likely` only when an identifier agrees too.

    The entry's own phone number on the application is such an identifier: a name that is
    only a possible match (a common name, a misspelling, no birth date - as for a sponsor
    or companion, whose birth date the form does not ask) becomes likely with it.
    """
    explanation = match.explanation
    entry_phone = index.entries[entry_id].phone
    phone_agrees = bool(phone and entry_phone and _same_phone(phone, entry_phone))
    if phone_agrees:
        explanation = (*explanation, Reason.of("same_phone", a=phone))
    level: str = match.level
    if level == MatchLevel.LIKELY and not corroborated(explanation):
        level = MatchLevel.POSSIBLE
        explanation = (*explanation, Reason.of("name_only"))
    elif level == MatchLevel.POSSIBLE and phone_agrees:
        level = MatchLevel.LIKELY
    return Candidate(entry_id, application_id, role, name, match.score, level, explanation)


def reasons_to_json(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    return [{"code": r.code, "params": dict(r.params)} for r in reasons]


def sync_matches(
    applications: Sequence[PassportApplication],
    *,
    index: WatchlistIndex | None = None,
    acting_user: User | None = None,
) -> SyncResult:
    """Compute the batch's matches and bring the stored ones up to date."""
    index = index if index is not None else current_index()
    result = SyncResult(entries=index.entries)
    if not applications:
        return result
    candidates = find_candidates(applications, index)
    ids = [app.pk for app in applications]
    existing = {
        (m.entry_id, m.application_id, m.role): m
        for m in WatchlistMatch.objects.filter(application_id__in=ids)
    }
    now = timezone.now()
    new: list[WatchlistMatch] = []
    updated: list[WatchlistMatch] = []
    events = []
    keep: set[tuple[int, int, str]] = set()
    for cand in candidates:
        key = (cand.entry_id, cand.application_id, cand.role)
        if key in keep:
            continue
        keep.add(key)
        version = index.entries[cand.entry_id].updated_at
        explanation = reasons_to_json(cand.explanation)
        row = existing.get(key)
        if row is None:
            row = WatchlistMatch(
                entry_id=cand.entry_id,
                application_id=cand.application_id,
                role=cand.role,
                name=cand.name[:300],
                score=cand.score,
                level=cand.level,
                explanation=explanation,
                entry_version=version,
                created_at=now,
                updated_at=now,
            )
            new.append(row)
            result.changed.add(cand.application_id)
        else:
            reopen = row.state == MatchState.DISMISSED and row.entry_version != version
            if row.state == MatchState.DISMISSED and not reopen:
                continue
            if reopen:
                row.state = MatchState.OPEN
                row.reviewed_by = None
                row.reviewed_at = None
                events.append(
                    audit.event(
                        AuditAction.MATCH_REOPENED,
                        said(
                            gettext_noop(
                                "Dismissed watchlist match %(match)s raised again: "
                                "the entry changed"
                            ),
                            match=row.pk,
                        ),
                        actor=acting_user,
                        object_type=_MATCH_TYPE,
                        object_id=str(row.pk),
                    )
                )
            if reopen or (
                row.score,
                row.level,
                row.explanation,
                row.entry_version,
                row.name,
            ) != (cand.score, cand.level, explanation, version, cand.name[:300]):
                row.score, row.level, row.explanation = cand.score, cand.level, explanation
                row.entry_version, row.name, row.updated_at = version, cand.name[:300], now
                updated.append(row)
                result.changed.add(cand.application_id)
        result.current.setdefault(cand.application_id, []).append(row)
    stale = [
        row.pk for key, row in existing.items() if key not in keep and row.state == MatchState.OPEN
    ]
    if stale:
        WatchlistMatch.objects.filter(pk__in=stale).delete()
        result.changed.update(row.application_id for row in existing.values() if row.pk in stale)
    if new:
        WatchlistMatch.objects.bulk_create(new)
        events.extend(
            audit.event(
                AuditAction.MATCH_FOUND,
                said(
                    gettext_noop(
                        "Watchlist match on application %(application)s: entry %(entry)s "
                        "(%(role)s, %(level)s %(score)s)"
                    ),
                    application=row.application_id,
                    entry=row.entry_id,
                    role=MatchRole(row.role).label,
                    level=MatchLevel(row.level).label,
                    score=f"{row.score:.2f}",
                ),
                actor=acting_user,
                object_type=PassportApplication._meta.label_lower,
                object_id=str(row.application_id),
                details={"entry": row.entry_id, "role": row.role, "score": row.score},
            )
            for row in new
        )
    if updated:
        WatchlistMatch.objects.bulk_update(
            updated,
            [
                "state",
                "reviewed_by",
                "reviewed_at",
                "score",
                "level",
                "explanation",
                "entry_version",
                "name",
                "updated_at",
            ],
        )
    if events:
        audit.record_many(events)
    return result


def counts_as_fact(match: WatchlistMatch) -> bool:
    """A hit for the screening: confirmed, or likely and not yet reviewed."""
    if match.state == MatchState.CONFIRMED:
        return True
    return match.state == MatchState.OPEN and match.level == MatchLevel.LIKELY


def evidence_line(match: WatchlistMatch, info: EntryInfo) -> str:
    """The fact line quoted in the D14/D17 evidence, in the office's language.

    Screening keeps one evidence text per language but a fact is a single line; the
    office works in LANGUAGE_CODE (Indonesian by default), so the line is written in it.
    """
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext as _

    from waspada.watchlists.explain import render_reasons

    language = settings.LANGUAGE_CODE
    with translation.override(language):
        reasons = "; ".join(render_reasons(match.explanation, language)[:4])
        roles: dict[str, str] = {
            MatchRole.SPONSOR: _("sponsor"),
            MatchRole.COMPANION: _("companion"),
            MatchRole.RECRUITER: _("recruiter"),
        }
        levels = {"likely": _("likely match"), "possible": _("possible match")}
        return _(
            "%(list_type)s list '%(list)s': %(who)s%(name)s ~ %(entry)s, %(level)s%(state)s "
            "(%(score).2f): %(reasons)s"
        ) % {
            "list_type": info.list_type,
            "list": info.list_name,
            "who": f"{roles[match.role]} " if match.role in roles else "",
            "name": match.name,
            "entry": info.full_name,
            "level": levels.get(match.level, match.level),
            "state": _(", confirmed") if match.state == MatchState.CONFIRMED else "",
            "score": match.score,
            "reasons": reasons,
        }

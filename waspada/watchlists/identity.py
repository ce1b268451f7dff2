"""Identity duplicates (D12 via the "identity" fact), found a batch at a time.

NIK is unique on `Applicant`, so "one NIK, two identities" cannot be two rows. Two cases:

- `other_nik`: another applicant with a different NIK, the same birth date, the same birth
  place (compared case- and prefix-insensitively: "Kab. Cilacap" = "cilacap") and a `likely`
  name match. Applicants keep a birth-place key and a name key, indexed with the birth date
  (`Applicant.birth_place_key`, `name_key`), so the work per batch stays bounded however
  many people share a birth date and place - a common date in a big town, or a file crafted
  with thousands of look-alikes. Per batch, one query counts each (birth date, place) group
  of the batch, then:
  - a usual group (up to CROWD_LIMIT people) is read whole, one query for all of them, and
    compared pair by pair with the matcher's `compare`, or, above PAIRWISE_LIMIT, through a
    `NameIndex` of the group that picks a bounded number of candidates per person; typos,
    missing words and words in another order are found;
  - in a larger crowd only the people sharing the applicant's name key are read, the
    newest CANDIDATES_PER_APPLICANT of each key (a crowd arriving together is compared with
    itself), one query for all the keys of the batch, and compared pair by pair. Spelling
    variants that sound alike and merged words share the key (`names.name_key`); a typo
    outside the sounds, a missing word or another word order is not found in a crowd.
    Reading the whole crowd for each batch, as before, made an import grow with the
    square of the crowd.
  Pairs repeat among look-alikes (same names, same date), so `compare` runs once per
  distinct pair of identities in a batch.
- `record_changed`: the NIK's applications were written with different names or birth
  dates. Each application keeps the identity written on it, so the applications, in
  submission order, are the history we read (one query per batch; see
  `waspada.applications.identity`). A later correction is reported too: the officer decides.

Found pairs are stored as `IdentityDuplicate` (one more query to read what is known, one
executemany to add what is new).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from waspada.applications.identity import identity_changes, identity_history
from waspada.applications.models import Applicant, PassportApplication, identity_keys
from waspada.domain.matching import Identity, NameIndex, compare
from waspada.watchlists.models import DuplicateKind, IdentityDuplicate

#: Peers of one birth date and place compared pair by pair; a larger group is indexed.
PAIRWISE_LIMIT = 64
#: Peers of one birth date and place read whole; in a larger crowd, by name key only.
CROWD_LIMIT = 500
#: Duplicates kept per applicant: enough for an officer to see a pattern, bounded memory.
MAX_DUPLICATES_PER_APPLICANT = 5
#: Candidates compared in full per applicant in an indexed group, and peers read per name
#: key in a crowd.
CANDIDATES_PER_APPLICANT = 24
#: Birth dates per query: SQLite refuses a condition nested deeper than 1,000 terms.
_DATES_PER_QUERY = 200
#: Name-key blocks read per query (one subquery each).
_BLOCKS_PER_QUERY = 100
_FIELDS = ("pk", "nik", "full_name", "birth_date", "birth_place", "sex")

# (birth date, birth place key): the people compared with each other.
_Group = tuple[dt.date, str]
# (birth date, birth place key, name key): the part of a crowd an applicant is compared with.
_Block = tuple[dt.date, str, str]


def _identity(person: Applicant) -> Identity:
    return Identity(str(person.pk), person.full_name, person.birth_date, person.sex)


class _Verdict(NamedTuple):
    """What `compare` said of a pair: the score, and the reasons as stored (JSON)."""

    score: float
    likely: bool
    reasons: list[dict[str, Any]]


class _Comparer:
    """`compare` remembered for the batch: its result depends only on the two names, birth
    dates and sexes, which a crowd of look-alikes repeats. Verdicts are shared between the
    pairs that gave them: read them, never change them."""

    def __init__(self) -> None:
        self._seen: dict[tuple[object, ...], _Verdict | None] = {}

    def __call__(self, person: Applicant, other: Applicant) -> _Verdict | None:
        key = (
            person.full_name,
            person.birth_date,
            person.sex,
            other.full_name,
            other.birth_date,
            other.sex,
        )
        try:
            return self._seen[key]
        except KeyError:
            pass
        match = compare(_identity(person), _identity(other))
        verdict = None
        if match is not None:
            reasons = [{"code": r.code, "params": dict(r.params)} for r in match.explanation]
            verdict = _Verdict(match.score, match.level == "likely", reasons)
        self._seen[key] = verdict
        return verdict


def find_duplicates(
    applicants: Sequence[Applicant],
) -> list[IdentityDuplicate]:
    """Unsaved duplicates for these applicants (both kinds)."""
    found: list[IdentityDuplicate] = []
    if not applicants:
        return found
    batch: defaultdict[_Group, list[Applicant]] = defaultdict(list)
    name_keys: dict[int, str] = {}
    for person in applicants:
        # From the values, not the stored keys: the ones of the batch are the newest.
        keys = identity_keys(person.full_name, person.birth_place)
        batch[(person.birth_date, keys["birth_place_key"])].append(person)
        name_keys[person.pk] = keys["name_key"]
    sizes = _group_sizes(batch)
    usual = [group for group in batch if sizes.get(group, 0) <= CROWD_LIMIT]
    peers = _read_groups(usual)
    comparer = _Comparer()
    for group in usual:
        for person, other, verdict in _likely_pairs(batch[group], peers[group], comparer):
            found.append(_other_nik(person, other, verdict))
    namesakes: defaultdict[_Block, list[Applicant]] = defaultdict(list)
    for group, people in batch.items():
        if sizes.get(group, 0) > CROWD_LIMIT:
            for person in people:
                namesakes[(*group, name_keys[person.pk])].append(person)
    look_alikes = _read_look_alikes(list(namesakes))
    for block, people in namesakes.items():
        for person, other, verdict in _likely_pairs(people, look_alikes[block], comparer):
            found.append(_other_nik(person, other, verdict))
    found.extend(_changed_records(applicants))
    return found


def _by_dates(groups: Iterable[_Group]) -> list[Q]:
    """Conditions selecting these (birth date, place key) groups, _DATES_PER_QUERY birth
    dates each."""
    places: defaultdict[dt.date, set[str]] = defaultdict(set)
    for date, place in groups:
        places[date].add(place)
    dates = sorted(places)
    conditions: list[Q] = []
    for start in range(0, len(dates), _DATES_PER_QUERY):
        condition = Q()
        for date in dates[start : start + _DATES_PER_QUERY]:
            condition |= Q(birth_date=date, birth_place_key__in=sorted(places[date]))
        conditions.append(condition)
    return conditions


def _group_sizes(groups: Iterable[_Group]) -> dict[_Group, int]:
    """How many applicants each group has (the batch's own included): counted in the
    database on the birth-date index, only the counts come back."""
    sizes: dict[_Group, int] = {}
    for condition in _by_dates(groups):
        rows = (
            Applicant.objects.filter(condition)
            .values_list("birth_date", "birth_place_key")
            .annotate(n=Count("pk"))
            .order_by()
        )
        sizes.update(((date, place), n) for date, place, n in rows)
    return sizes


def _read_groups(groups: Sequence[_Group]) -> defaultdict[_Group, list[Applicant]]:
    """Every applicant of these groups, by group."""
    peers: defaultdict[_Group, list[Applicant]] = defaultdict(list)
    for condition in _by_dates(groups):
        for other in Applicant.objects.filter(condition).only(*_FIELDS, "birth_place_key"):
            peers[(other.birth_date, other.birth_place_key)].append(other)
    return peers


def _read_look_alikes(blocks: Sequence[_Block]) -> defaultdict[_Block, list[Applicant]]:
    """The newest applicants of each block, CANDIDATES_PER_APPLICANT at most: one query for
    many blocks, each an index search that stops there, whatever the size of the crowd."""
    found: defaultdict[_Block, list[Applicant]] = defaultdict(list)
    for start in range(0, len(blocks), _BLOCKS_PER_QUERY):
        condition = Q()
        for date, place, key in blocks[start : start + _BLOCKS_PER_QUERY]:
            newest = (
                Applicant.objects.filter(birth_date=date, birth_place_key=place, name_key=key)
                .order_by("-pk")
                .values("pk")[:CANDIDATES_PER_APPLICANT]
            )
            condition |= Q(pk__in=newest)
        rows = Applicant.objects.filter(condition).order_by("-pk")
        for other in rows.only(*_FIELDS, "birth_place_key", "name_key"):
            found[(other.birth_date, other.birth_place_key, other.name_key)].append(other)
    return found


def _changed_records(applicants: Sequence[Applicant]) -> list[IdentityDuplicate]:
    """A `record_changed` duplicate per applicant whose applications were written with
    different names or birth dates (one query for the batch)."""
    history = identity_history(person.pk for person in applicants)
    found: list[IdentityDuplicate] = []
    for person in applicants:
        changes = identity_changes(history.get(person.pk, []))
        if changes:
            found.append(
                IdentityDuplicate(
                    kind=DuplicateKind.RECORD_CHANGED,
                    applicant_id=person.pk,
                    other_id=None,
                    details={"changes": [change.to_dict() for change in changes]},
                )
            )
    return found


def _likely_pairs(
    people: Sequence[Applicant], group: Sequence[Applicant], comparer: _Comparer
) -> list[tuple[Applicant, Applicant, _Verdict]]:
    """(person, other, verdict) for each likely same-person pair, a few per person at most."""
    pairs: list[tuple[Applicant, Applicant, _Verdict]] = []
    by_pk = {str(other.pk): other for other in group}
    index = NameIndex(_identity(o) for o in group) if len(group) > PAIRWISE_LIMIT else None
    for person in people:
        candidates = (
            [by_pk[i] for i in index.candidate_ids(_identity(person), CANDIDATES_PER_APPLICANT)]
            if index is not None
            else group
        )
        likely: list[tuple[Applicant, _Verdict]] = []
        for other in candidates:
            if other.pk == person.pk or other.nik == person.nik:
                continue
            verdict = comparer(person, other)
            if verdict is not None and verdict.likely:
                likely.append((other, verdict))
        likely.sort(key=lambda pair: -pair[1].score)
        pairs.extend(
            (person, other, verdict) for other, verdict in likely[:MAX_DUPLICATES_PER_APPLICANT]
        )
    return pairs


def _other_nik(person: Applicant, other: Applicant, verdict: _Verdict) -> IdentityDuplicate:
    # By id: setting the related instances costs more than the rest of the row.
    return IdentityDuplicate(
        kind=DuplicateKind.OTHER_NIK,
        applicant_id=person.pk,
        other_id=other.pk,
        score=verdict.score,
        details={
            "nik": other.nik,
            "full_name": other.full_name,
            "birth_date": other.birth_date.isoformat(),
            "birth_place": other.birth_place,
            "reasons": verdict.reasons,
        },
    )


def sync_duplicates(applicants: Sequence[Applicant]) -> list[IdentityDuplicate]:
    """Find and store the duplicates of these applicants; returns all current ones."""
    found = find_duplicates(applicants)
    if not found:
        return []
    ids = [person.pk for person in applicants]
    known = {
        (d.kind, d.applicant_id, d.other_id): d
        for d in IdentityDuplicate.objects.filter(applicant_id__in=ids)
    }
    new: list[IdentityDuplicate] = []
    changed: list[IdentityDuplicate] = []
    current: list[IdentityDuplicate] = []
    for dup in found:
        key = (dup.kind, dup.applicant_id, dup.other_id)
        stored = known.get(key)
        if stored is None:
            new.append(dup)
            known[key] = dup
            current.append(dup)
        elif stored.details != dup.details or stored.score != dup.score:
            stored.details, stored.score = dup.details, dup.score
            changed.append(stored)
            current.append(stored)
        else:
            current.append(stored)
    _insert(new)
    if changed:
        IdentityDuplicate.objects.bulk_update(changed, ["details", "score"])
    return current


def _insert(duplicates: Sequence[IdentityDuplicate]) -> None:
    """INSERT new duplicates with one executemany; they stay without a primary key.

    An import of look-alikes finds five per applicant: bulk_create's work per value was
    most of the time identity duplicates took.
    """
    if not duplicates:
        return
    meta = IdentityDuplicate._meta
    details = meta.get_field("details")
    created_at = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {meta.db_table} (kind, applicant_id, other_id, score, details, "
            "created_at) VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (
                    dup.kind,
                    dup.applicant_id,
                    dup.other_id,
                    dup.score,
                    details.get_db_prep_save(dup.details, connection),
                    created_at,
                )
                for dup in duplicates
            ],
        )


def _line(dup: IdentityDuplicate) -> str:
    if dup.kind == DuplicateKind.OTHER_NIK:
        d = dup.details
        return (
            f"same person as NIK {d['nik']} ({d['full_name']}, born {d['birth_place']} "
            f"{d['birth_date']}) under another NIK, likely ({dup.score:.2f})"
        )
    parts = [
        f"{c['field'].replace('_', ' ')} changed from '{c['old']}' to '{c['new']}' on {c['when']}"
        + (f" (application {c['application']})" if c.get("application") else "")
        for c in dup.details.get("changes", [])
    ]
    return "the NIK's record " + "; ".join(parts)


def identity_facts(applications: Sequence[PassportApplication]) -> dict[int, tuple[str, ...]]:
    """Evidence lines for D12 per application id."""
    applicants = list({app.applicant_id: app.applicant for app in applications}.values())
    by_applicant: defaultdict[int, list[str]] = defaultdict(list)
    for dup in sync_duplicates(applicants):
        by_applicant[dup.applicant_id].append(_line(dup))
    return {
        app.pk: tuple(by_applicant[app.applicant_id])
        for app in applications
        if by_applicant.get(app.applicant_id)
    }

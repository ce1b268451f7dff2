"""Identity duplicates (D12 via the "identity" fact), found a batch at a time.

NIK is unique on `Applicant`, so "one NIK, two identities" cannot be two rows. Two cases:

- `other_nik`: another applicant with a different NIK, the same birth date, the same birth
  place (compared case- and prefix-insensitively: "Kab. Cilacap" = "cilacap") and a `likely`
  name match. Each applicant stores its birth date, place key and name key under one index
  (`Applicant.name_key`, `birth_place_key`), and the work per batch stays bounded however
  many people share a birth date and place:
  - one query counts the peers of each (birth date, place) of the batch;
  - a usual group (up to CROWD_LIMIT) is read whole, by one query for the batch, and
    compared pair by pair with the matcher's `compare`, or, above PAIRWISE_LIMIT, through
    a `NameIndex` of the group that picks a bounded number of candidates per person (so
    typos and words in another order are found);
  - in a crowd - a common birth date in a big town, or a file crafted with thousands of
    look-alikes - only the peers sharing the applicant's name key are read, at most
    CANDIDATES_PER_APPLICANT per key (the newest: a crowd arriving together is compared
    with itself), and compared pair by pair. Reading the whole crowd for each batch made an
    import grow with the square of the crowd.
  Pairs repeat in a crowd of look-alikes (same names, same date), so `compare` runs once
  per distinct pair of identities in a batch.
- `record_changed`: the NIK's applications were written with different names or birth
  dates. Each application keeps the identity written on it, so the applications, in
  submission order, are the history we read (one query per batch; see
  `waspada.applications.identity`). A later correction is reported too: the officer decides.

Found pairs are stored as `IdentityDuplicate` (one more query to read what is known, one to
add what is new).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Count, Q

from waspada.applications.identity import identity_changes, identity_history
from waspada.applications.models import Applicant, PassportApplication, identity_keys
from waspada.domain.matching import Identity, Match, NameIndex, compare
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
_FIELDS = ("pk", "nik", "full_name", "birth_date", "birth_place", "sex")

# (birth date, birth place key): the people compared with each other.
_Group = tuple[dt.date, str]


def _identity(person: Applicant) -> Identity:
    return Identity(str(person.pk), person.full_name, person.birth_date, person.sex)


class _Comparer:
    """`compare` remembered for the batch: its result depends only on the two names, birth
    dates and sexes, which a crowd of look-alikes repeats."""

    def __init__(self) -> None:
        self._seen: dict[tuple[object, ...], Match | None] = {}

    def __call__(self, person: Applicant, other: Applicant) -> Match | None:
        key = (
            person.full_name,
            person.birth_date,
            person.sex,
            other.full_name,
            other.birth_date,
            other.sex,
        )
        if key in self._seen:
            match = self._seen[key]
            if match is None:
                return None
            return dataclasses.replace(match, identity_id=str(other.pk))
        match = self._seen[key] = compare(_identity(person), _identity(other))
        return match


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
        for person, other, match in _likely_pairs(batch[group], peers[group], comparer):
            found.append(_other_nik(person, other, match))
    for group, people in batch.items():
        if sizes.get(group, 0) <= CROWD_LIMIT:
            continue
        by_name: defaultdict[str, list[Applicant]] = defaultdict(list)
        for person in people:
            by_name[name_keys[person.pk]].append(person)
        for key, namesakes in by_name.items():
            look_alikes = _read_look_alikes(group, key)
            for person, other, match in _likely_pairs(namesakes, look_alikes, comparer):
                found.append(_other_nik(person, other, match))
    found.extend(_changed_records(applicants))
    return found


def _by_dates(groups: Iterable[_Group]) -> list[Q]:
    """Conditions selecting these (birth date, place key) groups, a bounded number each."""
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
    """How many applicants each group has (the batch's own included)."""
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


def _read_look_alikes(group: _Group, name_key: str) -> list[Applicant]:
    """The newest applicants of a crowd with this name key, a bounded number."""
    date, place = group
    return list(
        Applicant.objects.filter(birth_date=date, birth_place_key=place, name_key=name_key)
        .order_by("-pk")
        .only(*_FIELDS)[:CANDIDATES_PER_APPLICANT]
    )


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
                    applicant=person,
                    other=None,
                    details={"changes": [change.to_dict() for change in changes]},
                )
            )
    return found


def _likely_pairs(
    people: Sequence[Applicant], group: Sequence[Applicant], comparer: _Comparer
) -> list[tuple[Applicant, Applicant, Match]]:
    """(person, other, match) for each likely same-person pair, a few per person at most."""
    pairs: list[tuple[Applicant, Applicant, Match]] = []
    by_pk = {str(other.pk): other for other in group}
    index = NameIndex(_identity(o) for o in group) if len(group) > PAIRWISE_LIMIT else None
    for person in people:
        candidates = (
            [by_pk[i] for i in index.candidate_ids(_identity(person), CANDIDATES_PER_APPLICANT)]
            if index is not None
            else group
        )
        matches = [
            (other, comparer(person, other))
            for other in candidates
            if other.pk != person.pk and other.nik != person.nik
        ]
        matches.sort(key=lambda pair: -(pair[1].score if pair[1] else 0.0))
        kept = 0
        for other, match in matches:
            if match is None or match.level != "likely":
                continue
            pairs.append((person, other, match))
            kept += 1
            if kept == MAX_DUPLICATES_PER_APPLICANT:
                break
    return pairs


def _other_nik(person: Applicant, other: Applicant, match: Match) -> IdentityDuplicate:
    return IdentityDuplicate(
        kind=DuplicateKind.OTHER_NIK,
        applicant=person,
        other=other,
        score=match.score,
        details={
            "nik": other.nik,
            "full_name": other.full_name,
            "birth_date": other.birth_date.isoformat(),
            "birth_place": other.birth_place,
            "reasons": [{"code": r.code, "params": dict(r.params)} for r in match.explanation],
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
    if new:
        IdentityDuplicate.objects.bulk_create(new)
    if changed:
        IdentityDuplicate.objects.bulk_update(changed, ["details", "score"])
    return current


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

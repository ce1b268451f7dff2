"""Identity duplicates (D12 via the "identity" fact), found a batch at a time.

NIK is unique on `Applicant`, so "one NIK, two identities" cannot be two rows. Two cases:

- `other_nik`: another applicant with a different NIK, the same birth date, the same birth
  place (compared case- and prefix-insensitively: "Kab. Cilacap" = "cilacap") and a `likely`
  name match. One query per batch: the applicants born on the batch's birth dates. A small
  group of peers (same date and place) is compared pair by pair with the matcher's
  `compare`; in a large one - a common birth date in a big town, or a file crafted with
  thousands of look-alikes - the matcher's `NameIndex` picks a bounded number of
  candidates per person (its candidate generation is bounded per name key), which are then
  compared the same way, so the work grows with the batch, not with the square of the
  crowd.
- `record_changed`: the NIK's applications were written with different names or birth
  dates. Each application keeps the identity written on it, so the applications, in
  submission order, are the history we read (one query per batch; see
  `waspada.applications.identity`). A later correction is reported too: the officer decides.

Found pairs are stored as `IdentityDuplicate` (one more query to read what is known, one to
add what is new).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from waspada.applications.identity import identity_changes, identity_history
from waspada.applications.models import Applicant, PassportApplication
from waspada.domain.matching import Identity, Match, NameIndex, compare
from waspada.watchlists.models import DuplicateKind, IdentityDuplicate

_PLACE_PREFIX = re.compile(r"^(kabupaten|kab\.?|kota|kodya)\s+")
#: Peers of one birth date and place compared pair by pair; a larger group is indexed.
PAIRWISE_LIMIT = 64
#: Duplicates kept per applicant: enough for an officer to see a pattern, bounded memory.
MAX_DUPLICATES_PER_APPLICANT = 5
#: Candidates compared in full per applicant in a large group.
CANDIDATES_PER_APPLICANT = 24


def normalize_place(place: str) -> str:
    text = " ".join(place.casefold().replace(".", ". ").split())
    return _PLACE_PREFIX.sub("", text).strip()


def _identity(person: Applicant) -> Identity:
    return Identity(str(person.pk), person.full_name, person.birth_date, person.sex)


def find_duplicates(
    applicants: Sequence[Applicant],
) -> list[IdentityDuplicate]:
    """Unsaved duplicates for these applicants (both kinds)."""
    found: list[IdentityDuplicate] = []
    if not applicants:
        return found
    dates = {person.birth_date for person in applicants}
    peers: defaultdict[tuple[object, str], list[Applicant]] = defaultdict(list)
    for other in Applicant.objects.filter(birth_date__in=dates).only(
        "pk", "nik", "full_name", "birth_date", "birth_place", "sex"
    ):
        peers[(other.birth_date, normalize_place(other.birth_place))].append(other)
    batch: defaultdict[tuple[object, str], list[Applicant]] = defaultdict(list)
    for person in applicants:
        batch[(person.birth_date, normalize_place(person.birth_place))].append(person)
    for key, people in batch.items():
        group = peers.get(key, [])
        for person, other, match in _likely_pairs(people, group):
            found.append(_other_nik(person, other, match))
    found.extend(_changed_records(applicants))
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
                    applicant=person,
                    other=None,
                    details={"changes": [change.to_dict() for change in changes]},
                )
            )
    return found


def _likely_pairs(
    people: Sequence[Applicant], group: Sequence[Applicant]
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
        matches = [(other, compare(_identity(person), _identity(other))) for other in candidates]
        matches.sort(key=lambda pair: -(pair[1].score if pair[1] else 0.0))
        kept = 0
        for other, match in matches:
            if other.pk == person.pk or other.nik == person.nik:
                continue
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

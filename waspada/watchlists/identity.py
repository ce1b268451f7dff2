"""Identity duplicates (D12 via the "identity" fact), found a batch at a time.

NIK is unique on `Applicant`, so "one NIK, two identities" cannot be two rows. Two cases:

- `other_nik`: another applicant with a different NIK, the same birth date, the same birth
  place (compared case- and prefix-insensitively: "Kab. Cilacap" = "cilacap") and a `likely`
  name match (the matcher's `compare`). One query per batch: the applicants born on the
  batch's birth dates.
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
from waspada.domain.matching import Identity, compare
from waspada.watchlists.models import DuplicateKind, IdentityDuplicate

_PLACE_PREFIX = re.compile(r"^(kabupaten|kab\.?|kota|kodya)\s+")


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
    for person in applicants:
        for other in peers.get((person.birth_date, normalize_place(person.birth_place)), ()):
            if other.pk == person.pk or other.nik == person.nik:
                continue
            match = compare(_identity(person), _identity(other))
            if match is None or match.level != "likely":
                continue
            found.append(
                IdentityDuplicate(
                    kind=DuplicateKind.OTHER_NIK,
                    applicant=person,
                    other=other,
                    score=match.score,
                    details={
                        "nik": other.nik,
                        "full_name": other.full_name,
                        "birth_date": other.birth_date.isoformat(),
                        "birth_place": other.birth_place,
                        "reasons": [
                            {"code": r.code, "params": dict(r.params)} for r in match.explanation
                        ],
                    },
                )
            )
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

"""A person's identity as written on each of their applications: its history.

Every application keeps the name, birth date, sex, birth place, address and phones
written on it (intake form or exchange row); the Applicant holds the latest of them. Read
in submission order, the applications of one NIK are the history of that identity, and a
name or birth date that changes between them is evidence for D12 (identity data differs).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from waspada.applications.models import PassportApplication

# The values whose change between two applications of one NIK is evidence (D12).
WATCHED_FIELDS: tuple[str, ...] = ("full_name", "birth_date")


@dataclass(frozen=True)
class WrittenIdentity:
    """The identity written on one application."""

    application_id: int
    application_no: str
    submitted_on: dt.date
    full_name: str
    sex: str
    birth_place: str
    birth_date: dt.date


@dataclass(frozen=True)
class IdentityChange:
    """One value that differs from the applicant's application before (in submission order)."""

    field: str
    old: str
    new: str
    when: dt.date  # submitted_on of the application with the new value
    application_no: str  # the application with the new value
    earlier_application_no: str

    def to_dict(self) -> dict[str, str]:
        return {
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "when": self.when.isoformat(),
            "application": self.application_no,
            "earlier_application": self.earlier_application_no,
        }


def identity_history(applicant_ids: Iterable[int]) -> dict[int, list[WrittenIdentity]]:
    """Per applicant id, the identity written on each application, oldest first (one query)."""
    history: defaultdict[int, list[WrittenIdentity]] = defaultdict(list)
    rows = (
        PassportApplication.objects.filter(applicant_id__in=list(set(applicant_ids)))
        .order_by("applicant_id", "submitted_on", "id")
        .values_list(
            "applicant_id",
            "pk",
            "application_no",
            "submitted_on",
            "full_name",
            "sex",
            "birth_place",
            "birth_date",
        )
    )
    for applicant_id, pk, number, submitted_on, name, sex, place, born in rows:
        history[applicant_id].append(
            WrittenIdentity(pk, number, submitted_on, name, sex, place, born)
        )
    return dict(history)


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def identity_changes(
    history: Sequence[WrittenIdentity], fields: Sequence[str] = WATCHED_FIELDS
) -> list[IdentityChange]:
    """Each change of a watched value from one application to the next.

    A value that changes and changes back is two changes: which one is true is for the
    officer to find out, not for this function to guess.
    """
    changes: list[IdentityChange] = []
    for before, after in itertools.pairwise(history):
        for name in fields:
            old, new = getattr(before, name), getattr(after, name)
            if old != new:
                changes.append(
                    IdentityChange(
                        field=name,
                        old=_text(old),
                        new=_text(new),
                        when=after.submitted_on,
                        application_no=after.application_no,
                        earlier_application_no=before.application_no,
                    )
                )
    return changes

"""The office's referral register: ring and person referrals as one list, as its filters
ask. The register page and the supervisor's home card ("partner answers this week") both
read it from here, so the card's number is the number of rows behind its link."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.partners.models import PERSON_OPEN, PersonReferral, Referral

# "Answered lately": what partners answered within this many days.
ANSWERED_DAYS = 7


def register_querysets(
    filters: dict[str, Any],
) -> tuple[QuerySet[Referral], QuerySet[PersonReferral]]:
    """The ring and person referrals the filters ask for (agency, state, covering letter
    number, overdue follow-ups, answered within `ANSWERED_DAYS`)."""
    rings = Referral.objects.select_related("agency")
    persons = PersonReferral.objects.select_related("agency")
    if filters.get("agency"):
        rings, persons = (
            rings.filter(agency=filters["agency"]),
            persons.filter(agency=filters["agency"]),
        )
    if filters.get("state"):
        rings, persons = (
            rings.filter(status=filters["state"]),
            persons.filter(status=filters["state"]),
        )
    if filters.get("number"):
        # A printed covering letter is found again by its number (or a part of it).
        number = filters["number"].strip()
        rings, persons = (
            rings.filter(letter_number__icontains=number),
            persons.filter(letter_number__icontains=number),
        )
    if filters.get("overdue"):
        rings = rings.none()
        persons = persons.filter(status__in=PERSON_OPEN, follow_up_due__lt=timezone.localdate())
    if filters.get("answered"):
        since = timezone.now() - dt.timedelta(days=ANSWERED_DAYS)
        rings, persons = (
            rings.filter(responded_at__gte=since),
            persons.filter(responded_at__gte=since),
        )
    return rings, persons


def register_count(filters: dict[str, Any]) -> int:
    rings, persons = register_querysets(filters)
    return rings.count() + persons.count()


def register_rows(filters: dict[str, Any]) -> list[dict[str, Any]]:
    """Ring and person referrals as one list, newest first, as the filters ask."""
    rings, persons = register_querysets(filters)
    rows = [
        {
            "kind": _("Ring #%(number)s") % {"number": r.ring_number},
            "referral": r,
            "overdue": False,
            "due": None,
            "url": None,
        }
        for r in rings
    ] + [
        {
            "kind": p.full_name,
            "referral": p,
            "overdue": p.overdue,
            "due": p.follow_up_due,
            "url": ("register_person_referral", p.pk),
        }
        for p in persons
    ]
    return sorted(rows, key=lambda row: row["referral"].referred_at, reverse=True)

"""Disnaker passport recommendations: checking one against the register (no Django).

An application names a recommendation by its number; the Disnaker's register holds what
was issued under that number. `differences` compares the two and returns what does not
fit, as typed reasons (a code and its parameters, worded per language by D03):

- `other_person_nik` / `other_person_name`: issued to another NIK / another name (names
  compared loosely, spelling variants and titles aside: `names.name_key`);
- `other_destination`: issued for another destination country;
- `other_p3mi`: issued for another placement agency (compared only when both give it);
- `expired`: no longer valid on the day of application; `not_yet_issued`: issued after it;
- `revoked`: revoked by the Disnaker.

An empty result means the recommendation is verified. Numbers are compared without
spaces and case (`number_key`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from waspada.domain import network
from waspada.domain.evidence import Reason
from waspada.domain.names import name_key

__all__ = ["Claim", "Issued", "differences", "number_key", "same_agency_name"]

_SPACES = re.compile(r"\s+")


def number_key(number: str) -> str:
    """A recommendation number as the register compares it: no spaces, upper case."""
    return _SPACES.sub("", number or "").upper()


@dataclass(frozen=True)
class Issued:
    """A recommendation as the register holds it."""

    number: str
    nik: str
    full_name: str
    destination_country: str
    p3mi_name: str
    p3mi_license_no: str
    issued_on: dt.date
    valid_until: dt.date
    revoked: bool = False


@dataclass(frozen=True)
class Claim:
    """What an application says about itself and its recommendation."""

    nik: str
    full_name: str
    destination_country: str
    recruiter_name: str
    recruiter_license_no: str
    submitted_on: dt.date


def same_agency_name(a: str, b: str) -> bool:
    """Two written names of one placement agency (PT, capitals and punctuation aside)."""
    key_a, key_b = network.name_key(a), network.name_key(b)
    if key_a and key_b:
        return key_a == key_b
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _same_p3mi(issued: Issued, claim: Claim) -> bool | None:
    """Whether the agencies agree; None when there is nothing to compare."""
    mine, theirs = (
        network.licence_key(claim.recruiter_license_no),
        network.licence_key(issued.p3mi_license_no),
    )
    if mine and theirs:
        return mine == theirs
    if claim.recruiter_name.strip() and issued.p3mi_name.strip():
        return same_agency_name(claim.recruiter_name, issued.p3mi_name)
    return None


def differences(issued: Issued, claim: Claim) -> tuple[Reason, ...]:
    """What in the register contradicts the application (empty: verified)."""
    found: list[Reason] = []
    number = issued.number
    if issued.revoked:
        found.append(Reason.of("revoked", number=number))
    if issued.nik.strip() and claim.nik.strip() and issued.nik.strip() != claim.nik.strip():
        found.append(Reason.of("other_person_nik", number=number, nik=issued.nik))
    if name_key(issued.full_name) != name_key(claim.full_name):
        found.append(Reason.of("other_person_name", number=number, name=issued.full_name))
    if (
        issued.destination_country
        and issued.destination_country.upper() != claim.destination_country.upper()
    ):
        found.append(
            Reason.of(
                "other_destination",
                number=number,
                country=issued.destination_country.upper(),
                claimed=claim.destination_country.upper(),
            )
        )
    if _same_p3mi(issued, claim) is False:
        found.append(
            Reason.of(
                "other_p3mi",
                number=number,
                p3mi=" ".join(filter(None, (issued.p3mi_name, issued.p3mi_license_no))),
                claimed=" ".join(filter(None, (claim.recruiter_name, claim.recruiter_license_no))),
            )
        )
    if claim.submitted_on > issued.valid_until:
        found.append(
            Reason.of("expired", number=number, valid_until=issued.valid_until.isoformat())
        )
    elif claim.submitted_on < issued.issued_on:
        found.append(
            Reason.of("not_yet_issued", number=number, issued_on=issued.issued_on.isoformat())
        )
    return tuple(found)

"""The plain data that risk screening reads and writes (no Django).

`ScreeningContext` is everything one application shows: its own fields, its applicant,
facts derived from history (duplicates, held passports) and facts that providers
plug in (watchlist hits, broker hits, recruitment rings). `risk.assess` turns it into
an `Assessment` under a `Policy`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from waspada.domain.evidence import Reason


class Level(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RecommendedAction(StrEnum):
    STANDARD = "standard"
    DEEP_INTERVIEW = "deep_interview"


@dataclass(frozen=True, slots=True)
class RaisedIndicator:
    """An indicator raised at the interview (the "interview" fact): its code ("D24",
    "U03") and what backs it in the office's words (the officer's note, the answer
    quoted, the observation, the contradiction found), "" when nothing more was noted."""

    code: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    """Information for the officer that moves no score, e.g. a value a registry does not
    know (yet): "unknown" is not "bad", it is to be verified. `indicator` is the indicator
    the value would feed once known to be bad ("D21" for a recruiter's licence); when that
    indicator fires anyway (for a reason of its own), the note says nothing more and is
    left out. `reason` is a code with parameters, put into words at the edge."""

    indicator: str
    reason: Reason


# One fact from a provider: an evidence line the indicator quotes as it is, an indicator
# raised at the interview (typed, so that its code is never read out of text), typed
# evidence (a `Reason` the indicator words per language, e.g. D03's "other_destination"),
# or a note (information only; no condition reads it).
Fact = str | RaisedIndicator | Reason | Note


@dataclass(frozen=True)
class ScreeningContext:
    # The application.
    application_no: str
    submitted_on: dt.date
    application_type: str
    purpose: str
    destination_country: str
    intended_departure: dt.date | None
    return_ticket: str  # yes / no / unknown
    itinerary: str
    funds_source: str
    documents: frozenset[str]
    disnaker_recommendation_no: str
    employer_name: str
    recruiter_name: str
    recruiter_license_no: str
    sponsor_name: str
    sponsor_phone: str
    sponsor_relation: str
    sponsor_address: str
    companion_name: str
    companion_phone: str
    companion_relation: str
    previous_passport_no: str
    # The applicant.
    nik: str
    sex: str  # L / P
    birth_date: dt.date
    occupation: str
    education: str
    marital_status: str
    address_regency: str  # dotted regency code of the address village, e.g. "33.01"
    address_district: str  # dotted kecamatan code of the address village
    # Derived from the NIK and the office.
    nik_valid: bool
    nik_regency: str  # "" when the NIK is invalid
    nik_mismatches: tuple[str, ...]  # "birth_date" / "sex" where the NIK contradicts the form
    office_regencies: frozenset[str]
    # From history: other applications of the same NIK.
    other_open_applications: int  # not yet decided, submitted within the duplicate window
    holds_valid_passport: bool  # an earlier application of this NIK was issued and is valid
    # Plugged in by fact providers (watchlists, networks, ...): fact name -> facts.
    # E.g. {"watchlist": ("cekal list 'Imigrasi': Siti Aminah, likely (0.93)",),
    #       "interview": (RaisedIndicator("D24", "looks at the companion"),)}.
    facts: Mapping[str, tuple[Fact, ...]] = field(default_factory=dict)

    @property
    def age(self) -> int:
        """Age in whole years on the day of application."""
        born, on = self.birth_date, self.submitted_on
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True)
class Hit:
    """One indicator that fired, with the evidence in words (Indonesian and English)."""

    code: str
    weight: int
    strength: str  # "strong" or "weak" (weak signals alone never raise the level)
    evidence: Mapping[str, str]  # language -> sentence
    title: Mapping[str, str]
    legal_basis: Mapping[str, str]
    questions: tuple[str, ...]  # question codes the interview asks when it fires


@dataclass(frozen=True)
class Assessment:
    score: int  # 0-100
    level: Level
    action: RecommendedAction
    hits: tuple[Hit, ...]
    policy_version: int
    # What the officer should know that moves no score (`Note.reason`s, in the order the
    # providers gave them, without repeats).
    notes: tuple[Reason, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(hit.code for hit in self.hits)

"""Consistency checks of the interview: what the applicant says against the application,
and the application against the same person's earlier applications.

Pure Python (no Django). The interview form records the facts that matter as structured
answers (purpose, destination, departure date, return ticket, who pays, relation to the
sponsor), so the comparison does not depend on reading free text. Where the application
holds free text (source of funds, relation to the sponsor) it is sorted into the same few
categories by keywords; a text that fits no category is not compared (no guessing).

A `Finding` is either a *contradiction* (it feeds D23 "Inconsistent statements") or
*history* (shown to the officer, e.g. an earlier refusal, but not a contradiction by
itself: a refused applicant may reapply).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Final

from rapidfuzz import fuzz

from waspada.domain.names import normalize_name

__all__ = [
    "ADVERSE_OUTCOMES",
    "FUNDS",
    "RELATIONS",
    "ApplicationFacts",
    "EarlierApplication",
    "Finding",
    "StatedFacts",
    "check_history",
    "check_statements",
    "funds_category",
    "relation_category",
    "same_person_name",
]

# Who pays for the trip (the interview's answer; the application's text is sorted into these).
FUNDS: Final = ("own", "family", "sponsor", "employer", "recruiter", "loan", "other")
# Private means: paying yourself or your family paying is the same answer in practice.
_PRIVATE_MEANS: Final = frozenset({"own", "family"})
# The applicant's relation to the sponsor ("none": there is no sponsor).
RELATIONS: Final = ("none", "family", "friend", "employer", "recruiter", "organiser", "other")
# Statuses of an earlier application worth telling the interviewer about.
ADVERSE_OUTCOMES: Final = frozenset({"refused", "deferred", "cancelled"})
DEPARTURE_TOLERANCE_DAYS: Final = 14
HISTORY_WINDOW_DAYS: Final = 365
SAME_NAME_SCORE: Final = 85.0


def _keywords(*words: str) -> re.Pattern[str]:
    """Whole words, case-insensitive; a trailing '*' allows any letters after the word."""
    parts = [re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "") for word in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


_FAMILY_WORDS = (
    "keluarga", "kerabat", "orang tua", "ortu", "ayah", "bapak", "ibu", "suami", "istri",
    "anak", "kakak", "adik", "abang", "saudara*", "paman", "bibi", "om", "tante", "pakde",
    "bude", "sepupu", "keponakan", "mertua", "ipar", "nenek", "kakek", "cucu", "family",
    "relative*", "parent*", "father", "mother", "husband", "wife", "son", "daughter",
    "brother", "sister", "uncle", "aunt", "cousin", "nephew", "niece", "in-law",
)  # fmt: skip

# First match wins: the most telling category comes first ("savings and a loan" is a loan).
_FUNDS_RULES: Final = (
    ("loan", _keywords("pinjam*", "utang", "hutang", "berutang", "kredit", "kur", "gadai",
                       "loan*", "debt", "borrow*")),
    ("recruiter", _keywords("agen", "agency", "calo", "perekrut", "p3mi", "pjtki", "lpk",
                            "manning", "recruiter*", "broker")),
    ("employer", _keywords("majikan", "perusahaan", "kantor", "employer", "company")),
    ("sponsor", _keywords("sponsor", "penjamin", "pengundang", "guarantor")),
    ("family", _keywords(*_FAMILY_WORDS)),
    ("own", _keywords("tabungan", "pribadi", "sendiri", "gaji", "penghasilan", "usaha",
                      "saving*", "own", "salary")),
)  # fmt: skip

# Travel organisers first: "agen travel umrah" is an organiser, not a recruiter.
_RELATION_RULES: Final = (
    ("organiser", _keywords("ppiu", "pihk", "kbih", "biro", "travel", "tour", "pembimbing",
                            "organiser", "organizer")),
    ("recruiter", _keywords("agen", "agent", "agency", "calo", "sponsor", "pl", "perekrut",
                            "p3mi", "pjtki", "lpk", "recruiter*", "broker")),
    ("employer", _keywords("majikan", "atasan", "bos", "perusahaan", "employer", "company",
                           "boss")),
    ("friend", _keywords("teman", "kawan", "sahabat", "kenalan", "pacar", "tetangga",
                         "friend*", "acquaintance", "neighbour", "neighbor", "boyfriend",
                         "girlfriend")),
    ("family", _keywords(*_FAMILY_WORDS)),
)  # fmt: skip


def _categorise(text: str, rules: Iterable[tuple[str, re.Pattern[str]]]) -> str:
    if not text.strip():
        return ""
    for category, pattern in rules:
        if pattern.search(text):
            return category
    return ""


def funds_category(text: str) -> str:
    """The category of FUNDS a source-of-funds text names, or "" when unclear."""
    return _categorise(text, _FUNDS_RULES)


def relation_category(text: str) -> str:
    """The category of RELATIONS a relation-to-sponsor text names, or "" when unclear."""
    return _categorise(text, _RELATION_RULES)


def same_person_name(first: str, second: str) -> bool:
    """True unless both names are given and clearly differ (spelling variants, titles and
    word order allowed)."""
    a, b = normalize_name(first), normalize_name(second)
    if a.is_empty or b.is_empty:
        return True
    return fuzz.token_set_ratio(a.text, b.text) >= SAME_NAME_SCORE


@dataclass(frozen=True)
class ApplicationFacts:
    """What an application says about the trip (the intake record)."""

    purpose: str
    destination_country: str
    intended_departure: dt.date | None = None
    return_ticket: str = "unknown"  # yes / no / unknown
    funds_source: str = ""
    sponsor_name: str = ""
    sponsor_relation: str = ""


@dataclass(frozen=True)
class StatedFacts:
    """What the applicant said at the interview; "" / None where the officer did not ask."""

    purpose: str = ""
    destination_country: str = ""
    departure: dt.date | None = None
    return_ticket: str = ""  # yes / no, or "" when not asked
    funds: str = ""  # one of FUNDS
    sponsor_relation: str = ""  # one of RELATIONS


@dataclass(frozen=True)
class EarlierApplication:
    """Another application of the same person (same NIK), with what was said at its
    interview (the latest session's structured answers, if any)."""

    application_no: str
    submitted_on: dt.date
    status: str
    facts: ApplicationFacts
    stated: StatedFacts = StatedFacts()


@dataclass(frozen=True)
class Finding:
    """One contradiction or history note.

    `code` names what was compared ("destination", "earlier_purpose", ...); `application`
    is the value on the (earlier) application and `stated` the value said now; for
    history findings `reference` / `on` are the earlier application's number and date.
    Values are codes (purpose, country, category) or ISO dates, except the free texts of
    "funds" and "sponsor_relation", which quote the application.
    """

    code: str
    contradiction: bool
    application: str = ""
    stated: str = ""
    reference: str = ""
    on: str = ""

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Finding:
        return cls(
            code=str(data.get("code", "")),
            contradiction=bool(data.get("contradiction", False)),
            application=str(data.get("application", "")),
            stated=str(data.get("stated", "")),
            reference=str(data.get("reference", "")),
            on=str(data.get("on", "")),
        )


def _differs(first: str, second: str) -> bool:
    return bool(first) and bool(second) and first != second


def check_statements(
    application: ApplicationFacts,
    stated: StatedFacts,
    *,
    departure_tolerance_days: int = DEPARTURE_TOLERANCE_DAYS,
) -> list[Finding]:
    """Contradictions between the interview's structured answers and the application."""
    found: list[Finding] = []
    if _differs(application.purpose, stated.purpose):
        found.append(Finding("purpose", True, application.purpose, stated.purpose))
    destination = application.destination_country.upper()
    if _differs(destination, stated.destination_country.upper()):
        found.append(Finding("destination", True, destination, stated.destination_country.upper()))
    if (
        application.intended_departure is not None
        and stated.departure is not None
        and abs((application.intended_departure - stated.departure).days) > departure_tolerance_days
    ):
        found.append(
            Finding(
                "departure",
                True,
                application.intended_departure.isoformat(),
                stated.departure.isoformat(),
            )
        )
    ticket = application.return_ticket if application.return_ticket in ("yes", "no") else ""
    if _differs(ticket, stated.return_ticket):
        found.append(Finding("return_ticket", True, ticket, stated.return_ticket))
    funds = funds_category(application.funds_source)
    if (
        _differs(funds, stated.funds)
        and stated.funds != "other"
        and not {funds, stated.funds} <= _PRIVATE_MEANS
    ):
        found.append(Finding("funds", True, application.funds_source.strip(), stated.funds))
    found.extend(_sponsor_relation(application, stated))
    return found


def _sponsor_relation(application: ApplicationFacts, stated: StatedFacts) -> list[Finding]:
    said = stated.sponsor_relation
    if not said or said == "other":
        return []
    has_sponsor = bool(application.sponsor_name.strip() or application.sponsor_relation.strip())
    if not has_sponsor:
        # The applicant names a sponsor the application does not mention.
        return [] if said == "none" else [Finding("sponsor_relation", True, "", said)]
    if said == "none":
        return [Finding("sponsor_relation", True, application.sponsor_relation.strip(), said)]
    written = relation_category(application.sponsor_relation)
    if _differs(written, said):
        return [Finding("sponsor_relation", True, application.sponsor_relation.strip(), said)]
    return []


def _relevant(earlier: EarlierApplication, submitted_on: dt.date, window_days: int) -> bool:
    """Earlier applications that still say something: recent ones, and any that ended
    badly (an issued passport years ago says nothing about today's trip)."""
    if earlier.status in ADVERSE_OUTCOMES:
        return True
    return abs((submitted_on - earlier.submitted_on).days) <= window_days


def check_history(
    application: ApplicationFacts,
    stated: StatedFacts,
    earlier: Sequence[EarlierApplication],
    *,
    submitted_on: dt.date,
    window_days: int = HISTORY_WINDOW_DAYS,
) -> list[Finding]:
    """Findings against the same person's other applications, oldest first.

    - an earlier refusal, deferral or cancellation (history);
    - a purpose or destination given before (on the application or at its interview)
      that is not the one given now (contradiction);
    - a different sponsor named before (contradiction).
    """
    found: list[Finding] = []
    purposes_now = {application.purpose, stated.purpose} - {""}
    destinations_now = {
        application.destination_country.upper(),
        stated.destination_country.upper(),
    } - {""}
    for other in sorted(earlier, key=lambda e: (e.submitted_on, e.application_no)):
        if not _relevant(other, submitted_on, window_days):
            continue
        where = {"reference": other.application_no, "on": other.submitted_on.isoformat()}
        if other.status in ADVERSE_OUTCOMES:
            found.append(Finding("earlier_outcome", False, other.status, **where))
        for purpose in dict.fromkeys((other.facts.purpose, other.stated.purpose)):
            if purpose and purpose not in purposes_now:
                found.append(
                    Finding("earlier_purpose", True, purpose, application.purpose, **where)
                )
        for country in dict.fromkeys(
            (other.facts.destination_country.upper(), other.stated.destination_country.upper())
        ):
            if country and country not in destinations_now:
                found.append(
                    Finding(
                        "earlier_destination",
                        True,
                        country,
                        application.destination_country.upper(),
                        **where,
                    )
                )
        if (
            other.facts.sponsor_name.strip()
            and application.sponsor_name.strip()
            and not same_person_name(other.facts.sponsor_name, application.sponsor_name)
        ):
            found.append(
                Finding(
                    "earlier_sponsor",
                    True,
                    other.facts.sponsor_name.strip(),
                    application.sponsor_name.strip(),
                    **where,
                )
            )
    return found

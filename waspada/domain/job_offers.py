"""The warning signs of a job offer abroad, for the public job-offer checker.

Pure rules, no Django: the checker page turns a person's answers into an `Offer`, asks the
office's registry of licensed organisers what it knows of the recruiter (`Recruiter`), and
renders the signs, the checks and the places to go in the reader's language.

The answer is never a guarantee. An offer without a warning sign can still be a trap, and
a recruiter the registry does not know is not proof of anything (the registry lags behind):
it is something to check with Disnaker.

Sources:
- UU 18/2017 on the protection of Indonesian migrant workers (PMI): placement only through
  BP2MI/the government or a licensed placement agency (P3MI); a written work agreement
  signed before departure; no placement cost charged to the worker for the jobs the
  regulation frees of it (Perka BP2MI 9/2020: domestic workers, caregivers, farm and
  plantation workers, fishing crew, drivers, cooks, gardeners, ...).
- Kepmenaker 260/2015: no placement of domestic workers with private employers in 19
  countries of the Middle East and North Africa.
- Cambodia, Myanmar, Laos and Thailand have no placement agreement with Indonesia for these
  jobs: an offer of work there is non-procedural (the online-scam compounds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# Kepmenaker 260/2015: domestic work for private employers is closed in these countries.
KEPMENAKER_260 = frozenset(
    "DZ SA BH IQ KW LB LY MA MR EG OM PS QA SS SY TN AE YE JO".split()  # noqa: SIM905
)
# No placement agreement: any job offer there is non-procedural.
NO_PLACEMENT_AGREEMENT = frozenset({"KH", "MM", "LA", "TH"})


class Job(StrEnum):
    DOMESTIC = "domestic"
    CAREGIVER = "caregiver"
    FACTORY = "factory"
    PLANTATION = "plantation"
    CONSTRUCTION = "construction"
    FISHING = "fishing"
    HOSPITALITY = "hospitality"
    ONLINE = "online"  # "admin", "customer service", "online operator", "marketing"
    OTHER = "other"


# Jobs whose placement costs the worker nothing (Perka BP2MI 9/2020).
ZERO_COST_JOBS = frozenset({Job.DOMESTIC, Job.CAREGIVER, Job.PLANTATION, Job.FISHING})

# A promised monthly pay above this (rupiah) is far above what such a job pays abroad:
# "too tempting" is the oldest lure.
PAY_CEILING: dict[Job, int] = {
    Job.DOMESTIC: 12_000_000,
    Job.CAREGIVER: 20_000_000,
    Job.FACTORY: 25_000_000,
    Job.PLANTATION: 15_000_000,
    Job.CONSTRUCTION: 25_000_000,
    Job.FISHING: 15_000_000,
    Job.HOSPITALITY: 20_000_000,
    Job.ONLINE: 15_000_000,
    Job.OTHER: 30_000_000,
}


class FeePaidTo(StrEnum):
    NOBODY = "nobody"
    AGENCY = "agency"  # the placement agency's office, with a receipt
    INDIVIDUAL = "individual"  # a person: sponsor, calo, "staff" of the agency in cash
    UNKNOWN = "unknown"


class ArrangedBy(StrEnum):
    AGENCY = "agency"  # a placement agency (P3MI)
    GOVERNMENT = "government"  # BP2MI / Disnaker (government-to-government programme)
    SPONSOR = "sponsor"  # a sponsor, calo or field agent
    FAMILY = "family"  # a relative or friend
    ONLINE = "online"  # someone met on social media or a chat group
    EMPLOYER = "employer"  # the employer abroad directly
    UNKNOWN = "unknown"


class Visa(StrEnum):
    WORK = "work"
    TOURIST = "tourist"  # including "visit" visas
    UMRAH = "umrah"  # umrah or hajj, "converted later"
    NONE = "none"  # not known / not told
    STUDENT = "student"


class Contract(StrEnum):
    SEEN = "seen"
    NOT_SEEN = "not_seen"
    LATER = "later"  # "you will sign it there"


class Recruiter(StrEnum):
    """What the office's registry of licensed organisers says about the recruiter."""

    NOT_GIVEN = "not_given"
    LICENSED_P3MI = "licensed_p3mi"  # an active placement agency
    OTHER_KIND = "other_kind"  # a licensed umrah/hajj organiser: not a placement agency
    INACTIVE = "inactive"  # in the registry, no longer active
    UNKNOWN = "unknown"  # the registry does not know it (not proof of anything)


class Level(StrEnum):
    SERIOUS = "serious"
    CAUTION = "caution"


class Sign(StrEnum):
    DOMESTIC_BANNED = "domestic_banned"
    NO_AGREEMENT = "no_agreement"
    VISIT_VISA = "visit_visa"
    STUDENT_VISA = "student_visa"
    FEE_TO_INDIVIDUAL = "fee_to_individual"
    FEE_FOR_ZERO_COST_JOB = "fee_for_zero_cost_job"
    INFORMAL_RECRUITER = "informal_recruiter"
    ONLINE_RECRUITER = "online_recruiter"
    NO_CONTRACT = "no_contract"
    PAY_TOO_HIGH = "pay_too_high"
    NOT_A_PLACEMENT_AGENCY = "not_a_placement_agency"
    LICENCE_INACTIVE = "licence_inactive"


SIGN_LEVEL: dict[Sign, Level] = {
    Sign.DOMESTIC_BANNED: Level.SERIOUS,
    Sign.NO_AGREEMENT: Level.SERIOUS,
    Sign.VISIT_VISA: Level.SERIOUS,
    Sign.STUDENT_VISA: Level.CAUTION,
    Sign.FEE_TO_INDIVIDUAL: Level.SERIOUS,
    Sign.FEE_FOR_ZERO_COST_JOB: Level.SERIOUS,
    Sign.INFORMAL_RECRUITER: Level.SERIOUS,
    Sign.ONLINE_RECRUITER: Level.SERIOUS,
    Sign.NO_CONTRACT: Level.SERIOUS,
    Sign.PAY_TOO_HIGH: Level.CAUTION,
    Sign.NOT_A_PLACEMENT_AGENCY: Level.SERIOUS,
    Sign.LICENCE_INACTIVE: Level.SERIOUS,
}


class Check(StrEnum):
    """What the person should check before going on."""

    RECRUITER_UNKNOWN = "recruiter_unknown"  # the registry does not know: ask Disnaker
    RECRUITER_MISSING = "recruiter_missing"  # ask for the agency's name and licence
    LICENSED_STILL_CHECK = "licensed_still_check"  # licensed: still check the job order
    JOB_ORDER = "job_order"  # the job order and the work agreement at Disnaker
    COST_STRUCTURE = "cost_structure"  # the official cost structure for the country
    DESTINATION = "destination"  # the country is not known: ask where exactly


@dataclass(frozen=True)
class Offer:
    destination: str = ""  # ISO 3166-1 alpha-2, "" when not known
    job: Job = Job.OTHER
    monthly_pay: int | None = None  # rupiah
    fee: int | None = None  # rupiah asked of the worker before leaving
    fee_paid_to: FeePaidTo = FeePaidTo.NOBODY
    arranged_by: ArrangedBy = ArrangedBy.UNKNOWN
    visa: Visa = Visa.NONE
    contract: Contract = Contract.NOT_SEEN
    recruiter: Recruiter = Recruiter.NOT_GIVEN


@dataclass(frozen=True)
class Finding:
    sign: Sign
    level: Level


@dataclass(frozen=True)
class Verdict:
    findings: list[Finding] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    @property
    def serious(self) -> bool:
        return any(f.level == Level.SERIOUS for f in self.findings)

    @property
    def level(self) -> str:
        """ "serious", "caution" or "none" - never "safe": no sign is not a guarantee."""
        if self.serious:
            return Level.SERIOUS.value
        return Level.CAUTION.value if self.findings else "none"

    @property
    def signs(self) -> list[Sign]:
        return [f.sign for f in self.findings]


def _signs(offer: Offer) -> list[Sign]:
    found: list[Sign] = []
    country = offer.destination.upper()
    if offer.job == Job.DOMESTIC and country in KEPMENAKER_260:
        found.append(Sign.DOMESTIC_BANNED)
    if country in NO_PLACEMENT_AGREEMENT:
        found.append(Sign.NO_AGREEMENT)
    if offer.visa in {Visa.TOURIST, Visa.UMRAH}:
        found.append(Sign.VISIT_VISA)
    elif offer.visa == Visa.STUDENT:
        found.append(Sign.STUDENT_VISA)
    paid = offer.fee is not None and offer.fee > 0
    if paid and offer.fee_paid_to == FeePaidTo.INDIVIDUAL:
        found.append(Sign.FEE_TO_INDIVIDUAL)
    if paid and offer.job in ZERO_COST_JOBS:
        found.append(Sign.FEE_FOR_ZERO_COST_JOB)
    if offer.arranged_by in {ArrangedBy.SPONSOR, ArrangedBy.FAMILY}:
        found.append(Sign.INFORMAL_RECRUITER)
    elif offer.arranged_by == ArrangedBy.ONLINE:
        found.append(Sign.ONLINE_RECRUITER)
    if offer.contract != Contract.SEEN:
        found.append(Sign.NO_CONTRACT)
    if offer.monthly_pay is not None and offer.monthly_pay > PAY_CEILING[offer.job]:
        found.append(Sign.PAY_TOO_HIGH)
    if offer.recruiter == Recruiter.OTHER_KIND:
        found.append(Sign.NOT_A_PLACEMENT_AGENCY)
    elif offer.recruiter == Recruiter.INACTIVE:
        found.append(Sign.LICENCE_INACTIVE)
    return found


def _checks(offer: Offer) -> list[Check]:
    checks: list[Check] = []
    if not offer.destination:
        checks.append(Check.DESTINATION)
    if offer.recruiter == Recruiter.UNKNOWN:
        checks.append(Check.RECRUITER_UNKNOWN)
    elif offer.recruiter == Recruiter.NOT_GIVEN:
        checks.append(Check.RECRUITER_MISSING)
    elif offer.recruiter == Recruiter.LICENSED_P3MI:
        checks.append(Check.LICENSED_STILL_CHECK)
    checks.append(Check.JOB_ORDER)
    if offer.fee is not None and offer.fee > 0 and offer.job not in ZERO_COST_JOBS:
        checks.append(Check.COST_STRUCTURE)
    return checks


def check_offer(offer: Offer) -> Verdict:
    """The warning signs the answers show, serious ones first, and what to check."""
    findings = [Finding(sign, SIGN_LEVEL[sign]) for sign in _signs(offer)]
    findings.sort(key=lambda f: 0 if f.level == Level.SERIOUS else 1)
    return Verdict(findings=findings, checks=_checks(offer))

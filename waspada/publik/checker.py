"""The public job-offer checker: the person's answers, the office's organiser registry, and
the rules of waspada.domain.job_offers. Nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from waspada.domain import network
from waspada.domain.job_offers import (
    ArrangedBy,
    Contract,
    FeePaidTo,
    Job,
    Offer,
    Recruiter,
    Verdict,
    Visa,
    check_offer,
)
from waspada.networks.models import LicensedOrganiser, OrganiserKind
from waspada.publik.texts import CHECK_TEXTS, SIGN_TEXTS


@dataclass(frozen=True)
class RegistryAnswer:
    status: Recruiter
    name: str = ""  # the licensed organiser's registered name, when found
    licence_no: str = ""


def look_up_recruiter(name: str, licence_no: str) -> RegistryAnswer:
    """What the registry of licensed organisers knows of a recruiter (by licence, then name)."""
    licence = network.licence_key(licence_no.strip()) if licence_no.strip() else None
    name_key = network.name_key(name.strip()) if name.strip() else None
    if licence is None and name_key is None:
        return RegistryAnswer(Recruiter.NOT_GIVEN)
    found = None
    for organiser in LicensedOrganiser.objects.only("kind", "name", "licence_no", "active"):
        if licence is not None and network.licence_key(organiser.licence_no) == licence:
            found = organiser
            break
        if found is None and name_key is not None and network.name_key(organiser.name) == name_key:
            found = organiser
    if found is None:
        return RegistryAnswer(Recruiter.UNKNOWN)
    if not found.active:
        status = Recruiter.INACTIVE
    elif found.kind != OrganiserKind.P3MI:
        status = Recruiter.OTHER_KIND
    else:
        status = Recruiter.LICENSED_P3MI
    return RegistryAnswer(status, found.name, found.licence_no)


def offer_from(data: dict[str, Any], recruiter: Recruiter) -> Offer:
    return Offer(
        destination=data.get("destination") or "",
        job=Job(data["job"]),
        monthly_pay=data.get("monthly_pay"),
        fee=data.get("fee"),
        fee_paid_to=FeePaidTo(data.get("fee_paid_to") or FeePaidTo.NOBODY),
        arranged_by=ArrangedBy(data.get("arranged_by") or ArrangedBy.UNKNOWN),
        visa=Visa(data.get("visa") or Visa.NONE),
        contract=Contract(data.get("contract") or Contract.NOT_SEEN),
        recruiter=recruiter,
    )


@dataclass(frozen=True)
class CheckResult:
    verdict: Verdict
    registry: RegistryAnswer

    def signs(self) -> list[dict[str, Any]]:
        return [
            {
                "level": finding.level.value,
                "title": SIGN_TEXTS[finding.sign][0],
                "text": SIGN_TEXTS[finding.sign][1],
            }
            for finding in self.verdict.findings
        ]

    def checks(self) -> list[Any]:
        return [CHECK_TEXTS[check] for check in self.verdict.checks]


def check(data: dict[str, Any]) -> CheckResult:
    registry = look_up_recruiter(data.get("recruiter_name", ""), data.get("recruiter_licence", ""))
    return CheckResult(check_offer(offer_from(data, registry.status)), registry)

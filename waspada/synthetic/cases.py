"""A generated application with the truth behind it: the pattern it was built to show."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from waspada.applications.records import ApplicantRecord, ApplicationRecord


class Pattern(StrEnum):
    """What a generated case was built to look like; stable values for benchmarks."""

    HONEST = "honest"
    FAMILY = "family"  # benign: a family at one address applying together
    PPIU_PHONE = "ppiu_phone"  # benign: a pilgrim giving the licensed PPIU's office phone
    DISGUISED_TOURISM = "disguised_tourism"
    MIDDLE_EAST_DOMESTIC = "middle_east_domestic"
    UMRAH_COVER = "umrah_cover"
    NO_AGREEMENT_JOB = "no_agreement_job"
    RING = "ring"
    DUPLICATE = "duplicate"
    UNDER_18_WORK = "under_18_work"


SUSPICIOUS = frozenset(
    {
        Pattern.DISGUISED_TOURISM,
        Pattern.MIDDLE_EAST_DOMESTIC,
        Pattern.UMRAH_COVER,
        Pattern.NO_AGREEMENT_JOB,
        Pattern.RING,
        Pattern.DUPLICATE,
        Pattern.UNDER_18_WORK,
    }
)


@dataclass
class Case:
    """One generated application with the truth behind it (for tests and benchmarks)."""

    applicant: ApplicantRecord
    application: ApplicationRecord
    pattern: Pattern = Pattern.HONEST
    group: str = ""  # ring, family or duplicate id; shared by the group's members
    indicators: tuple[str, ...] = ()  # indicator codes the case was built to show

    @property
    def pair(self) -> tuple[ApplicantRecord, ApplicationRecord]:
        return self.applicant, self.application

    @property
    def suspicious(self) -> bool:
        return self.pattern in SUSPICIOUS


def pairs(cases: Iterable[Case]) -> list[tuple[ApplicantRecord, ApplicationRecord]]:
    return [case.pair for case in cases]


def pattern_counts(cases: Iterable[Case]) -> Counter[str]:
    return Counter(str(case.pattern) for case in cases)

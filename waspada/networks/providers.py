"""The facts of this app for screening.

- "ring" (D18): members of the latest run's risky rings, with the ring as evidence; and
  applications naming a group organiser a supervisor marked suspicious. Members of a
  group whose organiser the registry does not know get a note (information only).
- "recruiter_unlicensed" (D21): a recruiter's licence a supervisor marked suspicious; a
  licence the registry does not know gets a note (information only: unknown is not bad).
"""

from __future__ import annotations

from collections.abc import Sequence

from waspada.applications.models import PassportApplication
from waspada.domain.screening import Fact
from waspada.networks.queries import ring_evidence
from waspada.networks.verification import organiser_facts, recruiter_facts


class RingProvider:
    name = "ring"

    def collect(self, applications: Sequence[PassportApplication]) -> dict[int, tuple[Fact, ...]]:
        facts: dict[int, tuple[Fact, ...]] = dict(ring_evidence(app.pk for app in applications))
        for application_id, more in organiser_facts(applications).items():
            facts[application_id] = (*facts.get(application_id, ()), *more)
        return facts


class RecruiterProvider:
    name = "recruiter_unlicensed"

    def collect(self, applications: Sequence[PassportApplication]) -> dict[int, tuple[Fact, ...]]:
        return recruiter_facts(applications)

"""Fact providers: how later parts of Waspada feed the screening policy.

A provider looks at a batch of applications and returns, per application, its facts
under its fact name: evidence lines (e.g. "watchlist" for D14, "broker" for D17, "ring"
for D18) or typed facts (`RaisedIndicator` for "interview").
The indicator conditions read `ScreeningContext.facts[name]`; screening knows nothing
about watchlists or networks. Register a provider once, at app start-up, under its fact
name and at its position (waspada.core.hooks):

    from waspada.screening.providers import register
    register(WatchlistProvider(), order=100)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from waspada.applications.models import PassportApplication
from waspada.core.hooks import HookPoint
from waspada.domain.screening import Fact


class FactProvider(Protocol):
    name: str

    def collect(
        self, applications: Sequence[PassportApplication]
    ) -> Mapping[int, tuple[Fact, ...]]:
        """Facts per application id; applications without facts may be left out."""
        ...


# Registered by name: the name is the fact name the policy's conditions read.
FACT_PROVIDERS: HookPoint[FactProvider] = HookPoint("screening.fact_providers")


def register(provider: FactProvider, *, order: int) -> None:
    """Add a provider under its fact name; a second provider of that name is an error."""
    FACT_PROVIDERS.register(provider.name, provider, order=order)


def providers() -> list[FactProvider]:
    return FACT_PROVIDERS.hooks()


def collect_facts(
    applications: Sequence[PassportApplication],
) -> dict[int, dict[str, tuple[Fact, ...]]]:
    """All providers' facts for a batch: application id -> fact name -> facts."""
    facts: dict[int, dict[str, tuple[Fact, ...]]] = {app.pk: {} for app in applications}
    for provider in providers():
        for application_id, lines in provider.collect(applications).items():
            if lines and application_id in facts:
                facts[application_id][provider.name] = tuple(lines)
    return facts

"""Fact providers: how later parts of Waspada feed the screening policy.

A provider looks at a batch of applications and returns, per application, its facts
under its fact name: evidence lines (e.g. "watchlist" for D14, "broker" for D17, "ring"
for D18) or typed facts (`RaisedIndicator` for "interview").
The indicator conditions read `ScreeningContext.facts[name]`; screening knows nothing
about watchlists or networks. Register a provider once, at app start-up, under its fact
name and at its position (waspada.core.hooks):

    from waspada.screening.providers import register
    register(WatchlistProvider(), order=100)

A provider may also give `Note`s (waspada.domain.screening): values a registry does not
know, which the assessment lists as "not verified" without moving the score. Their words
come from the app that gives them (`NOTE_TEXTS`, by reason code), and the registries the
providers consult describe themselves (`REGISTRIES`: size, last update), so that every
assessment records what it was checked against.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from django.utils.functional import Promise

from waspada.applications.models import PassportApplication
from waspada.core.hooks import HookPoint
from waspada.core.registries import RegistryStatus
from waspada.domain.evidence import Reason
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


def register(provider: FactProvider, *, order: int, key: str = "") -> None:
    """Add a provider under its fact name; a second provider of that name is an error
    unless registered under a `key` of its own (its facts are then joined to the first's)."""
    FACT_PROVIDERS.register(key or provider.name, provider, order=order)


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
                # Two providers may feed one fact name (D12's "identity": the duplicates
                # of the watchlists, Dukcapil's answers): their facts are joined.
                found = facts[application_id]
                found[provider.name] = found.get(provider.name, ()) + tuple(lines)
    return facts


class ConsultedRegistry(Protocol):
    """A registry the providers consult (the licensed organisers, the watchlists)."""

    name: str

    @property
    def label(self) -> str | Promise:
        """Its name in the reader's language ("registry of licensed organisers")."""
        ...

    def status(self) -> RegistryStatus: ...


# Registered by registry name, in the order an assessment lists them.
REGISTRIES: HookPoint[ConsultedRegistry] = HookPoint("screening.registries")
# Registered by a note's reason code: its words in the active language.
NOTE_TEXTS: HookPoint[Callable[[Reason], str]] = HookPoint("screening.note_texts")


def consulted_registries() -> list[dict[str, Any]]:
    """Every registered registry as it stands now (`RegistryStatus.snapshot`)."""
    return [registry.status().snapshot(registry.name) for registry in REGISTRIES]


def registry_label(name: str) -> str:
    registry = REGISTRIES.get(name)
    return str(registry.label) if registry is not None else name


def note_text(reason: Reason) -> str:
    """A note in the active language (its code and parameters when nobody words it)."""
    render = NOTE_TEXTS.get(reason.code)
    if render is not None:
        return render(reason)
    params = ", ".join(f"{name}={value}" for name, value in reason.params)
    return f"{reason.code} ({params})" if params else reason.code

"""The layers of the apps hold, and the apps above plug in through ordered hooks.

The import contracts live in pyproject.toml ([tool.importlinter]) and `make lint` runs
them; these tests check that they pass on the code and that each one catches a breach.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grimp
import pytest
from django.test import Client
from django.urls import reverse
from importlinter.application import use_cases
from importlinter.application.app_config import settings
from importlinter.configuration import configure

from waspada.applications.forms import ApplicationFilterForm
from waspada.applications.hooks import APPLICATIONS_SAVED, DETAIL_PANELS, LIST_FILTERS
from waspada.applications.tests.factories import make_application
from waspada.core.hooks import hook_points
from waspada.core.models import User
from waspada.core.navigation import HOME_PANELS, NAV_COUNTS
from waspada.core.workqueues import HOME_QUEUES
from waspada.networks.hooks import RING_CARRIERS, RING_PANELS
from waspada.partners.events import PARTNER_EVENTS
from waspada.screening.providers import FACT_PROVIDERS, REGISTRIES

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
LAYERS = "The apps are layered"
PURE_DOMAIN = "The domain is pure: no Django, no app"
NO_CYCLES = "No import cycles between the modules of an app"
PURE_SYNTHETIC = "Synthetic data is pure: no Django"


@functools.cache
def _graph() -> grimp.ImportGraph:
    configure()
    options = use_cases.read_user_options(str(PYPROJECT))
    return settings.GRAPH_BUILDER.build(
        root_package_names=options.session_options["root_packages"],
        include_external_packages=True,
        exclude_type_checking_imports=False,
        cache_dir=None,
    )


class _GraphWith:
    """Builds the project's import graph plus some imports (a breach to catch)."""

    def __init__(self, extra: list[tuple[str, str]]) -> None:
        self.extra = extra

    def build(self, **_options: Any) -> grimp.ImportGraph:
        graph = copy.deepcopy(_graph())
        for importer, imported in self.extra:
            graph.add_import(importer=importer, imported=imported)
        return graph


def broken_contracts(*extra: tuple[str, str]) -> set[str]:
    """The contracts of pyproject.toml the code breaks, with these imports added."""
    configure()
    use_cases._register_built_in_contract_types()  # what `lint-imports` does first
    options = use_cases.read_user_options(str(PYPROJECT))
    builder = settings.GRAPH_BUILDER
    settings.configure(GRAPH_BUILDER=_GraphWith(list(extra)))
    try:
        report = use_cases.create_report(options, cache_dir=None)
    finally:
        settings.configure(GRAPH_BUILDER=builder)
    assert not report.could_not_run
    checks = list(report.get_contracts_and_checks())
    assert {contract.name for contract, _check in checks} == {
        LAYERS,
        PURE_DOMAIN,
        PURE_SYNTHETIC,
        NO_CYCLES,
    }
    return {contract.name for contract, check in checks if not check.kept}


def test_the_code_keeps_every_import_contract() -> None:
    assert broken_contracts() == set()


@pytest.mark.parametrize(
    ("importer", "imported", "broken"),
    [
        # A lower app importing a higher one (the application list reading decisions).
        ("waspada.applications.queries", "waspada.decisions.models", {LAYERS}),
        ("waspada.core.services", "waspada.partners.models", {LAYERS}),
        # Apps of one layer import nothing of each other.
        ("waspada.watchlists.services", "waspada.networks.models", {LAYERS}),
        # The domain imports neither Django nor an app (an app is above it, too).
        ("waspada.domain.risk", "django", {PURE_DOMAIN}),
        ("waspada.domain.risk", "waspada.applications.records", {PURE_DOMAIN, LAYERS}),
        # Synthetic data is plain Python: no Django, no app beyond the intake records.
        ("waspada.synthetic.generator", "django", {PURE_SYNTHETIC}),
        ("waspada.synthetic.generator", "waspada.networks.models", {PURE_SYNTHETIC}),
        # A cycle between two modules of an app.
        ("waspada.applications.models", "waspada.applications.views", {NO_CYCLES}),
    ],
)
def test_a_breach_breaks_its_contract(importer: str, imported: str, broken: set[str]) -> None:
    assert broken_contracts((importer, imported)) == broken


def test_the_apps_register_their_hooks_in_the_intended_order() -> None:
    """What the apps above plug in, in the registry's order (not INSTALLED_APPS')."""
    # An application is assessed first, then a recruiter the registry does not know opens
    # its verification task (unless D21 fired), then it is linked to rings: a ring that
    # changes its D18 facts re-assesses it. A Disnaker recommendation no register knows
    # opens its verification request after the assessment too, and so does an identity
    # contradiction (D12, D13) its NIK verification by Dukcapil.
    assert APPLICATIONS_SAVED.names() == [
        "screening",
        "verification",
        "recommendation_requests",
        "nik_verifications",
        "networks",
    ]
    assert DETAIL_PANELS.names() == [
        "assessment",
        "earlier_decisions",
        "watchlists",
        "decisions",
        "interviews",
        "person_referrals",
        "police_alert",
        "brokers",
        "nik_verifications",
    ]
    assert LIST_FILTERS.names() == ["drilldown"]
    assert FACT_PROVIDERS.names() == [
        "watchlist",
        "broker",
        "identity",
        "ring",
        "recruiter_unlicensed",
        "interview",
        "disnaker_unverified",
        "identity_dukcapil",
    ]
    assert REGISTRIES.names() == ["organisers", "watchlists", "disnaker_recommendations"]
    assert NAV_COUNTS.names() == [
        "verification_list",
        "disnaker_home",
        "nik_verification_list",
        "submission_queue",
        "public_report_queue",
    ]
    # The home page's work queues: the counter's first, then interviews, sign-offs, ...
    assert HOME_QUEUES.names() == [
        "applications",
        "interviews",
        "decisions",
        "verifications",
        "partner_answers",
    ]
    assert HOME_PANELS.names() == ["partner_open_items", "expiring_agreements"]
    assert RING_CARRIERS.names() == ["referrals"]
    assert RING_PANELS.names() == ["referrals", "police_alert"]
    # Partner events (written in the change's transaction) go to the API's webhook outbox.
    assert PARTNER_EVENTS.names() == ["webhooks"]
    for point in (
        PARTNER_EVENTS,
        APPLICATIONS_SAVED,
        DETAIL_PANELS,
        LIST_FILTERS,
        FACT_PROVIDERS,
        RING_PANELS,
        REGISTRIES,
        NAV_COUNTS,
        HOME_QUEUES,
        HOME_PANELS,
    ):
        assert hook_points()[point.name] is point


@pytest.fixture
def supervisor_client(login: Callable[[User], Client], supervisor: User) -> Iterator[Client]:
    yield login(supervisor)


@pytest.mark.usefixtures("central_java_regions")
def test_the_application_page_shows_the_panels_of_the_apps_above_in_order(
    supervisor_client: Client,
) -> None:
    application = make_application()
    page = supervisor_client.get(reverse("application_detail", args=[application.application_no]))
    html = page.content.decode()
    testids = ["assessment", "watchlist-matches", "decisions", "interviews"]
    positions = [html.find(f'data-testid="{testid}"') for testid in testids]
    assert -1 not in positions, dict(zip(testids, positions, strict=True))
    assert positions == sorted(positions)


@pytest.mark.usefixtures("central_java_regions")
def test_the_application_list_offers_the_drill_down_filters(supervisor_client: Client) -> None:
    page = supervisor_client.get(reverse("application_list"), {"outcome": "refuse"})
    form = page.context["form"]
    assert isinstance(form, ApplicationFilterForm)
    folded = [field.name for field in form.more_fields()]
    for name in ("outcome", "reason", "interview", "ring", "referred", "event", "event_to"):
        assert name in folded
    assert form.more_in_use()  # a drill-down filter is set: the fold opens
    assert 'name="proposed_by"' in page.content.decode()

"""Property-based fuzzing from the OpenAPI document (schemathesis) against a live server:
every operation, with the keys of the agencies it serves, answers as documented - no
server error, status codes, content types and bodies as the schema says."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks as st_checks

from waspada.api.routes import api
from waspada.api.tests.helpers import DISNAKER, NGO, POLICE, agency, key_for
from waspada.applications.tests.factories import make_application
from waspada.partners import alerts, nik_verifications, services
from waspada.partners.models import AgencyKind, PoliceAlert, RecommendationRequest
from waspada.partners.tests.factories import (
    make_agreement,
    make_person_referral,
    office_supervisor,
)

# Examples per operation: enough to reach every field, fast enough for every run.
EXAMPLES = 20
CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
]


def _keys() -> dict[str, str]:
    """A key per area, of an agency with something in it."""
    disnaker = agency(DISNAKER)
    RecommendationRequest.objects.create(agency=disnaker, number="562/9/REKOM/2026")
    ngo = agency(NGO)
    make_person_referral(ngo)
    police = agency(POLICE)
    make_agreement(police)
    services.refer_case(
        agency=police, what="Lowongan palsu", place="Cilacap", who="", note="Mohon ditindak",
        reported_on=dt.date(2026, 1, 5), acting_user=office_supervisor(),
    )  # fmt: skip
    PoliceAlert.objects.create(
        agency=police, kind="ring", subject="A ring", details=["x"], note="y",
        sent_by=office_supervisor(),
    )  # fmt: skip
    alerts.submit(
        police, list_type="wanted", full_name="Joko", basis="DPO/7", acting_user=office_supervisor()
    )
    dukcapil = agency(AgencyKind.DUKCAPIL)
    nik_verifications.request_verification(make_application(), reason="x", acting_user=None)
    return {
        "recommendations": key_for(disnaker),
        "verification-requests": key_for(disnaker),
        "ring-referrals": key_for(police),
        "case-referrals": key_for(police),
        "person-referrals": key_for(ngo),
        "nik-verifications": key_for(dukcapil),
        "alerts": key_for(police),
        "watchlist-submissions": key_for(police),
        "me": key_for(police),
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("central_java_regions")
def test_the_api_answers_as_its_schema_says(live_server: Any, settings_override: Any) -> None:
    keys = _keys()
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) == 26
    failures: list[str] = []
    for operation in operations:
        area = operation.path.strip("/").split("/")[2]
        try:
            _fuzz(operation, live_server.url, {"Authorization": f"Bearer {keys[area]}"})
        except Exception as error:  # collect every operation's failure, not the first only
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert failures == []


def _fuzz(operation: Any, base_url: str, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        response = case.call(base_url=base_url, headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    check()


@pytest.fixture
def settings_override(settings: Any) -> None:
    """No throttling while fuzzing."""
    settings.WASPADA_API_REQUESTS_PER_MINUTE = 100_000

"""A NIK that contradicts the form, confirmed at the counter, is evidence for screening."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.models import PassportApplication
from waspada.applications.tests.test_intake import _form
from waspada.core.models import User
from waspada.screening.models import IndicatorHit

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture
def counter(login: Callable[..., Client], intake_officer: User) -> Client:
    return login(intake_officer)


def test_a_confirmed_contradiction_is_saved_as_typed_and_d13_quotes_both_values(
    counter: Client,
) -> None:
    response = counter.post(
        reverse("application_register"),
        _form(birth_date="2005-03-14", sex="L", confirm_nik_contradiction="on"),
    )
    assert response.status_code == 302
    application = PassportApplication.objects.get(application_no="CLP-2026-000321")
    # The NIK says 14 March 1998, female; the form's values are kept as typed.
    assert (application.birth_date.isoformat(), application.sex) == ("2005-03-14", "L")
    assert application.applicant.birth_date.isoformat() == "2005-03-14"
    assert application.applicant.nik == "3301015403980007"
    assert "D13" in application.risk_indicators.split(";")
    hit = IndicatorHit.objects.get(assessment__application=application, code="D13")
    assert "2005-03-14" in hit.evidence_en and "1998-03-14" in hit.evidence_en
    assert "form L, NIK P" in hit.evidence_en
    assert "formulir 2005-03-14, NIK 1998-03-14" in hit.evidence_id

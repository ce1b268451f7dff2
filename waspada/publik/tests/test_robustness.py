"""Odd input on the public forms never gives a 500 and never a partial save."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from waspada.publik.models import PublicReport

pytestmark = pytest.mark.django_db

text = st.text(max_size=300) | st.sampled_from(["", " ", "\x00", "0", "-1", "9" * 40, "ä€😀"])
FIELDS = ["destination", "job", "monthly_pay", "fee", "fee_paid_to", "arranged_by", "visa",
          "contract", "recruiter_name", "recruiter_licence"]  # fmt: skip
SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SLOW
@given(st.dictionaries(st.sampled_from(FIELDS), text, min_size=1))
def test_the_checker_answers_any_input_without_an_error(answers: dict[str, str]) -> None:
    response = Client().get("/publik/cek-lowongan/", {"job": "other", **answers})
    # A NUL character is refused before any page is built (400, "request refused").
    assert response.status_code == (400 if "\x00" in "".join(answers.values()) else 200)


@SLOW
@given(
    what=text,
    place=text,
    who=text,
    contact=text,
    website=st.sampled_from(["", "x"]),
)
def test_a_report_with_any_input_is_saved_whole_or_refused_clearly(
    what: str, place: str, who: str, contact: str, website: str
) -> None:
    cache.clear()
    before = PublicReport.objects.count()
    response = Client().post(
        "/publik/lapor/",
        {"what": what, "place": place, "who": who, "contact": contact, "website": website},
    )
    assert response.status_code in {200, 400}
    saved = PublicReport.objects.count() - before
    assert saved == (1 if response.status_code == 200 else 0)
    if saved:
        report = PublicReport.objects.latest("id")
        assert report.what.strip() and report.place.strip()


@SLOW
@given(code=text)
def test_the_status_page_answers_any_code_without_an_error(code: str) -> None:
    cache.clear()
    response = Client().post("/publik/lapor/status/", {"code": code})
    assert response.status_code in {200, 400}

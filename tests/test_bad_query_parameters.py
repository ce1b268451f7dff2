"""Query parameters people forge or mistype are a form error or an empty result, never a
server error (dates the calendar arithmetic cannot reach, "numbers" that are not)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.core.models import User


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
        {"date_from": "2025-02-30"},
    ],
)
def test_the_audit_trail_refuses_dates_out_of_range_on_the_form(
    login: Callable[..., Client], auditor: User, query: dict[str, str]
) -> None:
    response = login(auditor).get(reverse("audit_list"), query)
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize("page", ["99999999999999999999", "²", "-1", "NaN"])
def test_a_page_number_that_is_not_a_page_shows_a_page(
    login: Callable[..., Client], auditor: User, page: str
) -> None:
    response = login(auditor).get(reverse("audit_list"), {"page": page})
    assert response.status_code == 200


@pytest.mark.parametrize("officer", ["²", "99999999999999999999", "١٢"])
def test_the_signatory_form_ignores_an_officer_that_is_not_an_id(
    login: Callable[..., Client], admin_user: User, officer: str
) -> None:
    response = login(admin_user).get(reverse("letter_signatories"), {"officer": officer})
    assert response.status_code == 200
    assert not response.context["form"].initial.get("nip")


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/applications/", {"q": "Siti\x00"}),
        ("post", "/applications/new/", {"full_name": "Siti\x00Aminah", "village": "33\x00"}),
        ("get", "/applications/applicants/3301015403980007%00/", {}),
    ],
)
def test_a_nul_character_is_a_bad_request(
    login: Callable[..., Client], supervisor: User, method: str, url: str, data: dict[str, str]
) -> None:
    # PostgreSQL can neither store nor compare it: refused before any query.
    response = getattr(login(supervisor), method)(url, data)
    assert response.status_code == 400

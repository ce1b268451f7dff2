"""Finding applications, and the application and applicant pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import User

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture
def officer(login: Callable[..., Client], interviewer: User) -> Client:
    return login(interviewer)


@pytest.fixture
def sample() -> dict[str, PassportApplication]:
    return {
        "siti": make_application(
            application_no="CLP-2026-000001",
            submitted_on=dt.date(2026, 1, 5),
            purpose="umrah",
            destination_country="SA",
            applicant={"full_name": "Siti Aminah", "phone": "+6281234567890"},
        ),
        "budi": make_application(
            application_no="CLP-2026-000002",
            submitted_on=dt.date(2026, 2, 10),
            purpose="work",
            destination_country="TW",
            applicant={
                "full_name": "Budi Santoso",
                "sex": "L",
                "phone": "+6285712345678",
                "village_code": "33.02.01.2001",
            },
        ),
        "eko": make_application(
            application_no="CLP-2026-000003",
            submitted_on=dt.date(2026, 3, 15),
            purpose="tourism",
            destination_country="MY",
            applicant={"full_name": "Eko Prasetyo", "sex": "L", "phone": ""},
        ),
    }


def _numbers(client: Client, **params: str) -> list[str]:
    response = client.get(reverse("application_list"), params)
    assert response.status_code == 200
    return [a.application_no for a in response.context["page"].object_list]


def test_newest_first_by_default(officer: Client, sample: dict[str, PassportApplication]) -> None:
    assert _numbers(officer) == ["CLP-2026-000003", "CLP-2026-000002", "CLP-2026-000001"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("aminah", ["CLP-2026-000001"]),
        ("SANTOSO", ["CLP-2026-000002"]),
        ("clp-2026-000003", ["CLP-2026-000003"]),
        ("0812-3456-7890", ["CLP-2026-000001"]),
        ("+62 857 1234 5678", ["CLP-2026-000002"]),
        ("nobody", []),
    ],
)
def test_search_by_name_number_and_phone(
    officer: Client, sample: dict[str, PassportApplication], q: str, expected: list[str]
) -> None:
    assert _numbers(officer, q=q) == expected


def test_search_by_nik(officer: Client, sample: dict[str, PassportApplication]) -> None:
    nik = sample["budi"].applicant.nik
    assert _numbers(officer, q=f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}") == [
        "CLP-2026-000002"
    ]


def test_filters_combine(officer: Client, sample: dict[str, PassportApplication]) -> None:
    assert _numbers(officer, purpose="work") == ["CLP-2026-000002"]
    assert _numbers(officer, destination="SA") == ["CLP-2026-000001"]
    assert _numbers(officer, regency="33.02") == ["CLP-2026-000002"]
    assert _numbers(officer, status="screening", date_from="2026-02-01", date_to="2026-02-28") == [
        "CLP-2026-000002"
    ]
    assert _numbers(officer, status="refused") == []


def test_sorting_by_name(officer: Client, sample: dict[str, PassportApplication]) -> None:
    assert _numbers(officer, sort="name") == [
        "CLP-2026-000002",
        "CLP-2026-000003",
        "CLP-2026-000001",
    ]


def test_invalid_filters_show_a_message_not_an_error(
    officer: Client, sample: dict[str, PassportApplication]
) -> None:
    response = officer.get(
        reverse("application_list"), {"date_from": "2026-03-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "Tanggal akhir sebelum tanggal awal." in response.content.decode()
    bad_date = officer.get(reverse("application_list"), {"date_from": "kemarin"})
    assert bad_date.status_code == 200


def test_pagination(officer: Client) -> None:
    for n in range(55):
        make_application(application_no=f"CLP-2025-{n:06d}", submitted_on=dt.date(2025, 1, 1))
    first = officer.get(reverse("application_list"))
    assert len(first.context["page"].object_list) == 50
    second = officer.get(reverse("application_list"), {"page": 2})
    assert len(second.context["page"].object_list) == 5


def test_list_queries_do_not_grow_with_rows(
    officer: Client, django_assert_max_num_queries: Any
) -> None:
    for n in range(3):
        make_application(application_no=f"A-{n}")
    with CaptureQueriesContext(connection) as few:
        officer.get(reverse("application_list"))
    for n in range(40):
        make_application(application_no=f"B-{n}")
    with CaptureQueriesContext(connection) as many:
        officer.get(reverse("application_list"))
    assert len(many) == len(few)
    # A search asks once whether the text is an application number.
    with django_assert_max_num_queries(len(few) + 1):
        officer.get(reverse("application_list"), {"q": "Siti", "purpose": "tourism"})


def test_application_page_shows_fields_documents_and_timeline(
    officer: Client, intake_officer: User
) -> None:
    application = make_application(
        acting_user=intake_officer,
        application_no="CLP-2026-000777",
        purpose="work",
        destination_country="TW",
        documents=["ktp", "kk"],
        disnaker_recommendation_no="562/1234/REKOM/2026",
    )
    body = officer.get(reverse("application_detail", args=["CLP-2026-000777"])).content.decode()
    assert application.applicant.full_name in body
    assert "562/1234/REKOM/2026" in body
    assert "Taiwan" in body
    assert "Rekomendasi paspor Disnaker" in body  # expected, and missing
    # From the audit trail, in the reader's language.
    assert "Permohonan CLP-2026-000777 didaftarkan" in body
    assert "intake_officer" in body


def test_applicant_page_lists_all_their_applications(officer: Client) -> None:
    first = make_application(application_no="CLP-2025-000010")
    make_application(application_no="CLP-2026-000010", applicant={"nik": first.applicant.nik})
    response = officer.get(reverse("applicant_detail", args=[first.applicant.nik]))
    numbers = [a.application_no for a in response.context["applications"]]
    assert numbers == ["CLP-2026-000010", "CLP-2025-000010"]


def test_unknown_application_is_a_404(officer: Client) -> None:
    assert officer.get(reverse("application_detail", args=["NOPE"])).status_code == 404


def test_admins_and_partners_do_not_see_personal_data(
    login: Callable[..., Client], admin_user: User, police_partner: User
) -> None:
    application = make_application()
    for user in (admin_user, police_partner):
        client = login(user)
        assert client.get(reverse("application_list")).status_code == 403
        url = reverse("application_detail", args=[application.application_no])
        assert client.get(url).status_code == 403

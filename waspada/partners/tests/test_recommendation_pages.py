"""The Disnaker pages: a Disnaker user lands on its open requests and its register, answers
and registers there; it sees only its own agency's rows; odd input is never a 500."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from waspada.core.models import AuditEvent, User
from waspada.core.roles import Role
from waspada.core.tests.worker import run_worker
from waspada.networks.models import LicensedOrganiser
from waspada.networks.tests.helpers import KARYA, KARYA_LICENCE, indicators, worker
from waspada.partners.models import (
    Agency,
    AgencyKind,
    Recommendation,
    RecommendationImportJob,
    RecommendationRequest,
    RequestState,
)
from waspada.partners.recommendations import COLUMNS
from waspada.partners.tests.odd_input import ODD, SETTINGS

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture(autouse=True)
def _licensed_p3mi(db: None) -> None:
    LicensedOrganiser.objects.create(kind="p3mi", name=KARYA, licence_no=KARYA_LICENCE)


@pytest.fixture
def disnaker(make_user: Callable[..., User]) -> User:
    return make_user("disnaker_cilacap", Role.PARTNER, AgencyKind.DISNAKER)


@pytest.fixture
def other_disnaker(db: None) -> Agency:
    return Agency.objects.create(name="Disnaker Banyumas", kind=AgencyKind.DISNAKER)


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def record_of(agency: Agency, number: str = "562/0500/REKOM/2026") -> Recommendation:
    return Recommendation.objects.create(
        agency=agency,
        number=number,
        issued_on=dt.date(2026, 2, 2),
        nik="3301014101900001",
        full_name="Siti Aminah",
        destination_country="TW",
        valid_until=dt.date(2026, 8, 2),
    )


def test_a_disnaker_user_lands_on_its_open_requests_and_register(
    login: Callable[..., Client], disnaker: User
) -> None:
    worker(1)
    worker(2)
    client = english(login(disnaker))
    home = client.get(reverse("home")).content.decode()
    opened = home[home.index('data-testid="open-recommendation_requests"') :][:800]
    assert 'data-testid="open-count">2<' in opened and "0 days" in opened
    assert reverse("disnaker_home") in opened
    page = client.get(reverse("disnaker_home")).content.decode()
    assert "2 open verification requests" in page
    assert "562/0101/REKOM/2026" in page and "0 days" in page
    assert "No recommendation registered yet." in page


def test_registering_on_the_page_verifies_the_application_naming_it(
    login: Callable[..., Client], disnaker: User
) -> None:
    app = worker(1)
    client = english(login(disnaker))
    form = {
        "number": app.disnaker_recommendation_no,
        "issued_on": "2026-02-02",
        "nik": app.applicant.nik,
        "full_name": app.full_name,
        "destination_country": "TW",
        "p3mi_name": KARYA,
        "p3mi_license_no": KARYA_LICENCE,
        "valid_until": "2026-08-02",
    }
    response = client.post(reverse("recommendation_create"), form)
    record = Recommendation.objects.get()
    assert response["Location"] == reverse("recommendation_detail", args=[record.pk])
    assert record.agency == disnaker.agency
    detail = client.get(response["Location"]).content.decode()
    assert app.application_no in detail  # the applications that named it
    again = client.post(reverse("recommendation_create"), form)
    assert "already in your register" in again.content.decode()
    assert Recommendation.objects.count() == 1
    # Revoking needs a reason; with one, D03 fires on the application.
    revoke = reverse("recommendation_revoke", args=[record.pk])
    assert client.post(revoke, {"reason": ""}).status_code == 400
    client.post(revoke, {"reason": "P3MI tidak berizin"})
    assert "D03" in indicators(app)


def test_answering_not_issued_on_the_page_fires_d03_and_issued_verifies(
    login: Callable[..., Client], disnaker: User
) -> None:
    fake, genuine = worker(1), worker(2)
    client = english(login(disnaker))
    requests = {r.number: r for r in RecommendationRequest.objects.all()}
    url = reverse(
        "recommendation_request_detail", args=[requests[fake.disnaker_recommendation_no].pk]
    )
    page = client.get(url).content.decode()
    assert fake.application_no in page and fake.applicant.nik in page
    client.post(url, {"answer": "not_issued", "note": "tidak ada di agenda"})
    assert "D03" in indicators(fake)
    url = reverse(
        "recommendation_request_detail", args=[requests[genuine.disnaker_recommendation_no].pk]
    )
    missing = client.post(url, {"answer": "issued"})
    assert missing.status_code == 400
    assert "Needed to register the recommendation you issued." in missing.content.decode()
    client.post(
        url,
        {
            "answer": "issued",
            "issued_on": "2026-02-02",
            "nik": genuine.applicant.nik,
            "full_name": genuine.full_name,
            "destination_country": "TW",
            "valid_until": "2026-08-02",
        },
    )
    assert "D03" not in indicators(genuine)
    assert (
        RecommendationRequest.objects.get(pk=requests[genuine.disnaker_recommendation_no].pk).state
        == RequestState.ISSUED
    )


def test_another_agencys_rows_are_not_found_for_a_disnaker_user(
    login: Callable[..., Client], disnaker: User, other_disnaker: Agency
) -> None:
    client = login(disnaker)
    theirs = record_of(other_disnaker)
    request = RecommendationRequest.objects.create(agency=other_disnaker, number="562/1/REKOM/2026")
    job = RecommendationImportJob.objects.create(agency=other_disnaker, filename="x.csv")
    for url in (
        reverse("recommendation_detail", args=[theirs.pk]),
        reverse("recommendation_request_detail", args=[request.pk]),
        reverse("recommendation_import_job", args=[job.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("recommendation_revoke", args=[theirs.pk]), {"reason": "x"}).status_code
        == 404
    )
    assert (
        client.post(
            reverse("recommendation_request_detail", args=[request.pk]), {"answer": "not_issued"}
        ).status_code
        == 404
    )
    page = client.get(reverse("disnaker_home")).content.decode()
    assert theirs.number not in page and request.number not in page
    theirs.refresh_from_db()
    assert not theirs.revoked


def test_office_roles_read_every_register_and_supervisors_see_overdue_requests(
    login: Callable[..., Client],
    supervisor: User,
    intake_officer: User,
    police_partner: User,
    other_disnaker: Agency,
) -> None:
    record_of(other_disnaker)
    worker(1)  # the only Disnaker is asked
    RecommendationRequest.objects.update(opened_at=timezone.now() - dt.timedelta(days=5))
    page = english(login(supervisor)).get(reverse("disnaker_home")).content.decode()
    assert "562/0500/REKOM/2026" in page and "Disnaker Banyumas" in page
    assert "1 overdue" in page
    # A supervisor reads a Disnaker's request but does not answer for it.
    request = RecommendationRequest.objects.get()
    detail = login(supervisor).get(reverse("recommendation_request_detail", args=[request.pk]))
    assert 'data-testid="answer-form"' not in detail.content.decode()
    assert login(supervisor).get(reverse("recommendation_create")).status_code == 403
    assert login(intake_officer).get(reverse("disnaker_home")).status_code == 403
    assert login(police_partner).get(reverse("disnaker_home")).status_code == 403


def test_declaring_the_register_complete_needs_a_sound_period(
    login: Callable[..., Client], disnaker: User
) -> None:
    app = worker(1)
    client = english(login(disnaker))
    bad = client.post(
        reverse("register_complete"),
        {"starts_on": "2026-06-30", "ends_on": "2026-01-01"},
        follow=True,
    )
    assert "The end cannot be before the start." in bad.content.decode()
    assert "D03" not in indicators(app)
    client.post(reverse("register_complete"), {"starts_on": "2026-01-01", "ends_on": "2026-06-30"})
    assert "D03" in indicators(app)
    assert AuditEvent.objects.filter(action="partners.register_declared_complete").exists()


@pytest.mark.django_db(transaction=True)
def test_an_uploaded_file_is_imported_in_the_background_and_shown_on_the_page(
    login: Callable[..., Client], disnaker: User
) -> None:
    client = english(login(disnaker))
    bad = client.post(
        reverse("recommendation_import"),
        {"file": SimpleUploadedFile("rekom.csv", b"number,name\n1,x\n")},
    )
    assert "Required columns missing" in bad.content.decode()
    content = (
        ",".join(COLUMNS)
        + "\n"
        + (
            "562/0101/REKOM/2026,2026-02-02,3301014101900001,Siti Aminah,TW,,,,2026-08-02,issued\n"
            "562/0102/REKOM/2026,2026-02-40,3301014101900002,Dewi,TW,,,,2026-08-02,issued\n"
        )
    )
    response = client.post(
        reverse("recommendation_import"),
        {"file": SimpleUploadedFile("rekom.csv", content.encode())},
    )
    job = RecommendationImportJob.objects.get()
    assert response["Location"] == reverse("recommendation_import_job", args=[job.pk])
    run_worker()
    page = client.get(response["Location"]).content.decode()
    assert "nothing was imported" in page
    assert "2026-02-40" in page  # the bad row, by row and column
    assert not Recommendation.objects.exists()
    home = client.get(reverse("disnaker_home")).content.decode()
    recent = home[home.index('data-testid="recent-imports"') :][:400]
    assert "rekom.csv" in recent and "Failed" in recent, recent


_FIELDS = st.sampled_from(
    [
        "number",
        "issued_on",
        "nik",
        "full_name",
        "destination_country",
        "valid_until",
        "answer",
        "note",
        "reason",
        "starts_on",
        "ends_on",
        "q",
        "page",
    ]
)


@pytest.fixture
def disnaker_client(
    login: Callable[..., Client], disnaker: User
) -> tuple[Client, Recommendation, RecommendationRequest]:
    assert disnaker.agency is not None
    request = RecommendationRequest.objects.create(
        agency=disnaker.agency, number="562/7/REKOM/2026"
    )
    return login(disnaker), record_of(disnaker.agency), request


@SETTINGS
@given(body=st.dictionaries(_FIELDS, ODD, max_size=8))
def test_odd_post_bodies_are_form_errors_never_server_errors(
    disnaker_client: tuple[Client, Recommendation, RecommendationRequest], body: dict[str, str]
) -> None:
    client, record, request = disnaker_client
    for url in (
        reverse("recommendation_create"),
        reverse("recommendation_revoke", args=[record.pk]),
        reverse("recommendation_request_detail", args=[request.pk]),
        reverse("register_complete"),
        reverse("recommendation_import"),
    ):
        assert client.post(url, body).status_code in {200, 302, 400}, url


@SETTINGS
@given(query=st.dictionaries(_FIELDS, ODD, max_size=4))
def test_odd_query_values_show_the_pages(
    disnaker_client: tuple[Client, Recommendation, RecommendationRequest], query: dict[str, str]
) -> None:
    client, record, request = disnaker_client
    # A NUL character is refused before any page is built (400, "request refused").
    expected = 400 if "\x00" in "".join(query.values()) else 200
    for url in (
        reverse("disnaker_home"),
        reverse("recommendation_detail", args=[record.pk]),
        reverse("recommendation_request_detail", args=[request.pk]),
    ):
        assert client.get(url, query).status_code == expected, url

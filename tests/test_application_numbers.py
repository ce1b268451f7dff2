"""Application numbers as other systems write them: every page that links to one works."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.url_access import CASEWORK
from waspada.applications.converters import decode_number, encode_number
from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.applications.tests.test_intake import _form
from waspada.core.models import User
from waspada.decisions import services as decisions
from waspada.domain.decisions import deferral_deadline
from waspada.networks.models import DetectionRun, RingCluster, RingMembership

pytestmark = pytest.mark.usefixtures("central_java_regions")

# What other systems put in numbers, and names of pages under /applications/.
ODD_NUMBERS = [
    "SIMKIM/2026/0001",
    "CLP 2026 #A7?a=1&b=2",
    "100% Cilacap",
    "Pémohon/ñ-ü/日本",
    "new",
    "import",
    "..",
    "~7E",
    "a/../../etc",
]


def test_ordinary_numbers_keep_their_urls() -> None:
    assert reverse("application_detail", args=["CLP-2026-004242"]) == (
        "/applications/CLP-2026-004242/"
    )
    assert reverse("application_detail", args=["WSP-2026-0000012"]).endswith("/WSP-2026-0000012/")


@pytest.mark.parametrize(
    ("number", "segment"),
    [
        ("SIMKIM/2026/0001", "SIMKIM~2F2026~2F0001"),
        ("A B", "A~20B"),
        ("é", "~C3~A9"),
        ("~", "~7E"),
        ("new", "~6Eew"),
        ("..", "~2E."),
    ],
)
def test_numbers_are_encoded_into_one_path_segment(number: str, segment: str) -> None:
    assert encode_number(number) == segment
    assert decode_number(segment) == number


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40))
def test_every_number_round_trips_through_its_url(number: str) -> None:
    segment = encode_number(number)
    assert re.fullmatch(r"[A-Za-z0-9_.~-]+", segment)
    assert decode_number(segment) == number


@pytest.mark.parametrize("segment", ["~2f", "~41BC", "~C3", "new", "~", "~2E~2E"])
def test_a_segment_that_is_not_an_encoding_is_not_found(segment: str) -> None:
    with pytest.raises(ValueError):
        decode_number(segment)


@pytest.fixture
def odd_applications() -> list[PassportApplication]:
    return [make_application(application_no=number) for number in ODD_NUMBERS]


def _links(html: str) -> set[str]:
    return {unescape(href) for href in re.findall(r'href="([^"]+)"', html)}


def _detail_url(number: str) -> str:
    return reverse("application_detail", args=[number])


def test_every_role_lists_and_opens_applications_with_odd_numbers(
    personas: dict[str, User], odd_applications: list[PassportApplication]
) -> None:
    for persona in sorted(CASEWORK):
        client = Client()
        client.force_login(personas[persona])
        listing = client.get(reverse("application_list"))
        assert listing.status_code == 200, persona
        links = _links(listing.content.decode())
        for number in ODD_NUMBERS:
            url = _detail_url(number)
            assert url in links, (persona, number)
            page = client.get(url)
            assert page.status_code == 200, (persona, number)
            assert page.context["application"].application_no == number


def test_registering_an_odd_number_leads_to_its_page(
    login: Callable[..., Client], intake_officer: User
) -> None:
    counter = login(intake_officer)
    response = counter.post(
        reverse("application_register"), _form(application_no="SIMKIM/2026/0001")
    )
    assert response.status_code == 302
    # The counter's neutral confirmation, under the number's own address.
    assert response["Location"] == "/applications/SIMKIM~2F2026~2F0001/registered/"
    page = counter.get(response["Location"])
    assert page.status_code == 200
    assert "SIMKIM/2026/0001" in page.content.decode()


def test_queues_interviews_and_decisions_link_to_odd_numbers(
    login: Callable[..., Client],
    interviewer: User,
    supervisor: User,
    odd_applications: list[PassportApplication],
) -> None:
    officer = login(interviewer)
    queue = officer.get(reverse("screening_queue"))
    assert queue.status_code == 200
    links = _links(queue.content.decode())
    for number in ODD_NUMBERS:
        assert _detail_url(number) in links
        assert reverse("interview_start", args=[number]) in links
    application = PassportApplication.objects.get(application_no="SIMKIM/2026/0001")
    start = reverse("interview_start", args=[application.application_no])
    assert officer.get(start).status_code == 200
    started = officer.post(start, {"kind": "standard", "version": application.version})
    assert started.status_code == 302
    session = officer.get(started["Location"])
    assert session.status_code == 200
    assert _detail_url(application.application_no) in _links(session.content.decode())
    propose = reverse("decision_propose", args=[application.application_no])
    assert officer.get(propose).status_code == 200

    other = PassportApplication.objects.get(application_no="Pémohon/ñ-ü/日本")
    decisions.propose_decision(
        other,
        outcome="defer",
        reason="Surat jaminan belum ada.",
        missing_documents=["surat_jaminan"],
        deadline=deferral_deadline(timezone.localdate()),
        acting_user=None,
        expected_version=other.version,
        automatic=True,
    )
    decision_queue = login(supervisor).get(reverse("decision_queue"))
    assert decision_queue.status_code == 200
    assert _detail_url(other.application_no) in _links(decision_queue.content.decode())


def test_ring_pages_and_the_audit_trail_link_to_odd_numbers(
    login: Callable[..., Client], supervisor: User, odd_applications: list[PassportApplication]
) -> None:
    run = DetectionRun.objects.create(finished_at=timezone.now())
    ring = RingCluster.objects.create(run=run, size=len(odd_applications), score=70, risky=True)
    RingMembership.objects.bulk_create(
        RingMembership(cluster=ring, application=application, link_types="phone")
        for application in odd_applications
    )
    client = login(supervisor)
    page = client.get(reverse("ring_detail", args=[ring.pk]))
    assert page.status_code == 200
    links = _links(page.content.decode())
    assert {_detail_url(number) for number in ODD_NUMBERS} <= links

    audit = client.get(reverse("audit_list"), {"action": "applications.registered"})
    assert audit.status_code == 200
    target = odd_applications[0]
    by_id = reverse("application_by_id", args=[target.pk])
    assert by_id in _links(audit.content.decode())
    redirect = client.get(by_id)
    assert redirect.status_code == 302
    assert redirect["Location"] == _detail_url(target.application_no)


def test_the_reports_drill_down_lists_odd_numbers(
    login: Callable[..., Client], head_of_office: User, odd_applications: list[PassportApplication]
) -> None:
    client = login(head_of_office)
    listing = client.get(
        reverse("application_list"), {"regency": "33.01", "sex": "P", "indicator": ""}
    )
    assert listing.status_code == 200
    shown = {application.application_no for application in listing.context["page"].object_list}
    assert shown, "the drill-down should find the applications"
    links = _links(listing.content.decode())
    assert {_detail_url(number) for number in shown} <= links

"""The ring pages: list, one ring with its drawing, reasons and members, review."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from waspada.core.models import AuditEvent, User
from waspada.networks import services
from waspada.networks.models import RingCluster
from waspada.networks.reasons import ring_reasons
from waspada.networks.tests.helpers import broker_ring, family

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture
def rings() -> RingCluster:
    broker_ring(5)
    family()
    services.detect_networks()
    return RingCluster.objects.get(risky=True, run=services.queries.latest_run())


def test_ring_list_puts_the_risky_ring_first_and_filters(
    login: Callable[..., Client], interviewer: User, rings: RingCluster
) -> None:
    client = login(interviewer)
    response = client.get(reverse("ring_list"))
    listed = list(response.context["page"].object_list)
    assert listed[0] == rings
    risky_only = client.get(reverse("ring_list"), {"risky": "on"}).context["page"].object_list
    assert list(risky_only) == [rings]
    assert (
        list(client.get(reverse("ring_list"), {"min_size": 50}).context["page"].object_list) == []
    )


def test_ring_page_draws_members_and_shared_values(
    login: Callable[..., Client], interviewer: User, rings: RingCluster
) -> None:
    response = login(interviewer).get(reverse("ring_detail", args=[rings.pk]))
    body = response.content.decode()
    drawing = response.context["drawing"]
    applications = [n for n in drawing.nodes if n.kind == "application"]
    shared = [n for n in drawing.nodes if n.kind != "application"]
    assert len(applications) == 5
    assert shared and len(drawing.edges) >= 5
    assert 'data-testid="ring-drawing"' in body and "<circle" in body
    # SVG numbers must not be localised (Indonesian writes "230,5").
    assert re.findall(r'<circle cx="(\d+)" cy="(\d+)"', body)
    assert not re.search(r'(cx|cy|x1|y1|x2|y2)="[^"]*,', body)
    assert "Korban Ring0 Tanpa0" in body
    assert 'data-testid="ring-members"' in body
    assert "5 pemohon dari" in body


def test_ring_page_gives_the_reasons_in_the_office_language(
    login: Callable[..., Client], interviewer: User, rings: RingCluster
) -> None:
    same = {
        "code": "same_destination_and_purpose",
        "params": {"destination": "KH", "purpose": "tourism"},
    }
    assert same in rings.reasons
    response = login(interviewer).get(reverse("ring_detail", args=[rings.pk]))
    shown = response.context["reasons"]
    with translation.override("id"):
        assert shown == ring_reasons(rings.reasons)
    # Codes become names: the country and the purpose, not "KH" and "tourism".
    assert "negara tujuan sama (Kamboja) dan keperluan sama (Wisata)" in shown
    with translation.override("en"):
        assert ring_reasons([same]) == ["same destination (Cambodia) and purpose (Tourism)"]


def test_supervisor_marks_a_ring_reviewed_with_audit(
    login: Callable[..., Client], supervisor: User, rings: RingCluster
) -> None:
    client = login(supervisor)
    empty = client.post(reverse("ring_review", args=[rings.pk]), {"note": " "})
    assert empty.status_code == 302
    rings.refresh_from_db()
    assert rings.reviewed_at is None
    client.post(reverse("ring_review", args=[rings.pk]), {"note": "Dirujuk ke Polresta Cilacap"})
    rings.refresh_from_db()
    assert rings.reviewed_by == supervisor and rings.review_note == "Dirujuk ke Polresta Cilacap"
    assert AuditEvent.objects.filter(action="networks.ring_reviewed", actor=supervisor).exists()


def test_interviewers_see_rings_but_cannot_review_or_refer(
    login: Callable[..., Client], interviewer: User, rings: RingCluster
) -> None:
    client = login(interviewer)
    assert client.post(reverse("ring_review", args=[rings.pk]), {"note": "x"}).status_code == 403
    assert client.post(reverse("ring_refer", args=[rings.pk]), {}).status_code == 403
    body = client.get(reverse("ring_detail", args=[rings.pk])).content.decode()
    assert 'action="/networks/' not in body


def test_without_a_detection_the_list_explains_what_to_run(
    login: Callable[..., Client], supervisor: User
) -> None:
    response = login(supervisor).get(reverse("ring_list"))
    assert response.status_code == 200
    assert "detect-networks" in response.content.decode()


def test_ring_list_queries_do_not_grow_with_the_rings(
    login: Callable[..., Client], interviewer: User, rings: RingCluster
) -> None:
    client = login(interviewer)

    def listing() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("ring_list"))
        return len(queries), len(response.context["page"].object_list)

    queries_before, listed_before = listing()
    broker_ring(3, phone="0812-1111-2222", sponsor="Bu Sumarni Wati", start=10)
    queries_after, listed_after = listing()
    assert listed_after == listed_before + 1
    assert queries_after == queries_before


def test_a_ring_of_an_earlier_run_is_history_and_is_not_reviewed_any_more(
    login: Callable[..., Client], supervisor: User, rings: RingCluster
) -> None:
    services.detect_networks()
    client = login(supervisor)
    body = client.get(reverse("ring_detail", args=[rings.pk])).content.decode()
    assert 'data-testid="ring-history"' in body
    assert reverse("ring_review", args=[rings.pk]) not in body
    client.post(reverse("ring_review", args=[rings.pk]), {"note": "Terlambat"})
    rings.refresh_from_db()
    assert rings.reviewed_at is None

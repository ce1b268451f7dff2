"""Rings that can be worked: the list says what links each ring, a large ring is drawn in
groups and its members are listed a page at a time, link kinds read in the office's
language, and members of a risky ring whose passport was already issued stand out."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.models import PassportApplication, Status
from waspada.applications.services import change_status
from waspada.core.models import User
from waspada.networks import services
from waspada.networks.drawing import GROUP_FROM
from waspada.networks.models import RingCluster
from waspada.networks.tests.helpers import big_ring, broker_ring

pytestmark = pytest.mark.usefixtures("central_java_regions")


def _indonesian(client: Client) -> Client:
    client.cookies["django_language"] = "id"
    return client


def test_a_150_member_ring_page_stays_small_and_readable(
    login: Callable[..., Client], supervisor: User
) -> None:
    ring = big_ring(150)
    assert ring.size == 150
    client = _indonesian(login(supervisor))
    response = client.get(reverse("ring_detail", args=[ring.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 300_000, len(response.content)
    # Drawn in groups (one per set of shared values), not 150 circles with 600 lines.
    drawing = response.context["drawing"]
    assert drawing.grouped and drawing.members == 150 > GROUP_FROM
    groups = [node for node in drawing.nodes if node.kind == "group"]
    assert 1 < len(groups) <= 10 and sum(node.count for node in groups) == 150
    assert len(drawing.edges) < 40
    start = body.index('data-testid="ring-drawing"')
    svg = body[start : body.index("</svg>", start)]
    assert svg.count("<circle") == len(groups)
    assert "pemohon yang memberikan nilai bersama yang sama" in body
    # Names on demand: each group's tooltip names its applicants.
    assert re.search(r"<title>Anggota Jaringan \d+ \(", svg)
    # The table shows one page of members, their links in words.
    table = body[body.index('data-testid="ring-members"') : body.index("</table>")]
    assert table.count("<tr>") + table.count("<tr ") == 1 + 50
    assert "<td>telepon, sponsor</td>" in table  # "sponsor" is Indonesian too
    assert not re.search(r"\bphone\b", table)
    assert "Halaman 1 dari 3" in body
    last = client.get(reverse("ring_detail", args=[ring.pk]), {"page": 3})
    assert "Anggota Jaringan" in last.content.decode()


def test_the_ring_list_says_what_links_each_ring_its_size_and_span(
    login: Callable[..., Client], supervisor: User
) -> None:
    broker_ring(5)
    services.detect_networks()
    ring = RingCluster.objects.get(run=services.queries.latest_run(), risky=True)
    body = _indonesian(login(supervisor)).get(reverse("ring_list")).content.decode()
    row = body[body.index(f'href="{reverse("ring_detail", args=[ring.pk])}"') :]
    row = row[: row.index("</tr>")]
    linked = re.search(r'data-testid="ring-linked-by">([^<]*)<', row)
    assert linked is not None
    assert linked.group(1) == "telepon, sponsor"
    assert "<td>5</td>" in row
    assert f"{ring.span_days} hari" in row and ring.span_days == 12


def test_issued_passports_in_a_risky_ring_are_marked_for_follow_up(
    login: Callable[..., Client], supervisor: User
) -> None:
    members = broker_ring(5)
    services.detect_networks()
    ring = RingCluster.objects.get(run=services.queries.latest_run(), risky=True)
    client = _indonesian(login(supervisor))
    assert (
        'data-testid="ring-follow-up"'
        not in client.get(reverse("ring_detail", args=[ring.pk])).content.decode()
    )
    issued = PassportApplication.objects.get(pk=members[1].pk)
    change_status(issued, Status.ISSUED, expected_version=issued.version, acting_user=None)
    body = client.get(reverse("ring_detail", args=[ring.pk])).content.decode()
    assert 'data-testid="ring-follow-up"' in body
    assert "1 anggota jaringan berisiko ini sudah memegang paspor" in body
    marked = re.findall(r'data-testid="ring-member-follow-up">\s*<td><a [^>]*>([^<]+)<', body)
    assert marked == [issued.application_no]
    only = client.get(reverse("ring_detail", args=[ring.pk]), {"issued": "1"})
    assert list(m.application_id for m in only.context["member_page"].object_list) == [issued.pk]

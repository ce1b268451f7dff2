"""Incremental linking: applications join, merge and leave rings as they are saved."""

from __future__ import annotations

import pytest

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.domain import network
from waspada.networks import services
from waspada.networks.models import DetectionRun, NetworkKey, RingCluster, RunKind, RunState
from waspada.networks.queries import latest_run
from waspada.networks.tests.helpers import (
    BROKER_E164,
    BROKER_PHONE,
    broker_ring,
    indicators,
    members,
    person,
    second_ring,
)

pytestmark = pytest.mark.usefixtures("central_java_regions")


def current_rings() -> list[RingCluster]:
    return list(RingCluster.objects.filter(run=latest_run()).order_by("pk"))


def test_applications_saved_at_the_counter_form_a_ring_without_any_detection_run() -> None:
    ring = broker_ring(5)
    run = latest_run()
    assert run is not None and run.kind == RunKind.LINKS and run.linked == 5
    [found] = current_rings()
    assert members(found.pk) == {a.pk for a in ring} and found.risky
    assert all("D18" in indicators(a) for a in ring)
    assert AuditEvent.objects.filter(action="networks.application_linked").count() == 4


def test_a_new_application_joins_the_ring_of_the_latest_run_and_gets_d18(
    intake_officer: User,
) -> None:
    ring = broker_ring(3)
    detected = services.detect_networks().run
    newcomer = make_application(
        acting_user=intake_officer,
        applicant=person("33.05.01.2001", "Korban Baru Sekali"),
        destination_country="KH",
        companion_name="Darto",
        companion_phone=BROKER_E164,
        companion_relation="Kenalan",
    )
    [found] = current_rings()
    assert latest_run() == detected, "linked into the latest run, no new run"
    assert members(found.pk) == {a.pk for a in [*ring, newcomer]}
    assert found.memberships.get(application=newcomer).link_types == "phone"
    assert "D18" in indicators(newcomer)
    assert NetworkKey.objects.filter(application=newcomer, kind="phone").exists()
    link = AuditEvent.objects.get(action="networks.application_linked", object_id=str(found.pk))
    assert link.actor == intake_officer
    detected.refresh_from_db()
    assert detected.linked == 1


def test_a_new_application_merges_two_rings() -> None:
    first, second = broker_ring(3), second_ring(2)
    services.detect_networks()
    assert len(current_rings()) == 2
    bridge = make_application(
        applicant=person("33.05.01.2001", "Penghubung Dua Ring"),
        destination_country="KH",
        sponsor_phone=BROKER_PHONE,
        companion_phone="081900112233",
        companion_relation="Teman",
    )
    [merged] = current_rings()
    assert members(merged.pk) == {a.pk for a in [*first, *second, bridge]}


def test_an_application_sharing_nothing_links_nothing() -> None:
    broker_ring(2)
    services.detect_networks()
    alone = make_application(applicant=person("33.05.01.2001", "Orang Lain Sama Sekali"))
    assert services.link_new_application(alone) is None
    assert len(current_rings()) == 1


def test_a_changed_application_leaves_its_ring() -> None:
    ring = broker_ring(3)
    leaving = ring[0]
    PassportApplication.objects.filter(pk=leaving.pk).update(
        sponsor_name="", sponsor_phone="", sponsor_relation=""
    )
    assert services.link_new_application(leaving) is None
    [found] = current_rings()
    assert members(found.pk) == {a.pk for a in ring[1:]}


def test_a_shared_value_given_by_too_many_is_a_hub_and_joins_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(network, "HUB_SIZE", 3)
    ring = broker_ring(3)
    fourth = broker_ring(1, start=3)[0]
    assert services.link_new_application(fourth) is None
    [found] = current_rings()
    assert members(found.pk) == {a.pk for a in ring}


def test_a_big_batch_queues_one_full_detection_instead_of_linking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(services, "LINK_LIMIT", 2)
    ring = broker_ring(3)  # one at a time: linked
    services.link_saved_applications([a.pk for a in ring], trigger="import", acting_user=None)
    services.link_saved_applications([a.pk for a in ring], trigger="import", acting_user=None)
    queued = DetectionRun.objects.filter(state=RunState.QUEUED)
    assert queued.count() == 1 and queued.get().kind == RunKind.FULL
    assert AuditEvent.objects.filter(action="networks.detection_queued").count() == 1


def test_a_full_run_takes_over_what_was_linked_while_it_computed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ring = broker_ring(3)
    services.detect_networks()
    computing = network.detect
    saved_meanwhile: list[PassportApplication] = []
    calls: list[int] = []

    def detect_while_the_counter_works(*args: object, **kwargs: object) -> network.DetectionResult:
        # The counter registers a ring member while the run clusters what it loaded
        # (once: linking it clusters too).
        calls.append(1)
        if len(calls) == 1:
            saved_meanwhile.extend(broker_ring(1, start=3))
        return computing(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services.network, "detect", detect_while_the_counter_works)
    outcome = services.detect_networks()
    [found] = current_rings()
    assert found.run == outcome.run
    assert members(found.pk) == {a.pk for a in [*ring, *saved_meanwhile]}
    assert "D18" in indicators(saved_meanwhile[0])
    assert NetworkKey.objects.filter(application=saved_meanwhile[0], kind="phone").exists()

"""Webhooks to a receiver on 127.0.0.1: written with the change, signed, in order,
retried with backoff, and the address disabled after repeated failures."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from waspada.api import webhooks
from waspada.api.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from waspada.api.tests.helpers import NGO, agency
from waspada.core.models import AuditEvent
from waspada.partners import person_referrals
from waspada.partners.tests.factories import make_person_referral, office_supervisor

pytestmark = pytest.mark.usefixtures("central_java_regions")


class Receiver:
    """An agency's system: answers the statuses given in turn (then 200), keeps what came."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"headers": dict(self.headers), "body": body})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/waspada"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    with override_settings(WASPADA_WEBHOOK_LOCAL_HTTP=True):
        yield running
    running.server.shutdown()


def signed_arrival(
    receiver: Receiver, endpoint: WebhookEndpoint, secret: str, event: str
) -> dict[str, Any]:
    """The worker delivers the one event waiting; it arrives signed: its data."""
    assert webhooks.deliver_due(endpoint.pk) == 1
    (arrived,) = receiver.received
    headers = arrived["headers"]
    assert headers["X-Waspada-Event"] == event
    assert webhooks.verify(
        secret, headers["X-Waspada-Timestamp"], arrived["body"], headers["X-Waspada-Signature"]
    )
    data: dict[str, Any] = json.loads(arrived["body"])["data"]
    return data


def _due_now(endpoint: WebhookEndpoint) -> None:
    """Time passes: the next retry is due."""
    WebhookDelivery.objects.filter(endpoint=endpoint).update(next_attempt_at=timezone.now())


def test_a_signed_referral_created_arrives_in_order_after_a_retry(
    db: None, receiver: Receiver
) -> None:
    ngo = agency(NGO)
    endpoint, secret = webhooks.add_endpoint(
        ngo, url=receiver.url, events=["referral.created", "referral.revoked"], acting_user=None
    )
    first = make_person_referral(ngo)
    person_referrals.revoke(
        first, reason="Salah kirim", seen_status="sent", acting_user=office_supervisor()
    )
    # Written with the change, waiting for the worker.
    assert list(WebhookDelivery.objects.order_by("id").values_list("event", "state")) == [
        ("referral.created", "pending"),
        ("referral.revoked", "pending"),
    ]
    receiver.statuses = [503]
    assert webhooks.deliver_due(endpoint.pk) == 0
    failed = WebhookDelivery.objects.order_by("id").first()
    assert failed is not None and (failed.attempts, failed.last_status) == (1, 503)
    # Retried after the backoff, not before; the later event waits for the earlier one.
    assert failed.next_attempt_at > timezone.now()
    assert webhooks.deliver_due(endpoint.pk) == 0
    assert len(receiver.received) == 1
    _due_now(endpoint)
    assert webhooks.deliver_due(endpoint.pk) == 2
    events = [json.loads(r["body"])["event"] for r in receiver.received]
    assert events == ["referral.created", "referral.created", "referral.revoked"]
    for request in receiver.received:
        headers = request["headers"]
        assert webhooks.verify(
            secret, headers["X-Waspada-Timestamp"], request["body"], headers["X-Waspada-Signature"]
        )
        # A replayed delivery, or another secret, does not verify.
        assert not webhooks.verify(
            secret,
            headers["X-Waspada-Timestamp"],
            request["body"],
            headers["X-Waspada-Signature"],
            now=int(headers["X-Waspada-Timestamp"]) + webhooks.REPLAY_WINDOW + 1,
        )
        assert not webhooks.verify(
            "other", headers["X-Waspada-Timestamp"], request["body"], headers["X-Waspada-Signature"]
        )
    data = json.loads(receiver.received[-1]["body"])["data"]
    assert data == {"kind": "person", "id": first.pk}
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {"delivered"}


def test_the_outbox_rolls_back_with_the_change(db: None, receiver: Receiver) -> None:
    ngo = agency(NGO)
    webhooks.add_endpoint(ngo, url=receiver.url, events=["referral.created"], acting_user=None)
    make_person_referral(ngo)  # the agreement exists from here on
    WebhookDelivery.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_person_referral(ngo, application=None)
        assert WebhookDelivery.objects.count() == 1
        raise RuntimeError("the change fails after the event")
    assert WebhookDelivery.objects.count() == 0


def test_repeated_failures_disable_the_address_and_tell_the_admin(
    db: None, receiver: Receiver
) -> None:
    ngo = agency(NGO)
    endpoint, _secret = webhooks.add_endpoint(
        ngo, url=receiver.url, events=["referral.created"], acting_user=None
    )
    for _ in range(webhooks.DISABLE_AFTER):
        make_person_referral(ngo)
    receiver.statuses = [500] * 100
    for _ in range(webhooks.MAX_ATTEMPTS * webhooks.DISABLE_AFTER):
        _due_now(endpoint)
        webhooks.deliver_due(endpoint.pk)
    endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.disabled_at is not None
    assert WebhookDelivery.objects.filter(state=DeliveryState.FAILED).count() == 3
    assert len(receiver.received) == webhooks.MAX_ATTEMPTS * webhooks.DISABLE_AFTER
    assert AuditEvent.objects.filter(action="api.webhook_disabled").count() == 1
    # A disabled address gets nothing more.
    make_person_referral(ngo)
    assert WebhookDelivery.objects.filter(state=DeliveryState.PENDING).count() == 0


def test_only_https_addresses_unless_local_stand_ins_are_allowed(db: None) -> None:
    from waspada.api.keys import BadClient

    with pytest.raises(BadClient, match="https"):
        webhooks.add_endpoint(
            agency(NGO),
            url="http://example.org/hook",
            events=["referral.created"],
            acting_user=None,
        )
    with pytest.raises(BadClient, match="https"):
        webhooks.add_endpoint(
            agency(NGO),
            url="http://127.0.0.1:9/hook",
            events=["referral.created"],
            acting_user=None,
        )


def test_a_police_system_gets_a_signed_referral_created_and_answers_through_the_api(
    db: None, receiver: Receiver
) -> None:
    from waspada.api.tests.helpers import POLICE, Api, key_for, risky_ring
    from waspada.partners import services
    from waspada.partners.tests.factories import make_agreement

    police = agency(POLICE)
    make_agreement(police)
    endpoint, secret = webhooks.add_endpoint(
        police, url=receiver.url, events=["referral.created"], acting_user=None
    )
    ring = risky_ring()
    services.refer_ring(ring, agency=police, note="Calo yang sama", acting_user=office_supervisor())
    referral_id = signed_arrival(receiver, endpoint, secret, "referral.created")["id"]
    api = Api(key_for(police))
    assert api.get(f"ring-referrals/{referral_id}").json()["people"] == 4
    answer = api.post(
        f"ring-referrals/{referral_id}/answer",
        {"status": "accepted", "note": "Kami selidiki", "seen_status": "sent"},
    )
    assert answer.status_code == 200 and answer.json()["status"] == "accepted"


def test_the_worker_is_asked_once_the_change_commits_and_again_after_the_backoff(
    db: None, receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    from waspada.api.tasks import deliver_webhooks

    ngo = agency(NGO)
    endpoint, _secret = webhooks.add_endpoint(
        ngo, url=receiver.url, events=["referral.created"], acting_user=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_person_referral(ngo)
    queued = DBTaskResult.objects.get(task_path="waspada.api.tasks.deliver_webhooks")
    assert queued.args_kwargs["args"] == [endpoint.pk]
    receiver.statuses = [500]
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver_webhooks.func(endpoint.pk) == 0
    retry = DBTaskResult.objects.exclude(pk=queued.pk).get()
    delivery = WebhookDelivery.objects.get()
    # Asked to try again when the backoff ends.
    assert retry.run_after == delivery.next_attempt_at
    assert delivery.next_attempt_at - timezone.now() > webhooks.backoff(1) * 0.9


def test_a_police_system_is_told_of_an_alert_and_acknowledges_it_through_the_api(
    db: None, receiver: Receiver
) -> None:
    from waspada.api.tests.helpers import POLICE, Api, key_for, risky_ring
    from waspada.partners import alerts
    from waspada.partners.tests.factories import make_agreement

    police = agency(POLICE)
    make_agreement(police)
    endpoint, secret = webhooks.add_endpoint(
        police, url=receiver.url, events=["alert.created"], acting_user=None
    )
    ring = risky_ring()
    # An alert refused (a ring not found risky) leaves nothing in the outbox.
    ring.risky = False
    with pytest.raises(alerts.AlertRefused):
        alerts.alert_ring(ring, agency=police, note="x", acting_user=office_supervisor())
    assert not WebhookDelivery.objects.exists()
    ring.risky = True
    alert = alerts.alert_ring(
        ring, agency=police, note="Calo yang sama", acting_user=office_supervisor()
    )
    data = signed_arrival(receiver, endpoint, secret, "alert.created")
    assert data == {"kind": "ring", "id": alert.pk}
    api = Api(key_for(police))
    answer = api.post(f"alerts/{alert.pk}/acknowledge", {})
    assert answer.status_code == 200 and answer.json()["status"] == "acknowledged"


def test_a_dukcapil_system_is_told_of_a_nik_verification_request(
    db: None, receiver: Receiver
) -> None:
    from waspada.applications.tests.factories import make_application
    from waspada.partners import nik_verifications
    from waspada.partners.models import AgencyKind

    dukcapil = agency(AgencyKind.DUKCAPIL)
    endpoint, secret = webhooks.add_endpoint(
        dukcapil, url=receiver.url, events=["verification.requested"], acting_user=None
    )
    item = nik_verifications.request_verification(
        make_application(), reason="KTP tampak diubah", acting_user=None
    )
    # The request named by id and reference: the NIK and name are read through the API.
    assert signed_arrival(receiver, endpoint, secret, "verification.requested") == {
        "kind": "nik",
        "id": item.pk,
        "reference": item.reference,
    }


def test_a_report_referred_to_the_police_is_a_referral_created(db: None) -> None:
    import datetime as dt

    from waspada.api.tests.helpers import POLICE
    from waspada.partners import services
    from waspada.partners.tests.factories import make_agreement

    police = agency(POLICE)
    make_agreement(police)
    webhooks.add_endpoint(
        police, url="https://polres.example.id/hooks", events=["referral.created"], acting_user=None
    )
    case = services.refer_case(
        agency=police,
        what="Lowongan palsu",
        place="Cilacap",
        who="",
        reported_on=dt.date(2026, 1, 5),
        note="Mohon ditindak",
        acting_user=office_supervisor(),
    )
    (delivery,) = WebhookDelivery.objects.all()
    assert (delivery.event, delivery.payload) == (
        "referral.created",
        {"kind": "case", "id": case.pk},
    )

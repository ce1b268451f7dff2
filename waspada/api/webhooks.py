"""Webhooks: an agency's HTTPS address is told of its events, signed, with retries.

- The outbox: `record` (a listener of `waspada.partners.events`) writes one delivery row
  per subscribed active endpoint of the agency, inside the transaction of the change;
  the background worker is asked once it commits.
- Delivery (`deliver_due`, the worker's task): the endpoint's due deliveries oldest
  first; the first that fails stops the round (events arrive in order) and is retried
  with exponential backoff (`BACKOFF_SECONDS` x 2^attempt) up to `MAX_ATTEMPTS`; then it
  is given up, and after `DISABLE_AFTER` deliveries given up in a row the endpoint is
  disabled, audited, and the administrator's API page says so.
- Signing: `X-Waspada-Timestamp: <unix seconds>` and
  `X-Waspada-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. A
  receiver recomputes it (`verify`) and refuses a timestamp older than `REPLAY_WINDOW`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.api.keys import BadClient
from waspada.api.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.models import User
from waspada.partners.events import EVENTS
from waspada.partners.models import Agency

MAX_ATTEMPTS = 6
BACKOFF_SECONDS = 30
DISABLE_AFTER = 3
REPLAY_WINDOW = 300
TIMEOUT = 10
TASK = "waspada.api.tasks.deliver_webhooks"


def _local(url: str) -> bool:
    return (urlsplit(url).hostname or "") in {"127.0.0.1", "localhost", "::1"}


@transaction.atomic
def add_endpoint(
    agency: Agency,
    *,
    url: str,
    events: list[str],
    acting_user: User | None,
    request: HttpRequest | None = None,
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its signing secret (shown once)."""
    parts = urlsplit(url)
    plain_local = parts.scheme == "http" and _local(url) and settings.WASPADA_WEBHOOK_LOCAL_HTTP
    if not (parts.scheme == "https" or plain_local) or not parts.hostname:
        raise BadClient("url", _("A webhook address must be an https:// address."))
    unknown = [e for e in events if e not in EVENTS]
    if not events or unknown:
        raise BadClient(
            "events", _("Choose events among: %(events)s.") % {"events": ", ".join(EVENTS)}
        )
    secret = secrets.token_urlsafe(32)
    endpoint = WebhookEndpoint.objects.create(
        agency=agency,
        url=url,
        secret=secret,
        events=sorted(set(events)),
        created_by=acting_user if acting_user is not None and acting_user.pk else None,
    )
    audit.record(
        AuditAction.WEBHOOK_ADDED,
        said(
            gettext_noop("Webhook %(url)s for %(agency)s: %(events)s"),
            url=url,
            agency=agency.name,
            events=endpoint.events,
        ),
        actor=acting_user,
        obj=endpoint,
        details={"agency": agency.pk, "events": endpoint.events},
        request=request,
    )
    return endpoint, secret


def record(event: str, agency: Agency, payload: dict[str, Any]) -> None:
    """The outbox: a delivery per endpoint of `agency` that wants `event` (in the
    caller's transaction); the worker is asked after the commit."""
    endpoints = [
        e
        for e in WebhookEndpoint.objects.filter(agency=agency, is_active=True)
        if event in e.events
    ]
    if not endpoints:
        return
    now = timezone.now()
    WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(endpoint=e, event=event, payload=payload, next_attempt_at=now)
            for e in endpoints
        ]
    )
    for endpoint in endpoints:
        _schedule(endpoint.pk)


def _schedule(endpoint_id: int, run_after: dt.datetime | None = None) -> None:
    def send() -> None:
        from django.utils.module_loading import import_string

        task = import_string(TASK)
        if run_after is not None:
            task = task.using(run_after=run_after)
        task.enqueue(endpoint_id)

    transaction.on_commit(send)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(
    secret: str, timestamp: str, body: bytes, signed: str, *, now: float | None = None
) -> bool:
    """What a receiver checks: the signature, and a timestamp within the replay window."""
    try:
        age = abs((now if now is not None else time.time()) - int(timestamp))
    except ValueError:
        return False
    return age <= REPLAY_WINDOW and hmac.compare_digest(signature(secret, timestamp, body), signed)


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(
        {
            "id": delivery.pk,
            "event": delivery.event,
            "created_at": delivery.created_at.isoformat(),
            "data": delivery.payload,
        },
        separators=(",", ":"),
    ).encode()


def _send(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> tuple[int | None, str]:
    body = body_of(delivery)
    timestamp = str(int(time.time()))
    request = urllib.request.Request(
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Waspada-Webhooks/1",
            "X-Waspada-Event": delivery.event,
            "X-Waspada-Delivery": str(delivery.pk),
            "X-Waspada-Timestamp": timestamp,
            "X-Waspada-Signature": signature(endpoint.secret, timestamp, body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            return answer.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, str(error)[:300]


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=BACKOFF_SECONDS * 2 ** max(0, attempts - 1))


def deliver_due(endpoint_id: int) -> int:
    """Deliver the endpoint's due deliveries in order; returns how many arrived."""
    endpoint = WebhookEndpoint.objects.select_related("agency").get(pk=endpoint_id)
    delivered = 0
    while endpoint.is_active:
        delivery = (
            WebhookDelivery.objects.filter(endpoint=endpoint, state=DeliveryState.PENDING)
            .order_by("id")
            .first()
        )
        if delivery is None:
            return delivered
        if delivery.next_attempt_at > timezone.now():
            _schedule(endpoint.pk, delivery.next_attempt_at)
            return delivered
        status, error = _send(endpoint, delivery)
        delivery.attempts += 1
        delivery.last_status, delivery.last_error = status, error
        if status is not None and 200 <= status < 300:
            delivery.state, delivery.delivered_at = DeliveryState.DELIVERED, timezone.now()
            delivery.save()
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failures_in_row=0)
            delivered += 1
            continue
        if delivery.attempts < MAX_ATTEMPTS:
            delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
            delivery.save()
            _schedule(endpoint.pk, delivery.next_attempt_at)
            return delivered
        delivery.state = DeliveryState.FAILED
        delivery.save()
        _given_up(endpoint)
    return delivered


def _given_up(endpoint: WebhookEndpoint) -> None:
    endpoint.failures_in_row += 1
    if endpoint.failures_in_row >= DISABLE_AFTER:
        endpoint.is_active, endpoint.disabled_at = False, timezone.now()
        audit.record(
            AuditAction.WEBHOOK_DISABLED,
            said(
                gettext_noop(
                    "Webhook %(url)s of %(agency)s disabled after %(count)s deliveries "
                    "failed in a row"
                ),
                url=endpoint.url,
                agency=endpoint.agency.name,
                count=endpoint.failures_in_row,
            ),
            actor=None,
            obj=endpoint,
            details={"failures": endpoint.failures_in_row},
        )
    endpoint.save(update_fields=["failures_in_row", "is_active", "disabled_at"])

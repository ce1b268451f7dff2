"""Events partner systems may be told about (the API's webhooks listen here).

The partners' services `emit` an event inside the transaction of the change, so that a
listener writing an outbox row commits or rolls back with it. Listeners are registered
by the apps above (`PARTNER_EVENTS`); with none registered nothing happens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from waspada.core.hooks import HookPoint
from waspada.partners.models import Agency

VERIFICATION_REQUESTED = "verification.requested"
REFERRAL_CREATED = "referral.created"
REFERRAL_REVOKED = "referral.revoked"
ALERT_CREATED = "alert.created"
EVENTS = (VERIFICATION_REQUESTED, REFERRAL_CREATED, REFERRAL_REVOKED, ALERT_CREATED)

Listener = Callable[[str, Agency, dict[str, Any]], None]
PARTNER_EVENTS: HookPoint[Listener] = HookPoint("partners.events")


def emit(event: str, agency: Agency | None, payload: dict[str, Any]) -> None:
    """Tell the listeners that `event` happened for `agency` (call inside the change's
    transaction; the payload names objects by id, no personal data)."""
    if agency is None:
        return
    for listener in PARTNER_EVENTS.hooks():
        listener(event, agency, payload)

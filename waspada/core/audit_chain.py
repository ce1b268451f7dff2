"""The audit trail's hash chain: each event stores the hash of the one before it and its own,
SHA-256 over that previous hash and the event's canonical content.

Changing, removing or reordering a stored event breaks the chain from there on, so
`waspada verify-audit` names the first event that no longer fits. Pure Python: the
migration that chains the existing events uses it as the audit trail does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

# The previous hash of the first event.
GENESIS = ""
# The fields that make an event's content, in this order (the id is not one: events are
# chained before the database numbers them; their order is kept by the previous hash).
CONTENT_FIELDS = (
    "created_at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "summary",
    "details",
    "ip_address",
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, (dict, list, tuple)):
        # As the database gives it back: JSON (tuples become lists, keys strings).
        return json.loads(json.dumps(value))
    return value


def _value(event: object, name: str) -> Any:
    if isinstance(event, Mapping):  # a row of values for a fast INSERT
        return event[name]
    return getattr(event, name)


def canonical(event: object) -> bytes:
    """The event's content as bytes, the same before it is saved and after it is read.
    `event` is a model instance or a mapping of its field values."""
    content = {name: _plain(_value(event, name)) for name in CONTENT_FIELDS}
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def chain_hash(previous: str, event: object) -> str:
    return hashlib.sha256(previous.encode() + b"\n" + canonical(event)).hexdigest()


def link(events: Sequence[Any], previous: str) -> str:
    """Fill `previous_hash` and `chain_hash` of `events` (instances or mutable mappings),
    in order, after `previous`; returns the last hash."""
    for event in events:
        current = chain_hash(previous, event)
        if isinstance(event, MutableMapping):
            event.update(previous_hash=previous, chain_hash=current)
        else:
            event.previous_hash, event.chain_hash = previous, current
        previous = current
    return previous

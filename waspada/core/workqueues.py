"""Work queues on the home page: what waits for this user, counted, each linking its list.

Every app contributes its own cards: it registers a function of the user into
`HOME_QUEUES` (from its `AppConfig.ready`), returning the cards that user should see (none
for a role the queue is not for). A card's count and the list it opens come from one
query function of the app, so the number on the home page is the number of rows behind
the link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from waspada.core.hooks import HookPoint


@dataclass(frozen=True)
class QueueItem:
    """One row shown under a card (the first few of its list)."""

    label: str
    url: str
    note: str | Promise = ""


@dataclass(frozen=True)
class WorkQueue:
    """A card: what waits (`label`), how many (`count`), the list it opens (`url`)."""

    key: str
    label: str | Promise
    count: int
    url: str
    note: str | Promise = ""
    items: Sequence[QueueItem] = field(default_factory=tuple)
    # A figure rather than work waiting (the head of office's week): never "urgent".
    figure: bool = False


HOME_QUEUES: HookPoint[Callable[[Any], list[WorkQueue]]] = HookPoint("core.home_queues")


def queues_for(user: Any) -> list[WorkQueue]:
    """Every card the apps show this user, in the hooks' order."""
    return [queue for source in HOME_QUEUES for queue in source(user)]

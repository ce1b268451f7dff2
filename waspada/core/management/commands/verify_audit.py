"""`waspada verify-audit`: checks the audit trail's hash chain, event by event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from waspada.core import audit


class Command(BaseCommand):
    help = (
        "Checks the audit trail's hash chain: says it is intact (exit 0) or names the first "
        "event that was changed, removed or put out of order (exit 1)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count, found = audit.verify_chain()
        if found is None:
            self.stdout.write(f"Audit trail intact: {count} events, hash chain unbroken.")
            return
        broken = found.event
        raise CommandError(
            f"Audit trail BROKEN at event {broken.pk} "
            f"({timezone.localtime(broken.created_at):%Y-%m-%d %H:%M:%S}, {broken.action}, "
            f"{broken.actor_label or '-'}): {found.reason}. "
            f"The {count} events before it are intact.",
            returncode=1,
        )

"""`waspada prune`: remove what is kept only for a while (see waspada/applications/retention.py).

Run daily by deploy/waspada-prune.timer.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from waspada.applications.retention import prune
from waspada.core.commands import acting_user


class Command(BaseCommand):
    help = (
        "Deletes uploaded import files older than WASPADA_IMPORT_RETENTION_DAYS (the import's "
        "page and counts stay), finished background tasks older than "
        "WASPADA_TASK_RETENTION_DAYS, expired sessions and old worker heartbeats. Audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", help="username recorded as the actor in the audit trail")

    def handle(self, *args: Any, **options: Any) -> None:
        pruned = prune(acting_user=acting_user(options["user"]))
        self.stdout.write(
            f"Pruned: {pruned.import_files} uploaded import files, {pruned.tasks} finished "
            f"tasks, {pruned.sessions} expired sessions, {pruned.heartbeats} old worker "
            "heartbeats."
        )

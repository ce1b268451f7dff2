"""`waspada restore FILE`: replace the database and the media files with a backup's."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from waspada.core import audit, backup


class Command(BaseCommand):
    help = (
        "Replaces the database and every file under MEDIA_ROOT with those of a backup made by "
        f"`waspada backup` (passphrase in {backup.PASSPHRASE_VARIABLE}). The whole file is "
        "checked first; then everything is restored, or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup file")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        if not source.is_file():
            raise CommandError(f"No such backup file: {source}", returncode=1)
        try:
            passphrase = backup.passphrase_from_environment()
            backup.check_passphrase(source, passphrase)
            if "django_migrations" not in connection.introspection.table_names():
                # A fresh server: create the tables first (the backup's version must match).
                call_command("migrate", interactive=False, verbosity=0)
            manifest = backup.restore_backup(
                source,
                passphrase,
                show_progress=not options["no_progress"] and sys.stderr.isatty(),
            )
        except (backup.BackupError, OSError) as exc:
            raise CommandError(f"{exc} Nothing was changed.", returncode=1) from None
        count, broken = audit.verify_chain()
        self.stdout.write(
            f"Restored the backup of {manifest.created_at}: {sum(manifest.tables.values())} "
            f"rows, {manifest.files} files. Audit trail: {count} events, "
            + ("hash chain unbroken." if broken is None else f"BROKEN at event {broken.event.pk}.")
        )

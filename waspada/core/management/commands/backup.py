"""`waspada backup --out FILE`: the database and the media files in one encrypted file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from waspada.core import backup


class Command(BaseCommand):
    help = (
        "Writes the whole database and every file under MEDIA_ROOT (letters, uploads) to FILE, "
        f"encrypted with the passphrase in {backup.PASSPHRASE_VARIABLE}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path, help="the backup file to write")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        if out.is_dir():
            raise CommandError(f"{out} is a folder: name the backup file to write.")
        try:
            passphrase = backup.passphrase_from_environment()
            manifest = backup.make_backup(
                out, passphrase, show_progress=not options["no_progress"] and sys.stderr.isatty()
            )
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc), returncode=1) from None
        self.stdout.write(
            f"Backup written to {out}: {sum(manifest.tables.values())} rows in "
            f"{len(manifest.tables)} tables, {manifest.files} files."
        )

"""`waspada import-organisers FILE`: import licensed organisers (PPIU, PIHK, P3MI)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from waspada.core.commands import acting_user
from waspada.networks import organisers


class Command(BaseCommand):
    help = (
        "Import licensed organisers from a CSV file with the columns kind (ppiu, pihk, p3mi), "
        "name, licence_no and phones (';'-separated). Re-importing updates organisers by "
        "licence number."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .csv file")
        parser.add_argument("--user", help="username recorded as the actor in the audit trail")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        user = acting_user(options["user"])
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(_("The file could not be read: %(error)s") % {"error": exc}) from exc
        result = organisers.import_organisers(text, filename=path.name, acting_user=user)
        if result.failure:
            raise CommandError(result.failure)
        self.stdout.write(
            _(
                "%(file)s: %(rows)d rows read: %(created)d added, %(updated)d updated, "
                "%(unchanged)d unchanged, %(errors)d rejected."
            )
            % {
                "file": path.name,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "errors": len(result.errors),
            }
        )
        for error in result.errors:
            self.stdout.write(
                _("row %(row)d, column %(column)s: %(message)s")
                % {"row": error.row, "column": error.column, "message": error.message}
            )

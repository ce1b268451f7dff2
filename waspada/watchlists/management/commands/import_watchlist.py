"""`waspada import-watchlist FILE --list NAME [--type TYPE]`: import watchlist entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from waspada.core.commands import acting_user
from waspada.watchlists import services
from waspada.watchlists.models import ListType


class Command(BaseCommand):
    help = (
        "Import watchlist entries from a CSV or XLSX file (columns id, full_name, birth_date, "
        "sex; optional aliases, nik, phone, note) into the named list, created with --type "
        "when new. Re-importing updates entries by id. Returns when the applications that "
        "new or changed entries match are re-screened."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument("--list", required=True, dest="list_name", help="watchlist name")
        parser.add_argument(
            "--type",
            dest="list_type",
            choices=ListType.values,
            default=None,
            help="type of a new list (default: other)",
        )
        parser.add_argument("--user", help="username recorded as the actor in the audit trail")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        user = acting_user(options["user"])
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        stream = getattr(self.stderr, "_out", self.stderr)
        with tqdm(
            unit="rows", file=stream, disable=options["verbosity"] == 0, desc=path.name
        ) as bar:
            try:
                result = services.import_entries(
                    path,
                    filename=path.name,
                    list_name=options["list_name"],
                    list_type=options["list_type"],
                    acting_user=user,
                    rescreen="now",
                    progress=bar.update,
                    on_total=lambda total: bar.reset(total=total),
                )
            except OSError as exc:
                raise CommandError(
                    _("The file could not be read: %(error)s") % {"error": exc}
                ) from exc
        for warning in result.warnings:
            self.stdout.write(_("Warning: %(message)s") % {"message": warning.message})
        if result.failure is not None:
            raise CommandError(result.failure.message)
        assert result.watchlist is not None
        if result.list_created:
            self.stdout.write(
                _("Watchlist '%(name)s' created (%(type)s).")
                % {"name": result.watchlist.name, "type": result.watchlist.get_list_type_display()}
            )
        self.stdout.write(
            _(
                "%(file)s: %(rows)d rows read: %(created)d added, %(updated)d updated, "
                "%(unchanged)d unchanged, %(errors)d rejected; %(rescreened)d applications "
                "re-screened."
            )
            % {
                "file": path.name,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "errors": result.rejected,
                "rescreened": result.rescreened,
            }
        )
        for error in result.errors:
            self.stdout.write(
                _("row %(row)d, column %(column)s: %(message)s")
                % {"row": error.row, "column": error.column or "-", "message": error.message}
            )

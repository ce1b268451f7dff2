"""`waspada import-applications FILE`: import an exchange file (CSV or XLSX)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from waspada.applications import importing
from waspada.core.commands import acting_user


class Command(BaseCommand):
    help = (
        "Import passport applications from a CSV or XLSX file in the exchange format. "
        "Bad rows are reported and skipped; exit code 1 when nothing could be imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument("--user", help="username recorded as the actor in the audit trail")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        user = acting_user(options["user"])
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        # tqdm draws with carriage returns, so it needs the raw stream, not the wrapper
        # that ends every write with a newline.
        stream = getattr(self.stderr, "_out", self.stderr)
        with tqdm(
            unit="rows", file=stream, disable=options["verbosity"] == 0, desc=path.name
        ) as bar:

            def on_total(total: int | None) -> None:
                bar.reset(total=total)

            try:
                report = importing.run_import(
                    path,
                    filename=path.name,
                    acting_user=user,
                    progress=bar.update,
                    on_total=on_total,
                )
            except OSError as exc:
                raise CommandError(
                    _("The file could not be read: %(error)s") % {"error": exc}
                ) from exc
        for warning in report.warnings:
            self.stdout.write(_("Warning: %(message)s") % {"message": warning.message})
        if report.failure is not None:
            raise CommandError(report.failure.message)
        self.stdout.write(
            _(
                "%(file)s: %(rows)d rows read: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged, %(errors)d rejected."
            )
            % {"file": path.name, **report.counts()}
        )
        for error in report.row_errors:
            self.stdout.write(
                _("row %(row)d, column %(column)s: %(message)s")
                % {"row": error.row, "column": error.column or "-", "message": error.message}
            )

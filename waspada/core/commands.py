"""Helpers shared by the `waspada` console commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from waspada.core.models import User
from waspada.core.tables import ImportOutcome


def acting_user(username: str | None) -> User | None:
    """The user named by `--user`, recorded as the actor in the audit trail (None: system)."""
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("No user with the username %(username)s.") % {"username": username})
    return user


class ImportCommand(BaseCommand):
    """The base of the commands that import a file (`waspada import-...`).

    It takes the file argument and `--user` (the actor in the audit trail), draws a progress
    bar on standard error, prints the file's warnings, the counts and every problem by row
    and column, and sets the exit code: 1 when the file could not be read or nothing in it
    could be imported, 0 otherwise (some rows refused, the others imported, is a success).
    A subclass adds its options and `run`s its importer; `summary` words the counts.
    """

    file_help = "the .csv or .xlsx file"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=self.file_help)
        parser.add_argument("--user", help="username recorded as the actor in the audit trail")

    def run(
        self,
        path: Path,
        *,
        user: User | None,
        progress: Callable[[int], None],
        on_total: Callable[[int | None], None],
        options: dict[str, Any],
    ) -> ImportOutcome:
        raise NotImplementedError

    def summary(self, outcome: ImportOutcome, path: Path) -> str:
        return _(
            "%(file)s: %(rows)d rows read: %(created)d created, %(updated)d updated, "
            "%(unchanged)d unchanged, %(noticed)d imported with notices, %(errors)d rejected."
        ) % {"file": path.name, **outcome.counts()}

    def before_summary(self, outcome: ImportOutcome) -> None:
        """Lines printed after the warnings and before the counts (nothing by default)."""

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
                outcome = self.run(
                    path, user=user, progress=bar.update, on_total=on_total, options=options
                )
            except OSError as exc:
                raise CommandError(
                    _("The file could not be read: %(error)s") % {"error": exc}
                ) from exc
        for warning in outcome.warnings:
            self.stdout.write(_("Warning: %(message)s") % {"message": warning.message})
        if outcome.failure is not None and outcome.rows == 0:
            raise CommandError(outcome.failure.message)
        self.before_summary(outcome)
        self.stdout.write(self.summary(outcome, path))
        for problem in outcome.problems:
            self.stdout.write(
                (
                    _("row %(row)d, column %(column)s (notice): %(message)s")
                    if problem.notice
                    else _("row %(row)d, column %(column)s: %(message)s")
                )
                % {"row": problem.row, "column": problem.column or "-", "message": problem.message}
            )
        if outcome.failure is not None:
            raise CommandError(outcome.failure.message)
        if outcome.nothing_imported:
            raise CommandError(_("Nothing in %(file)s could be imported.") % {"file": path.name})

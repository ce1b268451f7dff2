"""`waspada import-watchlist FILE --list NAME [--type TYPE]`: import watchlist entries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from waspada.core.commands import ImportCommand
from waspada.core.models import User
from waspada.core.tables import ImportOutcome
from waspada.watchlists import services
from waspada.watchlists.models import ListType


class Command(ImportCommand):
    help = (
        "Import watchlist entries from a CSV or XLSX file (columns id, full_name, birth_date, "
        "sex; optional aliases, nik, phone, note) into the named list, created with --type "
        "when new. Re-importing updates entries by id. Returns when the applications that "
        "new or changed entries match are re-screened."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--list", required=True, dest="list_name", help="watchlist name")
        parser.add_argument(
            "--type",
            dest="list_type",
            choices=ListType.values,
            default=None,
            help="type of a new list (default: other)",
        )

    def run(
        self,
        path: Path,
        *,
        user: User | None,
        progress: Callable[[int], None],
        on_total: Callable[[int | None], None],
        options: dict[str, Any],
    ) -> ImportOutcome:
        return services.import_entries(
            path,
            filename=path.name,
            list_name=options["list_name"],
            list_type=options["list_type"],
            acting_user=user,
            rescreen="now",
            progress=progress,
            on_total=on_total,
        )

    def before_summary(self, outcome: ImportOutcome) -> None:
        assert isinstance(outcome, services.ImportResult)
        if outcome.list_created and outcome.watchlist is not None:
            self.stdout.write(
                _("Watchlist '%(name)s' created (%(type)s).")
                % {
                    "name": outcome.watchlist.name,
                    "type": outcome.watchlist.get_list_type_display(),
                }
            )

    def summary(self, outcome: ImportOutcome, path: Path) -> str:
        assert isinstance(outcome, services.ImportResult)
        return _(
            "%(file)s: %(rows)d rows read: %(created)d added, %(updated)d updated, "
            "%(unchanged)d unchanged, %(errors)d rejected; %(rescreened)d applications "
            "re-screened."
        ) % {
            "file": path.name,
            "rows": outcome.rows,
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "errors": outcome.rejected,
            "rescreened": outcome.rescreened,
        }

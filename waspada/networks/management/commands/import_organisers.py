"""`waspada import-organisers FILE`: import licensed organisers (PPIU, PIHK, P3MI)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from waspada.core.commands import ImportCommand
from waspada.core.models import User
from waspada.core.tables import ImportOutcome
from waspada.networks import organisers


class Command(ImportCommand):
    help = (
        "Import licensed organisers from a CSV or XLSX file with the columns kind (ppiu, pihk, "
        "p3mi), name, licence_no and phones (';'-separated). Re-importing updates organisers "
        "by licence number."
    )
    file_help = "the .csv or .xlsx file"

    def run(
        self,
        path: Path,
        *,
        user: User | None,
        progress: Callable[[int], None],
        on_total: Callable[[int | None], None],
        options: dict[str, Any],
    ) -> ImportOutcome:
        return organisers.import_organisers(path, filename=path.name, acting_user=user)

    def summary(self, outcome: ImportOutcome, path: Path) -> str:
        return _(
            "%(file)s: %(rows)d rows read: %(created)d added, %(updated)d updated, "
            "%(unchanged)d unchanged, %(errors)d rejected."
        ) % {
            "file": path.name,
            "rows": outcome.rows,
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "errors": outcome.refused,
        }

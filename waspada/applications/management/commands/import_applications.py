"""`waspada import-applications FILE`: import an exchange file (CSV or XLSX)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from waspada.applications import importing
from waspada.core.commands import ImportCommand
from waspada.core.models import User
from waspada.core.tables import ImportOutcome


class Command(ImportCommand):
    help = (
        "Import passport applications from a CSV or XLSX file in the exchange format. "
        "Refused rows are reported and skipped, rows imported with a notice are reported "
        "too; exit code 1 when the file cannot be read or nothing could be imported."
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
        return importing.run_import(
            path, filename=path.name, acting_user=user, progress=progress, on_total=on_total
        )

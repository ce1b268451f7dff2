"""`waspada import-recommendations FILE --agency NAME`: a Disnaker's register of
recommendations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from waspada.core.commands import ImportCommand
from waspada.core.models import User
from waspada.core.tables import ImportOutcome
from waspada.partners import recommendations


class Command(ImportCommand):
    help = (
        "Import a Disnaker's register of passport recommendations from a CSV or XLSX file "
        "(columns recommendation_no, issued_on, nik, full_name, destination_country, "
        "employer_name, p3mi_name, p3mi_license_no, valid_until, status) into the named "
        "agency, created as a Disnaker when new. All or nothing: a file with a bad row "
        "imports nothing. Returns when the applications naming the numbers are re-screened."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agency", required=True, help="the Disnaker's name")

    def run(
        self,
        path: Path,
        *,
        user: User | None,
        progress: Callable[[int], None],
        on_total: Callable[[int | None], None],
        options: dict[str, Any],
    ) -> ImportOutcome:
        return recommendations.import_recommendations(
            path,
            filename=path.name,
            agency_name=options["agency"],
            acting_user=user,
            progress=progress,
            on_total=on_total,
        )

    def before_summary(self, outcome: ImportOutcome) -> None:
        assert isinstance(outcome, recommendations.RecommendationImport)
        if outcome.agency_created and outcome.agency is not None and outcome.ok:
            self.stdout.write(
                _("Agency '%(name)s' created (Disnaker).") % {"name": outcome.agency.name}
            )

    def summary(self, outcome: ImportOutcome, path: Path) -> str:
        assert isinstance(outcome, recommendations.RecommendationImport)
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
            "errors": outcome.refused,
            "rescreened": outcome.rescreened,
        }

"""`waspada export-applications --out FILE.csv|FILE.xlsx [filters]`: the exchange format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from waspada.applications import exporting
from waspada.applications.models import PassportApplication
from waspada.applications.queries import filtered_applications
from waspada.core.commands import acting_user

# Filter parameter -> the command-line option that sets it, for error messages.
OPTIONS = {
    "q": "--q",
    "status": "--status",
    "purpose": "--purpose",
    "destination": "--destination",
    "regency": "--regency",
    "date_from": "--from",
    "date_to": "--to",
    "sort": "--sort",
}


class Command(BaseCommand):
    # Subclasses (export-screening) change what is written, keeping the filters.
    formats: tuple[str, ...] = exporting.FORMATS
    what = "applications"

    help = (
        "Export passport applications in the exchange format, filtered like the list page. "
        "The format follows the extension of --out (.csv or .xlsx)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="FILE.csv or FILE.xlsx")
        parser.add_argument("--q", default="", help="name, NIK, application number or phone")
        parser.add_argument("--status", default="")
        parser.add_argument("--purpose", default="")
        parser.add_argument("--destination", default="", help="ISO 3166-1 alpha-2, e.g. MY")
        parser.add_argument("--regency", default="", help="regency of origin, e.g. 33.01")
        parser.add_argument("--from", dest="date_from", default="", help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", default="", help="YYYY-MM-DD")
        parser.add_argument("--sort", default="")
        parser.add_argument("--user", help="username recorded as the actor in the audit trail")

    def write(self, queryset: QuerySet[PassportApplication], out: Path, fmt: str) -> int:
        """Write the applications to `out`; returns how many rows were written."""
        if fmt == "csv":
            with out.open("w", encoding="utf-8", newline="") as handle:
                return exporting.write_csv(queryset, handle)
        return exporting.write_xlsx(queryset, out)

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in self.formats:
            raise CommandError(
                _("--out must end in %(formats)s (got %(name)s).")
                % {"formats": " or ".join(f".{f}" for f in self.formats), "name": out.name}
            )
        user = acting_user(options["user"])
        params = {name: str(options[name] or "") for name in OPTIONS}
        params["destination"] = params["destination"].upper()
        try:
            filters = exporting.parse_filters(params)
        except exporting.InvalidFilters as exc:
            raise CommandError(
                "\n".join(
                    f"{OPTIONS.get(name, name)}: {' '.join(messages)}"
                    for name, messages in exc.problems.items()
                )
            ) from exc
        queryset = filtered_applications(filters)
        try:
            count = self.write(queryset, out, fmt)
        except OSError as exc:
            raise CommandError(
                _("Could not write %(path)s: %(error)s") % {"path": out, "error": exc}
            ) from exc
        exporting.record_export(
            filters, fmt=fmt, rows=count, acting_user=user, destination=out.name, what=self.what
        )
        self.stdout.write(
            _("%(count)d applications written to %(path)s.") % {"count": count, "path": out}
        )

"""`waspada report --year 2023 [--month M | --quarter Q] --format pdf|xlsx --out FILE
[--publication [--threshold N]]`: the office's TPPO-prevention report (audited).

The same figures as the dashboard, in Indonesian. `--publication` suppresses small
counts (below --threshold, default 5) so that the file may leave the office. A wrong
period, format or path is refused with a message and exit code 2, before anything is
written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waspada.core.commands import acting_user
from waspada.domain import periods
from waspada.domain.periods import Period, PeriodError
from waspada.domain.suppression import DEFAULT_THRESHOLD, MAX_THRESHOLD, MIN_THRESHOLD
from waspada.reports import exports
from waspada.reports.document import build_document, period_label

BAD_INPUT = 2
_WHOLE = re.compile(r"\s*[0-9]+\s*")


def _whole(option: str, value: str | None, example: str) -> int | None:
    if value is None:
        return None
    if not _WHOLE.fullmatch(value):
        raise CommandError(
            _("%(option)s must be a whole number, e.g. %(example)s (got '%(value)s').")
            % {"option": option, "example": example, "value": value},
            returncode=BAD_INPUT,
        )
    return int(value)


def parse_period(year: str | None, month: str | None, quarter: str | None) -> Period:
    """The period the options name; CommandError (exit code 2) with the reason otherwise."""
    year_value = _whole("--year", year, "2023")
    if year_value is None:
        raise CommandError(_("--year is required, e.g. --year 2023."), returncode=BAD_INPUT)
    month_value = _whole("--month", month, "3")
    quarter_value = _whole("--quarter", quarter, "2")
    if month_value is not None and quarter_value is not None:
        raise CommandError(_("Give --month or --quarter, not both."), returncode=BAD_INPUT)
    try:
        if month_value is not None:
            return periods.month(year_value, month_value)
        if quarter_value is not None:
            return periods.quarter(year_value, quarter_value)
        return periods.year(year_value)
    except PeriodError as error:
        messages = {
            "year": _("--year must be from %(first)d to %(last)d (got %(value)d).")
            % {"first": periods.FIRST_YEAR, "last": periods.LAST_YEAR, "value": year_value},
            "month": _("--month must be from 1 to 12 (got %(value)s).") % {"value": month_value},
            "quarter": _("--quarter must be from 1 to 4 (got %(value)s).")
            % {"value": quarter_value},
        }
        raise CommandError(messages.get(error.code, str(error)), returncode=BAD_INPUT) from None


def parse_format(value: str | None, out: Path) -> str:
    fmt = (value or out.suffix.lstrip(".")).strip().lower()
    if fmt not in exports.FORMATS:
        raise CommandError(
            _("--format must be pdf or xlsx (got '%(value)s').") % {"value": value or fmt},
            returncode=BAD_INPUT,
        )
    return fmt


class Command(BaseCommand):
    help = cast(
        str,
        gettext_lazy(
            "Write the office's TPPO-prevention report for a year, quarter or month as PDF "
            "(with charts) or XLSX (one sheet per table), in Indonesian."
        ),
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)  # argparse needs a real string
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", metavar="YYYY", help=_("The year of the report."))
        parser.add_argument("--month", metavar="M", help=_("A month of the year (1-12)."))
        parser.add_argument("--quarter", metavar="Q", help=_("A quarter of the year (1-4)."))
        parser.add_argument("--format", metavar="pdf|xlsx", help=_("pdf or xlsx."))
        parser.add_argument("--out", required=True, metavar="FILE", help=_("The file to write."))
        parser.add_argument(
            "--publication",
            action="store_true",
            help=_("For publication: suppress small counts and leave out internal tables."),
        )
        parser.add_argument(
            "--threshold",
            metavar="N",
            help=_("With --publication: counts below N are shown as '<N' (default 5)."),
        )
        parser.add_argument("--user", help=_("Username recorded as the actor in the audit trail."))

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(options)

    def _handle(self, options: dict[str, Any]) -> None:
        period = parse_period(options["year"], options["month"], options["quarter"])
        out = Path(options["out"])
        fmt = parse_format(options["format"], out)
        threshold = _whole("--threshold", options["threshold"], "5")
        if threshold is not None and not options["publication"]:
            raise CommandError(
                _("--threshold only applies with --publication."), returncode=BAD_INPUT
            )
        if threshold is not None and not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
            raise CommandError(
                _("--threshold must be from %(min)d to %(max)d (got %(value)d).")
                % {"min": MIN_THRESHOLD, "max": MAX_THRESHOLD, "value": threshold},
                returncode=BAD_INPUT,
            )
        if not out.parent.is_dir():
            raise CommandError(
                _("The folder %(folder)s does not exist.") % {"folder": out.parent},
                returncode=BAD_INPUT,
            )
        user = acting_user(options["user"])
        document = build_document(
            period, publication=options["publication"], threshold=threshold or DEFAULT_THRESHOLD
        )
        try:
            exports.WRITERS[fmt](document, out)
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(file)s: %(reason)s") % {"file": out, "reason": exc.strerror},
                returncode=BAD_INPUT,
            ) from exc
        exports.record_report(document, fmt=fmt, destination=str(out), acting_user=user)
        kind = (
            _("for publication, counts below %(threshold)d suppressed")
            % {"threshold": document.threshold or DEFAULT_THRESHOLD}
            if document.publication
            else _("for official use")
        )
        self.stdout.write(
            _("Report for %(period)s written to %(file)s (%(format)s, %(kind)s).")
            % {"period": period_label(period), "file": out, "format": fmt.upper(), "kind": kind}
        )
        if document.empty:
            self.stdout.write(
                _("No applications, interviews or decisions were recorded in this period.")
            )

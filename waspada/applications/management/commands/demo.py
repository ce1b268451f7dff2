"""`waspada demo`: realistic synthetic applications for the office's area, and demo users.

    waspada demo [--years 2025 | --years 2023-2025] [--per-year 3000] [--seed 1]

Idempotent: the same arguments generate the same applications (numbers, people, dates),
and saving is an upsert keyed on the application number, so a second run creates
nothing. Applications dated after today are left out, so a year still running fills up
day by day. See `waspada.applications.demo_data` for what is generated.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from typing import Any, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from waspada.applications import demo_data
from waspada.applications.importing import save_records
from waspada.core.demo import ensure_demo_users
from waspada.regions import services as region_services
from waspada.regions.models import Level, Region

DEFAULT_YEARS = "2025"
DEFAULT_PER_YEAR = 3000
DEFAULT_SEED = 1
FIRST_YEAR = 2010
MAX_YEARS = 20
MAX_PER_YEAR = 200_000

_YEARS = re.compile(r"\s*([0-9]{4})\s*(?:-\s*([0-9]{4})\s*)?")
_INTEGER = re.compile(r"\s*-?[0-9]+\s*")


def parse_years(value: str, *, current_year: int) -> list[int]:
    """`2025` or `2023-2025` as a list of years; CommandError with the reason otherwise."""
    match = _YEARS.fullmatch(value)
    if match is None:
        raise CommandError(
            _(
                "--years must be a year or a range of years, e.g. 2025 or 2023-2025 "
                "(got '%(value)s')."
            )
            % {"value": value}
        )
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise CommandError(
            _("--years %(first)d-%(last)d runs backwards: write the earlier year first.")
            % {"first": first, "last": last}
        )
    if first < FIRST_YEAR:
        raise CommandError(
            _("--years: demo data starts in %(min)d; %(year)d is too early.")
            % {"min": FIRST_YEAR, "year": first}
        )
    if last > current_year:
        raise CommandError(
            _("--years: %(year)d lies in the future; demo data goes up to %(current)d.")
            % {"year": last, "current": current_year}
        )
    if last - first + 1 > MAX_YEARS:
        raise CommandError(_("--years: at most %(max)d years at once.") % {"max": MAX_YEARS})
    return list(range(first, last + 1))


def parse_per_year(value: str) -> int:
    count = int(value) if _INTEGER.fullmatch(value) else 0
    if not 1 <= count <= MAX_PER_YEAR:
        raise CommandError(
            _("--per-year must be a whole number from 1 to %(max)d (got '%(value)s').")
            % {"max": MAX_PER_YEAR, "value": value}
        )
    return count


def parse_seed(value: str) -> int:
    if not _INTEGER.fullmatch(value):
        raise CommandError(_("--seed must be a whole number (got '%(value)s').") % {"value": value})
    return int(value)


def _in_demo_regencies() -> Q:
    query = Q()
    for code in demo_data.DEMO_REGENCIES:
        query |= Q(code__startswith=f"{code}.")
    return query


def demo_villages() -> list[demo_data.Village]:
    """The villages of the demo regencies from the region table, as plain data."""
    area = _in_demo_regencies()
    districts = dict(Region.objects.filter(area, level=Level.DISTRICT).values_list("code", "name"))
    rows = Region.objects.filter(area, level=Level.VILLAGE).values_list("code", "name")
    return [
        demo_data.Village(code, name, districts.get(code.rsplit(".", 1)[0], ""))
        for code, name in rows.order_by("code")
    ]


class Command(BaseCommand):
    # Lazy: translated when the help is shown, into the language active then.
    help = cast(
        str,
        gettext_lazy(
            "Generate realistic synthetic passport applications for the office's five regencies, "
            "including the patterns screening must catch, and create the demo users "
            "(idempotent)."
        ),
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)  # argparse needs a real string
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--years",
            default=DEFAULT_YEARS,
            metavar="YYYY[-YYYY]",
            help=_("Year or range of years to generate, e.g. 2025 or 2023-2025."),
        )
        parser.add_argument(
            "--per-year",
            default=str(DEFAULT_PER_YEAR),
            metavar="N",
            help=_("Applications per year (the office receives about 30000 a year)."),
        )
        parser.add_argument(
            "--seed",
            default=str(DEFAULT_SEED),
            metavar="N",
            help=_("Random seed: the same seed gives the same data."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(options)

    def _handle(self, options: dict[str, Any]) -> None:
        today = timezone.localdate()
        years = parse_years(str(options["years"]), current_year=today.year)
        per_year = parse_per_year(str(options["per_year"]))
        seed = parse_seed(str(options["seed"]))
        quiet = options["verbosity"] == 0
        span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])

        villages = demo_villages()
        if not villages:
            if not quiet:
                sys.stderr.write(_("Region codes are not loaded yet: loading them first.") + "\n")
            rows = region_services.read_regions()
            with tqdm(total=len(rows), unit="regions", disable=quiet) as bar:
                region_services.load_regions(progress=bar.update)
            villages = demo_villages()
        office = region_services.ensure_office()
        # The demo's licensed umrah organisers and recruiters, so that their customers
        # sharing an office phone are recognised as benign by network detection.
        from waspada.networks.services import load_demo_organisers

        load_demo_organisers()

        if not quiet:
            sys.stderr.write(
                _(
                    "Generating demo applications for %(years)s "
                    "(%(per_year)d a year, seed %(seed)d)."
                )
                % {"years": span, "per_year": per_year, "seed": seed}
                + "\n"
            )
        cases = demo_data.generate(villages, years=years, per_year=per_year, seed=seed, until=today)
        with tqdm(total=len(cases), unit="applications", disable=quiet) as bar:
            report = save_records(
                demo_data.pairs(cases),
                office=office,
                acting_user=None,
                source="demo",
                progress=bar.update,
            )

        self.stdout.write(
            _(
                "Demo applications for %(years)s: %(total)d generated, %(created)d created, "
                "%(updated)d updated, %(unchanged)d unchanged."
            )
            % {
                "years": span,
                "total": len(cases),
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            }
        )
        suspicious = Counter(str(case.pattern) for case in cases if case.suspicious)
        self.stdout.write(
            _("Built to be caught by screening: %(count)d (%(patterns)s).")
            % {
                "count": sum(suspicious.values()),
                "patterns": ", ".join(f"{name} {n}" for name, n in sorted(suspicious.items())),
            }
        )

        accounts = ensure_demo_users()
        # Interviews and decisions for the older applications: the reports tell a story.
        from waspada.reports.demo_history import add_history, describe

        with tqdm(unit="applications", disable=quiet) as bar:
            self.stdout.write(describe(add_history(seed=seed, progress=bar.update)))
        # Work waiting for the demo logins among the open applications (once).
        from waspada.decisions import demo_workload

        self.stdout.write(demo_workload.describe(demo_workload.add_workload()))
        self.stdout.write(_("Demo logins (username / password / role):"))
        for account in accounts:
            self.stdout.write(f"  {account.username:<10} {account.password:<26} {account.role}")

"""`waspada demo`: realistic synthetic applications for the office's area, and demo users.

    waspada demo [--years 2025 | --years 2023-2025] [--per-year 3000] [--seed 1]
                 [--full-volume 2023]

Idempotent: the same arguments generate the same applications (numbers, people, dates),
and saving is an upsert keyed on the application number, so a second run creates
nothing. Applications dated after today are left out, so a year still running fills up
day by day. The steps and their order are in `waspada.demo.steps`; the applications come
from `waspada.synthetic`.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waspada.demo import options, steps


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
            default=options.DEFAULT_YEARS,
            metavar="YYYY[-YYYY]",
            help=_("Year or range of years to generate, e.g. 2025 or 2023-2025."),
        )
        parser.add_argument(
            "--per-year",
            default=str(options.DEFAULT_PER_YEAR),
            metavar="N",
            help=_("Applications per year (the office receives about 30000 a year)."),
        )
        parser.add_argument(
            "--seed",
            default=str(options.DEFAULT_SEED),
            metavar="N",
            help=_("Random seed: the same seed gives the same data."),
        )
        parser.add_argument(
            "--full-volume",
            default="",
            metavar="YYYY[-YYYY]",
            help=_(
                "Also generate these years at the office's full volume (30000 a year), "
                "after the work left waiting, e.g. 2023 for the reports."
            ),
        )

    def handle(self, *args: Any, **kwargs: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            today = timezone.localdate()
            years = options.parse_years(str(kwargs["years"]), current_year=today.year)
            demo = steps.DemoRun(
                years=years,
                per_year=options.parse_per_year(str(kwargs["per_year"])),
                seed=options.parse_seed(str(kwargs["seed"])),
                full_volume=options.parse_full_volume(
                    str(kwargs["full_volume"] or ""), years=years, current_year=today.year
                ),
                full_per_year=options.FULL_VOLUME,
                today=today,
                out=self.stdout,
                quiet=kwargs["verbosity"] == 0,
            )
            steps.run(demo)

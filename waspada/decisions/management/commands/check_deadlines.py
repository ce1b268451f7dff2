"""`waspada check-deadlines [--date YYYY-MM-DD] [--schedule]`: the deferral deadline check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from waspada.core.commands import acting_user
from waspada.decisions import services, tasks


class Command(BaseCommand):
    help = (
        "Propose the refusal of every deferred application whose documents were not "
        "completed by the deadline (reason documents_not_completed; a supervisor signs "
        "it off). Idempotent. With --schedule, queue the daily background check instead "
        "(once: nothing is added while a run is waiting)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="check as of this day (YYYY-MM-DD; default today)")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the daily check for the background worker (waspada db_worker)",
        )
        parser.add_argument("--user", help="username recorded as the actor in the audit trail")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            self._schedule()
            return
        user = acting_user(options["user"])
        today = self._day(options["date"])
        stream = getattr(self.stderr, "_out", self.stderr)
        with tqdm(
            unit="applications",
            file=stream,
            disable=options["verbosity"] == 0,
            desc=_("Overdue deferrals"),
        ) as bar:
            check = services.propose_overdue_refusals(
                today,
                acting_user=user,
                progress=bar.update,
                on_total=lambda total: bar.reset(total=total),
            )
        for item in check.proposed:
            self.stdout.write(
                _("Refusal proposed: %(number)s (deadline %(deadline)s)")
                % {
                    "number": item.refusal.application.application_no,
                    "deadline": item.deferral.deadline,
                }
            )
        for number in check.skipped:
            self.stdout.write(
                _("Skipped, changed by an officer meanwhile: %(number)s") % {"number": number}
            )
        self.stdout.write(
            _("%(day)s: %(proposed)d refusals proposed, %(skipped)d skipped.")
            % {
                "day": today.isoformat(),
                "proposed": len(check.proposed),
                "skipped": len(check.skipped),
            }
        )

    def _day(self, raw: str | None) -> dt.date:
        if not raw:
            return timezone.localdate()
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise CommandError(_("Not a date (YYYY-MM-DD): %(value)s") % {"value": raw}) from None

    def _schedule(self) -> None:
        result = tasks.schedule_daily_check()
        if result is None:
            self.stdout.write(_("The daily deadline check is already queued."))
        else:
            self.stdout.write(
                _("The daily deadline check is queued (task %(id)s).") % {"id": result.id}
            )

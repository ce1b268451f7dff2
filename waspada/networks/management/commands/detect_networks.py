"""`waspada detect-networks [--out FILE.csv]`: recompute every recruitment ring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from waspada.core.commands import acting_user
from waspada.networks import services


class Command(BaseCommand):
    help = (
        "Recompute the clusters of linked applications (shared phones, sponsors, companions, "
        "recruiters, addresses, employers), store them as a new detection run, re-screen the "
        "members whose ring facts changed, and with --out write the CSV cluster_id, "
        "application_no, link_types, ring_score."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", help="CSV file to write (one row per cluster member)")
        parser.add_argument("--user", help="username recorded as the actor in the audit trail")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"])
        out = Path(options["out"]) if options["out"] else None
        if out is not None and not out.parent.is_dir():
            raise CommandError(_("Directory not found: %(path)s") % {"path": out.parent})
        try:
            run = services.start_detection(acting_user=user)
        except services.DetectionBusy as busy:
            raise CommandError(busy.message()) from busy
        stream = getattr(self.stderr, "_out", self.stderr)
        with tqdm(
            unit="applications",
            file=stream,
            disable=options["verbosity"] == 0,
            desc=_("Loading applications"),
        ) as bar:
            outcome = services.detect_networks(
                acting_user=user,
                run=run,
                progress=bar.update,
                on_total=lambda total: bar.reset(total=total),
            )
        run = outcome.run
        run.refresh_from_db()
        self.stdout.write(
            _(
                "%(applications)d applications: %(clusters)d clusters, %(risky)d risky rings, "
                "%(hubs)d hubs; %(rescreened)d applications re-screened."
            )
            % {
                "applications": run.applications,
                "clusters": run.clusters,
                "risky": run.risky,
                "hubs": len(outcome.hubs),
                "rescreened": outcome.rescreened,
            }
        )
        for hub in outcome.hubs[:20]:
            self.stdout.write(
                _("Hub (not clustered): %(kind)s %(value)s shared by %(size)d applications")
                % {"kind": hub.kind, "value": hub.value, "size": hub.size}
            )
        if out is not None:
            try:
                with out.open("w", encoding="utf-8", newline="") as handle:
                    rows = services.write_contract_csv(run, handle)
            except OSError as exc:
                raise CommandError(
                    _("The file could not be written: %(error)s") % {"error": exc}
                ) from exc
            self.stdout.write(_("%(rows)d rows written to %(file)s.") % {"rows": rows, "file": out})

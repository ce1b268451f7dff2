"""`waspada export-screening --out FILE.csv [filters]`: the latest assessment per application.

Contract for outside tools: columns `application_no, risk_score, risk_level, indicators,
recommended_action`, `indicators` `;`-separated codes; one row per assessed application.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.db.models import QuerySet

from waspada.applications.management.commands import export_applications
from waspada.applications.models import PassportApplication

COLUMNS = ["application_no", "risk_score", "risk_level", "indicators", "recommended_action"]


class Command(export_applications.Command):
    help = "Export the latest risk assessment of each application (CSV), filtered like the list."
    formats = ("csv",)
    what = "screening"

    def write(self, queryset: QuerySet[PassportApplication], out: Path, fmt: str) -> int:
        rows = (
            queryset.filter(risk_score__isnull=False)
            .values_list(
                "application_no", "risk_score", "risk_level", "risk_indicators", "risk_action"
            )
            .iterator(chunk_size=5000)
        )
        count = 0
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for row in rows:
                writer.writerow(row)
                count += 1
        return count

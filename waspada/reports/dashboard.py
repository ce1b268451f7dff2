"""Everything the dashboard shows for a period, and the period it opens on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from waspada.applications.models import PassportApplication
from waspada.domain import periods
from waspada.domain.periods import Period
from waspada.reports import breakdowns
from waspada.reports.breakdowns import Breakdown, Bucket, IndicatorRow, OfficerRow, Row
from waspada.reports.figures import Figure, Totals, count_totals


@dataclass
class Dashboard:
    totals: Totals
    breakdowns: list[Breakdown] = field(default_factory=list)
    reasons: list[Row] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    trend: list[Bucket] = field(default_factory=list)
    workload: list[OfficerRow] = field(default_factory=list)

    @property
    def period(self) -> Period:
        return self.totals.period

    @property
    def empty(self) -> bool:
        return self.totals.empty


def build(period: Period) -> Dashboard:
    """All figures of the dashboard; for a period without data only the headlines."""
    totals = count_totals(period)
    dashboard = Dashboard(totals)
    if totals.empty:
        return dashboard
    dashboard.breakdowns = breakdowns.breakdowns(period)
    dashboard.reasons = breakdowns.reasons(period)
    dashboard.indicators = breakdowns.indicators(period, totals.value("refused"))
    dashboard.trend = breakdowns.trend(period)
    dashboard.workload = breakdowns.workload(period)
    return dashboard


def all_figures(dashboard: Dashboard) -> Iterator[tuple[str, Figure]]:
    """Every count on the dashboard with a name saying where it is (for checks)."""
    for key, headline in dashboard.totals.headlines.items():
        yield f"headline {key}", headline.current
        yield f"headline {key} (previous)", headline.previous
    for table in dashboard.breakdowns:
        for row in table.rows:
            for column, found in row.cells.items():
                yield f"{table.key} {row.key} {column}", found
    for row in dashboard.reasons:
        for column, found in row.cells.items():
            yield f"reason {row.key} {column}", found
    for indicator in dashboard.indicators:
        yield f"indicator {indicator.code} applications", indicator.applications
        yield f"indicator {indicator.code} refused", indicator.refused
    for bucket in dashboard.trend:
        for column, found in bucket.cells.items():
            yield f"trend {bucket.period.start} {column}", found
    for officer in dashboard.workload:
        for column, found in officer.cells.items():
            yield f"workload {officer.user.get_username()} {column}", found


def default_period(today: dt.date | None = None) -> Period:
    """The last complete year: the year before this one, or the year of the latest
    application when that is earlier (a running year's figures are not yet the year's)."""
    last_complete = (today or timezone.localdate()).year - 1
    latest = PassportApplication.objects.aggregate(latest=Max("submitted_on"))["latest"]
    year = min(latest.year, last_complete) if latest else last_complete
    return periods.year(min(max(year, periods.FIRST_YEAR), periods.LAST_YEAR))

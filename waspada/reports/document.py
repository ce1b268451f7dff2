"""The office's TPPO-prevention report as tables, in Indonesian, ready for PDF and XLSX.

Every number comes from the dashboard's queries (`figures`, `breakdowns`), so the report
and the dashboard always agree. A report "for publication" passes through
`waspada.domain.suppression`: counts below the threshold become "<5", more cells become
"x" where totals would give them away, and a figure hidden in one table is hidden in
every table that prints it (each cell carries the key of the figure it shows: its
application-list filters). Internal tables (indicators, officers' workload) are left
out of a publication, and no table ever holds a name or a NIK of an applicant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from waspada.decisions.models import Outcome, ReasonCode
from waspada.domain import periods
from waspada.domain.decisions import reasons_for
from waspada.domain.periods import Period, PeriodKind
from waspada.domain.suppression import (
    DEFAULT_THRESHOLD,
    LinkedTable,
    Position,
    Suppressed,
    Table,
    suppress_linked,
)
from waspada.partners.coordination import COLUMNS as COORDINATION_COLUMNS
from waspada.partners.coordination import AgencyFigures, coordination_figures
from waspada.publik.models import ReportStatus
from waspada.publik.queries import CampaignFigures, campaign_figures
from waspada.regions.models import Office, Region
from waspada.regions.queries import office as current_office
from waspada.reports import breakdowns
from waspada.reports.breakdowns import Breakdown, Row
from waspada.reports.dashboard import Dashboard, build
from waspada.reports.figures import HEADLINE_LABELS, OUTCOME_KEYS, Figure, figure_filters
from waspada.training.queries import figures as training_figures

TOP_DESTINATIONS = 15


def figure_key(filters: Sequence[tuple[str, str]] | Mapping[str, str]) -> str:
    """The identity of a figure: its list filters, in a fixed order."""
    items = filters.items() if isinstance(filters, Mapping) else filters
    return "&".join(f"{name}={value}" for name, value in sorted(items))


def key_of(found: Figure) -> str:
    return figure_key(found.filters)


@dataclass
class ReportTable:
    """One table of the report: interior counts, which totals it prints, figure keys."""

    key: str
    title: str
    row_heading: str
    row_labels: list[str]
    column_labels: list[str]
    counts: list[list[int]]
    row_totals: bool = False
    column_totals: bool = False
    # Keys of the figures the cells show (extended grid positions; see suppression).
    keys: dict[Position, str] = field(default_factory=dict)
    internal: bool = False  # never published
    note: str = ""

    @property
    def table(self) -> Table:
        return Table.of(self.counts, row_totals=self.row_totals, column_totals=self.column_totals)

    def linked(self) -> LinkedTable:
        return LinkedTable(self.table, self.keys)


@dataclass
class ReportDocument:
    title: str
    office: str
    office_city: str
    period: Period
    period_label: str
    previous_label: str
    generated_at: dt.datetime
    tables: list[ReportTable]
    publication: bool = False
    threshold: int | None = None
    published: list[Suppressed] = field(default_factory=list)
    empty: bool = False

    def result(self, table: ReportTable) -> Suppressed | None:
        """The suppression result of a table (None in an internal report)."""
        if not self.publication:
            return None
        return self.published[self.tables.index(table)]


def period_label(period: Period) -> str:
    """The period in words in the active language: "2023", "Triwulan I 2023", "Maret 2023"."""
    if period.kind is PeriodKind.YEAR:
        return str(period.year)
    if period.kind is PeriodKind.QUARTER:
        return _("Quarter %(quarter)s %(year)d") % {
            "quarter": ("I", "II", "III", "IV")[period.quarter - 1],
            "year": period.year,
        }
    if period.kind is PeriodKind.MONTH:
        return f"{MONTHS[period.month]} {period.year}"
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(period.start, "j F Y"),
        "end": formats.date_format(period.end, "j F Y"),
    }


def report_title(period: Period) -> str:
    if period.kind is PeriodKind.YEAR:
        return _("Annual report on the prevention of human trafficking (TPPO)")
    if period.kind is PeriodKind.MONTH:
        return _("Monthly report on the prevention of human trafficking (TPPO)")
    return _("Report on the prevention of human trafficking (TPPO)")


def _table_from_rows(
    key: str,
    title: str,
    heading: str,
    rows: Sequence[Row],
    columns: Sequence[tuple[str, str]],
    totals: Mapping[str, Figure],
) -> ReportTable:
    """A table of breakdown rows, with column totals that are the headline figures."""
    table = ReportTable(
        key,
        title,
        heading,
        [row.label for row in rows],
        [label for _c, label in columns],
        [[row.value(column) for column, _l in columns] for row in rows],
        column_totals=True,
    )
    for r, row in enumerate(rows):
        for c, (column, _label) in enumerate(columns):
            table.keys[(r, c)] = key_of(row.cells[column])
    for c, (column, _label) in enumerate(columns):
        table.keys[(len(rows), c)] = key_of(totals[column])
    return table


def _breakdown(dashboard: Dashboard, key: str) -> Breakdown:
    return next(table for table in dashboard.breakdowns if table.key == key)


def summary_table(dashboard: Dashboard, now_label: str, before_label: str) -> ReportTable:
    totals = dashboard.totals
    keys = list(totals.headlines)
    table = ReportTable(
        "summary",
        _("Summary"),
        _("Figure"),
        [str(HEADLINE_LABELS[k]) for k in keys],
        [now_label, before_label],
        [[totals.headlines[k].current.value, totals.headlines[k].previous.value] for k in keys],
    )
    for r, k in enumerate(keys):
        table.keys[(r, 0)] = key_of(totals.headlines[k].current)
        table.keys[(r, 1)] = key_of(totals.headlines[k].previous)
    rings = totals.rings
    if rings is not None:
        table.row_labels.append(_("Risky rings detected"))
        table.counts.append([rings.current, rings.previous])
        row = len(keys)
        table.keys[(row, 0)] = f"rings:{totals.period.start}:{totals.period.end}"
        table.keys[(row, 1)] = f"rings:{totals.previous.start}:{totals.previous.end}"
    return table


def reason_table(dashboard: Dashboard, outcome: str, title: str) -> ReportTable:
    key = OUTCOME_KEYS[outcome]
    rows = [row for row in dashboard.reasons if key in row.cells]
    labels = {key: HEADLINE_LABELS[key]}
    return _table_from_rows(
        f"reasons_{key}",
        title,
        _("Reason"),
        rows,
        [(key, str(labels[key]))],
        {key: dashboard.totals.headlines[key].current},
    )


def regency_reason_table(dashboard: Dashboard, names: Mapping[str, str]) -> ReportTable:
    """Deferrals and refusals by regency of origin and reason (one query)."""
    period = dashboard.period
    counts = breakdowns.reasons_by_regency(period)
    regencies = sorted({regency for regency, _o, _r in counts} | set(names))
    refusal_reasons = [
        reason.code
        for reason in reasons_for(Outcome.REFUSE)
        if any(r == reason.code for _g, o, r in counts if o == Outcome.REFUSE)
    ]
    reason_labels = dict(ReasonCode.choices)
    columns: list[tuple[str, str, str]] = [(str(Outcome.DEFER), "", _("Deferrals"))] + [
        (str(Outcome.REFUSE), code, _("Refused: %(reason)s") % {"reason": reason_labels[code]})
        for code in refusal_reasons
    ]

    def cell_count(regency: str, outcome: str, reason: str) -> int:
        if outcome == Outcome.DEFER:
            return sum(n for (g, o, _r), n in counts.items() if g == regency and o == outcome)
        return counts.get((regency, outcome, reason), 0)

    def filters(outcome: str, reason: str, regency: str | None) -> dict[str, str]:
        found = figure_filters(OUTCOME_KEYS[outcome], period)
        if reason:
            found["reason"] = reason
        if regency:
            found["regency"] = regency
        return found

    table = ReportTable(
        "regency_reasons",
        _("Deferrals and refusals by regency of origin and reason"),
        _("Regency"),
        [names.get(code, code) for code in regencies],
        [label for _o, _r, label in columns],
        [[cell_count(g, o, r) for o, r, _l in columns] for g in regencies],
        row_totals=True,
        column_totals=True,
    )
    for r, regency in enumerate(regencies):
        for c, (outcome, reason, _label) in enumerate(columns):
            table.keys[(r, c)] = figure_key(filters(outcome, reason, regency))
    for c, (outcome, reason, _label) in enumerate(columns):
        table.keys[(len(regencies), c)] = figure_key(filters(outcome, reason, None))
    return table


def destination_table(dashboard: Dashboard) -> ReportTable:
    """Applications, deferrals and refusals by destination: the largest ones, then the rest."""
    columns = [(k, str(HEADLINE_LABELS[k])) for k in ("applications", "deferred", "refused")]
    rows = _breakdown(dashboard, "destination").rows
    top, rest = rows[:TOP_DESTINATIONS], rows[TOP_DESTINATIONS:]
    if rest:
        # The other countries together: a figure of this table only (no list filter).
        other = Row(
            "other",
            _("Other countries (%(count)d)") % {"count": len(rest)},
            {
                k: Figure(sum(row.value(k) for row in rest), (("destinations", f"other:{k}"),))
                for k, _l in columns
            },
        )
        top = [*top, other]
    return _table_from_rows(
        "destinations",
        _("Destinations"),
        _("Destination"),
        top,
        columns,
        {k: dashboard.totals.headlines[k].current for k, _l in columns},
    )


def trend_table(dashboard: Dashboard, year_to_date: Period) -> ReportTable:
    """Month by month from January to the end of the period.

    No totals row: an application deferred in two months counts in both, so the months
    need not add up to the period's figure (the summary has those).
    """
    trend = breakdowns.trend(year_to_date, monthly=True)
    columns = [(k, str(HEADLINE_LABELS[k])) for k in breakdowns.TREND_COLUMNS]
    table = ReportTable(
        "trend",
        _("Trend by month"),
        _("Month"),
        [f"{MONTHS[bucket.period.month]} {bucket.period.year}" for bucket in trend],
        [label for _k, label in columns],
        [[bucket.cells[k].value for k, _l in columns] for bucket in trend],
    )
    for r, bucket in enumerate(trend):
        for c, (k, _l) in enumerate(columns):
            table.keys[(r, c)] = key_of(bucket.cells[k])
    return table


def actions_table(dashboard: Dashboard, now_label: str) -> ReportTable:
    totals = dashboard.totals
    keys = ("deep_interviews", "referred")
    table = ReportTable(
        "actions",
        _("Prevention actions"),
        _("Action"),
        [str(HEADLINE_LABELS[k]) for k in keys],
        [now_label],
        [[totals.headlines[k].current.value] for k in keys],
        note=_("Outreach campaigns are not recorded in Waspada yet."),
    )
    for r, k in enumerate(keys):
        table.keys[(r, 0)] = key_of(totals.headlines[k].current)
    if totals.rings is not None:
        table.row_labels.append(_("Risky rings detected"))
        table.counts.append([totals.rings.current])
        table.keys[(len(keys), 0)] = f"rings:{totals.period.start}:{totals.period.end}"
    return table


def indicator_table(dashboard: Dashboard) -> ReportTable:
    table = ReportTable(
        "indicators",
        _("Indicators and the refusals they preceded"),
        _("Indicator"),
        [row.title for row in dashboard.indicators],
        [_("Applications with the indicator"), _("Refusals with the indicator")],
        [[row.applications.value, row.refused.value] for row in dashboard.indicators],
        internal=True,
        note=_("For the office only: the screening indicators are not published."),
    )
    return table


def workload_table(dashboard: Dashboard) -> ReportTable:
    return ReportTable(
        "workload",
        _("Workload per officer"),
        _("Officer"),
        [row.user.get_full_name() or row.user.get_username() for row in dashboard.workload],
        [str(label) for _k, label in breakdowns.WORKLOAD_COLUMNS],
        [[f.value for f in row.cells.values()] for row in dashboard.workload],
        internal=True,
    )


def campaign_tables(found: CampaignFigures) -> list[ReportTable]:
    """The campaign (waspada.publik): outreach and the people it reached per regency, media
    coverage, and the reports the public sent with what became of them; none for a period
    without any campaign work."""
    if found.empty:
        return []
    summary = ReportTable(
        "campaign",
        _("Prevention campaign"),
        _("Figure"),
        [
            _("Outreach activities"),
            _("People reached"),
            _("Media coverage"),
            _("Reports from the public received"),
            _("Reports from the public referred to the police"),
        ],
        [_("Count")],
        [
            [found.activities],
            [found.people],
            [found.coverage],
            [found.reports_received],
            [found.referred],
        ],
    )
    regencies = ReportTable(
        "campaign_regencies",
        _("Outreach activities by regency"),
        _("Regency"),
        [row.name for row in found.by_regency],
        [_("Activities"), _("People reached")],
        [[row.activities, row.people] for row in found.by_regency],
        column_totals=True,
    )
    labels = dict(ReportStatus.choices)
    outcomes = ReportTable(
        "public_reports",
        _("Reports from the public by status"),
        _("Status"),
        [str(labels[status]) for status in ReportStatus.values],
        [_("Reports")],
        [[found.reports_by_status[status]] for status in ReportStatus.values],
        column_totals=True,
    )
    return [summary, regencies, outcomes]


def training_table(found: dict[str, Any]) -> list[ReportTable]:
    """Officer training (waspada.training): officers certified, hours of practice,
    exercises attempted and passed; none for a period without training."""
    if found["empty"]:
        return []
    return [
        ReportTable(
            "training",
            _("Officer training"),
            _("Figure"),
            [
                _("Officers certified"),
                _("Hours of practice"),
                _("Exercises attempted"),
                _("Exercises passed"),
            ],
            [_("Count")],
            [
                [found["officers_trained"]],
                [round(found["hours"])],
                [found["attempts"]],
                [found["passed"]],
            ],
        )
    ]


def coordination_table(rows: list[AgencyFigures]) -> list[ReportTable]:
    """Coordination with the partner agencies (waspada.partners): requests, answer times,
    referrals by outcome, alerts; internal (it names the agencies); none when nothing."""
    if not rows:
        return []
    return [
        ReportTable(
            "coordination",
            _("Coordination with partner agencies"),
            _("Agency"),
            [f"{row.agency.name} ({row.agency.get_kind_display()})" for row in rows],
            [str(label) for label in COORDINATION_COLUMNS],
            [row.counts() for row in rows],
            internal=True,
            note=_(
                "Requests: Disnaker recommendation and Dukcapil NIK verifications opened in "
                "the period; referrals: rings, persons and reports from the public sent in "
                "the period, by their outcome today."
            ),
        )
    ]


def build_document(
    period: Period, *, publication: bool = False, threshold: int | None = None
) -> ReportDocument:
    """The report for a period, in Indonesian; suppressed when it is for publication."""
    with translation.override("id"):
        dashboard = build(period)
        office: Office | None = current_office()
        now_label, before_label = period_label(period), period_label(period.previous())
        document = ReportDocument(
            title=report_title(period),
            office=office.name if office else "",
            office_city=office.city if office else "",
            period=period,
            period_label=now_label,
            previous_label=before_label,
            generated_at=timezone.localtime(),
            tables=[summary_table(dashboard, now_label, before_label)],
            publication=publication,
            threshold=threshold if publication else None,
            empty=dashboard.empty,
        )
        if not dashboard.empty:
            regency_names = {row.key: row.label for row in _breakdown(dashboard, "regency").rows}
            area = {r.code: r.name for r in Region.objects.filter(code__in=regency_names)}
            year_to_date = periods.custom(dt.date(period.end.year, 1, 1), period.end)
            document.tables += [
                reason_table(dashboard, Outcome.REFUSE, _("Refusals by reason")),
                reason_table(dashboard, Outcome.CANCEL, _("Cancellations by reason")),
                regency_reason_table(dashboard, area),
                _table_from_rows(
                    "regencies",
                    _("Applications and decisions by regency of origin"),
                    _("Regency"),
                    _breakdown(dashboard, "regency").rows,
                    [(k, str(HEADLINE_LABELS[k])) for k in breakdowns.TREND_COLUMNS],
                    {k: dashboard.totals.headlines[k].current for k in breakdowns.TREND_COLUMNS},
                ),
                destination_table(dashboard),
                trend_table(dashboard, year_to_date),
                actions_table(dashboard, now_label),
            ]
            if not publication:
                document.tables += [indicator_table(dashboard), workload_table(dashboard)]
        document.tables += campaign_tables(campaign_figures(period.start, period.end))
        document.tables += training_table(training_figures(period.start, period.end))
        document.tables += coordination_table(coordination_figures(period.start, period.end))
        if publication:
            document.tables = [t for t in document.tables if not t.internal]
            document.published = suppress_linked(
                [table.linked() for table in document.tables], threshold or DEFAULT_THRESHOLD
            )
        return document

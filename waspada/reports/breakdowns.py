"""The dashboard's tables: figures by origin and profile, reasons, indicators, the trend
over time and the officers' workload. Same definitions as `figures.py`; each query
groups in the database and returns one row per group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import Combinable
from django.db.models.functions import TruncDay, TruncMonth
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from waspada.applications.countries import country_name
from waspada.applications.forms import AGE_BAND_LABELS, indicator_choices
from waspada.applications.models import PassportApplication, Purpose, Sex
from waspada.applications.queries import AGE_BANDS, age_band, has_indicator
from waspada.core.models import User
from waspada.decisions.models import Decision, Outcome, ReasonCode
from waspada.domain.decisions import reasons_for
from waspada.domain.periods import Period, PeriodKind, custom
from waspada.interviews.models import InterviewKind, InterviewSession
from waspada.regions.models import Region
from waspada.reports.drilldown import EVENT_INTERVIEWED, EVENT_PROPOSED, EVENT_REVIEWED
from waspada.reports.figures import (
    OUTCOME_KEYS,
    Figure,
    deep_interview_in,
    figure,
    figure_filters,
    happened_in,
    in_force_in,
    instant_q,
    submitted_in,
    submitted_q,
)

# The columns of every breakdown: what happened, as in the headlines.
COLUMNS: tuple[tuple[str, Promise], ...] = (
    ("applications", _("Applications")),
    ("deep_interviews", _("Deep interviews")),
    ("deferred", _("Deferrals")),
    ("refused", _("Refusals")),
    ("cancelled", _("Cancellations")),
    ("issued", _("Issued")),
)


@dataclass
class Row:
    key: str
    label: str
    cells: dict[str, Figure] = field(default_factory=dict)

    def value(self, column: str) -> int:
        return self.cells[column].value


@dataclass
class Breakdown:
    key: str
    title: Promise
    heading: Promise  # the first column's heading
    rows: list[Row]
    columns: tuple[tuple[str, Promise], ...] = COLUMNS


@dataclass(frozen=True)
class Dimension:
    key: str
    title: Promise
    heading: Promise
    param: str  # the application-list filter
    expression: Callable[[str], Combinable]  # prefix -> the value, reached from another model
    order: str  # "key": in code order; "volume": the largest first


def _field(name: str) -> Callable[[str], Combinable]:
    return lambda prefix: F(f"{prefix}{name}")


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "regency",
        _("By regency of origin"),
        _("Regency"),
        "regency",
        _field("regency_code"),
        "key",
    ),
    Dimension(
        "district",
        _("By kecamatan of origin (where the risk comes from first)"),
        _("Kecamatan"),
        "district",
        _field("district_code"),
        "risk",
    ),
    Dimension(
        "purpose", _("By travel purpose"), _("Purpose"), "purpose", _field("purpose"), "volume"
    ),
    Dimension(
        "destination",
        _("By destination"),
        _("Destination"),
        "destination",
        _field("destination_country"),
        "volume",
    ),
    Dimension("sex", _("By sex"), _("Sex"), "sex", _field("applicant__sex"), "key"),
    Dimension("age_band", _("By age at application"), _("Age"), "age_band", age_band, "bands"),
)


def grouped(queryset: QuerySet[Any], key: Combinable, **aggregates: Any) -> list[dict[str, Any]]:
    """[{"key": value, **aggregates}] per value of `key`.

    order_by() drops the models' default ordering, which would join the GROUP BY.
    """
    return list(queryset.order_by().values(key=key).annotate(**aggregates))


def grouping_sets(
    queryset: QuerySet[Any], keys: Sequence[Combinable], aggregates: Mapping[str, Any]
) -> list[list[dict[str, Any]]] | None:
    """PostgreSQL: the aggregates grouped by each key on its own, in one scan.

    Django has no GROUPING SETS, so the grouped query is compiled and its closing
    `GROUP BY 1, 2, ...` (the keys' select positions) becomes
    `GROUP BY GROUPING SETS ((1), (2), ...)`. A row belongs to the one key that is not
    NULL (the keys never are). None when the SQL does not end as expected.
    """
    names = [f"key{index}" for index in range(len(keys))]
    query = queryset.order_by().values(**dict(zip(names, keys, strict=True))).annotate(**aggregates)
    sql, params = query.query.get_compiler(query.db).as_sql()
    positions = [str(index) for index in range(1, len(keys) + 1)]
    closing = f"GROUP BY {', '.join(positions)}"
    if not sql.endswith(closing):
        return None
    sets = ", ".join(f"({position})" for position in positions)
    sql = f"{sql[: -len(closing)]}GROUP BY GROUPING SETS ({sets})"
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    result: list[list[dict[str, Any]]] = [[] for _key in keys]
    for row in rows:
        index = next(i for i, name in enumerate(names) if row[name] is not None)
        result[index].append({"key": row[names[index]], **{a: row[a] for a in aggregates}})
    return result


def grouped_by_each(
    queryset: QuerySet[Any], keys: Sequence[Combinable], **aggregates: Any
) -> list[list[dict[str, Any]]]:
    """The aggregates grouped by each key separately: one query on PostgreSQL (grouping
    sets), one per key elsewhere (SQLite has no grouping sets)."""
    if connections[queryset.db].vendor == "postgresql":
        found = grouping_sets(queryset, keys, aggregates)
        if found is not None:
            return found
    return [grouped(queryset, key, **aggregates) for key in keys]


def count_by_dimension(period: Period) -> list[dict[str, dict[str, int]]]:
    """For each dimension, {value: {column: count}} (three queries on PostgreSQL)."""
    tables: list[dict[str, dict[str, int]]] = [{} for _dimension in DIMENSIONS]

    def put(index: int, value: Any, column: str, count: int) -> None:
        row = tables[index].setdefault(str(value), {name: 0 for name, _label in COLUMNS})
        row[column] = count

    own = [dimension.expression("") for dimension in DIMENSIONS]
    related = [dimension.expression("application__") for dimension in DIMENSIONS]
    applications = PassportApplication.objects.filter(submitted_q(period))
    for index, rows in enumerate(grouped_by_each(applications, own, n=Count("id"))):
        for row in rows:
            put(index, row["key"], "applications", row["n"])
    interviews = InterviewSession.objects.filter(deep_interview_in(period))
    distinct = Count("application", distinct=True)
    for index, rows in enumerate(grouped_by_each(interviews, related, n=distinct)):
        for row in rows:
            put(index, row["key"], "deep_interviews", row["n"])
    outcomes = {
        key: Count("application", distinct=True, filter=Q(outcome=outcome))
        for outcome, key in OUTCOME_KEYS.items()
    }
    decisions = Decision.objects.filter(in_force_in(period))
    for index, rows in enumerate(grouped_by_each(decisions, related, **outcomes)):
        for row in rows:
            for key in OUTCOME_KEYS.values():
                put(index, row["key"], key, row[key])
    return tables


def cell(column: str, period: Period, extra: Mapping[str, str]) -> dict[str, str]:
    """The list filters of a breakdown cell: the column's figure, narrowed by the row."""
    return {**figure_filters(column, period), **extra}


def _labels(
    dimension: Dimension, values: Iterable[str], regions: Mapping[str, str]
) -> dict[str, str]:
    if dimension.key in ("regency", "district"):
        return {v: f"{regions.get(v, '')} ({v})" if v in regions else v for v in values}
    if dimension.key == "purpose":
        return {v: str(dict(Purpose.choices).get(v, v)) for v in values}
    if dimension.key == "destination":
        return {v: country_name(v) for v in values}
    if dimension.key == "sex":
        return {v: str(dict(Sex.choices).get(v, v)) for v in values}
    return {v: str(AGE_BAND_LABELS.get(v, v)) for v in values}


def _ordered(dimension: Dimension, table: dict[str, dict[str, int]]) -> list[str]:
    if dimension.order == "bands":
        return [band for band in AGE_BANDS if band in table]
    if dimension.order == "volume":
        return sorted(table, key=lambda v: (-table[v]["applications"], v))
    if dimension.order == "risk":
        return sorted(
            table,
            key=lambda v: (
                -(table[v]["refused"] + table[v]["deferred"]),
                -table[v]["applications"],
                v,
            ),
        )
    return sorted(table)


def breakdowns(period: Period) -> list[Breakdown]:
    """Every dimension's table (three queries on PostgreSQL, eighteen on SQLite, and one
    for the region names)."""
    counted = list(zip(DIMENSIONS, count_by_dimension(period), strict=True))
    codes = {v for d, table in counted if d.key in ("regency", "district") for v in table}
    regions = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    result = []
    for dimension, table in counted:
        labels = _labels(dimension, table, regions)
        rows = [
            Row(
                value,
                labels[value],
                {
                    column: figure(
                        table[value][column], cell(column, period, {dimension.param: value})
                    )
                    for column, _label in COLUMNS
                },
            )
            for value in _ordered(dimension, table)
        ]
        result.append(Breakdown(dimension.key, dimension.title, dimension.heading, rows))
    return result


# --- reasons ---------------------------------------------------------------------------

REASON_OUTCOMES = (Outcome.REFUSE, Outcome.CANCEL)


def reasons(period: Period) -> list[Row]:
    """Refusals and cancellations by reason, every reason listed (one query)."""
    counts = {
        (row["outcome"], row["reason_code"]): row["n"]
        for row in Decision.objects.filter(in_force_in(period), outcome__in=REASON_OUTCOMES)
        .order_by()
        .values("outcome", "reason_code")
        .annotate(n=Count("application", distinct=True))
    }
    labels = dict(ReasonCode.choices)
    rows = []
    for outcome in REASON_OUTCOMES:
        key = OUTCOME_KEYS[outcome]
        for reason in reasons_for(outcome):
            rows.append(
                Row(
                    reason.code,
                    str(labels[reason.code]),
                    {
                        key: figure(
                            counts.get((outcome, reason.code), 0),
                            cell(key, period, {"reason": reason.code}),
                        )
                    },
                )
            )
    return rows


def reasons_by_regency(period: Period) -> dict[tuple[str, str, str], int]:
    """{(regency, outcome, reason code): applications} of deferrals and refusals (one query)."""
    rows = (
        Decision.objects.filter(in_force_in(period), outcome__in=(Outcome.DEFER, Outcome.REFUSE))
        .order_by()
        .values("application__regency_code", "outcome", "reason_code")
        .annotate(n=Count("application", distinct=True))
    )
    return {
        (row["application__regency_code"], row["outcome"], row["reason_code"]): row["n"]
        for row in rows
    }


# --- indicators ------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    code: str
    title: str
    applications: Figure  # applications submitted in the period with the indicator
    refused: Figure  # refusals in force in the period whose application had it
    share_of_refusals: int | None  # % of all refusals in the period


def indicators(period: Period, refusals: int) -> list[IndicatorRow]:
    """How often each indicator fired, and how often it preceded a refusal (two queries)."""
    choices = indicator_choices()
    # Most applications raise no indicator: leave them out before testing each code.
    flagged = PassportApplication.objects.filter(submitted_q(period)).exclude(risk_indicators="")
    applications = flagged.aggregate(
        **{code: Count("id", filter=has_indicator(code)) for code, _title in choices}
    )
    refused = Decision.objects.filter(in_force_in(period), outcome=Outcome.REFUSE).aggregate(
        **{
            code: Count("application", distinct=True, filter=has_indicator(code, "application__"))
            for code, _title in choices
        }
    )
    rows = [
        IndicatorRow(
            code,
            title,
            figure(applications[code], submitted_in(period), {"indicator": code}),
            figure(refused[code], figure_filters("refused", period), {"indicator": code}),
            round(100 * refused[code] / refusals) if refusals else None,
        )
        for code, title in choices
        if applications[code] or refused[code]
    ]
    return sorted(rows, key=lambda r: (-r.refused.value, -r.applications.value, r.code))


# --- trend -----------------------------------------------------------------------------

TREND_COLUMNS = ("applications", "deep_interviews", "deferred", "refused", "issued")


@dataclass
class Bucket:
    period: Period
    cells: dict[str, Figure]


def buckets(period: Period, *, monthly: bool = False) -> list[Period]:
    """Days for a period of up to two months (unless `monthly`), else months; cut to the
    period."""
    if period.days <= 62 and not monthly:
        return [
            custom(day, day)
            for day in (period.start + dt.timedelta(days=n) for n in range(period.days))
        ]
    spans = []
    for year, month in period.months():
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        spans.append(Period(PeriodKind.MONTH, max(first, period.start), min(last, period.end)))
    return spans


def _day(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def trend(period: Period, *, monthly: bool = False) -> list[Bucket]:
    """Applications, deep interviews and decisions per day or month (three queries)."""
    daily = period.days <= 62 and not monthly
    truncate = TruncDay if daily else TruncMonth
    spans = buckets(period, monthly=monthly)
    counts: dict[tuple[dt.date, str], int] = {}

    def start_of(value: dt.date | dt.datetime | None) -> dt.date | None:
        day = _day(value)
        return day if daily or day is None else day.replace(day=1)

    applications = PassportApplication.objects.filter(submitted_q(period))
    for row in grouped(applications, truncate("submitted_on"), n=Count("id")):
        counts[(start_of(row["key"]) or period.start, "applications")] = row["n"]
    interviews = InterviewSession.objects.filter(deep_interview_in(period))
    for row in grouped(interviews, truncate("started_at"), n=Count("application", distinct=True)):
        counts[(start_of(row["key"]) or period.start, "deep_interviews")] = row["n"]
    outcomes = {
        key: Count("application", distinct=True, filter=Q(outcome=outcome))
        for outcome, key in OUTCOME_KEYS.items()
        if key in TREND_COLUMNS
    }
    decisions = Decision.objects.filter(in_force_in(period))
    for row in grouped(decisions, truncate("in_force_at"), **outcomes):
        for key in outcomes:
            counts[(start_of(row["key"]) or period.start, key)] = row[key]

    def first_day(span: Period) -> dt.date:
        return span.start if daily else span.start.replace(day=1)

    return [
        Bucket(
            span,
            {
                column: figure(
                    counts.get((first_day(span), column), 0), figure_filters(column, span)
                )
                for column in TREND_COLUMNS
            },
        )
        for span in spans
    ]


# --- workload --------------------------------------------------------------------------

WORKLOAD_COLUMNS: tuple[tuple[str, Promise], ...] = (
    ("registered", _("Applications registered")),
    ("interviewed", _("Interviews")),
    ("deep", _("of which deep")),
    ("proposed", _("Decisions proposed")),
    ("reviewed", _("Signed off or returned")),
)


@dataclass
class OfficerRow:
    user: User
    cells: dict[str, Figure]


def workload(period: Period) -> list[OfficerRow]:
    """Per officer: what they registered, interviewed, proposed and signed off (five queries).

    Counted in applications, like every figure: two interviews of one applicant by the
    same officer in the period count once.
    """
    counts: dict[int, dict[str, int]] = {}

    def put(user_id: int | None, column: str, count: int) -> None:
        if user_id is not None:
            counts.setdefault(user_id, {name: 0 for name, _label in WORKLOAD_COLUMNS})[column] = (
                count
            )

    registered = PassportApplication.objects.filter(submitted_q(period), created_by__isnull=False)
    for row in grouped(registered, F("created_by"), n=Count("id")):
        put(row["key"], "registered", row["n"])
    interviews = InterviewSession.objects.filter(instant_q("started_at", period))
    for row in grouped(
        interviews,
        F("interviewer"),
        n=Count("application", distinct=True),
        deep=Count("application", distinct=True, filter=Q(kind=InterviewKind.DEEP)),
    ):
        put(row["key"], "interviewed", row["n"])
        put(row["key"], "deep", row["deep"])
    for column, person, moment in (
        ("proposed", "proposed_by", "proposed_at"),
        ("reviewed", "reviewed_by", "reviewed_at"),
    ):
        decisions = Decision.objects.filter(
            instant_q(moment, period), **{f"{person}__isnull": False}
        )
        for row in grouped(decisions, F(person), n=Count("application", distinct=True)):
            put(row["key"], column, row["n"])

    users = User.objects.in_bulk(list(counts))
    rows = []
    for user_id, values in counts.items():
        user = users[user_id]
        name = user.get_username()
        filters = {
            "registered": {"registered_by": name, **submitted_in(period)},
            "interviewed": {"interviewer": name, **happened_in(EVENT_INTERVIEWED, period)},
            "deep": {
                "interviewer": name,
                "interview": str(InterviewKind.DEEP),
                **happened_in(EVENT_INTERVIEWED, period),
            },
            "proposed": {"proposed_by": name, **happened_in(EVENT_PROPOSED, period)},
            "reviewed": {"reviewed_by": name, **happened_in(EVENT_REVIEWED, period)},
        }
        rows.append(
            OfficerRow(
                user,
                {
                    column: figure(values[column], filters[column])
                    for column, _l in WORKLOAD_COLUMNS
                },
            )
        )
    return sorted(rows, key=lambda r: (-sum(f.value for f in r.cells.values()), r.user.pk))

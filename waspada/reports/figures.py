"""The dashboard's figures for a period, counted in SQL, each with the list behind it.

What is counted, and when (the definitions the list filters repeat exactly):

- applications: submitted in the period (`submitted_on`);
- deep interviews: applications with a deep interview started in the period;
- deferrals, refusals, cancellations, issued: applications with a decision of that
  outcome that came into force in the period (a refusal "in 2023" is one signed in 2023);
- applicants in risky rings: applications submitted in the period that belong to a risky
  ring of the latest detection run; rings: the risky rings active in the period;
- referred: applications referred to a partner agency in the period.

Every count is distinct applications, so each equals the number of rows of the list it
links to (`Figure.url`). Every query aggregates in the database (GROUP BY, conditional
COUNT/AVG); Python only arranges the few rows that come back. Breakdowns, indicators,
the trend and the workload live in `breakdowns.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
)
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from waspada.applications.models import PassportApplication
from waspada.decisions.models import Decision, DecisionState, Outcome
from waspada.domain.periods import Period
from waspada.interviews.models import InterviewKind, InterviewSession
from waspada.networks.models import DetectionRun, RingCluster
from waspada.networks.queries import latest_run
from waspada.partners.models import Referral
from waspada.reports.drilldown import (
    EVENT_DECIDED,
    EVENT_INTERVIEWED,
    EVENT_REFERRED,
    instant_range,
    ring_members,
)

Filters = tuple[tuple[str, str], ...]

# Outcome -> the figure's key (the decisions' outcome names are verbs).
OUTCOME_KEYS: dict[str, str] = {
    Outcome.DEFER: "deferred",
    Outcome.REFUSE: "refused",
    Outcome.CANCEL: "cancelled",
    Outcome.ISSUE: "issued",
}
HEADLINE_LABELS: dict[str, Promise] = {
    "applications": _("Applications"),
    "deep_interviews": _("Deep interviews"),
    "deferred": _("Deferrals"),
    "refused": _("Refusals"),
    "cancelled": _("Cancellations"),
    "issued": _("Passports issued"),
    "ring_members": _("Applicants in risky rings"),
    "referred": _("Applicants referred to partners"),
}


@dataclass(frozen=True)
class Figure:
    """A count and the application-list filters that select exactly what it counts."""

    value: int
    filters: Filters = ()

    @property
    def url(self) -> str:
        return f"{reverse('application_list')}?{urlencode(self.filters)}"


def submitted_in(period: Period) -> dict[str, str]:
    return {"date_from": period.start.isoformat(), "date_to": period.end.isoformat()}


def happened_in(event: str, period: Period) -> dict[str, str]:
    return {
        "event": event,
        "event_from": period.start.isoformat(),
        "event_to": period.end.isoformat(),
    }


def figure_filters(key: str, period: Period) -> dict[str, str]:
    """The list filters of a figure (`HEADLINE_LABELS` key) in a period."""
    if key == "applications":
        return submitted_in(period)
    if key == "deep_interviews":
        return {"interview": str(InterviewKind.DEEP), **happened_in(EVENT_INTERVIEWED, period)}
    if key == "ring_members":
        return {"ring": "on", **submitted_in(period)}
    if key == "referred":
        return {"referred": "on", **happened_in(EVENT_REFERRED, period)}
    outcome = next(o for o, k in OUTCOME_KEYS.items() if k == key)
    return {"outcome": str(outcome), **happened_in(EVENT_DECIDED, period)}


def figure(value: int, *parts: Mapping[str, str]) -> Figure:
    merged: dict[str, str] = {}
    for part in parts:
        merged.update(part)
    return Figure(value, tuple(merged.items()))


def submitted_q(period: Period, prefix: str = "") -> Q:
    return Q(
        **{f"{prefix}submitted_on__gte": period.start, f"{prefix}submitted_on__lte": period.end}
    )


def instant_q(field_name: str, period: Period) -> Q:
    """Timestamps on the period's days in the office's time zone (as the list filters)."""
    return instant_range(field_name, period.start, period.end)


def in_force_in(period: Period) -> Q:
    return Q(state=DecisionState.IN_FORCE) & instant_q("in_force_at", period)


def deep_interview_in(period: Period) -> Q:
    return Q(kind=InterviewKind.DEEP) & instant_q("started_at", period)


def days_to_decision() -> ExpressionWrapper:
    """Calendar days from the application to the day its decision came into force."""
    return ExpressionWrapper(
        TruncDate("in_force_at") - F("application__submitted_on"), output_field=DurationField()
    )


@dataclass(frozen=True)
class Headline:
    key: str
    current: Figure
    previous: Figure

    @property
    def label(self) -> Promise:
        return HEADLINE_LABELS[self.key]

    @property
    def change(self) -> int:
        return self.current.value - self.previous.value

    @property
    def change_percent(self) -> int | None:
        if not self.previous.value:
            return None
        return round(100 * self.change / self.previous.value)


@dataclass(frozen=True)
class DecisionTime:
    """Average days from application to a decision of one outcome, in force in the period."""

    outcome: str
    current_days: float | None
    previous_days: float | None
    current: Figure  # the decisions averaged (their applications)
    previous: Figure


@dataclass(frozen=True)
class RingCount:
    current: int
    previous: int
    run: DetectionRun | None
    current_url: str
    previous_url: str


@dataclass
class Totals:
    """The headline figures of a period and the one before it."""

    period: Period
    previous: Period
    headlines: dict[str, Headline] = field(default_factory=dict)
    decision_times: list[DecisionTime] = field(default_factory=list)
    rings: RingCount | None = None

    @property
    def empty(self) -> bool:
        return not any(h.current.value for h in self.headlines.values())

    def value(self, key: str) -> int:
        return self.headlines[key].current.value


def _two_periods(
    counts: Mapping[str, Any], key: str, totals: Totals, *, current: str, previous: str
) -> None:
    totals.headlines[key] = Headline(
        key,
        figure(int(counts[current] or 0), figure_filters(key, totals.period)),
        figure(int(counts[previous] or 0), figure_filters(key, totals.previous)),
    )


def _days(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        return round(value.total_seconds() / 86400, 1)
    return round(float(value) / 86_400_000_000, 1)  # microseconds (SQLite)


def count_totals(period: Period) -> Totals:
    """Headlines with the previous period, average days to a decision, rings (six queries)."""
    totals = Totals(period, period.previous())
    now, before = totals.period, totals.previous
    both = Period(now.kind, before.start, now.end)  # the previous period ends the day before

    run = latest_run()
    run_id = run.pk if run else None
    applications = PassportApplication.objects.filter(submitted_q(both)).aggregate(
        now=Count("id", filter=submitted_q(now)),
        before=Count("id", filter=submitted_q(before)),
        rings_now=Count("id", filter=submitted_q(now) & ring_members(run_id)),
        rings_before=Count("id", filter=submitted_q(before) & ring_members(run_id)),
    )
    _two_periods(applications, "applications", totals, current="now", previous="before")

    interviews = InterviewSession.objects.filter(deep_interview_in(both)).aggregate(
        now=Count("application", distinct=True, filter=instant_q("started_at", now)),
        before=Count("application", distinct=True, filter=instant_q("started_at", before)),
    )
    _two_periods(interviews, "deep_interviews", totals, current="now", previous="before")

    aggregates: dict[str, Any] = {}
    for outcome, key in OUTCOME_KEYS.items():
        for name, span in (("now", now), ("before", before)):
            when = Q(outcome=outcome) & instant_q("in_force_at", span)
            aggregates[f"{key}_{name}"] = Count("application", distinct=True, filter=when)
            aggregates[f"{key}_{name}_days"] = Avg(days_to_decision(), filter=when)
    decisions = Decision.objects.filter(in_force_in(both)).aggregate(**aggregates)
    for outcome, key in OUTCOME_KEYS.items():
        _two_periods(decisions, key, totals, current=f"{key}_now", previous=f"{key}_before")
        if outcome != Outcome.CANCEL:  # a cancellation may come years after the passport
            headline = totals.headlines[key]
            totals.decision_times.append(
                DecisionTime(
                    outcome,
                    _days(decisions[f"{key}_now_days"]),
                    _days(decisions[f"{key}_before_days"]),
                    headline.current,
                    headline.previous,
                )
            )

    _two_periods(applications, "ring_members", totals, current="rings_now", previous="rings_before")
    referred = Referral.applications.through.objects.filter(
        instant_q("referral__referred_at", both)
    ).aggregate(
        now=Count(
            "passportapplication", distinct=True, filter=instant_q("referral__referred_at", now)
        ),
        before=Count(
            "passportapplication", distinct=True, filter=instant_q("referral__referred_at", before)
        ),
    )
    _two_periods(referred, "referred", totals, current="now", previous="before")
    totals.rings = _ring_count(run, now, before)
    return totals


def _active_in(span: Period) -> Q:
    return Q(last_submitted__gte=span.start, first_submitted__lte=span.end)


def _ring_count(run: DetectionRun | None, now: Period, before: Period) -> RingCount:
    """Risky rings whose members applied during the period (the ring list's filters)."""
    counts = {"now": 0, "before": 0}
    if run is not None:
        counts = RingCluster.objects.filter(run=run, size__gte=2, risky=True).aggregate(
            now=Count("id", filter=_active_in(now)), before=Count("id", filter=_active_in(before))
        )

    def url(span: Period) -> str:
        return f"{reverse('ring_list')}?{urlencode({'risky': 'on', **submitted_in(span)})}"

    return RingCount(counts["now"], counts["before"], run, url(now), url(before))

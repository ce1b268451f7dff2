"""Read helpers: the screening queue, the latest assessment, policy texts, backtests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from waspada.applications.models import PassportApplication, Status
from waspada.applications.queries import in_area_and_period
from waspada.core.jobs import JobQuerySet, JobState
from waspada.screening.backtest import BacktestResult
from waspada.screening.models import BacktestRun, IndicatorHit, PolicyVersion, RiskAssessment
from waspada.screening.questions import question_texts


@dataclass(frozen=True)
class QueueFilters:
    level: str = ""
    indicator: str = ""
    regency: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def queue(filters: QueueFilters) -> QuerySet[PassportApplication]:
    """Assessed applications waiting for the interview desk, riskiest first."""
    apps = PassportApplication.objects.select_related("applicant").filter(
        status=Status.SCREENING, risk_score__isnull=False
    )
    if filters.level:
        apps = apps.filter(risk_level=filters.level)
    apps = in_area_and_period(apps, filters.regency, filters.date_from, filters.date_to)
    if filters.indicator:
        # The codes of the latest assessment are kept on the application as "D01;D22".
        code = filters.indicator
        apps = apps.filter(
            Q(risk_indicators=code)
            | Q(risk_indicators__startswith=f"{code};")
            | Q(risk_indicators__endswith=f";{code}")
            | Q(risk_indicators__contains=f";{code};")
        )
    return apps.order_by("-risk_score", "submitted_on", "pk")


def latest_assessment(application: PassportApplication) -> RiskAssessment | None:
    return (
        RiskAssessment.objects.filter(application=application)
        .select_related("policy_version", "consulted")
        .prefetch_related("hits")
        .order_by("-created_at", "-id")
        .first()
    )


def hit_display(hit: IndicatorHit, spec: Any, language: str) -> dict[str, Any]:
    """What the officer reads about one hit, in their language."""
    lang = "en" if language.startswith("en") else "id"
    return {
        "code": hit.code,
        "weight": hit.weight,
        "strength": hit.strength,
        "evidence": hit.evidence_en if lang == "en" else hit.evidence_id,
        "title": spec.title.get(lang, hit.code) if spec else hit.code,
        "explanation": spec.explanation.get(lang, "") if spec else "",
        "legal_basis": spec.legal_basis.get(lang, "") if spec else "",
        "questions": question_texts(spec.questions, lang) if spec else [],
    }


def backtests(draft: PolicyVersion | None = None) -> JobQuerySet[BacktestRun]:
    """Backtests, newest first: of `draft`, or of every draft."""
    runs = BacktestRun.objects.select_related("draft", "in_force", "created_by")
    return runs if draft is None else runs.filter(draft=draft)


def latest_backtest(
    draft: PolicyVersion, period: tuple[dt.date | None, dt.date | None] | None = None
) -> BacktestRun | None:
    """The draft's latest finished backtest; of `period` (from, until) when given."""
    runs = backtests(draft).filter(state=JobState.DONE)
    if period is not None:
        runs = runs.filter(date_from=period[0], date_to=period[1])
    return runs.first()


def backtest_result(run: BacktestRun | None) -> BacktestResult | None:
    """The figures of a finished backtest (None while it is not done)."""
    if run is None or run.state != JobState.DONE or run.result is None:
        return None
    return BacktestResult.from_json(run.result)

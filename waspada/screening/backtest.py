"""Backtesting a draft policy: what would change on the applications of a period?

Nothing is saved: each application is assessed under the policy in force and under
the draft, and the differences are counted overall and per regency, purpose and sex,
so that a change that shifts one group unfairly shows before it is published.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from waspada.applications.models import PassportApplication
from waspada.domain.risk import Policy, assess
from waspada.screening.context import build_contexts

BATCH_SIZE = 1000
MAX_LISTED = 500


@dataclass(frozen=True)
class Change:
    application_no: str
    old_level: str
    new_level: str
    old_action: str
    new_action: str
    old_score: int
    new_score: int


@dataclass
class GroupShift:
    """Deep interviews in one group, before and after."""

    applications: int = 0
    deep_before: int = 0
    deep_after: int = 0

    @property
    def share_before(self) -> float:
        return self.deep_before / self.applications if self.applications else 0.0

    @property
    def share_after(self) -> float:
        return self.deep_after / self.applications if self.applications else 0.0


@dataclass
class BacktestResult:
    applications: int = 0
    level_changed: int = 0
    action_changed: int = 0
    to_deep: int = 0
    to_standard: int = 0
    levels_before: Counter[str] = field(default_factory=Counter)
    levels_after: Counter[str] = field(default_factory=Counter)
    changes: list[Change] = field(default_factory=list)
    by_regency: dict[str, GroupShift] = field(default_factory=dict)
    by_purpose: dict[str, GroupShift] = field(default_factory=dict)
    by_sex: dict[str, GroupShift] = field(default_factory=dict)


def _count(groups: dict[str, GroupShift], key: str, before: bool, after: bool) -> None:
    shift = groups.setdefault(key, GroupShift())
    shift.applications += 1
    shift.deep_before += before
    shift.deep_after += after


def backtest(
    current: Policy, draft: Policy, date_from: dt.date, date_to: dt.date
) -> BacktestResult:
    """Compare the two policies on the applications submitted in the period."""
    result = BacktestResult()
    ids = list(
        PassportApplication.objects.filter(submitted_on__range=(date_from, date_to))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH_SIZE):
        batch = list(
            PassportApplication.objects.select_related("applicant").filter(
                pk__in=ids[start : start + BATCH_SIZE]
            )
        )
        # The draft's duplicate window: the backtest asks what the draft would do.
        contexts = build_contexts(batch, draft)
        for app in batch:
            old = assess(contexts[app.pk], current)
            new = assess(contexts[app.pk], draft)
            result.applications += 1
            result.levels_before[old.level] += 1
            result.levels_after[new.level] += 1
            deep_before = old.action == "deep_interview"
            deep_after = new.action == "deep_interview"
            if old.level != new.level:
                result.level_changed += 1
            if old.action != new.action:
                result.action_changed += 1
                result.to_deep += deep_after
                result.to_standard += deep_before
            if (old.level != new.level or old.action != new.action) and len(
                result.changes
            ) < MAX_LISTED:
                result.changes.append(
                    Change(
                        app.application_no,
                        old.level,
                        new.level,
                        old.action,
                        new.action,
                        old.score,
                        new.score,
                    )
                )
            _count(result.by_regency, app.regency_code, deep_before, deep_after)
            _count(result.by_purpose, app.purpose, deep_before, deep_after)
            _count(result.by_sex, app.applicant.sex, deep_before, deep_after)
    return result

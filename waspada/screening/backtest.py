"""Backtesting a draft policy: what would change on the applications of a period?

No assessment is saved: each application is assessed under the policy in force and
under the draft, and the differences are counted overall and per regency, purpose and
sex, so that a change that shifts one group unfairly shows before it is published.
An office's whole history is too much for a web request: the count runs in the
background worker (`BacktestRun`, see services.run_backtest), which keeps the result as
JSON (`BacktestResult.to_json`) for its page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import QuerySet

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
    # Applications whose level or action changed: `changes` lists the first MAX_LISTED.
    changed: int = 0
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

    def to_json(self) -> dict[str, Any]:
        # Not dataclasses.asdict: it rebuilds a Counter from (key, count) pairs, which
        # counts the pairs.
        data = {name: getattr(self, name) for name in _COUNTS}
        data["levels_before"] = dict(self.levels_before)
        data["levels_after"] = dict(self.levels_after)
        data["changes"] = [asdict(change) for change in self.changes]
        for name in _GROUPS:
            data[name] = {key: asdict(shift) for key, shift in getattr(self, name).items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BacktestResult:
        result = cls(**{name: data.get(name, 0) for name in _COUNTS})
        result.levels_before.update(data.get("levels_before", {}))
        result.levels_after.update(data.get("levels_after", {}))
        result.changes = [Change(**change) for change in data.get("changes", [])]
        for name in _GROUPS:
            groups = {key: GroupShift(**shift) for key, shift in data.get(name, {}).items()}
            setattr(result, name, groups)
        return result


_COUNTS = ("applications", "changed", "level_changed", "action_changed", "to_deep", "to_standard")
_GROUPS = ("by_regency", "by_purpose", "by_sex")


def _count(groups: dict[str, GroupShift], key: str, before: bool, after: bool) -> None:
    shift = groups.setdefault(key, GroupShift())
    shift.applications += 1
    shift.deep_before += before
    shift.deep_after += after


def applications_in(
    date_from: dt.date | None, date_to: dt.date | None
) -> QuerySet[PassportApplication]:
    """The applications submitted in the period; an open end reaches the end of history."""
    applications = PassportApplication.objects.all()
    if date_from is not None:
        applications = applications.filter(submitted_on__gte=date_from)
    if date_to is not None:
        applications = applications.filter(submitted_on__lte=date_to)
    return applications


def _batches(applications: QuerySet[PassportApplication]) -> Iterator[list[PassportApplication]]:
    # Keyset pages by primary key: neither the rows nor their ids are ever all in memory,
    # and each page is as quick to find as the first.
    last = 0
    while batch := list(
        applications.select_related("applicant").filter(pk__gt=last).order_by("pk")[:BATCH_SIZE]
    ):
        yield batch
        last = batch[-1].pk


def backtest(
    current: Policy,
    draft: Policy,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> BacktestResult:
    """Compare the two policies on the applications submitted in the period.

    `progress`, when given, is called with the number of applications of each batch done.
    """
    result = BacktestResult()
    for batch in _batches(applications_in(date_from, date_to)):
        # The draft's duplicate window: the backtest asks what the draft would do.
        contexts = build_contexts(batch, draft)
        for app in batch:
            old = assess(contexts[app.pk], current)
            new = assess(contexts[app.pk], draft)
            result.applications += 1
            result.levels_before[str(old.level)] += 1
            result.levels_after[str(new.level)] += 1
            deep_before = old.action == "deep_interview"
            deep_after = new.action == "deep_interview"
            if old.level != new.level:
                result.level_changed += 1
            if old.action != new.action:
                result.action_changed += 1
                result.to_deep += deep_after
                result.to_standard += deep_before
            if old.level != new.level or old.action != new.action:
                result.changed += 1
                if len(result.changes) < MAX_LISTED:
                    result.changes.append(
                        Change(
                            app.application_no,
                            str(old.level),
                            str(new.level),
                            str(old.action),
                            str(new.action),
                            old.score,
                            new.score,
                        )
                    )
            _count(result.by_regency, app.regency_code, deep_before, deep_after)
            _count(result.by_purpose, app.purpose, deep_before, deep_after)
            _count(result.by_sex, app.applicant.sex, deep_before, deep_after)
        if progress is not None:
            progress(len(batch))
    return result

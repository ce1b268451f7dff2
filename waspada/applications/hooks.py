"""Where the apps above applications plug in (see waspada.core.hooks).

- `APPLICATIONS_SAVED`: what runs after applications are created or changed, whoever
  saved them (screening assesses them, networks links them), so the intake form, file
  imports and the demo generator all go through it.
- `DETAIL_PANELS`: the panels of the application page (assessment, watchlist matches,
  decisions, interviews).
- `LIST_FILTERS`: filters of the application list beyond the application's own fields
  (the reports' drill-down: decisions, interviews, rings, referrals).

The applications app runs and shows them without importing the apps that register them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from django import forms
from django.db.models import Exists, Q

from waspada.core.hooks import HookPoint, Panel
from waspada.core.models import User


class AfterSave(Protocol):
    def __call__(
        self, application_ids: Sequence[int], *, trigger: str, acting_user: User | None
    ) -> None: ...


class ListFilter(Protocol):
    """Filters the application list offers on behalf of an app above it."""

    def fields(self) -> dict[str, forms.Field]:
        """New form fields, in the order shown (folded under "More filters")."""
        ...

    def clean(self, form: forms.Form, data: Mapping[str, Any]) -> None:
        """Check the fields together; errors go on the form (`form.add_error`)."""
        ...

    def conditions(self, values: Mapping[str, Any]) -> list[Q | Exists]:
        """What an application must satisfy for these cleaned values (the set ones of
        every list filter): nothing when this filter's fields are not set."""
        ...


APPLICATIONS_SAVED: HookPoint[AfterSave] = HookPoint("applications.saved")
DETAIL_PANELS: HookPoint[Panel] = HookPoint("applications.detail_panels")
LIST_FILTERS: HookPoint[ListFilter] = HookPoint("applications.list_filters")


def applications_saved(
    application_ids: Sequence[int], *, trigger: str, acting_user: User | None
) -> None:
    """Run every registered hook for these applications (`trigger`: intake or import)."""
    if not application_ids:
        return
    for hook in APPLICATIONS_SAVED:
        hook(application_ids, trigger=trigger, acting_user=acting_user)

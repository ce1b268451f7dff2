"""What happens after applications are created or changed, whoever saved them.

Screening registers itself here (its AppConfig.ready), so the intake form, file
imports and the demo generator all assess what they save, and the applications app
needs to know nothing about screening.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from waspada.core.models import User


class AfterSave(Protocol):
    def __call__(
        self, application_ids: Sequence[int], *, trigger: str, acting_user: User | None
    ) -> None: ...


_after_save: list[AfterSave] = []


def on_applications_saved(hook: AfterSave) -> AfterSave:
    if hook not in _after_save:
        _after_save.append(hook)
    return hook


def applications_saved(
    application_ids: Sequence[int], *, trigger: str, acting_user: User | None
) -> None:
    """Run every registered hook for these applications (`trigger`: intake or import)."""
    if not application_ids:
        return
    for hook in _after_save:
        hook(application_ids, trigger=trigger, acting_user=acting_user)


def registered_hooks() -> list[Callable[..., None]]:
    return list(_after_save)

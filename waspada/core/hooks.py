"""Named hooks in an explicit order: how an app plugs into an app below it.

The apps are layered (see `[tool.importlinter]` in pyproject.toml): an app imports only
the apps below it. Where a lower app must let higher ones take part - run something
after applications are saved, add facts to screening, show a panel on the application
page, offer a filter on the list - it declares a `HookPoint` in its own module, and the
higher apps register into it from their `AppConfig.ready`:

    # waspada/applications/hooks.py (the app below)
    DETAIL_PANELS: HookPoint[Panel] = HookPoint("applications.detail_panels")

    # waspada/decisions/apps.py (an app above)
    DETAIL_PANELS.register("decisions", Panel("decisions/_application_panel.html"), order=300)

Every hook has a name (unique within its point: registering it twice is an error, not
a silent replacement) and an order (unique within its point too): the hooks run, or
the panels show, by ascending order, whatever the order of INSTALLED_APPS. Leave gaps
(100, 200, ...) so that a new hook fits between two without renumbering.

Tests change the hooks only through `HookPoint.temporarily` and `HookPoint.suspended`,
which put the registry back exactly as it was when the block ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class HookError(Exception):
    """A hook registered wrongly: a programming error, raised at start-up."""


@dataclass(frozen=True)
class Registration(Generic[T]):
    name: str
    order: int
    hook: T


class HookPoint(Generic[T]):
    """One extension point: the hooks registered into it, by name, in their order."""

    def __init__(self, name: str) -> None:
        if name in _POINTS:
            raise HookError(f"Hook point {name!r} is declared twice.")
        self.name = name
        self._registrations: dict[str, Registration[T]] = {}
        _POINTS[name] = self

    def __repr__(self) -> str:
        return f"<HookPoint {self.name}: {', '.join(self.names()) or 'empty'}>"

    def register(self, name: str, hook: T, *, order: int) -> T:
        """Add `hook` under `name` at position `order`; returns the hook."""
        if name in self._registrations:
            raise HookError(f"{self.name}: a hook named {name!r} is already registered.")
        for other in self._registrations.values():
            if other.order == order:
                raise HookError(
                    f"{self.name}: {name!r} and {other.name!r} both ask for order {order}; "
                    "give each hook its own position."
                )
        self._registrations[name] = Registration(name, order, hook)
        return hook

    def unregister(self, name: str) -> None:
        if name not in self._registrations:
            raise HookError(f"{self.name}: no hook named {name!r} is registered.")
        del self._registrations[name]

    def registrations(self) -> list[Registration[T]]:
        return sorted(self._registrations.values(), key=lambda found: found.order)

    def hooks(self) -> list[T]:
        """The hooks in their order."""
        return [found.hook for found in self.registrations()]

    def names(self) -> list[str]:
        return [found.name for found in self.registrations()]

    def get(self, name: str) -> T | None:
        found = self._registrations.get(name)
        return found.hook if found is not None else None

    def __iter__(self) -> Iterator[T]:
        return iter(self.hooks())

    @contextmanager
    def temporarily(self, name: str, hook: T, *, order: int | None = None) -> Iterator[T]:
        """For tests: `hook` registered under `name` for the block, then the registry as it
        was. A hook of that name already registered is replaced for the block, at its own
        position unless `order` is given; a new name needs an `order`."""
        saved = dict(self._registrations)
        try:
            existing = self._registrations.pop(name, None)
            if order is None:
                if existing is None:
                    raise HookError(f"{self.name}: a new hook {name!r} needs an order.")
                order = existing.order
            self.register(name, hook, order=order)
            yield hook
        finally:
            self._registrations = saved

    @contextmanager
    def suspended(self, *names: str) -> Iterator[None]:
        """For tests: the block runs without these hooks (without any when none is named),
        then the registry is as it was."""
        saved = dict(self._registrations)
        try:
            for name in names or list(self._registrations):
                self.unregister(name)
            yield
        finally:
            self._registrations = saved


_POINTS: dict[str, HookPoint[Any]] = {}


def hook_points() -> dict[str, HookPoint[Any]]:
    """Every declared hook point by name (the modules declaring them must be imported)."""
    return dict(_POINTS)


@dataclass(frozen=True)
class Panel:
    """A part of another app's page: a template included there with the page's context
    (it computes what it shows with its own template tags)."""

    template: str

"""Typed evidence: what a domain result says, as a stable code and its parameters.

Domain code never writes sentences for people: it returns `Reason` values
(`Reason.of("within_days", days=21)`), which are stored as JSON (`to_data`) and put into
words in the reader's language at the edge (the app that shows them, with gettext), so
a wording or a translation can change without touching the stored rows or the domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Param", "Reason"]

# Numbers stay numbers (a renderer chooses singular or plural by them); anything else is
# kept as text, so a reason compares equal to itself read back from JSON.
Param = str | int


def _param(value: object) -> Param:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return str(value)


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason: a stable code and its parameters (in the order given)."""

    code: str
    params: tuple[tuple[str, Param], ...] = ()

    @classmethod
    def of(cls, code: str, **params: object) -> Reason:
        return cls(code, tuple((name, _param(value)) for name, value in params.items()))

    def param(self, name: str, default: Param = "") -> Param:
        """One parameter's value, `default` when the reason does not carry it."""
        return dict(self.params).get(name, default)

    def to_data(self) -> dict[str, Any]:
        """The JSON form: {"code": ..., "params": {...}}."""
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Reason:
        """A reason from its JSON form (unknown shapes give an empty code, never an error)."""
        params = data.get("params") if isinstance(data, Mapping) else None
        return cls(
            str(data.get("code", "")) if isinstance(data, Mapping) else "",
            tuple(
                (str(name), _param(value))
                for name, value in (params.items() if isinstance(params, Mapping) else ())
            ),
        )

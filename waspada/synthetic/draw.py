"""Seeded random choices shared by the generators (one `random.Random` drives them all)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def weighted(rng: random.Random, options: Sequence[T], weights: Sequence[float]) -> T:
    return rng.choices(options, weights=weights)[0]


def from_table(rng: random.Random, table: dict[str, int]) -> str:
    """A key of `table`, drawn with its value as weight."""
    return weighted(rng, list(table), list(table.values()))

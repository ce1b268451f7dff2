"""Named hooks: an explicit order, no silent replacement, temporary ones in tests."""

from __future__ import annotations

import itertools

import pytest

from waspada.core.hooks import HookError, HookPoint, hook_points

_numbers = itertools.count()


def point() -> HookPoint[str]:
    """A fresh hook point (point names are unique too)."""
    return HookPoint(f"test.point_{next(_numbers)}")


def test_hooks_run_in_their_order_not_in_the_order_they_were_registered() -> None:
    hooks = point()
    hooks.register("late", "L", order=300)
    hooks.register("early", "E", order=100)
    hooks.register("between", "B", order=200)
    assert hooks.hooks() == ["E", "B", "L"]
    assert list(hooks) == ["E", "B", "L"]
    assert hooks.names() == ["early", "between", "late"]


def test_a_name_registered_twice_is_an_error_not_a_replacement() -> None:
    hooks = point()
    hooks.register("watchlist", "first", order=100)
    with pytest.raises(HookError, match="'watchlist' is already registered"):
        hooks.register("watchlist", "second", order=200)
    assert hooks.hooks() == ["first"]


def test_two_hooks_at_the_same_position_are_an_error() -> None:
    hooks = point()
    hooks.register("a", "A", order=100)
    with pytest.raises(HookError, match="both ask for order 100"):
        hooks.register("b", "B", order=100)


def test_a_hook_point_is_declared_once_in_the_one_registry() -> None:
    hooks = point()
    assert hook_points()[hooks.name] is hooks
    with pytest.raises(HookError, match="declared twice"):
        HookPoint(hooks.name)


def test_a_temporary_hook_is_gone_after_the_block_even_when_it_fails() -> None:
    hooks = point()
    hooks.register("a", "A", order=100)
    with hooks.temporarily("b", "B", order=50):
        assert hooks.hooks() == ["B", "A"]
    assert hooks.hooks() == ["A"]
    with pytest.raises(RuntimeError), hooks.temporarily("b", "B", order=50):
        raise RuntimeError
    assert hooks.names() == ["a"]


def test_a_temporary_replacement_keeps_the_position_and_then_the_original_is_back() -> None:
    hooks = point()
    hooks.register("a", "A", order=100)
    hooks.register("b", "B", order=200)
    with hooks.temporarily("a", "fake A"):
        assert hooks.hooks() == ["fake A", "B"]
    assert hooks.hooks() == ["A", "B"]
    with pytest.raises(HookError, match="needs an order"):  # noqa: SIM117
        with hooks.temporarily("new", "N"):
            pass
    assert hooks.hooks() == ["A", "B"]


def test_suspended_hooks_are_back_after_the_block() -> None:
    hooks = point()
    hooks.register("a", "A", order=100)
    hooks.register("b", "B", order=200)
    with hooks.suspended("a"):
        assert hooks.hooks() == ["B"]
    with hooks.suspended():
        assert hooks.hooks() == []
    assert hooks.hooks() == ["A", "B"]

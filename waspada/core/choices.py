"""Choice lists of the models and forms that mirror a list of the pure domain."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured


def mirror(
    name: str, choices: Iterable[str], domain: Iterable[str], *, ordered: bool = False
) -> None:
    """Refuse to start when a Django choice list no longer matches the domain's list.

    A plain `assert` would vanish under `python -O`; a drift between what the forms offer
    and what the domain rules know must stop the program, not corrupt data.
    """
    ours, theirs = list(choices), list(domain)
    same = ours == theirs if ordered else set(ours) == set(theirs)
    if not same:
        raise ImproperlyConfigured(
            f"{name} no longer matches the domain's list: {sorted(set(ours) ^ set(theirs))}"
        )

from __future__ import annotations

from collections.abc import Iterator

import pytest

from waspada.screening import providers
from waspada.watchlists.providers import BrokerProvider, IdentityProvider, WatchlistProvider


@pytest.fixture(autouse=True)
def watchlist_providers() -> Iterator[None]:
    """Our providers registered (another app's test may have replaced one)."""
    providers.register(WatchlistProvider())
    providers.register(BrokerProvider())
    providers.register(IdentityProvider())
    yield
    # All three stay registered, as in production (WatchlistsConfig.ready).

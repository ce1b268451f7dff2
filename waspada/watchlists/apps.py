from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WatchlistsConfig(AppConfig):
    name = "waspada.watchlists"
    label = "watchlists"
    verbose_name = _("Watchlists")

    def ready(self) -> None:
        from waspada.screening.providers import register
        from waspada.watchlists.providers import (
            BrokerProvider,
            IdentityProvider,
            WatchlistProvider,
        )

        register(WatchlistProvider())
        register(BrokerProvider())
        register(IdentityProvider())  # D12: the same person under another NIK

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WatchlistsConfig(AppConfig):
    name = "waspada.watchlists"
    label = "watchlists"
    verbose_name = _("Watchlists")

    def ready(self) -> None:
        from waspada.applications.hooks import DETAIL_PANELS
        from waspada.core.hooks import Panel
        from waspada.screening.providers import REGISTRIES, register
        from waspada.watchlists.providers import (
            BrokerProvider,
            IdentityProvider,
            WatchlistProvider,
        )
        from waspada.watchlists.registry import WatchlistRegistry

        register(WatchlistProvider(), order=100)  # D14
        register(BrokerProvider(), order=110)  # D17
        register(IdentityProvider(), order=120)  # D12: the same person under another NIK
        REGISTRIES.register("watchlists", WatchlistRegistry(), order=200)
        # Right under the assessment, whose D14 and D12 these matches explain.
        DETAIL_PANELS.register(
            "watchlists", Panel("watchlists/_application_matches.html"), order=200
        )

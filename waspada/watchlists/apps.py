from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WatchlistsConfig(AppConfig):
    name = "waspada.watchlists"
    label = "watchlists"
    verbose_name = _("Watchlists")

    def ready(self) -> None:
        from waspada.screening.providers import register
        from waspada.watchlists.providers import BrokerProvider, WatchlistProvider

        register(WatchlistProvider())
        register(BrokerProvider())
        # IdentityProvider ("identity", D12) is ready but not registered yet: the test
        # factories give every applicant the same name, birth date and place under
        # different NIKs, so it would flag every test application (see the issue report).

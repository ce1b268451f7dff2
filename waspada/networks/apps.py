from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "waspada.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from waspada.networks.providers import RingProvider
        from waspada.screening.providers import register

        register(RingProvider())

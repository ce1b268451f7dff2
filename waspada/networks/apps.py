from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "waspada.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from waspada.applications.hooks import APPLICATIONS_SAVED
        from waspada.networks.providers import RingProvider
        from waspada.networks.services import link_saved_applications
        from waspada.screening.providers import register

        register(RingProvider(), order=200)  # D18
        # After screening (order 100): a new application is assessed first, then
        # re-assessed only if joining a risky ring changed its D18 facts.
        APPLICATIONS_SAVED.register("networks", link_saved_applications, order=200)

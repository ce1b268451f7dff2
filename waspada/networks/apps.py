from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "waspada.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from waspada.applications.hooks import on_applications_saved
        from waspada.networks.providers import RingProvider
        from waspada.networks.services import link_saved_applications
        from waspada.screening.providers import register

        register(RingProvider())
        # After screening's hook (INSTALLED_APPS order): a new application is assessed
        # first, then re-assessed only if joining a risky ring changed its D18 facts.
        on_applications_saved(link_saved_applications)

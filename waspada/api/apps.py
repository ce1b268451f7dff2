from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "waspada.api"
    label = "api"
    verbose_name = _("Partner API")

    def ready(self) -> None:
        from waspada.api import webhooks
        from waspada.partners.events import PARTNER_EVENTS

        PARTNER_EVENTS.register("webhooks", webhooks.record, order=100)

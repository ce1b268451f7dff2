from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "waspada.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from waspada.applications.workqueues import home_queues
        from waspada.core.workqueues import HOME_QUEUES

        HOME_QUEUES.register("applications", home_queues, order=100)

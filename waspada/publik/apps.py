from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublikConfig(AppConfig):
    name = "waspada.publik"
    label = "publik"
    verbose_name = _("Public side and campaigns")

    def ready(self) -> None:
        from waspada.core.navigation import NAV_COUNTS
        from waspada.publik.queries import new_report_count

        NAV_COUNTS.register("public_report_queue", new_report_count, order=500)

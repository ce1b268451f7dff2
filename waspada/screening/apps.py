from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "waspada.screening"
    label = "screening"
    verbose_name = _("Screening")

    def ready(self) -> None:
        from waspada.applications.hooks import on_applications_saved
        from waspada.screening.services import screen_saved_applications

        on_applications_saved(screen_saved_applications)

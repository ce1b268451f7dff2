from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "waspada.screening"
    label = "screening"
    verbose_name = _("Screening")

    def ready(self) -> None:
        from waspada.applications.hooks import APPLICATIONS_SAVED, DETAIL_PANELS
        from waspada.core.hooks import Panel
        from waspada.screening.services import screen_saved_applications

        # First after a save: everything else (rings, ...) reads the new assessment.
        APPLICATIONS_SAVED.register("screening", screen_saved_applications, order=100)
        # The assessment heads the application page: it says what to look at.
        DETAIL_PANELS.register("assessment", Panel("screening/_assessment_panel.html"), order=100)

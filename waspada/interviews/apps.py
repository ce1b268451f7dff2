from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "waspada.interviews"
    label = "interviews"
    verbose_name = _("Interviews")

    def ready(self) -> None:
        from waspada.applications.hooks import DETAIL_PANELS
        from waspada.core.hooks import Panel
        from waspada.core.workqueues import HOME_QUEUES
        from waspada.interviews.providers import InterviewProvider
        from waspada.interviews.workqueues import home_queues
        from waspada.screening.providers import register

        # D16, D19, D20, D23, D24 and U01-U10: what the interviews found.
        register(InterviewProvider(), order=300)
        # After the decisions panel: the interview is where a decision is prepared.
        DETAIL_PANELS.register("interviews", Panel("interviews/_application_panel.html"), order=400)
        HOME_QUEUES.register("interviews", home_queues, order=200)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "waspada.interviews"
    label = "interviews"
    verbose_name = _("Interviews")

    def ready(self) -> None:
        from waspada.interviews.providers import InterviewProvider
        from waspada.screening.providers import register

        # D16, D19, D20, D23, D24 and U01-U10: what the interviews found.
        register(InterviewProvider())

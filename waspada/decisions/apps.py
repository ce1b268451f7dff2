from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "waspada.decisions"
    label = "decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        from waspada.applications.hooks import DETAIL_PANELS
        from waspada.core.hooks import Panel
        from waspada.core.workqueues import HOME_QUEUES
        from waspada.decisions.workqueues import home_queues

        # The person's earlier decisions right under the assessment: a refusal last
        # year weighs like an indicator.
        DETAIL_PANELS.register(
            "earlier_decisions", Panel("decisions/_earlier_decisions.html"), order=150
        )
        DETAIL_PANELS.register("decisions", Panel("decisions/_application_panel.html"), order=300)
        HOME_QUEUES.register("decisions", home_queues, order=300)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "waspada.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from waspada.applications.hooks import LIST_FILTERS
        from waspada.reports.drilldown import DrillDownFilter

        # What the dashboard's figures link with: decisions, interviews, rings, referrals.
        LIST_FILTERS.register("drilldown", DrillDownFilter(), order=100)

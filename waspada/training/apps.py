from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "waspada.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from waspada.core.navigation import NAVIGATION, NavEntry
        from waspada.core.policy import Action
        from waspada.screening.hooks import POLICY_PUBLISHED
        from waspada.training.services import assign_refreshers

        # A new policy version: a refresher on the indicators it changed.
        POLICY_PUBLISHED.register("training_refreshers", assign_refreshers, order=100)
        NAVIGATION.append(
            NavEntry(
                "training_home",
                _("Training"),
                _(
                    "Modules on the indicators, exercises from the office's own cases, "
                    "the interview simulator and your certificates."
                ),
                Action.TAKE_TRAINING,
            )
        )
        NAVIGATION.append(
            NavEntry(
                "training_readiness",
                _("Readiness"),
                _("Who is certified, expiring or overdue; scores per family of indicators."),
                Action.VIEW_READINESS,
            )
        )

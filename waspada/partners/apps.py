from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "waspada.partners"
    label = "partners"
    verbose_name = _("Partner agencies")

    def ready(self) -> None:
        from waspada.core.hooks import Panel
        from waspada.networks.hooks import RING_CARRIERS, RING_PANELS
        from waspada.partners.rings import ReferralCarrier

        RING_CARRIERS.register("referrals", ReferralCarrier(), order=100)
        RING_PANELS.register("referrals", Panel("partners/_ring_referrals.html"), order=100)

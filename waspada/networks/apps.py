from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "waspada.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from waspada.applications.hooks import APPLICATIONS_SAVED
        from waspada.core.navigation import NAV_COUNTS
        from waspada.core.workqueues import HOME_QUEUES
        from waspada.networks.providers import RecruiterProvider, RingProvider
        from waspada.networks.services import link_saved_applications
        from waspada.networks.verification import (
            NOTE_RENDERINGS,
            OrganiserRegistry,
            open_count,
            open_recruiter_verifications,
        )
        from waspada.networks.workqueues import home_queues
        from waspada.screening.providers import NOTE_TEXTS, REGISTRIES, register

        register(RingProvider(), order=200)  # D18
        register(RecruiterProvider(), order=210)  # D21
        REGISTRIES.register("organisers", OrganiserRegistry(), order=100)
        for order, (code, render) in enumerate(NOTE_RENDERINGS.items(), start=200):
            NOTE_TEXTS.register(code, render, order=order)
        # After screening (order 100): an application naming a recruiter the registry does
        # not know, and with no D21 of its own, opens (or joins) a verification task.
        APPLICATIONS_SAVED.register("verification", open_recruiter_verifications, order=150)
        # After screening too: a new application is assessed first, then re-assessed only
        # if joining a risky ring changed its D18 facts.
        APPLICATIONS_SAVED.register("networks", link_saved_applications, order=200)
        NAV_COUNTS.register("verification_list", open_count, order=100)
        HOME_QUEUES.register("verifications", home_queues, order=400)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "waspada.partners"
    label = "partners"
    verbose_name = _("Partner agencies")

    def ready(self) -> None:
        from waspada.applications.hooks import APPLICATIONS_SAVED, DETAIL_PANELS
        from waspada.core.hooks import Panel
        from waspada.core.navigation import HOME_PANELS, NAV_COUNTS
        from waspada.core.policy import register_partner_kinds
        from waspada.core.workqueues import HOME_QUEUES
        from waspada.networks.hooks import RING_CARRIERS, RING_PANELS
        from waspada.partners import alerts, nik_verifications
        from waspada.partners.models import AgencyKind
        from waspada.partners.recommendations import (
            NOTE_RENDERINGS,
            RecommendationProvider,
            RecommendationRegistry,
            open_requests,
            queue_count,
        )
        from waspada.partners.rings import ReferralCarrier
        from waspada.partners.scopes import KIND_ACTIONS
        from waspada.partners.workqueues import home_queues
        from waspada.screening.providers import NOTE_TEXTS, REGISTRIES, register

        register_partner_kinds(KIND_ACTIONS, dict(AgencyKind.choices))
        RING_CARRIERS.register("referrals", ReferralCarrier(), order=100)
        RING_PANELS.register("referrals", Panel("partners/_ring_referrals.html"), order=100)
        RING_PANELS.register("police_alert", Panel("partners/_ring_police_alert.html"), order=110)
        DETAIL_PANELS.register(
            "person_referrals", Panel("partners/_application_person_referrals.html"), order=500
        )
        register(RecommendationProvider(), order=400)  # D03
        # D12: Dukcapil's answers, joined to the identity duplicates of the watchlists.
        register(nik_verifications.IdentityAnswers(), order=410, key="identity_dukcapil")
        REGISTRIES.register("disnaker_recommendations", RecommendationRegistry(), order=300)
        renderings = {**NOTE_RENDERINGS, **nik_verifications.NOTE_RENDERINGS}
        for order, (code, render) in enumerate(renderings.items(), start=300):
            NOTE_TEXTS.register(code, render, order=order)
        # After screening (order 100): a number nobody knows opens (or joins) a request.
        APPLICATIONS_SAVED.register("recommendation_requests", open_requests, order=160)
        # After screening: identity contradictions (D12, D13) are verified with Dukcapil.
        APPLICATIONS_SAVED.register(
            "nik_verifications", nik_verifications.ask_for_contradictions, order=170
        )
        NAV_COUNTS.register("disnaker_home", queue_count, order=300)
        HOME_QUEUES.register("partner_answers", home_queues, order=500)
        NAV_COUNTS.register("nik_verification_list", nik_verifications.queue_count, order=310)
        NAV_COUNTS.register("submission_queue", alerts.pending_count, order=320)
        HOME_PANELS.register(
            "partner_open_items", Panel("partners/_home_open_items.html"), order=100
        )
        HOME_PANELS.register(
            "expiring_agreements", Panel("partners/_home_expiring_agreements.html"), order=200
        )
        DETAIL_PANELS.register(
            "police_alert", Panel("partners/_application_police_alert.html"), order=505
        )
        DETAIL_PANELS.register("brokers", Panel("partners/_application_brokers.html"), order=506)
        DETAIL_PANELS.register(
            "nik_verifications", Panel("partners/_application_nik_verifications.html"), order=510
        )

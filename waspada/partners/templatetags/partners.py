"""The partners' panels on the ring page and the application page."""

from __future__ import annotations

from typing import Any

from django import template

from waspada.applications.models import PassportApplication
from waspada.core.policy import Action, can
from waspada.networks.models import RingCluster
from waspada.partners.forms import ReferralForm
from waspada.partners.person_referrals import receiving_agencies

register = template.Library()


@register.simple_tag(takes_context=True)
def ring_referrals(context: Any, ring: RingCluster, current: bool) -> dict[str, Any]:
    """`{% ring_referrals ring current as panel %}`: the ring's referrals and, for who may
    refer a ring of the current run, the form (with its errors after a failed post)."""
    user = getattr(context.get("request"), "user", None)
    can_refer = current and can(user, Action.REFER_NETWORKS, ring)
    form = context.get("referral_form") or (ReferralForm(ring=ring) if can_refer else None)
    return {
        "referrals": ring.referrals.select_related("agency", "referred_by").order_by(
            "-referred_at"
        ),
        "can_refer": can_refer,
        "form": form,
        "letters": can(user, Action.VIEW_REFERRAL_REGISTER),
    }


@register.simple_tag(takes_context=True)
def person_referrals(context: Any, application: PassportApplication) -> dict[str, Any]:
    """`{% person_referrals application as panel %}`: the applicant's referrals to victim
    services for who follows the register, and whether the user may refer (and to whom)."""
    user = getattr(context.get("request"), "user", None)
    can_refer = can(user, Action.REFER_PERSONS, application)
    visible = can_refer or can(user, Action.VIEW_REFERRAL_REGISTER)
    return {
        "visible": visible,
        "referrals": (
            application.person_referrals.select_related("agency").order_by("-referred_at")
            if visible
            else []
        ),
        "can_refer": can_refer,
        "has_agencies": can_refer and receiving_agencies().exists(),
    }

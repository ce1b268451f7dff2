"""The partners' panel on the ring page."""

from __future__ import annotations

from typing import Any

from django import template

from waspada.core.policy import Action, can
from waspada.networks.models import RingCluster
from waspada.partners.forms import ReferralForm

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
    }

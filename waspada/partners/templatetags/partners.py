"""The partners' panels on the ring page and the application page."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from waspada.applications.models import PassportApplication
from waspada.core.policy import Action, can
from waspada.core.roles import Role
from waspada.networks.models import RingCluster
from waspada.partners import agreements, alerts, services
from waspada.partners.forms import AlertForm, NikRequestForm, ReferralForm
from waspada.partners.home import partner_home
from waspada.partners.person_referrals import receiving_agencies

register = template.Library()

# The head of office's home page warns of agreements ending within this many days.
HOME_EXPIRY_DAYS = 30


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


@register.simple_tag(takes_context=True)
def nik_verifications(context: Any, application: PassportApplication) -> dict[str, Any]:
    """`{% nik_verifications application as panel %}`: Dukcapil's answers about the
    application's identity, and whether the user may ask (again)."""
    user = getattr(context.get("request"), "user", None)
    may_ask = can(user, Action.REQUEST_NIK_VERIFICATION)
    may_open = can(user, Action.VIEW_NIK_VERIFICATIONS)
    items = list(
        application.nik_verifications.select_related("answered_by").order_by("-opened_at", "-id")
    )
    return {
        "visible": may_ask or may_open or bool(items),
        "items": items,
        "open": any(item.is_open for item in items),
        "may_ask": may_ask,
        "may_open": may_open,
        "form": NikRequestForm(),
    }


@register.simple_tag(takes_context=True)
def partner_home_panel(context: Any) -> dict[str, Any] | None:
    """`{% partner_home_panel as home %}`: a partner user's open items (None for the office)."""
    return partner_home(getattr(context.get("request"), "user", None))


@register.simple_tag(takes_context=True)
def expiring_agreements_panel(context: Any) -> dict[str, Any] | None:
    """`{% expiring_agreements_panel as panel %}`: for the head of office (and the
    administrator who records agreements), the agreements ending within 30 days."""
    user = getattr(context.get("request"), "user", None)
    if getattr(user, "role", None) not in (Role.HEAD_OF_OFFICE, Role.ADMIN):
        return None
    return {
        "expiring": agreements.expiring(HOME_EXPIRY_DAYS),
        "warning_days": HOME_EXPIRY_DAYS,
    }


@register.simple_tag(takes_context=True)
def police_alert(
    context: Any, application: PassportApplication | None = None, ring: RingCluster | None = None
) -> dict[str, Any] | None:
    """`{% police_alert application=... as panel %}` (or `ring=...`): for a supervisor, the
    form alerting a police unit about a wanted-person match or a risky ring, or why not;
    and the alerts sent. None when there is nothing to alert about."""
    user = getattr(context.get("request"), "user", None)
    if not can(user, Action.SEND_ALERTS):
        return None
    if application is not None:
        if not alerts.wanted_matches(application).exists():
            return None
        sent = application.police_alerts.select_related("agency")
        action = reverse("alert_application", args=[application.application_no])
    elif ring is not None and ring.risky:
        sent = ring.police_alerts.select_related("agency")
        action = reverse("alert_ring", args=[ring.pk])
    else:
        return None
    return {"form": AlertForm(), "sent": sent.order_by("-sent_at"), "action": action}


@register.simple_tag(takes_context=True)
def broker_panel(context: Any, application: PassportApplication) -> dict[str, Any] | None:
    """`{% broker_panel application as panel %}`: for a supervisor, the brokers the
    application names (on the office's watchlist? referred?), and whether a police unit
    may receive a referral. None for other roles, or when it names no broker."""
    user = getattr(context.get("request"), "user", None)
    if not (can(user, Action.MANAGE_WATCHLISTS) and can(user, Action.SEND_ALERTS)):
        return None
    rows = services.broker_rows(application)
    if not rows:
        return None
    return {"rows": rows, "has_police": alerts.police_units().exists()}

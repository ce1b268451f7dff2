from __future__ import annotations

from typing import Any

from django import template
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext

from waspada.applications.models import PassportApplication
from waspada.core.policy import Action, can
from waspada.watchlists.brokers import named_brokers
from waspada.watchlists.explain import render_reasons
from waspada.watchlists.models import IdentityDuplicate, Watchlist, WatchlistMatch
from waspada.watchlists.registry import any_entry_in_force

register = template.Library()


@register.simple_tag(takes_context=True)
def watchlist_panel(context: dict[str, Any], application: PassportApplication) -> dict[str, Any]:
    """`{% watchlist_panel application as panel %}`: the application's matches, explained."""
    language = get_language() or "id"
    matches = list(
        WatchlistMatch.objects.filter(application=application)
        .select_related("entry__watchlist", "reviewed_by")
        .order_by("state", "-score", "pk")
    )
    duplicates = list(
        IdentityDuplicate.objects.filter(applicant_id=application.applicant_id).select_related(
            "other"
        )
    )
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "matches": [
            {"match": match, "reasons": render_reasons(match.explanation, language)}
            for match in matches
        ],
        "duplicates": duplicates,
        "can_review": can(user, Action.REVIEW_MATCHES),
        # "No match" means little while no list holds an entry: the page says so plainly.
        "loaded": bool(matches) or any_entry_in_force(),
        "brokers": _brokers(application) if can(user, Action.MANAGE_WATCHLISTS) else [],
        "watchlists": (
            list(Watchlist.objects.filter(active=True).order_by("name"))
            if can(user, Action.MANAGE_WATCHLISTS)
            else []
        ),
    }


def _brokers(application: PassportApplication) -> list[dict[str, str]]:
    """The people an application names who may be brokers (sponsor, recruiter, companion),
    as the prefill of a watchlist entry."""
    note = gettext("Named as %(role)s in application %(number)s.")
    return [
        {
            "role": broker.role_label,
            "name": broker.name,
            "query": urlencode(
                {
                    "external_id": broker.external_id(application),
                    "full_name": broker.name,
                    "phone": broker.phone,
                    "note": note
                    % {"role": broker.role_label, "number": application.application_no},
                }
            ),
        }
        for broker in named_brokers(application)
    ]


@register.filter
def reasons(explanation: list[dict[str, Any]]) -> list[str]:
    return render_reasons(explanation, get_language() or "id")

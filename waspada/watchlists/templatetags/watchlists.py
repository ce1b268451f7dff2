from __future__ import annotations

from typing import Any

from django import template
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from waspada.applications.models import PassportApplication
from waspada.core.policy import Action, can
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
    found = []
    for role, name, phone, label in (
        ("sponsor", application.sponsor_name, application.sponsor_phone, _("sponsor")),
        ("recruiter", application.recruiter_name, "", _("recruiter")),
        ("companion", application.companion_name, application.companion_phone, _("companion")),
    ):
        if name.strip():
            found.append(
                {
                    "role": str(label),
                    "name": name,
                    "query": urlencode(
                        {
                            "external_id": f"{application.application_no}-{role}",
                            "full_name": name,
                            "phone": phone,
                            "note": note % {"role": label, "number": application.application_no},
                        }
                    ),
                }
            )
    return found


@register.filter
def reasons(explanation: list[dict[str, Any]]) -> list[str]:
    return render_reasons(explanation, get_language() or "id")

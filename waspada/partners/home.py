"""What a partner user finds on their home page: their agency's open items (requests to
answer, referrals, alerts) with how many and how old the oldest is, each with the page to
work on them; for the kinds that receive no personal data (other local governments), the
office's figures as aggregate statistics only. Plain functions: the pages and the API
call them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from waspada.applications.models import PassportApplication
from waspada.core.policy import Action, can, scope
from waspada.core.roles import Role
from waspada.partners.models import (
    PERSON_OPEN,
    AgencyKind,
    AlertStatus,
    CaseReferral,
    NikResult,
    NikVerification,
    PersonReferral,
    PoliceAlert,
    RecommendationRequest,
    Referral,
    ReferralStatus,
    RequestState,
)


@dataclass(frozen=True)
class OpenItems:
    """One kind of open item of the agency."""

    key: str
    label: str | Promise
    count: int
    oldest_days: int | None  # the age of the oldest, in days (None: nothing open)
    url: str


@dataclass(frozen=True)
class Source:
    key: str
    label: str | Promise
    action: Action
    rows: Callable[[], QuerySet[Any]]  # every row of the kind
    open_filter: dict[str, Any]
    since: str  # the field the age counts from
    url_name: str


SOURCES: list[Source] = [
    Source(
        "recommendation_requests",
        _("Recommendation verification requests to answer"),
        Action.ANSWER_RECOMMENDATION_REQUESTS,
        RecommendationRequest.objects.all,
        {"state": RequestState.OPEN},
        "opened_at",
        "disnaker_home",
    ),
    Source(
        "nik_verifications",
        _("NIK verification requests to answer"),
        Action.ANSWER_NIK_VERIFICATIONS,
        NikVerification.objects.all,
        {"result": NikResult.OPEN},
        "opened_at",
        "nik_verification_list",
    ),
    Source(
        "ring_referrals",
        _("Rings referred, still open"),
        Action.VIEW_REFERRALS,
        Referral.objects.all,
        {"status__in": [ReferralStatus.SENT, ReferralStatus.ACCEPTED]},
        "referred_at",
        "referral_list",
    ),
    Source(
        "case_referrals",
        _("Reports from the public referred, still open"),
        Action.VIEW_REFERRALS,
        CaseReferral.objects.all,
        {"status__in": [ReferralStatus.SENT, ReferralStatus.ACCEPTED]},
        "referred_at",
        "case_referral_list",
    ),
    Source(
        "alerts",
        _("Alerts not yet acknowledged"),
        Action.VIEW_ALERTS,
        PoliceAlert.objects.all,
        {"status": AlertStatus.SENT},
        "sent_at",
        "alert_list",
    ),
    Source(
        "person_referrals",
        _("Persons referred, still open"),
        Action.VIEW_PERSON_REFERRALS,
        PersonReferral.objects.all,
        {"status__in": list(PERSON_OPEN)},
        "referred_at",
        "person_referral_list",
    ),
]


def open_items(user: Any) -> list[OpenItems]:
    """The open items of the user's agency, one line per kind its users may work on."""
    now = timezone.now()
    found = []
    for source in SOURCES:
        if not can(user, source.action):
            continue
        rows = scope(user, source.action, source.rows()).filter(**source.open_filter)
        figures = rows.aggregate(count=Count("pk"), oldest=Min(source.since))
        oldest = figures["oldest"]
        found.append(
            OpenItems(
                source.key,
                source.label,
                figures["count"],
                (now - oldest).days if oldest is not None else None,
                reverse(source.url_name),
            )
        )
    return found


def aggregate_statistics(days: int = 365) -> dict[str, Any]:
    """The office's figures over the last `days` days, counts only (for agencies that may
    see no person: other local governments)."""
    since = timezone.localdate() - dt.timedelta(days=days)
    apps = PassportApplication.objects.filter(submitted_on__gte=since)
    levels = dict(
        apps.exclude(risk_level="").values_list("risk_level").annotate(n=Count("pk")).order_by()
    )
    return {
        "since": since,
        "applications": apps.count(),
        "high_risk": levels.get("high", 0),
        "rings_referred": Referral.objects.filter(referred_at__date__gte=since).count(),
        "persons_referred": PersonReferral.objects.filter(referred_at__date__gte=since).count(),
    }


def partner_home(user: Any) -> dict[str, Any] | None:
    """What a partner user's home shows (None for the office's users)."""
    if getattr(user, "role", None) != Role.PARTNER or getattr(user, "agency_id", None) is None:
        return None
    items = open_items(user)
    return {
        "agency": user.agency,
        "items": items,
        # Other local governments see no person: the office's figures only.
        "statistics": aggregate_statistics()
        if user.agency.kind == AgencyKind.LOCAL_GOVERNMENT
        else None,
    }
